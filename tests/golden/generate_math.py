"""Golden cases for elementwise math and reductions (issue 3).

Every case is data, replayed by tests/Nabla.Tests/PointwiseTests.cs (group "pointwise"),
ReductionTests.cs (group "reduction") and InPlaceTests.cs (group "alias"):
  {name, group, op, inputs, args, expected}   or   {..., error: "<PyTorch message>"}
An input is a tensor (common.tensor) or a weak scalar {scalar: v, kind: int|float|bool} (a Python
number: C# long, double or bool), or null (an omitted clamp bound). A tensor input may carry
"view": how to view the stored tensor before use, built the same way in C#:
  transpose   t.transpose(0, 1)            step2   t[..., ::2]
  offset      t[1:]                        expand  t.expand(size)   (with "size": [...])
Pointwise ops: the torch function of the same name (operators for + - * / // % **); ops that
take no Python number in PyTorch (maximum, minimum, atan2) get the number as a 0-d tensor of
torch.result_type(tensor, number), which is how PyTorch types a weak scalar.
Reductions: args {dim: null | int | [ints], keepdim, correction}; max/min with a dim also give
"expected_indices". "signed_zero": true asks the replay to compare the sign of zeros too, and
"relative": true to compare with a relative tolerance only (no absolute floor near 0).
Run with Debian's PyTorch: /usr/bin/python3 tests/golden/generate_math.py
"""
import itertools
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DTYPES, number, tensor, write  # noqa: E402

D = {v: k for k, v in DTYPES.items()}  # "Float32" -> torch.float32
ALL = ["Bool", "UInt8", "Int32", "Int64", "Float32", "Float64"]
FLOATS = ["Float32", "Float64"]
INTS = ["UInt8", "Int32", "Int64"]
cases = []
names = set()
gen = torch.Generator().manual_seed(2024)
NAN, INF = float("nan"), float("inf")

# ----------------------------------------------------------------------------- inputs


def data(shape, dtype, low=-9, high=10):
    """Deterministic values: small integers, or multiples of 1/16 (exact in float32, short in JSON)."""
    d = D[dtype]
    if d == torch.bool:
        return torch.randint(0, 2, shape, generator=gen).bool()
    if d == torch.uint8:
        return torch.randint(0, 12, shape, generator=gen).to(d)
    if not d.is_floating_point:
        return torch.randint(low, high, shape, generator=gen).to(d)
    return (torch.randn(shape, generator=gen) * 32).round().div(16).to(d)


def absolute(t):
    return t if t.dtype == torch.bool else t.abs()


def nonzero(shape, dtype):
    t = data(shape, dtype)
    return torch.where(t == 0, torch.ones((), dtype=t.dtype), t)


class V:
    """A tensor input viewed in a way C# rebuilds: the base is stored, the view is applied."""

    def __init__(self, base, view, size=None):
        self.base, self.view, self.size = base, view, size

    def value(self):
        if self.view == "transpose":
            return self.base.transpose(0, 1)
        if self.view == "step2":
            return self.base[..., ::2]
        if self.view == "offset":
            return self.base[1:]
        if self.view == "expand":
            return self.base.expand(self.size)
        raise ValueError(self.view)

    def json(self):
        j = {**tensor(self.base), "view": self.view}
        if self.size is not None:
            j["size"] = list(self.size)
        return j


class S:
    """A weak scalar: a Python number (C#'s implicit conversion to a weak 0-d tensor)."""

    def __init__(self, value):
        self.value_ = value

    def value(self):
        return self.value_

    def json(self):
        kind = "bool" if isinstance(self.value_, bool) else "int" if isinstance(self.value_, int) else "float"
        return {"scalar": number(self.value_), "kind": kind}


def wrap(x):
    if x is None or isinstance(x, (V, S)):
        return x
    if isinstance(x, torch.Tensor):
        return V(x, None)
    return S(x)


def value(x):
    if x is None:
        return None
    return x.base if isinstance(x, V) and x.view is None else x.value()


def json_of(x):
    if x is None:
        return None
    if isinstance(x, V) and x.view is None:
        return tensor(x.base)
    return x.json()


# ----------------------------------------------------------------------------- ops


def as_tensor_of(scalar, other, floating):
    """
    A Python number as the 0-d tensor PyTorch's promotion makes of it next to `other`: in the
    common dtype, or (for ops that compute integers in the default float) in that float, so
    that -3 next to a UInt8 tensor is -3.0 for atan2 (and 253 for maximum, as PyTorch casts it).
    """
    dtype = torch.result_type(other, scalar)
    if floating and not dtype.is_floating_point:
        dtype = torch.get_default_dtype()
    return torch.tensor(scalar, dtype=dtype)


