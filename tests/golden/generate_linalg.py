"""Golden cases for norms and linear algebra (issue 4: torch.linalg, torch.norm).

Every case is data, replayed by tests/Nabla.Tests/NormTests.cs (group "norm") and
LinalgTests.cs (group "linalg"):
  {name, group, op, inputs, args, expected, grads}   or   {..., error, error_type}
inputs: tensors (common.tensor), each optionally with "view" (applied after loading, the same way
in C#):  transpose  t.transpose(-2, -1)      step2  t[..., ::2]      expand  t.expand(size)
expected: a tensor, or a list of tensors for ops with several outputs (qr: [Q, R]; svd: [S] only,
since singular vectors are unique only up to sign: the replay checks U diag(S) Vh = A and
orthogonality instead, and the shapes in "shapes").
Cholesky args "symmetrize": the input goes through (A + Aᵀ)/2 first (so gradients are symmetric).
grads: the gradient of sum_k sum(w_k * output_k) with respect to each input (null when PyTorch
gives none), with weights w_k = 1 + i/8 over the flat elements of output k (exact in float32).
"tol": [rtol, atol] for the values. Errors: the first line of PyTorch's message and the Python
exception type (RuntimeError, IndexError, _LinAlgError).
Run with Debian's PyTorch: /usr/bin/python3 tests/golden/generate_linalg.py
"""
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DTYPES, number, tensor, write  # noqa: E402

LA = torch.linalg
D = {v: k for k, v in DTYPES.items()}
INF = math.inf
gen = torch.Generator().manual_seed(1234)
cases = []
names = set()


def randn(shape, dtype="Float64"):
    return torch.randn(shape, generator=gen, dtype=torch.float64).to(D[dtype])


def well_conditioned(shape, dtype="Float64"):
    """Random square matrices plus n·I: comfortably invertible."""
    n = shape[-1]
    return (torch.randn(shape, generator=gen, dtype=torch.float64) + n * torch.eye(n, dtype=torch.float64)).to(D[dtype])


def spd(shape, dtype="Float64"):
    x = torch.randn(shape, generator=gen, dtype=torch.float64)
    n = shape[-1]
    return (x @ x.mT + n * torch.eye(n, dtype=torch.float64)).to(D[dtype])


def view(t, kind, size=None):
    if kind is None:
        return t
    if kind == "transpose":
        return t.transpose(-2, -1)
    if kind == "step2":
        return t[..., ::2]
    if kind == "expand":
        return t.expand(size)
    raise ValueError(kind)


def weights(t):
    return (1 + torch.arange(t.numel(), dtype=torch.float64) / 8).to(t.dtype).reshape(t.shape)


def add(name, group, op, inputs, args, fn, grad=True, tol=None, outputs=None):
    """inputs: list of (tensor, view, size). fn(*viewed inputs) -> tensor or tuple."""
    assert name not in names, name
    names.add(name)
    case = {"name": name, "group": group, "op": op,
            "inputs": [{**tensor(t), **({"view": v} if v else {}), **({"size": list(s)} if s else {})} for t, v, s in inputs],
            "args": args}
    if tol:
        case["tol"] = tol
    leaves = [t.detach().clone().requires_grad_(grad and t.dtype.is_floating_point) for t, _, _ in inputs]
    try:
        result = fn(*[view(l, v, s) for l, (_, v, s) in zip(leaves, inputs)])
    except Exception as e:  # noqa: BLE001 - PyTorch's own errors are the expected values
        case["error"] = str(e).split("\n")[0]
        case["error_type"] = type(e).__name__
        cases.append(case)
        return
    results = list(result) if isinstance(result, tuple) else [result]
    shown = results if outputs is None else [results[i] for i in outputs]
    case["expected"] = [tensor(r) for r in shown] if isinstance(result, tuple) else tensor(result)
    if op == "svd":
        case["shapes"] = [list(r.shape) for r in results]
    if grad and any(l.requires_grad for l in leaves) and op != "svd":
        diff = [r for r in results if r.requires_grad and r.numel() > 0]
        if diff:
            loss = sum((weights(r) * r).sum() for r in diff)
            grads = torch.autograd.grad(loss, [l for l in leaves if l.requires_grad], allow_unused=True)
            it = iter(grads)
            case["grads"] = [(lambda g: None if g is None else tensor(g))(next(it)) if l.requires_grad else None for l in leaves]
    cases.append(case)


