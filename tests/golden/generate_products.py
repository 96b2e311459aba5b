"""Golden cases for matrix products and matrix helpers (issue 4).

Replayed by tests/Nabla.Tests/ProductTests.cs (group "product"), ProductErrorTests.cs (group
"error") and ProductGradTests.cs (group "grad"). A case is
  {name, group, op, inputs, args, expected | error, k?, magnitude?, grad_fn?, grad_output?, grads?}
An input is a tensor (common.tensor) with an optional "view": a list of steps applied in order to
the stored base, rebuilt the same way in C#:
  ["T"]                      t.transpose(-2, -1)     ["transpose", d0, d1]   t.transpose(d0, d1)
  ["step", dim, step]        t[:, ..., ::step] on dim ["narrow", dim, start, length]
  ["expand", [sizes]]        t.expand(sizes)         ["permute", [dims]]     t.permute(dims)
  ["select", dim, index]     t.select(dim, index)
A large input has "generated": {seed, positive} instead of "data" (see generated() for the formula).
Ops and their args:
  matmul {method?: true for a.matmul(b)}  mm  bmm  mv  dot  outer
  tensordot {dims: int | [[dims_a], [dims_b]]}    einsum {equation}
  diagonal {offset, dim1, dim2}  diag {offset}  trace  tril {diagonal}  triu {diagonal}
Floating results carry "k" (the length of the longest sum behind one output element) and
"magnitude" (the largest element of the same op on |inputs| in float64): two correct
implementations may differ by up to about 2·k·eps·magnitude, so the replay's tolerance scales with
k; and "exact" when any correct implementation gives PyTorch's bits (copies, and integer-valued
inputs whose sums stay far below 2^24 in float32 or 2^53 in float64).
Error cases carry PyTorch's message, its exception class ("kind": RuntimeError | IndexError) and
"fragments": the parts of PyTorch's message that Nabla's message must contain too.
Grad cases carry "grad_output" and "grads" (one per input: d(sum(out * grad_output))/d(base input)
from torch.autograd.grad, or null for an input that does not require grad), and PyTorch's grad_fn.
Run with Debian's PyTorch: /usr/bin/python3 tests/golden/generate_products.py
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DTYPES, tensor, write  # noqa: E402

D = {v: k for k, v in DTYPES.items()}  # "Float32" -> torch.float32
DT4 = ["Float32", "Float64", "Int32", "Int64"]
FLOATS = ["Float32", "Float64"]
cases = []
names = set()
gen = torch.Generator().manual_seed(4)

# ----------------------------------------------------------------------------- inputs


def data(shape, dtype="Float32"):
    """
    Deterministic values. Integers in [-9, 9]; floats are multiples of 2^-12 of about unit size
    (their products need up to 28 bits, so float32 sums round).
    """
    d = D[dtype]
    if d == torch.bool:
        return torch.randint(0, 2, shape, generator=gen).bool()
    if not d.is_floating_point:
        return torch.randint(-9, 10, shape, generator=gen).to(d)
    t = torch.randn(shape, generator=gen, dtype=torch.float64)
    return ((t * 4096).round() / 4096).to(d)


GENERATED = {}  # id(tensor) -> how the replay regenerates it


def generated(shape, dtype="Float32", seed=0, positive=False, integers=False):
    """
    A large input that the JSON describes by its formula instead of its values: element i (row-major)
    is h = (i * 2654435761 + seed * 97531) mod 2^32, then ((h >> 7) mod 65521 - 32760) / 8192, or
    ((h >> 7) mod 32768) / 8192 when positive: multiples of 2^-13 below 4 in size, exact in float32,
    whose products need up to 34 bits (so float32 sums round); or with integers, (h >> 7) mod 19 - 9
    (whose sums stay exact). The replay computes the same values.
    """
    i = torch.arange(math.prod(shape), dtype=torch.int64)
    h = (i * 2654435761 + seed * 97531) % 2 ** 32
    if integers:
        v = (h >> 7) % 19 - 9
    else:
        v = ((h >> 7) % 32768) if positive else ((h >> 7) % 65521 - 32760)
    t = (v.double() / (1 if integers else 8192)).reshape(shape).to(D[dtype])
    GENERATED[id(t)] = (t, {"seed": seed, "positive": positive, "integers": integers})
    return t


class V:
    """A tensor input: a stored base and the view steps that make the operand from it."""

    def __init__(self, base, *steps):
        self.base, self.steps = base, [list(s) for s in steps]

    def value(self, base=None):
        t = self.base if base is None else base
        for s in self.steps:
            if s[0] == "T":
                t = t.transpose(-2, -1)
            elif s[0] == "transpose":
                t = t.transpose(s[1], s[2])
            elif s[0] == "step":
                t = t[(slice(None),) * s[1] + (slice(None, None, s[2]),)]
            elif s[0] == "narrow":
                t = t.narrow(s[1], s[2], s[3])
            elif s[0] == "expand":
                t = t.expand(s[1])
            elif s[0] == "permute":
                t = t.permute(s[1])
            elif s[0] == "select":
                t = t.select(s[1], s[2])
            else:
                raise ValueError(s)
        return t

    def json(self):
        if id(self.base) in GENERATED:
            j = {"dtype": DTYPES[self.base.dtype], "shape": list(self.base.shape), "generated": GENERATED[id(self.base)][1]}
        else:
            j = tensor(self.base)
        if self.steps:
            j["view"] = self.steps
        return j


def wrap(x):
    return x if isinstance(x, V) else V(x)


# ----------------------------------------------------------------------------- ops


def call(op, vals, args):
    if op == "matmul":
        return vals[0].matmul(vals[1]) if args.get("method") else torch.matmul(*vals)
    if op in ("mm", "bmm", "mv", "dot", "outer", "trace"):
        return getattr(torch, op)(*vals)
    if op == "tensordot":
        return torch.tensordot(*vals, dims=args["dims"])
    if op == "einsum":
        return torch.einsum(args["equation"], *vals)
    if op == "diagonal":
        return torch.diagonal(vals[0], args["offset"], args["dim1"], args["dim2"])
    if op == "diag":
        return torch.diag(vals[0], args["offset"])
    if op in ("tril", "triu"):
        return getattr(torch, op)(vals[0], args["diagonal"])
    raise ValueError(op)


def inner_size(op, vals, args):
    """The length of the longest sum behind one output element (1 for copies)."""
    if op == "matmul" or op == "mm" or op == "bmm" or op == "mv" or op == "dot":
        return vals[0].shape[-1]
    if op == "tensordot":
        dims = args["dims"]
        a = vals[0]
        picked = range(a.dim() - dims, a.dim()) if isinstance(dims, int) else dims[0]
        return math.prod(a.shape[d] for d in picked)
    if op == "einsum":
        eq = args["equation"].replace(" ", "")
        lhs, rhs = eq.split("->") if "->" in eq else (eq, None)
        terms = lhs.split(",")
        if rhs is None:
            rhs = "".join(c for c in sorted(set(lhs) - {","}) if lhs.count(c) == 1)
        sizes = {}
        for term, v in zip(terms, vals):
            for c, s in zip(term, v.shape):
                sizes[c] = s
        return math.prod(s for c, s in sizes.items() if c not in rhs)
    if op == "trace":
        return min(vals[0].shape)
    return 1


def add(group, name, op, inputs, args=None, fragments=None, **extra):
    assert name not in names, name
    names.add(name)
    inputs = [wrap(x) for x in inputs]
    args = args or {}
    vals = [x.value() for x in inputs]
    case = {"name": name, "group": group, "op": op, "inputs": [x.json() for x in inputs], "args": args}
    try:
        result = call(op, vals, args)
    except (RuntimeError, IndexError) as e:
        message = str(e).splitlines()[0]
        assert group == "error", f"{name}: PyTorch raised {message}"
        case["error"], case["kind"] = message, type(e).__name__
        case["fragments"] = fragments if fragments is not None else [message]
        for f in case["fragments"]:
            assert f in message, (name, f, message)
        case.update(extra)
        cases.append(case)
        return
    assert group != "error", f"{name}: PyTorch did not raise"
    case["expected"] = tensor(result)
    if result.dtype.is_floating_point:
        case["k"] = inner_size(op, vals, args)
        mags = call(op, [x.value(x.base.abs().double()) for x in inputs], args)
        case["magnitude"] = mags.abs().max().item() if mags.numel() > 0 else 0.0
        # Exact whatever the summation order: a copy, or integer values whose every partial sum stays
        # below 2^24 (float32) or 2^53 (float64). With one or two operands no partial sum exceeds
        # the magnitude; a chain of three leaves a margin of 2^4 for its intermediate products.
        integral = all(x.base.dtype == torch.bool or bool((x.base == x.base.round()).all()) for x in inputs)
        limit = 2.0 ** ((24 if result.dtype == torch.float32 else 53) - (0 if len(inputs) <= 2 else 4))
        case["exact"] = op in ("diagonal", "diag", "tril", "triu") or (integral and case["magnitude"] < limit)
    if group == "product" and op == "diagonal":
        case["is_view"] = result._base is not None or result.data_ptr() == vals[0].data_ptr() or result.numel() == 0
    case.update(extra)
    cases.append(case)


def product(name, op, inputs, args=None, **extra):
    add("product", name, op, inputs, args, **extra)


def error(name, op, inputs, args=None, fragments=None, **extra):
    add("error", name, op, inputs, args, fragments, **extra)


def grad(name, op, inputs, args=None):
    """Gradients with respect to each input's base (which requires grad when floating)."""
    inputs = [wrap(x) for x in inputs]
    bases = [x.base.detach().clone().requires_grad_(x.base.dtype.is_floating_point) for x in inputs]
    out = call(op, [x.value(b) for x, b in zip(inputs, bases)], args or {})
    go = data(list(out.shape), "Float64").to(out.dtype)
    wanted = [b for b in bases if b.requires_grad]
    got = iter(torch.autograd.grad(out, wanted, go, allow_unused=True))
    grads = [tensor(next(got)) if b.requires_grad else None for b in bases]
    add("grad", name, op, inputs, args, grad_output=tensor(go), grads=grads, grad_fn=type(out.grad_fn).__name__)