def no_scalar(f, floating=False):
    def call(a, b):
        if not isinstance(a, torch.Tensor):
            a = as_tensor_of(a, b, floating)
        if not isinstance(b, torch.Tensor):
            b = as_tensor_of(b, a, floating)
        return f(a, b)
    return call


BINARY = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
    "floor_divide": lambda a, b: a // b,
    "remainder": lambda a, b: a % b,
    "pow": lambda a, b: a ** b,
    "maximum": no_scalar(torch.maximum),
    "minimum": no_scalar(torch.minimum),
    "atan2": no_scalar(torch.atan2, floating=True),
    "bitwise_and": lambda a, b: a & b,
    "bitwise_or": lambda a, b: a | b,
    "bitwise_xor": lambda a, b: a ^ b,
    "eq": lambda a, b: a == b if isinstance(a, torch.Tensor) else b == a,
    "ne": lambda a, b: a != b if isinstance(a, torch.Tensor) else b != a,
    "lt": lambda a, b: a < b,
    "le": lambda a, b: a <= b,
    "gt": lambda a, b: a > b,
    "ge": lambda a, b: a >= b,
}
UNARY = ["neg", "abs", "sign", "exp", "expm1", "log", "log1p", "sqrt", "rsqrt", "sin", "cos", "tan",
         "tanh", "sigmoid", "relu", "floor", "ceil", "round", "reciprocal", "square", "logical_not",
         "bitwise_not", "isnan", "isinf", "isfinite"]


def call(op, inputs, args):
    vals = [value(x) for x in inputs]
    if op in BINARY:
        return BINARY[op](*vals)
    if op in UNARY:
        return getattr(torch, op)(*vals)
    if op == "clamp":
        return torch.clamp(vals[0], min=vals[1], max=vals[2])
    if op == "where":
        return torch.where(*vals)
    if op == "nan_to_num":
        return torch.nan_to_num(vals[0], nan=args.get("nan", 0.0), posinf=args.get("posinf"), neginf=args.get("neginf"))
    return reduce(op, vals[0], args)


def reduce(op, x, args):
    dim, keep = args.get("dim"), args.get("keepdim", False)
    if op in ("sum", "mean", "nansum", "nanmean", "logsumexp", "amax", "amin"):
        f = getattr(torch, op)
        return f(x) if dim is None else f(x, dim=dim, keepdim=keep)
    if op in ("prod", "argmax", "argmin", "all", "any"):
        f = getattr(torch, op)
        return f(x) if dim is None else f(x, dim, keepdim=keep)
    if op in ("max", "min"):
        f = getattr(torch, op)
        return f(x) if dim is None else tuple(f(x, dim, keepdim=keep))
    if op in ("var", "std"):
        f = getattr(torch, op)
        c = args.get("correction", 1)
        return f(x, dim=None, correction=c) if dim is None else f(x, dim=dim, correction=c, keepdim=keep)
    if op in ("softmax", "log_softmax", "cumsum", "cumprod"):
        return getattr(torch, op)(x, dim)
    raise ValueError(op)


def add(group, name, op, inputs, args=None, **extra):
    assert name not in names, name
    names.add(name)
    inputs = [wrap(x) for x in inputs]
    args = args or {}
    case = {"name": name, "group": group, "op": op, "inputs": [json_of(x) for x in inputs], "args": args}
    try:
        result = call(op, inputs, args)
    except (RuntimeError, IndexError) as e:  # PyTorch rejects the call: the replay must throw
        case["error"] = str(e).splitlines()[0]
        cases.append(case)
        return
    if isinstance(result, tuple):
        case["expected"], case["expected_indices"] = tensor(result[0]), tensor(result[1])
    else:
        case["expected"] = tensor(result)
    case.update(extra)
    cases.append(case)


def pointwise(name, op, inputs, args=None, **extra):
    add("pointwise", name, op, inputs, args, **extra)


def reduction(name, op, x, **args):
    add("reduction", name, op, [x], args)


# ----------------------------------------------------------------------------- pointwise: dtypes

# Every binary op over every same-dtype pair, and over mixed pairs (promotion).
for op in BINARY:
    for dt in ALL:
        a = data([2, 3], dt)
        b = nonzero([2, 3], dt) if op in ("floor_divide", "remainder") else data([2, 3], dt)
        if op == "pow" and not D[dt].is_floating_point:
            b = torch.randint(0, 4, [2, 3], generator=gen).to(D[dt])
        if op == "pow" and D[dt].is_floating_point:
            a = a.abs() + 0.5
        pointwise(f"{op}/{dt}", op, [a, b])
    for x, y in itertools.combinations(ALL, 2):
        a = data([4], x)
        b = nonzero([4], y) if op in ("floor_divide", "remainder") else data([4], y)
        if op == "pow":
            a, b = absolute(data([4], x)), torch.randint(0, 3, [4], generator=gen).to(D[y])
        pointwise(f"{op}/{x}+{y}", op, [a, b])

