"""Shared helpers for the golden-file generators.

Every generator in this folder runs with PyTorch only (Debian: apt-get install python3-torch) and
writes one JSON file next to itself. The C# tests read those files; CI never needs Python.
Regenerate with:  python3 tests/golden/<generator>.py
"""
import json
import math
import os

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

DTYPES = {
    torch.bool: "Bool", torch.uint8: "UInt8", torch.int32: "Int32",
    torch.int64: "Int64", torch.float32: "Float32", torch.float64: "Float64",
}


def number(v):
    """A JSON-safe scalar: NaN and infinities become strings."""
    if isinstance(v, bool):
        return v
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    return v


def tensor(t):
    """A tensor as {dtype, shape, data}: data is the flat row-major list of values."""
    t = t.detach()
    return {
        "dtype": DTYPES[t.dtype],
        "shape": list(t.shape),
        "data": [number(v) for v in t.contiguous().reshape(-1).tolist()],
    }


def write(name, generator, cases):
    """Writes NAME.json with the PyTorch version that produced it."""
    path = os.path.join(HERE, name + ".json")
    doc = {
        "torch_version": torch.__version__,
        "generator": "tests/golden/" + generator,
        "cases": cases,
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {path}: {len(cases)} cases (torch {torch.__version__})")


def subscript(items, index_tensor):
    """A PyTorch subscript from its JSON items ({int}, {slice}, {none}, {ellipsis}); any other item is
    an index tensor, built by index_tensor(item)."""
    special = {"none": None, "ellipsis": Ellipsis}
    out = []
    for it in items:
        if "int" in it:
            out.append(it["int"])
        elif "slice" in it:
            out.append(slice(*it["slice"]))
        elif any(key in it for key in special):
            out.append(next(special[key] for key in special if key in it))
        else:
            out.append(index_tensor(it))
    return tuple(out)