# ----------------------------------------------------------------------------- matmul: every rank combination

MATMUL_SHAPES = [
    ("1d@1d", [5], [5]),
    ("1d@2d", [4], [4, 3]),
    ("2d@1d", [3, 4], [4]),
    ("2d@2d", [3, 4], [4, 5]),
    ("1d@3d", [4], [2, 4, 3]),
    ("3d@1d", [2, 3, 4], [4]),
    ("2d@3d", [3, 4], [2, 4, 5]),
    ("3d@2d", [2, 3, 4], [4, 5]),
    ("3d@3d", [2, 3, 4], [2, 4, 5]),
    ("3d@3d_bcast_left", [1, 3, 4], [2, 4, 5]),
    ("3d@3d_bcast_right", [3, 3, 4], [1, 4, 2]),
    ("1d@4d", [4], [2, 3, 4, 2]),
    ("4d@1d", [2, 3, 2, 4], [4]),
    ("2d@4d", [3, 4], [2, 2, 4, 5]),
    ("4d@2d", [2, 2, 3, 4], [4, 5]),
    ("3d@4d", [5, 3, 4], [2, 1, 4, 2]),
    ("4d@3d", [2, 1, 3, 4], [5, 4, 2]),
    ("4d@4d", [2, 3, 2, 4], [2, 3, 4, 2]),
    ("4d@4d_bcast", [2, 1, 2, 4], [1, 3, 4, 2]),
    ("5d@4d_bcast", [2, 1, 2, 2, 3], [4, 1, 3, 2]),
    # size-0 and size-1 dims
    ("0@0", [0], [0]),
    ("0x4@4x3", [0, 4], [4, 3]),
    ("3x0@0x4", [3, 0], [0, 4]),
    ("3x4@4x0", [3, 4], [4, 0]),
    ("0@0x3", [0], [0, 3]),
    ("2x0@0", [2, 0], [0]),
    ("0x3x4@4x2", [0, 3, 4], [4, 2]),
    ("2x3x0@2x0x4", [2, 3, 0], [2, 0, 4]),
    ("0x1x3x4@2x4x5", [0, 1, 3, 4], [2, 4, 5]),
    ("1@1", [1], [1]),
    ("1x1@1x1", [1, 1], [1, 1]),
    ("3x1@1x4", [3, 1], [1, 4]),
    ("1x4@4x1", [1, 4], [4, 1]),
    ("1@1x3", [1], [1, 3]),
    ("1x1x1@1x1x1", [1, 1, 1], [1, 1, 1]),
    ("1x2x1x3@4x1x3x1", [1, 2, 1, 3], [4, 1, 3, 1]),
]
for label, sa, sb in MATMUL_SHAPES:
    for dt in DT4:
        product(f"matmul/{dt}/{label}", "matmul", [data(sa, dt), data(sb, dt)])