def args_of(**kw):
    return {k: (number(v) if isinstance(v, float) else v) for k, v in kw.items()}


def dim_name(dim):
    return "all" if dim is None else str(dim).replace(" ", "")


# ----------------------------------------------------------------------------- vector norms

ORDS = [2, 1, 3, 0.5, 1.5, 0, -1, -0.5, INF, -INF]
for dtype in ["Float32", "Float64"]:
    for shape, dims in [((5,), [None, 0, -1]), ((3, 4), [None, 0, 1, [0, 1], [-1, 0]]), ((2, 3, 4), [None, 1, [0, 2], [2, 1]]), ((), [None, 0])]:
        base = randn(shape, dtype)
        for ord_ in ORDS:
            for dim in dims:
                for keep in ([False, True] if dim is not None else [False]):
                    add(f"vector_norm {dtype} {list(shape)} ord={ord_} dim={dim_name(dim)} keep={keep}", "norm", "vector_norm",
                        [(base, None, None)], args_of(ord=float(ord_), dim=dim, keepdim=keep),
                        lambda x, o=ord_, d=dim, k=keep: LA.vector_norm(x, o, d, k), tol=[1e-5, 1e-6] if dtype == "Float32" else None)
    # strided inputs
    m = randn((4, 6), dtype)
    for ord_ in [2, 1, INF, 3]:
        add(f"vector_norm {dtype} transpose ord={ord_} dim=1", "norm", "vector_norm", [(m, "transpose", None)],
            args_of(ord=float(ord_), dim=1, keepdim=False), lambda x, o=ord_: LA.vector_norm(x, o, 1))
        add(f"vector_norm {dtype} step2 ord={ord_}", "norm", "vector_norm", [(m, "step2", None)],
            args_of(ord=float(ord_), dim=None, keepdim=False), lambda x, o=ord_: LA.vector_norm(x, o))
        add(f"vector_norm {dtype} expand ord={ord_} dim=0", "norm", "vector_norm", [(randn((1, 5), dtype), "expand", (3, 5))],
            args_of(ord=float(ord_), dim=0, keepdim=True), lambda x, o=ord_: LA.vector_norm(x, o, 0, True))
    # zeros, ties, special values
    ties = torch.tensor([[1.0, -3, 3], [0, 2, -2]], dtype=D[dtype])
    zeros = torch.zeros(2, 3, dtype=D[dtype])
    specials = torch.tensor([[0.0, 1, -1], [INF, 2, 0], [math.nan, 1, 2]], dtype=D[dtype])
    for ord_ in ORDS:
        for label, x in [("ties", ties), ("zeros", zeros)]:
            for dim in [None, 1]:
                add(f"vector_norm {dtype} {label} ord={ord_} dim={dim_name(dim)}", "norm", "vector_norm", [(x, None, None)],
                    args_of(ord=float(ord_), dim=dim, keepdim=False), lambda x, o=ord_, d=dim: LA.vector_norm(x, o, d))
        add(f"vector_norm {dtype} inf/nan rows ord={ord_}", "norm", "vector_norm", [(specials, None, None)],
            args_of(ord=float(ord_), dim=1, keepdim=False), lambda x, o=ord_: LA.vector_norm(x, o, 1), grad=False)
    # empty inputs
    for shape, dim in [((0,), None), ((2, 0, 3), [0, 1]), ((2, 0, 3), [2, 1]), ((2, 0, 3), [-2]), ((2, 0, 3), [0]), ((2, 0, 3), [2])]:
        for ord_ in [2, 1, 0, -1, -0.5, INF, -INF]:
            add(f"vector_norm {dtype} empty {list(shape)} ord={ord_} dim={dim_name(dim)}", "norm", "vector_norm",
                [(torch.ones(shape, dtype=D[dtype]), None, None)], args_of(ord=float(ord_), dim=dim, keepdim=False),
                lambda x, o=ord_, d=dim: LA.vector_norm(x, o, d), grad=False)