for op in UNARY:
    for dt in ALL:
        x = data([2, 3], dt)
        if op in ("log", "sqrt", "rsqrt", "log1p", "reciprocal") and D[dt].is_floating_point:
            x = x.abs() + 0.25
        pointwise(f"{op}/{dt}", op, [x])

for dt in ALL:
    x = data([2, 3], dt)
    pointwise(f"clamp/{dt}/min_max", "clamp", [x, 1, 5])
    pointwise(f"clamp/{dt}/min", "clamp", [x, 0, None])
    pointwise(f"clamp/{dt}/max_float", "clamp", [x, None, 2.5])
    pointwise(f"clamp/{dt}/tensor_bounds", "clamp", [x, data([3], dt), data([2, 1], dt)])
    pointwise(f"clamp/{dt}/none", "clamp", [x, None, None])
    cond = data([2, 3], "Bool")
    pointwise(f"where/{dt}", "where", [cond, x, data([2, 3], dt)])
    pointwise(f"where/{dt}+Float64", "where", [cond, x, data([2, 3], "Float64")])
    pointwise(f"where/{dt}/scalar_int", "where", [cond, x, 0])
    pointwise(f"where/{dt}/scalar_float", "where", [cond, 0.5, x])
    if dt != "UInt8":  # a UInt8 condition is deprecated in 1.13 (a warning) and an error since 2.0
        pointwise(f"where/{dt}/cond_not_bool", "where", [x, x, x])
    pointwise(f"nan_to_num/{dt}", "nan_to_num", [x])
pointwise("where/broadcast3", "where", [data([3, 1], "Bool"), data([4], "Float32"), data([2, 1, 1], "Int64")])
pointwise("where/empty", "where", [data([0, 3], "Bool"), data([3], "Float32"), 1.0])
pointwise("clamp/min_gt_max", "clamp", [data([5], "Float32"), 2.0, -1.0])
pointwise("clamp/nan", "clamp", [torch.tensor([NAN, -3.0, 0.5, 7.0, INF]), -1.0, 1.0])
for dt in FLOATS:
    s = torch.tensor([NAN, INF, -INF, 1.5, -0.0], dtype=D[dt])
    pointwise(f"nan_to_num/{dt}/default", "nan_to_num", [s])
    pointwise(f"nan_to_num/{dt}/given", "nan_to_num", [s], {"nan": 1.0, "posinf": 9.0, "neginf": -9.0})
    pointwise(f"nan_to_num/{dt}/posinf_only", "nan_to_num", [s], {"posinf": 100.0})

# ----------------------------------------------------------------------------- pointwise: shapes

SHAPES = [
    ("3x1+4", [3, 1], [4]), ("2x1x4+3x1", [2, 1, 4], [3, 1]), ("4+0d", [4], []), ("0d+4", [], [4]),
    ("0d+0d", [], []), ("0+1", [0], [1]), ("2x0x3+3", [2, 0, 3], [3]), ("2x3x4+2x3x4", [2, 3, 4], [2, 3, 4]),
    ("1x3x1x2+2x1x4x1", [1, 3, 1, 2], [2, 1, 4, 1]), ("5+5", [5], [5]), ("2x1x1x1x3+4x1", [2, 1, 1, 1, 3], [4, 1]),
    ("mismatch_3+4", [3], [4]), ("mismatch_2x3+3x2", [2, 3], [3, 2]),
]
MISMATCH_OPS = {"add", "mul", "eq", "atan2"}  # the check is shared: a few ops suffice
for op in BINARY:
    for dt in ("Float32", "Int64"):
        for label, sa, sb in SHAPES:
            if label.startswith("mismatch") and op not in MISMATCH_OPS:
                continue
            b = nonzero(sb, dt) if op in ("floor_divide", "remainder") else data(sb, dt)
            a = data(sa, dt)
            if op == "pow":
                a, b = absolute(data(sa, dt)), torch.randint(0, 3, sb, generator=gen).to(D[dt])
            if op.startswith("bitwise") and dt == "Float32":
                continue
            pointwise(f"{op}/{dt}/{label}", op, [a, b])
for op in UNARY:
    for label, shape in (("0d", []), ("empty", [0]), ("empty2", [2, 0]), ("3d", [2, 3, 4]), ("4d", [2, 1, 3, 2])):
        dt = "Int32" if op.startswith("bitwise") else "Float32"
        x = data(shape, dt)
        if op in ("log", "sqrt", "rsqrt", "log1p", "reciprocal"):
            x = x.abs() + 0.25
        pointwise(f"{op}/{label}", op, [x])