for label, sa, sb in MATMUL_SHAPES[:20:3]:
    product(f"matmul_method/Float32/{label}", "matmul", [data(sa), data(sb)], {"method": True})
product("matmul/UInt8/2d@2d", "matmul", [torch.randint(0, 5, [3, 4], generator=gen, dtype=torch.uint8),
                                          torch.randint(0, 5, [4, 2], generator=gen, dtype=torch.uint8)])
# Integer products wrap around, whatever the summation order.
product("matmul/Int32/wrap", "matmul", [torch.full([2, 3], 2 ** 20, dtype=torch.int32) + torch.arange(6, dtype=torch.int32).view(2, 3),
                                         torch.full([3, 2], 3 * 2 ** 12 + 1, dtype=torch.int32)])
product("matmul/Int64/wrap", "matmul", [torch.full([2, 3], 2 ** 40, dtype=torch.int64) + 7,
                                         torch.full([3, 2], 2 ** 30 + 3, dtype=torch.int64)])
product("matmul/Int64/large_exact", "matmul", [torch.tensor([[2 ** 53 + 1, 1]]), torch.tensor([[1], [2]])])

# ----------------------------------------------------------------------------- matmul: non-contiguous operands

for dt in ("Float32", "Float64", "Int64"):
    a, b = data([5, 3], dt), data([4, 5], dt)
    product(f"matmul/{dt}/T@T", "matmul", [V(a, ["T"]), V(b, ["T"])])                        # [3,5]@[5,4]
    product(f"matmul/{dt}/T@contig", "matmul", [V(data([4, 3], dt), ["T"]), data([4, 2], dt)])
    product(f"matmul/{dt}/contig@T", "matmul", [data([3, 4], dt), V(data([2, 4], dt), ["T"])])
    product(f"matmul/{dt}/step@step", "matmul", [V(data([3, 8], dt), ["step", 1, 2]), V(data([8, 5], dt), ["step", 0, 2])])
    product(f"matmul/{dt}/step_rows@T", "matmul", [V(data([6, 4], dt), ["step", 0, 2]), V(data([3, 4], dt), ["T"])])
    product(f"matmul/{dt}/narrow@narrow", "matmul", [V(data([5, 6], dt), ["narrow", 0, 1, 3], ["narrow", 1, 2, 4]),
                                                    V(data([6, 7], dt), ["narrow", 0, 1, 4], ["narrow", 1, 3, 2])])
    product(f"matmul/{dt}/expand_k@2d", "matmul", [V(data([3, 1], dt), ["expand", [3, 4]]), data([4, 2], dt)])
    product(f"matmul/{dt}/2d@expand_n", "matmul", [data([3, 4], dt), V(data([4, 1], dt), ["expand", [4, 5]])])
    product(f"matmul/{dt}/expand_batch@3d", "matmul", [V(data([1, 3, 4], dt), ["expand", [5, 3, 4]]), data([5, 4, 2], dt)])
    product(f"matmul/{dt}/3d_T@3d_T", "matmul", [V(data([2, 4, 3], dt), ["T"]), V(data([2, 5, 4], dt), ["T"])])
    product(f"matmul/{dt}/3d_permuted@2d", "matmul", [V(data([3, 2, 4], dt), ["permute", [1, 0, 2]]), data([4, 3], dt)])
    product(f"matmul/{dt}/4d_step_batch@4d", "matmul", [V(data([4, 2, 3, 4], dt), ["step", 0, 2]),
                                                       V(data([2, 2, 4, 3], dt), ["transpose", 0, 1])])
    product(f"matmul/{dt}/1d_step@2d_T", "matmul", [V(data([8], dt), ["step", 0, 2]), V(data([3, 4], dt), ["T"])])
    product(f"matmul/{dt}/2d_T@1d_step", "matmul", [V(data([4, 3], dt), ["T"]), V(data([12], dt), ["step", 0, 3])])
    product(f"matmul/{dt}/1d_expand@1d", "matmul", [V(data([1], dt), ["expand", [6]]), data([6], dt)])
    product(f"matmul/{dt}/col@row", "matmul", [V(data([4, 6], dt), ["narrow", 1, 2, 1]), V(data([3, 5], dt), ["narrow", 0, 1, 1])])

# ----------------------------------------------------------------------------- inner sizes: float32 tolerance scales with k

for k in (64, 255, 1000, 4099):
    for dt in FLOATS:
        product(f"matmul/{dt}/k{k}", "matmul", [generated([2, k], dt, 1), generated([k, 3], dt, 2)])
product("matmul/Float32/k4099_positive", "matmul", [generated([2, 4099], seed=3, positive=True), generated([4099, 3], seed=4, positive=True)])
product("dot/Float32/k100000", "dot", [generated([100000], seed=5), generated([100000], seed=6)])
product("dot/Float32/k100000_positive", "dot", [generated([100000], seed=7, positive=True), generated([100000], seed=8, positive=True)])
product("mv/Float32/k2048", "mv", [generated([2, 2048], seed=9), generated([2048], seed=10)])
product("bmm/Float32/k512", "bmm", [generated([2, 2, 512], seed=11), generated([2, 512, 2], seed=12)])
# Integer-valued floats: every partial sum is exact, so a dropped or repeated term shows at any k.
for k in (257, 4099):
    product(f"matmul/Float32/k{k}_integers", "matmul", [generated([3, k], seed=21, integers=True), generated([k, 5], seed=22, integers=True)])
product("dot/Float32/k100000_integers", "dot", [generated([100000], seed=23, integers=True), generated([100000], seed=24, integers=True)])
product("mv/Float32/k3001_integers", "mv", [V(generated([3001, 3], seed=25, integers=True), ["T"]), generated([3001], seed=26, integers=True)])
for dt in FLOATS:
    product(f"mm/{dt}/65x515x33_integers", "mm", [generated([65, 515], dt, 27, integers=True), generated([515, 33], dt, 28, integers=True)])
    product(f"matmul/{dt}/bcast_4x1x31x257@3x257x17_integers", "matmul",
            [generated([4, 1, 31, 257], dt, 29, integers=True), V(generated([3, 17, 257], dt, 30, integers=True), ["T"])])