for dtype in ["Int64", "Int32", "Bool"]:
    add(f"vector_norm {dtype} error", "norm", "vector_norm", [(torch.ones(3, dtype=D[dtype]), None, None)],
        args_of(ord=2.0, dim=None, keepdim=False), lambda x: LA.vector_norm(x))
for dim in [[0, 0], [2], [0, -3]]:
    add(f"vector_norm dim error {dim}", "norm", "vector_norm", [(randn((2, 3)), None, None)],
        args_of(ord=2.0, dim=dim, keepdim=False), lambda x, d=dim: LA.vector_norm(x, 2, d))

# ----------------------------------------------------------------------------- matrix norms

MORDS = ["fro", "nuc", 2, -2, 1, -1, INF, -INF]
for dtype in ["Float32", "Float64"]:
    tol = [1e-4, 1e-5] if dtype == "Float32" else [1e-9, 1e-12]
    for shape, dims in [((3, 4), [None, [1, 0]]), ((4, 3), [None]), ((2, 3, 3), [None, [0, 2], [-1, 0]]), ((1, 1), [None])]:
        base = randn(shape, dtype)
        for ord_ in MORDS:
            for dim in dims:
                for keep in [False, True]:
                    add(f"matrix_norm {dtype} {list(shape)} ord={ord_} dim={dim_name(dim)} keep={keep}", "norm", "matrix_norm",
                        [(base, None, None)], args_of(ord=ord_ if isinstance(ord_, str) else float(ord_), dim=dim, keepdim=keep),
                        lambda a, o=ord_, d=dim, k=keep: LA.matrix_norm(a, o, d if d is not None else (-2, -1), k), tol=tol)
    for ord_ in MORDS:
        add(f"matrix_norm {dtype} transpose ord={ord_}", "norm", "matrix_norm", [(randn((3, 5), dtype), "transpose", None)],
            args_of(ord=ord_ if isinstance(ord_, str) else float(ord_), dim=None, keepdim=False), lambda a, o=ord_: LA.matrix_norm(a, o), tol=tol)
        add(f"matrix_norm {dtype} expand ord={ord_}", "norm", "matrix_norm", [(randn((1, 3, 2), dtype), "expand", (2, 3, 2))],
            args_of(ord=ord_ if isinstance(ord_, str) else float(ord_), dim=None, keepdim=False), lambda a, o=ord_: LA.matrix_norm(a, o), tol=tol)
        ties = torch.tensor([[1.0, -3, 3], [0, 2, -2]], dtype=D[dtype])
        add(f"matrix_norm {dtype} ties ord={ord_}", "norm", "matrix_norm", [(ties, None, None)],
            args_of(ord=ord_ if isinstance(ord_, str) else float(ord_), dim=None, keepdim=False), lambda a, o=ord_: LA.matrix_norm(a, o), tol=tol)
        add(f"matrix_norm {dtype} zeros ord={ord_}", "norm", "matrix_norm", [(torch.zeros(2, 2, dtype=D[dtype]), None, None)],
            args_of(ord=ord_ if isinstance(ord_, str) else float(ord_), dim=None, keepdim=False), lambda a, o=ord_: LA.matrix_norm(a, o), tol=tol)
        for shape in [(0, 3), (3, 0), (0, 0)]:
            add(f"matrix_norm {dtype} empty {list(shape)} ord={ord_}", "norm", "matrix_norm", [(torch.ones(shape, dtype=D[dtype]), None, None)],
                args_of(ord=ord_ if isinstance(ord_, str) else float(ord_), dim=None, keepdim=False), lambda a, o=ord_: LA.matrix_norm(a, o), grad=False)