# ----------------------------------------------------------------------------- pointwise: views


def views(dt, positive=False, nz=False):
    def base(shape):
        t = nonzero(shape, dt) if nz else data(shape, dt)
        return t.abs() + 0.25 if positive else t
    return [
        ("transpose", V(base([4, 3]), "transpose")),            # [3, 4], strides (1, 3)
        ("step2", V(base([3, 8]), "step2")),                    # [3, 4], strides (8, 2)
        ("offset", V(base([4, 4]), "offset")),                  # [3, 4], offset 4
        ("expand", V(base([3, 1]), "expand", [3, 4])),          # [3, 4], strides (1, 0)
    ]


for op in BINARY:
    for dt in ("Float32", "Int32"):
        if op.startswith("bitwise") and dt == "Float32":
            continue
        pairs = [(0, 1), (1, 2), (2, 3), (3, 0), (0, 0), (1, 1)]  # transpose, step2, offset, expand
        for i, j in pairs:
            (la, a), (lb, b) = views(dt)[i], views(dt, nz=op in ("floor_divide", "remainder"))[j]
            if op == "pow":
                a = V(absolute(a.base), a.view, a.size)
                b = V(torch.randint(0, 3, list(b.base.shape), generator=gen).to(D[dt]), b.view, b.size)
            pointwise(f"{op}/{dt}/{la}+{lb}", op, [a, b])
        pointwise(f"{op}/{dt}/transpose+row", op, [views(dt)[0][1], nonzero([4], dt)])
for op in UNARY:
    dt = "Int64" if op.startswith("bitwise") else "Float64"
    for label, x in views(dt, positive=op in ("log", "sqrt", "rsqrt", "log1p", "reciprocal")):
        pointwise(f"{op}/{label}", op, [x])
for label, x in views("Float32"):
    pointwise(f"clamp/{label}", "clamp", [x, -0.5, 0.5])
    pointwise(f"where/{label}", "where", [V(data([4, 3], "Bool"), "transpose"), x, views("Float32")[1][1]])
    pointwise(f"nan_to_num/{label}", "nan_to_num", [x])

# ----------------------------------------------------------------------------- pointwise: weak scalars

SCALARS = [("true", True), ("int2", 2), ("int-3", -3), ("half", 0.5), ("float2.5", 2.5)]
SCALAR_OPS = ["add", "sub", "mul", "div", "floor_divide", "remainder", "pow", "maximum", "minimum", "atan2",
              "bitwise_and", "bitwise_xor", "eq", "lt", "ge"]
for op in SCALAR_OPS:
    for dt in ALL:
        for label, s in SCALARS:
            x = nonzero([4], dt)
            if op == "pow":
                x = absolute(x)
            pointwise(f"{op}/{dt}/scalar_{label}", op, [x, s])
            pointwise(f"{op}/{dt}/{label}_scalar", op, [s, x])
        zd = nonzero([], dt)
        pointwise(f"{op}/{dt}/0d+scalar_half", op, [absolute(zd) if op == "pow" else zd, 0.5])
        pointwise(f"{op}/{dt}/0d+scalar_int2", op, [absolute(zd) if op == "pow" else zd, 2])
# 0-d tensors rank below dimensioned ones within a category, above them across categories.
for x, y in itertools.product(ALL, ALL):
    pointwise(f"add/dim_{x}+0d_{y}", "add", [data([3], x) if x != "Bool" else data([3], x), data([], y)])
    pointwise(f"mul/0d_{x}+0d_{y}", "mul", [data([], x), data([], y)])
pointwise("add/bool+scalar_int", "add", [torch.tensor([True, False]), 1])
pointwise("mul/int64+scalar_half", "mul", [torch.tensor([1, 2, 3]), 0.5])
pointwise("add/int64+scalar_int", "add", [torch.tensor([1, 2, 3]), 2])
pointwise("div/int64+int64", "div", [torch.tensor([1, 2, 3]), torch.tensor([2, 2, 2])])
pointwise("add/uint8+scalar_300", "add", [torch.tensor([1, 2, 250], dtype=torch.uint8), 300])
pointwise("sub/uint8_wrap", "sub", [torch.tensor([3, 0], dtype=torch.uint8), torch.tensor([5, 1], dtype=torch.uint8)])
pointwise("mul/int32_wrap", "mul", [torch.tensor([65536, -65536], dtype=torch.int32), torch.tensor([65536, 65537], dtype=torch.int32)])
pointwise("add/float32+scalar_1e20", "add", [torch.tensor([1.0, -1.0]), 1e20])
pointwise("add/float32+scalar_nan", "add", [torch.tensor([1.0, -1.0]), NAN])
pointwise("mul/int64+scalar_inf", "mul", [torch.tensor([1, -1, 0]), INF])