for dt in FLOATS:
    # Sizes off the GEMM's register tiles and cache blocks in every direction.
    product(f"mm/{dt}/37x129x41", "mm", [generated([37, 129], dt, 13), generated([129, 41], dt, 14)])
    product(f"mm/{dt}/T_67x70x9", "mm", [V(generated([70, 67], dt, 15), ["T"]), generated([70, 9], dt, 16)])
    product(f"matmul/{dt}/batch7_17x33x19", "matmul", [generated([7, 17, 33], dt, 17), V(generated([7, 19, 33], dt, 18), ["T"])])
    product(f"matmul/{dt}/300x300x300_T", "matmul", [V(generated([300, 300], dt, 19), ["T"]), generated([300, 2], dt, 20)])

# ----------------------------------------------------------------------------- mm, bmm, mv, dot, outer

for dt in DT4:
    product(f"mm/{dt}/2x3@3x4", "mm", [data([2, 3], dt), data([3, 4], dt)])
    product(f"mm/{dt}/T@step", "mm", [V(data([3, 2], dt), ["T"]), V(data([3, 8], dt), ["step", 1, 2])])
    product(f"mm/{dt}/empty_k", "mm", [data([2, 0], dt), data([0, 3], dt)])
    product(f"mm/{dt}/empty_m", "mm", [data([0, 3], dt), data([3, 3], dt)])
    product(f"mm/{dt}/1x1", "mm", [data([1, 1], dt), data([1, 1], dt)])
    product(f"mm/{dt}/expanded", "mm", [V(data([1, 4], dt), ["expand", [3, 4]]), V(data([4, 1], dt), ["expand", [4, 2]])])
    product(f"bmm/{dt}/2x3x4@2x4x5", "bmm", [data([2, 3, 4], dt), data([2, 4, 5], dt)])
    product(f"bmm/{dt}/T@expand", "bmm", [V(data([3, 4, 2], dt), ["T"]), V(data([1, 4, 2], dt), ["expand", [3, 4, 2]])])
    product(f"bmm/{dt}/step_batch", "bmm", [V(data([4, 2, 3], dt), ["step", 0, 2]), V(data([2, 6, 2], dt), ["step", 1, 2])])
    product(f"bmm/{dt}/empty_batch", "bmm", [data([0, 2, 3], dt), data([0, 3, 4], dt)])
    product(f"bmm/{dt}/empty_k", "bmm", [data([2, 2, 0], dt), data([2, 0, 4], dt)])
    product(f"bmm/{dt}/1x1x1", "bmm", [data([1, 1, 1], dt), data([1, 1, 1], dt)])
    product(f"mv/{dt}/3x4@4", "mv", [data([3, 4], dt), data([4], dt)])
    product(f"mv/{dt}/T@step", "mv", [V(data([4, 3], dt), ["T"]), V(data([8], dt), ["step", 0, 2])])
    product(f"mv/{dt}/expanded", "mv", [V(data([3, 1], dt), ["expand", [3, 5]]), V(data([1], dt), ["expand", [5]])])
    product(f"mv/{dt}/empty_k", "mv", [data([3, 0], dt), data([0], dt)])
    product(f"mv/{dt}/empty_m", "mv", [data([0, 3], dt), data([3], dt)])
    product(f"dot/{dt}/5", "dot", [data([5], dt), data([5], dt)])
    product(f"dot/{dt}/step@offset", "dot", [V(data([10], dt), ["step", 0, 2]), V(data([6], dt), ["narrow", 0, 1, 5])])
    product(f"dot/{dt}/expanded", "dot", [V(data([1], dt), ["expand", [4]]), data([4], dt)])
    product(f"dot/{dt}/column@row", "dot", [V(data([4, 3], dt), ["select", 1, 1]), V(data([3, 4], dt), ["select", 0, 2])])
    product(f"dot/{dt}/empty", "dot", [data([0], dt), data([0], dt)])
    product(f"dot/{dt}/1", "dot", [data([1], dt), data([1], dt)])
    product(f"outer/{dt}/3x4", "outer", [data([3], dt), data([4], dt)])
    product(f"outer/{dt}/step@expand", "outer", [V(data([6], dt), ["step", 0, 2]), V(data([1], dt), ["expand", [2]])])
    product(f"outer/{dt}/empty", "outer", [data([0], dt), data([3], dt)])
# Integer dot and mv wrap like matmul; outer promotes like multiplication.
product("dot/Int32/wrap", "dot", [torch.full([3], 2 ** 16, dtype=torch.int32), torch.tensor([2 ** 15, 2 ** 15, 5], dtype=torch.int32)])
product("outer/Int64+Float32", "outer", [data([3], "Int64"), data([2], "Float32")])
product("outer/Int32+Int64", "outer", [data([3], "Int32"), data([2], "Int64")])
product("outer/Bool", "outer", [data([2], "Bool"), data([3], "Bool")])
product("outer/Float64+Float32", "outer", [data([2], "Float64"), data([2], "Float32")])

# ----------------------------------------------------------------------------- tensordot

for dt in DT4:
    product(f"tensordot/{dt}/int2", "tensordot", [data([2, 3, 4], dt), data([3, 4, 5], dt)], {"dims": 2})
    product(f"tensordot/{dt}/int1", "tensordot", [data([2, 3], dt), data([3, 4, 2], dt)], {"dims": 1})
    product(f"tensordot/{dt}/int0", "tensordot", [data([2, 3], dt), data([4], dt)], {"dims": 0})
    product(f"tensordot/{dt}/lists", "tensordot", [data([3, 4, 5], dt), data([4, 3, 2], dt)], {"dims": [[1, 0], [0, 1]]})
    product(f"tensordot/{dt}/lists_negative", "tensordot", [data([3, 4, 5], dt), data([5, 2, 3], dt)], {"dims": [[-1, 0], [0, -1]]})
product("tensordot/Float32/int3_full", "tensordot", [data([2, 3, 4]), data([2, 3, 4])], {"dims": 3})
product("tensordot/Float32/empty_lists", "tensordot", [data([2]), data([3])], {"dims": [[], []]})
product("tensordot/Float32/lists_one", "tensordot", [data([4, 3]), data([2, 4])], {"dims": [[0], [1]]})
product("tensordot/Float64/non_contiguous", "tensordot", [V(data([4, 3, 2], "Float64"), ["T"]), V(data([6, 3], "Float64"), ["step", 0, 2])],
        {"dims": [[2], [0]]})