for label, x, ord_, dim in [("1-D", randn((3,)), "fro", None), ("1-D ord 2", randn((3,)), 2, None), ("ord 3", randn((2, 2)), 3, None),
                            ("ord 0.5", randn((2, 2)), 0.5, None), ("ord 0", randn((2, 2)), 0, None), ("ord abc", randn((2, 2)), "abc", None),
                            ("Long", torch.ones(2, 2, dtype=torch.int64), "fro", None), ("Long ord 2", torch.ones(2, 2, dtype=torch.int64), 2, None),
                            ("1-D Long", torch.ones(2, dtype=torch.int64), "fro", None), ("dim (0,)", randn((2, 2)), "fro", [0]),
                            ("dim (0,1,2)", randn((2, 2, 2)), 2, [0, 1, 2]), ("dims equal", randn((2, 2)), "nuc", [0, -2]),
                            ("dim out of range", randn((2, 2)), 1, [0, 2])]:
    add(f"matrix_norm error {label}", "norm", "matrix_norm", [(x, None, None)],
        args_of(ord=ord_ if isinstance(ord_, str) else float(ord_), dim=dim, keepdim=False),
        lambda a, o=ord_, d=dim: LA.matrix_norm(a, o, d if d is not None else (-2, -1)))

# ----------------------------------------------------------------------------- linalg.norm and torch.norm

for label, shape, ord_, dim in [("vector", (5,), None, None), ("matrix", (3, 4), None, None), ("3-D", (2, 3, 4), None, None),
                                ("vector ord 1", (5,), 1, None), ("vector ord inf", (5,), INF, None), ("matrix ord 1", (3, 4), 1, None),
                                ("matrix ord inf", (3, 4), INF, None), ("matrix ord -2", (3, 4), -2, None), ("matrix fro", (3, 4), "fro", None),
                                ("matrix nuc", (3, 4), "nuc", None), ("dim 1", (2, 3, 4), None, 1), ("dim [1]", (2, 3, 4), 3, [1]),
                                ("dim [0, 2]", (2, 3, 4), None, [0, 2]), ("dim [0, 2] ord 1", (2, 3, 4), 1, [0, 2]),
                                ("dim [2, 1] nuc", (2, 3, 4), "nuc", [2, 1]), ("3-D ord 2", (2, 3, 4), 2, None), ("3-D nuc", (2, 3, 4), "nuc", None),
                                ("1-D fro", (3,), "fro", None), ("dim [0, 1, 2]", (2, 3, 4), None, [0, 1, 2]),
                                ("dim [0, 1, 2] fro", (2, 3, 4), "fro", [0, 1, 2]), ("dim []", (2, 3), None, []), ("matrix ord 3", (2, 2), 3, None)]:
    x = randn(shape)
    add(f"linalg_norm {label}", "norm", "linalg_norm", [(x, None, None)],
        args_of(ord=ord_ if ord_ is None or isinstance(ord_, str) else float(ord_), dim=dim, keepdim=False),
        lambda a, o=ord_, d=dim: LA.norm(a, o, d), tol=[1e-9, 1e-12])
    add(f"linalg_norm keep {label}", "norm", "linalg_norm", [(x, None, None)],
        args_of(ord=ord_ if ord_ is None or isinstance(ord_, str) else float(ord_), dim=dim, keepdim=True),
        lambda a, o=ord_, d=dim: LA.norm(a, o, d, True), tol=[1e-9, 1e-12])
add("linalg_norm error Long", "norm", "linalg_norm", [(torch.ones(2, 2, dtype=torch.int64), None, None)],
    args_of(ord=None, dim=None, keepdim=False), lambda a: LA.norm(a))