# ----------------------------------------------------------------------------- pointwise: special values

SPECIAL = [NAN, INF, -INF, -0.0, 0.0, 1.0, -1.0, 2.5, -2.5, 1e-30, 1e30, 7.0, -7.0]
# Pairs of every special value. Not 1e-30 here: PyTorch's vectorised float32 fmod (SLEEF) gives
# NaN for fmod(1e30, 1e-30), where its own scalar path and the exact answer are 8.2e-31.
# The sign of a zero from maximum/minimum/relu is not checked: PyTorch returns an operand
# (maximum(0.0, -0.0) is -0.0), Nabla IEEE 754's maximum (+0.0); both are zero.
BINARY_SPECIAL = [v if v != 1e-30 else 1e-5 for v in SPECIAL]
n = len(BINARY_SPECIAL)
for dt in FLOATS:
    a = torch.tensor(BINARY_SPECIAL, dtype=D[dt]).repeat_interleave(n)
    b = torch.tensor(BINARY_SPECIAL, dtype=D[dt]).repeat(n)
    for op in BINARY:
        if not op.startswith("bitwise"):
            pointwise(f"{op}/{dt}/special", op, [a, b], signed_zero=op in ("add", "sub", "mul", "div", "floor_divide", "remainder", "atan2"))
    sv = torch.tensor(SPECIAL + [0.5, 1.5, -0.5, -1.5, 3.14159265, -100.0, 100.0, 88.5, -88.5, 1e-7], dtype=D[dt])
    for op in UNARY:
        if op != "bitwise_not":
            pointwise(f"{op}/{dt}/special", op, [sv], signed_zero=op in ("neg", "abs", "sign", "floor", "ceil", "round", "sin", "tan", "tanh", "expm1", "log1p", "sqrt", "square", "reciprocal"))

ia = list(range(-7, 8))
ib = [-3, -2, -1, 1, 2, 3]
for dt in ("Int32", "Int64"):
    a = torch.tensor(ia, dtype=D[dt]).repeat_interleave(len(ib))
    b = torch.tensor(ib, dtype=D[dt]).repeat(len(ia))
    for op in ("floor_divide", "remainder", "div"):
        pointwise(f"{op}/{dt}/negative_operands", op, [a, b])
        pointwise(f"{op}/{dt}/by_zero", op, [torch.tensor([1, -1, 0], dtype=D[dt]), torch.tensor([0, 2, 3], dtype=D[dt])])
        pointwise(f"{op}/{dt}/by_scalar_zero", op, [torch.tensor([1, -1], dtype=D[dt]), 0])
    pointwise(f"floor_divide/{dt}/by_scalar_-2", "floor_divide", [torch.tensor(ia, dtype=D[dt]), -2])
    pointwise(f"remainder/{dt}/by_scalar_-2", "remainder", [torch.tensor(ia, dtype=D[dt]), -2])
    pointwise(f"remainder/{dt}/by_scalar_2.5", "remainder", [torch.tensor(ia, dtype=D[dt]), 2.5])
    pb = torch.tensor([-3, -2, -1, 0, 1, 2, 3], dtype=D[dt])
    base = torch.tensor([-2, -1, 0, 1, 2, 3], dtype=D[dt])
    pointwise(f"pow/{dt}/negative_tensor_exponents", "pow",
              [base.repeat_interleave(len(pb)), pb.repeat(len(base))])
    pointwise(f"pow/{dt}/negative_scalar_exponent", "pow", [base, -1])
    pointwise(f"pow/{dt}/negative_0d_exponent", "pow", [base, torch.tensor(-2, dtype=D[dt])])
    pointwise(f"pow/{dt}/scalar_base", "pow", [2, pb])
    pointwise(f"pow/{dt}/float_exponent", "pow", [base, 0.5])
    pointwise(f"pow/{dt}/scalar_negative_float", "pow", [base, -1.0])
for dt in FLOATS:  # the functions whose point is accuracy near 0
    small = torch.tensor([1e-30, -1e-10, 1e-7, -1e-5, 1e-3, -0.01, 0.1, -0.3], dtype=D[dt])
    for op in ("expm1", "log1p", "tanh", "sin", "tan", "sigmoid"):
        pointwise(f"{op}/{dt}/small", op, [small], relative=True)