product("tensordot/Float32/empty_contracted", "tensordot", [data([2, 0]), data([0, 3])], {"dims": 1})
product("tensordot/Float32/4d", "tensordot", [data([2, 3, 2, 2]), data([2, 2, 3])], {"dims": [[2, 3, 1], [0, 1, 2]]})

# ----------------------------------------------------------------------------- einsum

EINSUM = [
    ("ij,jk->ik", [[3, 4], [4, 5]]),
    ("bij,bjk->bik", [[2, 3, 4], [2, 4, 5]]),
    ("i,i->", [[6], [6]]),
    ("ij->ji", [[3, 4]]),
    ("ii->i", [[4, 4]]),
    ("ij->", [[3, 4]]),
    ("ij", [[3, 4]]),
    ("i,j->ij", [[3], [4]]),
    ("bi,bi->b", [[5, 3], [5, 3]]),
    ("ijk,ikl->ijl", [[2, 3, 4], [2, 4, 5]]),
    # more patterns
    ("ij,jk", [[2, 3], [3, 4]]),
    ("ji", [[3, 4]]),
    ("ii", [[3, 3]]),
    ("ii->", [[3, 3]]),
    ("i,i", [[5], [5]]),
    ("ij,ij->ij", [[2, 3], [2, 3]]),
    ("ij,ij->", [[2, 3], [2, 3]]),
    ("ij->j", [[3, 4]]),
    ("ijk->kji", [[2, 3, 4]]),
    ("ijk->j", [[2, 3, 4]]),
    ("ij,j->i", [[3, 4], [4]]),
    ("i,ij->j", [[3], [3, 4]]),
    ("bij,bkj->bik", [[2, 3, 4], [2, 5, 4]]),
    ("ij,jk,kl->il", [[2, 3], [3, 4], [4, 2]]),
    ("bn,anm,bm->ba", [[2, 3], [4, 3, 5], [2, 5]]),
    ("iij->ij", [[3, 3, 2]]),
    ("iji->j", [[3, 2, 3]]),
    ("i,j,k->ijk", [[2], [3], [2]]),
    ("Ab,bC", [[2, 3], [3, 4]]),
    ("aB,Ba", [[2, 3], [3, 2]]),
    (" ij , jk -> ik ", [[2, 3], [3, 2]]),
    ("ij,kl->ijkl", [[2, 2], [2, 3]]),
    ("ij,jk->ik", [[0, 3], [3, 2]]),
    ("ij,jk->ik", [[2, 0], [0, 3]]),
    ("i,i->", [[0], [0]]),
    ("ij,jk->ik", [[1, 1], [1, 1]]),
]
for eq, shapes in EINSUM:
    for dt in DT4 if eq in ("ij,jk->ik", "bij,bjk->bik", "ii->i", "ij->", "i,i->") else FLOATS:
        label = eq.replace(" ", "_") + "/" + "x".join("-".join(map(str, s)) for s in shapes)
        product(f"einsum/{dt}/{label}", "einsum", [data(s, dt) for s in shapes], {"equation": eq})
# Size-1 dims broadcast against other operands' sizes of the same subscript.
product("einsum/Float32/broadcast_contracted", "einsum", [data([2, 1]), data([3, 4])], {"equation": "ij,jk->ik"})
product("einsum/Float32/broadcast_kept", "einsum", [data([2, 1]), data([2, 4])], {"equation": "ij,ij->ij"})
product("einsum/Float32/broadcast_batch", "einsum", [data([1, 2, 3]), data([4, 3, 2])], {"equation": "bij,bjk->bik"})
product("einsum/Float32/broadcast_batch_and_contracted", "einsum", [data([1, 2, 3]), data([4, 1, 2])], {"equation": "bij,bjk->bik"})
product("einsum/Float64/broadcast_both", "einsum", [data([3, 1], "Float64"), data([1, 4], "Float64")], {"equation": "ij,ij->i"})
# 0-d operands and equations without subscripts.
product("einsum/Float32/0d_empty_equation", "einsum", [data([])], {"equation": ""})
product("einsum/Float32/0d_arrow", "einsum", [data([])], {"equation": "->"})
product("einsum/Float32/0d_pair", "einsum", [data([]), data([])], {"equation": ",->"})
product("einsum/Float32/scale_by_0d", "einsum", [data([2, 3]), data([])], {"equation": "ij,->ij"})
product("einsum/Float32/i,i,i->", "einsum", [data([3]), data([3]), data([3])], {"equation": "i,i,i->"})
product("einsum/Float32/i->", "einsum", [data([4])], {"equation": "i->"})
product("einsum/Float32/i->i", "einsum", [data([4])], {"equation": "i->i"})
product("einsum/Float32/i,j->", "einsum", [data([3]), data([4])], {"equation": "i,j->"})
product("einsum/Float32/ij,kl->", "einsum", [data([2, 3]), data([2, 2])], {"equation": "ij,kl->"})
product("einsum/Float32/ij->/empty", "einsum", [data([0, 3])], {"equation": "ij->"})
product("einsum/Float32/ij->j/empty", "einsum", [data([0, 3])], {"equation": "ij->j"})
# Without a summed subscript PyTorch multiplies elementwise, which promotes mixed dtypes.
product("einsum/Float32+Float64/ij,ij->ij", "einsum", [data([2, 3]), data([2, 3], "Float64")], {"equation": "ij,ij->ij"})
product("einsum/Int64+Float32/i,i->i", "einsum", [data([3], "Int64"), data([3])], {"equation": "i,i->i"})
product("einsum/Int64+Float32/i,j->ij", "einsum", [data([2], "Int64"), data([3])], {"equation": "i,j->ij"})
for dt in FLOATS:
    product(f"einsum/{dt}/ij,jk->ik/T@step", "einsum", [V(data([4, 3], dt), ["T"]), V(data([4, 8], dt), ["step", 1, 2])],
            {"equation": "ij,jk->ik"})
    product(f"einsum/{dt}/bij,bjk->bik/expanded", "einsum", [V(data([1, 3, 4], dt), ["expand", [2, 3, 4]]), data([2, 4, 2], dt)],
            {"equation": "bij,bjk->bik"})
    product(f"einsum/{dt}/ii->i/T", "einsum", [V(data([3, 3], dt), ["T"])], {"equation": "ii->i"})