for dtype in ["Float32", "Float64"]:
    x3 = randn((2, 3, 4), dtype)
    for label, p, dim, keep in [("default", None, None, False), ("default keep", None, None, True), ("p=1", 1, None, False),
                                ("p=3 dim 1", 3, 1, False), ("dim [1, 2]", None, [1, 2], False), ("dim [1, 2] keep", None, [1, 2], True),
                                ("p=2 dim [0, 1, 2]", 2, [0, 1, 2], False), ("p=inf dim 2", INF, 2, True), ("p=0", 0, None, False),
                                ("p=-1 dim 0", -1, 0, False), ("fro dim [2, 0]", "fro", [2, 0], False), ("fro", "fro", None, False),
                                ("nuc dim [0, 2]", "nuc", [0, 2], False), ("nuc dim [0, 2] keep", "nuc", [0, 2], True), ("dim []", 2, [], False)]:
        add(f"torch_norm {dtype} {label}", "norm", "torch_norm", [(x3, None, None)],
            args_of(p=p if p is None or isinstance(p, str) else float(p), dim=dim, keepdim=keep),
            lambda a, p=p, d=dim, k=keep: torch.norm(a, p if p is not None else "fro", d, k),
            tol=[1e-5, 1e-6] if dtype == "Float32" else [1e-9, 1e-12])
    add(f"torch_norm {dtype} matrix nuc", "norm", "torch_norm", [(randn((3, 2), dtype), None, None)],
        args_of(p="nuc", dim=None, keepdim=False), lambda a: torch.norm(a, "nuc"), tol=[1e-5, 1e-6] if dtype == "Float32" else [1e-9, 1e-12])
    for p in [-1, INF, 2]:
        add(f"torch_norm {dtype} empty p={p}", "norm", "torch_norm", [(torch.ones(0, dtype=D[dtype]), None, None)],
            args_of(p=float(p), dim=None, keepdim=False), lambda a, p=p: torch.norm(a, p), grad=False)
for label, x, p, dim in [("Long", torch.ones(3, dtype=torch.int64), None, None), ("Long p=1 dim 0", torch.ones(3, dtype=torch.int64), 1, 0),
                         ("nuc 1-D", randn((3,)), "nuc", None), ("nuc 3-D", randn((2, 2, 2)), "nuc", None), ("nuc dim (0,)", randn((2, 3)), "nuc", [0]),
                         ("nuc dims equal", randn((2, 3)), "nuc", [0, 0]), ("fro 3 dims", randn((2, 3, 4)), "fro", [0, 1, 2]),
                         ("fro dims equal", randn((2, 3)), "fro", [0, 0]), ("abc", randn((2, 3)), "abc", None),
                         ("p=3 dims equal", randn((2, 3)), 3, [0, 0]), ("fro dim out of range", randn((2, 3)), "fro", [0, 5])]:
    add(f"torch_norm error {label}", "norm", "torch_norm", [(x, None, None)],
        args_of(p=p if p is None or isinstance(p, str) else float(p), dim=dim, keepdim=False),
        lambda a, p=p, d=dim: torch.norm(a, p if p is not None else "fro", d))

# ----------------------------------------------------------------------------- decompositions