pointwise("round/Float32/halves", "round", [torch.arange(-4.5, 5.0, 0.5)], signed_zero=True)
pointwise("remainder/Float32/by_scalar_-1.5", "remainder", [torch.arange(-4.5, 5.0, 0.5), -1.5], signed_zero=True)
pointwise("floor_divide/Float32/by_scalar_0.1", "floor_divide", [torch.tensor([1.0, 0.3, -0.3, 0.7]), 0.1])
pointwise("div/Float32/by_zero", "div", [torch.tensor([1.0, -1.0, 0.0, -0.0]), torch.tensor([0.0, 0.0, 0.0, -0.0])], signed_zero=True)
pointwise("sigmoid/Float32/extremes", "sigmoid", [torch.tensor([-1000.0, -90.0, -20.0, 0.0, 20.0, 90.0, 1000.0])])
pointwise("bitwise_not/UInt8/edges", "bitwise_not", [torch.tensor([0, 1, 254, 255], dtype=torch.uint8)])
pointwise("bitwise_and/Int64/negative", "bitwise_and", [torch.tensor([-1, -8, 5]), torch.tensor([7, -3, -6])])
pointwise("bitwise_or/Int32/scalar", "bitwise_or", [torch.tensor([1, -8, 5], dtype=torch.int32), 6])
pointwise("bitwise_xor/Bool/scalar_true_pair", "bitwise_xor", [torch.tensor([True, False]), True])
pointwise("abs/Int32/min_value", "abs", [torch.tensor([-2147483648, -5, 5], dtype=torch.int32)])
pointwise("neg/Int64/min_value", "neg", [torch.tensor([-9223372036854775808, 3])])
pointwise("eq/Int64+Float32_precision", "eq", [torch.tensor([16777217]), torch.tensor([16777216.0])])
pointwise("lt/Float64/nan_scalar", "lt", [torch.tensor([1.0, NAN], dtype=torch.float64), NAN])
pointwise("ne/Float32/nan_self", "ne", [torch.tensor([NAN, 1.0]), torch.tensor([NAN, 1.0])])

# ----------------------------------------------------------------------------- reductions

REDUCE_SHAPES = [("0d", []), ("empty", [0]), ("2x0", [2, 0]), ("1d", [5]), ("2d", [3, 4]), ("3d", [2, 3, 2])]


def dims_for(rank):
    yield "all", None
    if rank == 0:
        yield "d0", 0
        yield "d-1", -1
        return
    yield "d0", 0
    yield "d-1", -1
    if rank >= 2:
        yield "d1", 1
        yield "l01", [0, 1]
    if rank >= 3:
        yield "l-1,0", [-1, 0]
        yield "l2", [2]


LIST_OPS = {"sum", "mean", "nansum", "nanmean", "var", "std", "logsumexp", "amax", "amin"}
INT_OPS = {"prod", "max", "min", "argmax", "argmin", "all", "any", "softmax", "log_softmax", "cumsum", "cumprod"}
NO_ALL = {"logsumexp", "softmax", "log_softmax", "cumsum", "cumprod"}
NO_KEEP = {"softmax", "log_softmax", "cumsum", "cumprod"}
NO_LIST_IN_NABLA = {"prod", "max", "min", "argmax", "argmin", "all", "any", "nansum", "nanmean"}
REDUCE_OPS = ["sum", "mean", "prod", "max", "min", "amax", "amin", "argmax", "argmin", "var", "std", "all", "any",
              "logsumexp", "softmax", "log_softmax", "cumsum", "cumprod", "nansum", "nanmean"]

for op in REDUCE_OPS:
    # Every dtype, on a 2-D input reduced over everything and over dim 1.
    for dt in ALL:
        x = data([3, 4], dt) if op != "cumprod" else data([3, 4], dt, -2, 3)
        if op not in NO_ALL:
            reduction(f"{op}/{dt}/all", op, x)
        reduction(f"{op}/{dt}/d1", op, x, dim=1)
    # Shapes and dims, in Float32 (ints for the int-valued ones).
    for label, shape in REDUCE_SHAPES:
        dt = "Float64" if op in ("var", "std") else "Float32"
        for dl, dim in dims_for(len(shape)):
            if dim is None and op in NO_ALL:
                continue
            if isinstance(dim, list) and (op not in LIST_OPS):
                continue
            if isinstance(dim, list) and op in NO_LIST_IN_NABLA:
                continue
            for keep in ((False,) if op in NO_KEEP or dim is None else (False, True)):
                x = data(shape, dt)
                if dim is None:
                    reduction(f"{op}/{label}/{dl}", op, x)
                else:
                    reduction(f"{op}/{label}/{dl}" + ("/keep" if keep else ""), op, x, dim=dim, keepdim=keep)
    # Strided inputs.
    for label, x in views("Float64")[:3]:
        if op in NO_ALL:
            reduction(f"{op}/{label}/d0", op, x, dim=0)
        else:
            reduction(f"{op}/{label}/all", op, x)
            reduction(f"{op}/{label}/d-1/keep", op, x, dim=-1, keepdim=True)
    reduction(f"{op}/expand/d0", op, V(data([1, 4], "Float64"), "expand", [3, 4]), dim=0)