# ----------------------------------------------------------------------------- diagonal, diag, trace, tril, triu

for dt in DT4 + ["Bool"]:
    x = data([3, 4], dt)
    for off in (0, 1, 3, 4, 5, -1, -2, -3, -4):
        product(f"diagonal/{dt}/3x4/offset{off}", "diagonal", [x], {"offset": off, "dim1": 0, "dim2": 1})
    product(f"diagonal/{dt}/3x4/dims1,0", "diagonal", [x], {"offset": 1, "dim1": 1, "dim2": 0})
x3 = data([2, 3, 4])
for d1, d2 in ((0, 1), (0, 2), (1, 2), (2, 0), (-1, -2), (-3, -1), (2, 1)):
    for off in (0, 1, -1):
        product(f"diagonal/Float32/2x3x4/dims{d1},{d2}/offset{off}", "diagonal", [x3], {"offset": off, "dim1": d1, "dim2": d2})
product("diagonal/Float32/4d", "diagonal", [data([2, 3, 3, 2])], {"offset": 0, "dim1": 1, "dim2": 2})
product("diagonal/Float32/T", "diagonal", [V(data([3, 5]), ["T"])], {"offset": 1, "dim1": 0, "dim2": 1})
product("diagonal/Float32/step", "diagonal", [V(data([3, 8]), ["step", 1, 2])], {"offset": -1, "dim1": 0, "dim2": 1})
product("diagonal/Float32/empty", "diagonal", [data([0, 3])], {"offset": 0, "dim1": 0, "dim2": 1})
product("diagonal/Float32/expanded", "diagonal", [V(data([1, 3]), ["expand", [3, 3]])], {"offset": 0, "dim1": 0, "dim2": 1})

for dt in DT4 + ["Bool"]:
    v = data([3], dt)
    for off in (0, 1, 2, -1, -2):
        product(f"diag/{dt}/vector/offset{off}", "diag", [v], {"offset": off})
    m = data([3, 4], dt)
    for off in (0, 1, 3, 4, -1, -2, -3):
        product(f"diag/{dt}/matrix3x4/offset{off}", "diag", [m], {"offset": off})
product("diag/Float32/vector_empty", "diag", [data([0])], {"offset": 0})
product("diag/Float32/vector_empty_offset", "diag", [data([0])], {"offset": 2})
product("diag/Float32/vector_1", "diag", [data([1])], {"offset": -1})
product("diag/Float32/vector_step", "diag", [V(data([8]), ["step", 0, 3])], {"offset": 1})
product("diag/Float32/matrix_T", "diag", [V(data([4, 2]), ["T"])], {"offset": 0})
product("diag/Float32/matrix_4x2", "diag", [data([4, 2])], {"offset": -2})
product("diag/Float32/matrix_empty", "diag", [data([0, 2])], {"offset": 0})

for dt in DT4:
    product(f"trace/{dt}/3x3", "trace", [data([3, 3], dt)])
    product(f"trace/{dt}/3x5", "trace", [data([3, 5], dt)])
    product(f"trace/{dt}/5x2", "trace", [data([5, 2], dt)])
    product(f"trace/{dt}/T", "trace", [V(data([4, 3], dt), ["T"])])
    product(f"trace/{dt}/empty", "trace", [data([0, 3], dt)])
product("trace/Float32/step", "trace", [V(data([3, 6]), ["step", 1, 2])])
product("trace/Float32/expanded", "trace", [V(data([1, 4]), ["expand", [4, 4]])])
product("trace/Float32/1x1", "trace", [data([1, 1])])
product("trace/UInt8/3x3", "trace", [torch.randint(0, 200, [3, 3], generator=gen, dtype=torch.uint8)])

for op in ("tril", "triu"):
    for dt in DT4 + ["Bool"]:
        x = data([4, 5], dt)
        for off in (0, 1, 2, -1, -2, 5, -5, 10):
            product(f"{op}/{dt}/4x5/diagonal{off}", op, [x], {"diagonal": off})
    for off in (0, 1, -1):
        product(f"{op}/Float32/batch2x3x4/diagonal{off}", op, [data([2, 3, 4])], {"diagonal": off})
        product(f"{op}/Int64/batch2x2x3x3/diagonal{off}", op, [data([2, 2, 3, 3], "Int64")], {"diagonal": off})
    product(f"{op}/Float32/5x2", op, [data([5, 2])], {"diagonal": 0})
    product(f"{op}/Float32/T", op, [V(data([5, 4]), ["T"])], {"diagonal": 1})
    product(f"{op}/Float32/step", op, [V(data([4, 8]), ["step", 1, 2])], {"diagonal": -1})
    product(f"{op}/Float32/expanded_batch", op, [V(data([1, 3, 3]), ["expand", [2, 3, 3]])], {"diagonal": 0})
    product(f"{op}/Float32/empty", op, [data([0, 3])], {"diagonal": 0})
    product(f"{op}/Float32/empty_batch", op, [data([0, 2, 2])], {"diagonal": 0})
    product(f"{op}/Float32/1x1", op, [data([1, 1])], {"diagonal": 0})

# ----------------------------------------------------------------------------- errors

S = lambda *shape: torch.ones(shape)  # noqa: E731
I64 = lambda *shape: torch.ones(shape, dtype=torch.int64)  # noqa: E731
F64 = lambda *shape: torch.ones(shape, dtype=torch.float64)  # noqa: E731
# Inner sizes: PyTorch names both shapes as AxB; Nabla does too.
error("matmul/inner_2d", "matmul", [S(2, 3), S(4, 5)], fragments=["shapes cannot be multiplied (2x3 and 4x5)"])
error("matmul/inner_1d@2d", "matmul", [S(3), S(4, 5)], fragments=["shapes cannot be multiplied (1x3 and 4x5)"])
error("matmul/inner_1d@1d", "matmul", [S(3), S(4)],
      fragments=["inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements"])