for dtype in ["Float32", "Float64"]:
    tol = [2e-4, 2e-5] if dtype == "Float32" else [1e-9, 1e-11]
    for shape in [(1, 1), (3, 3), (4, 4), (2, 3, 3), (2, 1, 2, 2), (0, 0), (2, 0, 0)]:
        a = well_conditioned(shape, dtype)
        add(f"inv {dtype} {list(shape)}", "linalg", "inv", [(a, None, None)], {}, LA.inv, tol=tol)
        add(f"det {dtype} {list(shape)}", "linalg", "det", [(a, None, None)], {}, LA.det, tol=tol)
        add(f"cholesky {dtype} {list(shape)}", "linalg", "cholesky", [(spd(shape, dtype), None, None)], {"upper": False, "symmetrize": True},
            lambda a: LA.cholesky((a + a.mT) / 2), tol=tol)
    add(f"inv {dtype} transpose", "linalg", "inv", [(well_conditioned((3, 3), dtype), "transpose", None)], {}, LA.inv, tol=tol)
    add(f"inv {dtype} expand", "linalg", "inv", [(well_conditioned((1, 3, 3), dtype), "expand", (2, 3, 3))], {}, LA.inv, tol=tol)
    add(f"det {dtype} transpose batch", "linalg", "det", [(well_conditioned((2, 4, 4), dtype), "transpose", None)], {}, LA.det, tol=tol)
    add(f"det {dtype} random", "linalg", "det", [(randn((3, 5, 5), dtype), None, None)], {}, LA.det, tol=tol)
    # PyTorch 1.13's gradient of det at an exactly singular matrix is 0; Nabla gives the adjugate
    # (the true derivative, as PyTorch 2.x does), so these cases check the value only.
    add(f"det {dtype} singular", "linalg", "det", [(torch.tensor([[1.0, 2, 3], [4, 5, 6], [7, 8, 9]], dtype=D[dtype]), None, None)], {}, LA.det,
        tol=tol, grad=False)
    add(f"det {dtype} rank 1", "linalg", "det", [(torch.tensor([[1.0, 2], [2, 4]], dtype=D[dtype]), None, None)], {}, LA.det, tol=tol, grad=False)
    add(f"det {dtype} permutation", "linalg", "det", [(torch.tensor([[0.0, 1, 0], [0, 0, 1], [1, 0, 0]], dtype=D[dtype]), None, None)], {}, LA.det, tol=tol)
    add(f"cholesky {dtype} upper", "linalg", "cholesky", [(spd((2, 3, 3), dtype), None, None)], {"upper": True, "symmetrize": True},
        lambda a: LA.cholesky((a + a.mT) / 2, upper=True), tol=tol)
    add(f"cholesky {dtype} lower triangle only", "linalg", "cholesky",
        [(torch.tensor([[4.0, 100], [2, 5]], dtype=D[dtype]), None, None)], {"upper": False}, LA.cholesky, grad=False, tol=tol)
    # solve: vector and matrix right-hand sides, batches, broadcasting
    for label, ashape, bshape in [("vector", (3, 3), (3,)), ("matrix", (3, 3), (3, 2)), ("batch vector", (2, 3, 3), (2, 3)),
                                  ("batch matrix", (2, 3, 3), (2, 3, 4)), ("broadcast A", (3, 3), (2, 3, 1)),
                                  ("broadcast B", (2, 3, 3), (3,)), ("broadcast both", (2, 1, 3, 3), (4, 3, 2)), ("empty", (0, 0), (0,)),
                                  ("matrix rhs like vector", (4, 2, 3, 3), (2, 3))]:
        add(f"solve {dtype} {label}", "linalg", "solve", [(well_conditioned(ashape, dtype), None, None), (randn(bshape, dtype), None, None)], {},
            LA.solve, tol=tol)
    add(f"solve {dtype} transpose", "linalg", "solve", [(well_conditioned((3, 3), dtype), "transpose", None), (randn((2, 3), dtype), "transpose", None)], {},
        LA.solve, tol=tol)
    # qr
    for shape in [(3, 3), (4, 2), (2, 4), (2, 4, 3), (1, 1), (0, 3), (3, 0)]:
        for mode in ["reduced", "complete", "r"]:
            add(f"qr {dtype} {list(shape)} {mode}", "linalg", "qr", [(randn(shape, dtype), None, None)], {"mode": mode},
                lambda a, m=mode: LA.qr(a, m), tol=tol, grad=mode == "reduced" or (mode == "complete" and shape[-2] <= shape[-1]))
    add(f"qr {dtype} transpose", "linalg", "qr", [(randn((3, 4), dtype), "transpose", None)], {"mode": "reduced"}, LA.qr, tol=tol)
    add(f"qr {dtype} zero column", "linalg", "qr", [(torch.tensor([[0.0, 1], [0, 2], [0, 3]], dtype=D[dtype]), None, None)], {"mode": "reduced"},
        LA.qr, tol=tol, grad=False)
    # svd and svdvals
    for shape in [(3, 3), (4, 2), (2, 4), (2, 3, 5), (3, 1, 4, 4), (1, 1), (0, 3), (3, 0), (2, 0, 3)]:
        a = randn(shape, dtype)
        for full in [True, False]:
            add(f"svd {dtype} {list(shape)} full={full}", "linalg", "svd", [(a, None, None)], {"full_matrices": full},
                lambda a, f=full: LA.svd(a, full_matrices=f), tol=tol, outputs=[1])
        add(f"svdvals {dtype} {list(shape)}", "linalg", "svdvals", [(a, None, None)], {}, LA.svdvals, tol=tol)
    add(f"svdvals {dtype} transpose", "linalg", "svdvals", [(randn((3, 5), dtype), "transpose", None)], {}, LA.svdvals, tol=tol)
    add(f"svdvals {dtype} rank 1", "linalg", "svdvals", [(torch.ones(3, 4, dtype=D[dtype]), None, None)], {}, LA.svdvals, tol=tol, grad=False)
    add(f"svd {dtype} rank 1", "linalg", "svd", [(torch.ones(4, 3, dtype=D[dtype]), None, None)], {"full_matrices": True},
        LA.svd, tol=tol, outputs=[1])
    add(f"svd {dtype} zeros", "linalg", "svd", [(torch.zeros(2, 3, dtype=D[dtype]), None, None)], {"full_matrices": True},
        LA.svd, tol=tol, outputs=[1])
    add(f"svdvals {dtype} graded", "linalg", "svdvals", [(torch.diag(torch.tensor([1e-8, 1.0, 1e8], dtype=D[dtype])), None, None)], {},
        LA.svdvals, tol=[1e-6, 0.0])