for c in (0, 1, 2, 5):
    x = data([3, 4], "Float64")
    reduction(f"var/correction{c}/all", "var", x, correction=c)
    reduction(f"std/correction{c}/d1", "std", x, dim=1, correction=c)
    reduction(f"var/correction{c}/l01/keep", "var", data([2, 3, 2], "Float32"), dim=[0, 1], keepdim=True, correction=c)
reduction("var/one_element", "var", torch.tensor([2.5]))
reduction("var/large_mean", "var", torch.tensor([1e8 + 1, 1e8 + 2, 1e8 + 3], dtype=torch.float64))
reduction("sum/dim_empty_list", "sum", data([2, 3], "Float32"), dim=[], keepdim=False)
reduction("sum/Int32_overflow_to_int64", "sum", torch.tensor([2**31 - 1, 2**31 - 1], dtype=torch.int32))
reduction("sum/UInt8_to_int64", "sum", torch.tensor([200, 100], dtype=torch.uint8), dim=0)
reduction("sum/Float32_special", "sum", torch.tensor([1.0, INF, 2.0]))
reduction("sum/Float32_inf_minus_inf", "sum", torch.tensor([INF, -INF]))
reduction("softmax/1000_1000", "softmax", torch.tensor([1000.0, 1000.0]), dim=0)
reduction("softmax/large_range", "softmax", torch.tensor([[1000.0, 0.0, -1000.0], [-5.0, -5.0, -5.0]]), dim=1)
reduction("softmax/with_-inf", "softmax", torch.tensor([[-INF, 0.0, 1.0], [1.0, -INF, 1.0]]), dim=1)
reduction("log_softmax/1000_1000", "log_softmax", torch.tensor([1000.0, 1000.0]), dim=0)
reduction("log_softmax/large_range", "log_softmax", torch.tensor([[1000.0, 0.0, -1000.0]]), dim=-1)
reduction("logsumexp/-inf_rows", "logsumexp", torch.tensor([[-INF, -INF], [1.0, 2.0], [-INF, 0.0]]), dim=1)
reduction("logsumexp/inf_rows", "logsumexp", torch.tensor([[INF, 1.0], [INF, INF], [NAN, 1.0]]), dim=1)
reduction("logsumexp/large", "logsumexp", torch.tensor([[1000.0, 1000.0], [-1000.0, -1000.0]]), dim=-1, keepdim=True)
reduction("logsumexp/Int64", "logsumexp", torch.tensor([[1, 2], [3, 4]]), dim=1)
reduction("argmax/ties", "argmax", torch.tensor([1.0, 3.0, 3.0, 2.0, 3.0]))
reduction("argmax/ties_dim", "argmax", torch.tensor([[1, 3, 3], [2, 2, 2]]), dim=1)
reduction("argmin/ties", "argmin", torch.tensor([4, 1, 1, 1], dtype=torch.int32))
reduction("argmax/nan", "argmax", torch.tensor([1.0, NAN, 5.0, NAN]))
reduction("argmin/nan", "argmin", torch.tensor([1.0, -2.0, NAN]))
reduction("argmax/-inf_only", "argmax", torch.tensor([-INF, -INF]))
reduction("max/ties_dim", "max", torch.tensor([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]]), dim=1)
reduction("min/ties_dim", "min", torch.tensor([[5, 1, 1], [0, 9, 0]]), dim=-1, keepdim=True)
reduction("max/nan", "max", torch.tensor([1.0, NAN, 5.0]))
reduction("min/nan_dim", "min", torch.tensor([[1.0, NAN, -5.0], [1.0, 2.0, 0.0]]), dim=1)
reduction("amax/nan", "amax", torch.tensor([[1.0, NAN], [3.0, -INF]]), dim=[1])
reduction("max/-0.0", "max", torch.tensor([-0.0, -1.0]))
reduction("cumsum/Int32_to_Int64", "cumsum", torch.tensor([2**31 - 1, 1, 2], dtype=torch.int32), dim=0)
reduction("cumsum/Bool", "cumsum", torch.tensor([True, True, False, True]), dim=0)
reduction("cumsum/nan", "cumsum", torch.tensor([1.0, NAN, 2.0]), dim=0)
reduction("cumprod/zero", "cumprod", torch.tensor([[2, 0, 3], [-1, -2, 3]]), dim=1)
reduction("prod/Float32_accuracy", "prod", torch.full([30], 1.1))
reduction("prod/Bool", "prod", torch.tensor([[True, True], [True, False]]), dim=0)
reduction("prod/Int64_wrap", "prod", torch.tensor([2**40, 2**30]))
reduction("all/UInt8", "all", torch.tensor([[1, 2], [0, 3]], dtype=torch.uint8), dim=1)
reduction("any/Float32_nan", "any", torch.tensor([0.0, NAN]))
reduction("all/empty", "all", torch.zeros([0]))
reduction("any/empty", "any", torch.zeros([0]))
reduction("nansum/nan", "nansum", torch.tensor([[1.0, NAN, 2.0], [NAN, NAN, NAN]]), dim=1)
reduction("nanmean/nan", "nanmean", torch.tensor([[1.0, NAN, 2.0], [NAN, NAN, NAN]]), dim=1)
reduction("nanmean/all_nan", "nanmean", torch.tensor([NAN, NAN]))
reduction("nansum/inf", "nansum", torch.tensor([INF, NAN, 1.0]))
reduction("mean/empty", "mean", torch.zeros([0]))
reduction("mean/Float64_large", "mean", torch.full([1000], 0.1, dtype=torch.float64))
reduction("sum/Float32_0.1x100000", "sum", V(torch.tensor([0.1]), "expand", [100000]))