error("matmul/inner_3d", "matmul", [S(2, 2, 3), S(2, 4, 5)], fragments=[])
error("matmul/batch_mismatch", "matmul", [S(2, 2, 3), S(3, 3, 4)], fragments=["(2)", "(3)"])
error("matmul/0d_left", "matmul", [torch.ones(()), S(3)], fragments=None)
error("matmul/0d_right", "matmul", [S(3), torch.ones(())], fragments=None)
error("matmul/dtype", "matmul", [S(3, 3), F64(3, 3)], fragments=["Float", "Double"])
error("matmul/dtype_batched", "matmul", [S(2, 3, 3), F64(2, 3, 3)], fragments=["Float", "Double"])
error("matmul/dtype_int", "matmul", [S(3, 3), I64(3, 3)], fragments=["Float", "Long"])
error("matmul/bool", "matmul", [torch.ones(2, 2, dtype=torch.bool)] * 2, fragments=["not implemented for 'Bool'"])
error("mm/inner", "mm", [S(2, 3), S(4, 5)], fragments=["shapes cannot be multiplied (2x3 and 4x5)"])
error("mm/1d_left", "mm", [S(3), S(3, 3)], fragments=["self"])
error("mm/1d_right", "mm", [S(3, 3), S(3)], fragments=["mat2"])
error("mm/3d", "mm", [S(1, 3, 3), S(3, 3)], fragments=["self"])
error("mm/dtype", "mm", [S(3, 3), F64(3, 3)], fragments=["Float", "Double"])
error("mm/bool", "mm", [torch.ones(2, 2, dtype=torch.bool)] * 2, fragments=["not implemented for 'Bool'"])
error("bmm/2d", "bmm", [S(3, 3), S(3, 3, 3)], fragments=["batch1 must be a 3D tensor"])
error("bmm/4d_right", "bmm", [S(3, 3, 3), S(1, 3, 3, 3)], fragments=["batch2 must be a 3D tensor"])
error("bmm/batch", "bmm", [S(2, 3, 3), S(3, 3, 3)],
      fragments=["Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3]."])
error("bmm/inner", "bmm", [S(2, 3, 4), S(2, 3, 3)],
      fragments=["Expected size for first two dimensions of batch2 tensor to be: [2, 4] but got: [2, 3]."])
error("bmm/dtype", "bmm", [S(2, 3, 3), F64(2, 3, 3)], fragments=["Float", "Double"])
error("mv/inner", "mv", [S(2, 3), S(4)], fragments=["2", "3", "4"])
error("mv/1d", "mv", [S(3), S(3)], fragments=["vector + matrix @ vector expected"])
error("mv/2d_vector", "mv", [S(3, 3), S(3, 1)], fragments=["vector + matrix @ vector expected"])
error("mv/dtype", "mv", [S(3, 3), F64(3)], fragments=["Float", "Double"])
error("mv/dtype_int", "mv", [torch.ones(2, 3, dtype=torch.int32), I64(3)], fragments=["Int", "Long"])
error("bmm/dtype_int", "bmm", [torch.ones(2, 2, 3, dtype=torch.int32), I64(2, 3, 2)], fragments=["Int", "Long"])
error("dot/size", "dot", [S(3), S(4)])
error("dot/2d", "dot", [S(3, 1), S(3)])
error("dot/0d", "dot", [torch.ones(()), torch.ones(())])
error("dot/Float32+Int64", "dot", [S(3), I64(3)])
error("dot/Float32+Float64", "dot", [S(3), F64(3)])
error("dot/Int64+Float64", "dot", [I64(3), F64(3)])
error("dot/bool", "dot", [torch.ones(2, dtype=torch.bool)] * 2, fragments=["not implemented for 'Bool'"])
error("outer/2d", "outer", [S(2, 2), S(3)], fragments=["self"])
error("outer/2d_right", "outer", [S(2), S(2, 3)], fragments=["vec2"])
error("tensordot/size", "tensordot", [S(2, 3), S(4, 5)], {"dims": 1},
      fragments=["contracted dimensions need to match, but first has size 3 in dim", "and second has size 4 in dim"])
error("tensordot/list_lengths", "tensordot", [S(2, 3), S(4, 5)], {"dims": [[0], [0, 1]]})
error("tensordot/negative", "tensordot", [S(2, 3), S(3, 5)], {"dims": -1})
error("tensordot/dtype", "tensordot", [S(2, 3), F64(3, 5)], {"dims": 1}, fragments=["Float", "Double"])
error("einsum/size", "einsum", [S(2, 3), S(4, 5)], {"equation": "ij,jk->ik"}, fragments=["subscript j", "3", "4"])
error("einsum/rank", "einsum", [S(2, 3), S(3, 4)], {"equation": "ijk,jk->ik"},
      fragments=["(3) does not match the number of dimensions (2) for operand 0"])
error("einsum/output_letter", "einsum", [S(2, 3)], {"equation": "ij->k"},
      fragments=["output subscript k does not appear in the equation for any input operand"])
error("einsum/output_repeated", "einsum", [S(2, 3)], {"equation": "ij->ii"}, fragments=["output subscript i appears more than once in the output"])
error("einsum/repeated_sizes", "einsum", [S(2, 3)], {"equation": "ii->i"}, fragments=["subscript i is repeated for operand 0", "3", "2"])
error("einsum/invalid_subscript", "einsum", [S(2, 3)], {"equation": "i1->i"}, fragments=["invalid subscript"])
error("einsum/dtype", "einsum", [S(2, 3), F64(3, 4)], {"equation": "ij,jk->ik"}, fragments=["Float", "Double"])
error("einsum/too_few_operands", "einsum", [S(2, 3)], {"equation": "ij,jk->ik"}, fragments=["operands"])
error("einsum/arrow_twice", "einsum", [S(2, 3)], {"equation": "ij->j->i"}, fragments=["invalid subscript"])
error("einsum/comma_after_arrow", "einsum", [S(2), S(3)], {"equation": "i,j->j,i"},
      fragments=["invalid subscript given at index 6 in the equation string"])
error("einsum/dash_space_gt", "einsum", [S(2)], {"equation": "i - >i"}, fragments=["invalid subscript given at index 2 in the equation string"])
error("einsum/stray_dash", "einsum", [S(2)], {"equation": "i-"}, fragments=["invalid subscript"])
error("einsum/stray_gt", "einsum", [S(2)], {"equation": ">i"}, fragments=["invalid subscript"])
error("einsum/dtype_int", "einsum", [I64(2, 3), torch.ones(3, 4, dtype=torch.int32)], {"equation": "ij,jk->ik"}, fragments=["Long", "Int"])
error("einsum/dtype_dot", "einsum", [S(3), F64(3)], {"equation": "i,i->"}, fragments=["Float", "Double"])
error("einsum/empty_equation", "einsum", [S(2, 3)], {"equation": ""},
      fragments=["(0) does not match the number of dimensions (2) for operand 0"])