# errors
for op, fn in [("inv", LA.inv), ("det", LA.det), ("cholesky", LA.cholesky), ("svdvals", LA.svdvals), ("qr", LA.qr)]:
    for label, x in [("1-D", randn((3,))), ("non-square", randn((2, 3))), ("Long", torch.ones(2, 2, dtype=torch.int64)),
                     ("Long non-square", torch.ones(2, 3, dtype=torch.int64))]:
        add(f"{op} error {label}", "linalg", op, [(x, None, None)], {}, fn)
for label, x in [("singular", torch.tensor([[1.0, 2], [2, 4]])), ("singular 3x3", torch.tensor([[1.0, 2, 3], [4, 5, 6], [7, 8, 9]])),
                 ("zeros", torch.zeros(3, 3)), ("batch", torch.stack([torch.eye(2), torch.tensor([[1.0, 2], [2, 4]])])),
                 ("singular Float64", torch.tensor([[1.0, 2], [2, 4]], dtype=torch.float64))]:
    add(f"inv error {label}", "linalg", "inv", [(x, None, None)], {}, LA.inv)
for label, x in [("indefinite", torch.tensor([[1.0, 2], [2, 1]])), ("batch", torch.stack([torch.eye(2), torch.tensor([[1.0, 2], [2, 1]])])),
                 ("nan", torch.tensor([[math.nan, 2], [2, 5]]))]:
    add(f"cholesky error {label}", "linalg", "cholesky", [(x, None, None)], {"upper": False}, LA.cholesky)
for label, a, b in [("singular", torch.zeros(2, 2), torch.ones(2)), ("singular batch", torch.stack([torch.eye(2), torch.zeros(2, 2)]), torch.ones(2)),
                    ("non-square", torch.ones(2, 3), torch.ones(2)), ("B rows", torch.eye(2), torch.ones(3)), ("B matrix rows", torch.eye(2), torch.ones(3, 2)),
                    ("dtypes", torch.eye(2), torch.ones(2, dtype=torch.float64)), ("Long", torch.eye(2, dtype=torch.int64), torch.ones(2, dtype=torch.int64)),
                    ("A 1-D", torch.ones(3), torch.ones(3)), ("B 0-d", torch.eye(3), torch.tensor(1.0)),
                    ("batch mismatch", torch.eye(3).expand(2, 3, 3), torch.ones(5, 3, 2))]:
    add(f"solve error {label}", "linalg", "solve", [(a, None, None), (b, None, None)], {}, LA.solve)
add("svd error nan", "linalg", "svd", [(torch.tensor([[math.nan, 2], [2, 5]]), None, None)], {"full_matrices": True}, LA.svd)
add("svd error 1-D", "linalg", "svd", [(torch.ones(3), None, None)], {"full_matrices": True}, LA.svd)
add("qr error mode", "linalg", "qr", [(torch.ones(3, 3), None, None)], {"mode": "x"}, lambda a: LA.qr(a, "x"))

write("linalg", "generate_linalg.py", cases)