# ----------------------------------------------------------------------------- in place with aliasing

x = torch.arange(8, dtype=torch.float32)
y = x.clone()
y[1:] = x[1:] + x[:-1]
cases.append({"name": "alias/add_shifted", "group": "alias", "op": "add", "inputs": [tensor(x)],
              "args": {"destination": "x[1:]", "a": "x[1:]", "b": "x[:-1]"}, "expected": tensor(y)})
names.add("alias/add_shifted")
y = x.clone()
y[:-1] = x[1:] * x[:-1]
cases.append({"name": "alias/mul_shifted_back", "group": "alias", "op": "mul", "inputs": [tensor(x)],
              "args": {"destination": "x[:-1]", "a": "x[1:]", "b": "x[:-1]"}, "expected": tensor(y)})
X = torch.arange(9, dtype=torch.float64).reshape(3, 3)
Y = X.clone()
Y.copy_(X + X.t())
cases.append({"name": "alias/add_transpose", "group": "alias", "op": "add", "inputs": [tensor(X)],
              "args": {"destination": "X", "a": "X", "b": "X.T"}, "expected": tensor(Y)})
Y = X.clone()
Y.t().copy_(torch.exp(X))
cases.append({"name": "alias/exp_into_transpose", "group": "alias", "op": "exp", "inputs": [tensor(X)],
              "args": {"destination": "X.T", "a": "X"}, "expected": tensor(Y)})

# ----------------------------------------------------------------------------- compound operators

# {name, group: "inplace", op: "+=", operand: Tensor|row|int|long|float|double|bool, inputs: [x, y?],
# expected: x afterwards | error}. The C# replay uses the literal of the operand's type:
# 2, 3L, 0.5f, 2.5, true (a Tensor operand is inputs[1]).
import operator  # noqa: E402

COMPOUND = {"+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
            "%=": operator.imod, "&=": operator.iand, "|=": operator.ior, "^=": operator.ixor}
LITERALS = {"int": 2, "long": 3, "float": 0.5, "double": 2.5, "bool": True}
for dt, base_ops in (("Float32", "+= -= *= /= %= &="), ("Int64", "+= -= *= /= %= &= |= ^="), ("Bool", "+= -= *= &= |= ^=")):
    for op in base_ops.split():
        for operand in ("Tensor", "row", "Int64", "int", "long", "float", "double", "bool"):
            x = nonzero([2, 3], dt)
            y = nonzero([2, 3], dt) if operand == "Tensor" else nonzero([3], dt) if operand == "row" \
                else nonzero([2, 3], "Int64") if operand == "Int64" else None
            if operand == "Int64" and dt == "Int64":
                continue
            name = f"inplace/{dt}/{op} {operand}"
            case = {"name": name, "group": "inplace", "op": op, "operand": operand,
                    "inputs": [tensor(x)] + ([tensor(y)] if y is not None else []), "args": {}}
            try:
                result = COMPOUND[op](x.clone(), y if y is not None else LITERALS[operand])
                case["expected"] = tensor(result)
            except RuntimeError as e:
                case["error"] = str(e).splitlines()[0]
            assert name not in names, name
            names.add(name)
            cases.append(case)

write("math", "generate_math.py", cases)