error("einsum/too_many_operands", "einsum", [S(2, 3), S(3, 4)], {"equation": "ij->ij"}, fragments=["operands"])
error("trace/1d", "trace", [S(3)], fragments=["trace"])
error("trace/3d", "trace", [S(2, 2, 2)], fragments=["trace"])
error("trace/bool", "trace", [torch.ones(2, 2, dtype=torch.bool)], fragments=["not implemented for 'Bool'"])
error("diag/3d", "diag", [S(2, 2, 2)], {"offset": 0}, fragments=[])
error("diag/0d", "diag", [torch.ones(())], {"offset": 0}, fragments=[])
# PyTorch 1.13 raises IndexError ("Dimension out of range") here; PyTorch 2 raises RuntimeError
# "tril: input tensor must have at least 2 dimensions", which Nabla follows ("nabla_kind").
error("tril/1d", "tril", [S(3)], {"diagonal": 0}, fragments=[], nabla_kind="RuntimeError")
error("triu/0d", "triu", [torch.ones(())], {"diagonal": 0}, fragments=[], nabla_kind="RuntimeError")
error("diagonal/same_dims", "diagonal", [S(3, 3)], {"offset": 0, "dim1": 1, "dim2": 1})
error("diagonal/same_dims_negative", "diagonal", [S(3, 3)], {"offset": 0, "dim1": -1, "dim2": 1}, fragments=["diagonal dimensions cannot be identical"])
error("diagonal/dim_out_of_range", "diagonal", [S(3, 3)], {"offset": 0, "dim1": 0, "dim2": 2})
error("diagonal/1d", "diagonal", [S(3)], {"offset": 0, "dim1": 0, "dim2": 1}, fragments=["Dimension out of range"])

# ----------------------------------------------------------------------------- gradients (float64)

F = "Float64"
grad("matmul/2d@2d", "matmul", [data([3, 4], F), data([4, 2], F)])
grad("matmul/1d@1d", "matmul", [data([5], F), data([5], F)])
grad("matmul/1d@2d", "matmul", [data([4], F), data([4, 3], F)])
grad("matmul/2d@1d", "matmul", [data([3, 4], F), data([4], F)])
grad("matmul/1d@3d", "matmul", [data([4], F), data([2, 4, 3], F)])
grad("matmul/3d@1d", "matmul", [data([2, 3, 4], F), data([4], F)])
grad("matmul/3d@2d", "matmul", [data([2, 3, 4], F), data([4, 2], F)])
grad("matmul/2d@3d", "matmul", [data([3, 4], F), data([2, 4, 2], F)])
grad("matmul/3d@3d", "matmul", [data([2, 3, 4], F), data([2, 4, 2], F)])
grad("matmul/4d@3d_bcast", "matmul", [data([2, 1, 3, 4], F), data([3, 4, 2], F)])
grad("matmul/4d@4d_bcast", "matmul", [data([2, 1, 2, 3], F), data([1, 3, 3, 2], F)])
grad("matmul/T@step", "matmul", [V(data([4, 3], F), ["T"]), V(data([4, 6], F), ["step", 1, 2])])
grad("matmul/expanded_batch", "matmul", [V(data([1, 2, 3], F), ["expand", [4, 2, 3]]), data([4, 3, 2], F)])
grad("matmul/2x3@3x2", "matmul", [data([2, 3], F), data([3, 2], F)])
grad("mm", "mm", [data([3, 4], F), data([4, 5], F)])
grad("mm/expanded", "mm", [V(data([1, 4], F), ["expand", [3, 4]]), V(data([4, 2], F), ["T"], ["T"])])
grad("bmm", "bmm", [data([2, 3, 4], F), data([2, 4, 2], F)])
grad("mv", "mv", [data([3, 4], F), data([4], F)])
grad("mv/T", "mv", [V(data([4, 3], F), ["T"]), V(data([8], F), ["step", 0, 2])])
grad("dot", "dot", [data([5], F), data([5], F)])
grad("dot/step", "dot", [V(data([10], F), ["step", 0, 2]), data([5], F)])
grad("outer", "outer", [data([3], F), data([4], F)])
grad("tensordot/int2", "tensordot", [data([2, 3, 4], F), data([3, 4, 2], F)], {"dims": 2})
grad("tensordot/lists", "tensordot", [data([3, 4, 2], F), data([4, 3], F)], {"dims": [[1, 0], [0, 1]]})
for eq, shapes in [("ij,jk->ik", [[2, 3], [3, 4]]), ("bij,bjk->bik", [[2, 3, 4], [2, 4, 2]]), ("i,i->", [[4], [4]]),
                   ("ij->ji", [[2, 3]]), ("ii->i", [[3, 3]]), ("ij->", [[2, 3]]), ("i,j->ij", [[2], [3]]),
                   ("bi,bi->b", [[3, 4], [3, 4]]), ("ijk,ikl->ijl", [[2, 3, 4], [2, 4, 2]]), ("ii", [[3, 3]]),
                   ("bn,anm,bm->ba", [[2, 3], [2, 3, 4], [2, 4]])]:
    grad(f"einsum/{eq}", "einsum", [data(s, F) for s in shapes], {"equation": eq})
grad("einsum/hadamard", "einsum", [data([2, 3], F), data([2, 3], F)], {"equation": "ij,ij->ij"})
grad("einsum/broadcast", "einsum", [data([1, 2, 1], F), data([3, 2, 2], F)], {"equation": "bij,bjk->bik"})
grad("diagonal/offset1", "diagonal", [data([3, 4], F)], {"offset": 1, "dim1": 0, "dim2": 1})
grad("diagonal/3d", "diagonal", [data([2, 3, 4], F)], {"offset": -1, "dim1": 2, "dim2": 0})
grad("diag/vector", "diag", [data([3], F)], {"offset": -1})
grad("diag/matrix", "diag", [data([3, 4], F)], {"offset": 1})
grad("trace", "trace", [data([3, 4], F)])
grad("tril", "tril", [data([2, 3, 4], F)], {"diagonal": -1})
grad("triu", "triu", [data([3, 4], F)], {"diagonal": 1})

write("products", "generate_products.py", cases)
