"""Golden cases for autograd (issue 5), replayed by tests/Nabla.Tests/AutogradGoldenTests.cs.

Groups:
  chapter  the d2l section 2.5 examples, one named case each, with PyTorch's values and reprs
  grad     an op applied to inputs, its gradients from torch.autograd.grad:
           {op, args, inputs, outputs, grad_outputs, grads, grad_fn, indices?}
  ties     the same format, at PyTorch's non-differentiable points (ties, zeros, boundaries, NaN)
  second   higher-order derivatives through create_graph, one named case each
An input is a tensor {dtype, shape, data, view?, size?, requires_grad} (common.tensor; "view" as in
generate_math.py: transpose | step2 | offset | expand, applied to the stored base, the viewed tensor
then made a leaf), a weak scalar {scalar, kind: int|float}, or null (an omitted clamp bound).
"grads" has one entry per input: the gradient, or null for inputs that do not require grad.
"grad_fn" is PyTorch's name for the first output's grad_fn.
Run with Debian's PyTorch: /usr/bin/python3 tests/golden/generate_autograd.py
"""
import os
import warnings
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import number, subscript, tensor, write  # noqa: E402

F64, F32 = torch.float64, torch.float32
warnings.filterwarnings("ignore", message="Using backward\(\) with create_graph=True")
gen = torch.Generator().manual_seed(2025)
cases = []
names = set()
NAN, INF = float("nan"), float("inf")


def add(group, name, **fields):
    assert name not in names, name
    names.add(name)
    cases.append({"group": group, "name": name, **fields})


# ----------------------------------------------------------------------------- inputs


def rnd(shape, dtype=F64, low=None, high=None):
    """Random values rounded to 1/1024 (exact in float32, short in JSON), optionally in [low, high)."""
    if low is not None:
        t = torch.rand(shape, generator=gen, dtype=F64) * (high - low) + low
    else:
        t = torch.randn(shape, generator=gen, dtype=F64)
    return (t * 1024).round().div(1024).to(dtype)


class In:
    """A tensor input: a stored base, optionally viewed, then a leaf (that requires grad unless rg=False)."""

    def __init__(self, base, view=None, size=None, rg=True):
        self.base, self.view, self.size, self.rg = base, view, size, rg

    def value(self):
        t = self.base
        if self.view == "transpose":
            t = t.transpose(0, 1)
        elif self.view == "step2":
            t = t[..., ::2]
        elif self.view == "offset":
            t = t[1:]
        elif self.view == "expand":
            t = t.expand(self.size)
        t = t.detach()
        if self.rg:
            t.requires_grad_(True)
        return t

    def json(self):
        j = {**tensor(self.base), "requires_grad": self.rg}
        if self.view is not None:
            j["view"] = self.view
        if self.size is not None:
            j["size"] = list(self.size)
        return j


class Sc:
    """A weak scalar (a Python number; a C# long or double)."""

    def __init__(self, v):
        self.v = v

    def value(self):
        return self.v

    def json(self):
        return {"scalar": number(self.v), "kind": "int" if isinstance(self.v, int) else "float"}


def R(*shape, dtype=F64, low=None, high=None, view=None, size=None, rg=True):
    return In(rnd(shape, dtype, low, high), view, size, rg)


def C(values, dtype=F64, rg=True):
    return In(torch.tensor(values, dtype=dtype), rg=rg)


# ----------------------------------------------------------------------------- ops

BINARY = {
    "add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b, "remainder": lambda a, b: a % b, "pow": lambda a, b: a ** b,
    "maximum": torch.maximum, "minimum": torch.minimum, "atan2": torch.atan2,
}
UNARY = ["neg", "abs", "sign", "exp", "expm1", "log", "log1p", "sqrt", "rsqrt", "sin", "cos", "tan", "tanh",
         "sigmoid", "relu", "floor", "ceil", "round", "reciprocal", "square"]


def dims(a):
    d = a.get("dim")
    return tuple(d) if isinstance(d, list) else d


def forward(op, a, x):
    """The op applied to the input values; returns the list of outputs (and the indices of max/min)."""
    if op in BINARY:
        return [BINARY[op](x[0], x[1])]
    if op in UNARY:
        return [getattr(torch, op)(x[0])]
    if op == "clamp":
        return [torch.clamp(x[0], min=x[1], max=x[2])]
    if op == "where":
        return [torch.where(x[0], x[1], x[2])]
    if op == "nan_to_num":
        return [torch.nan_to_num(x[0], nan=a.get("nan", 0.0), posinf=a.get("posinf"), neginf=a.get("neginf"))]
    if op == "cross_entropy":
        return [torch.nn.functional.cross_entropy(x[0], x[1], reduction=a.get("reduction", "mean"))]
    if op == "mse_loss":
        return [torch.nn.functional.mse_loss(x[0], x[1], reduction=a.get("reduction", "mean"))]
    t = x[0]
    if op in ("sum", "mean", "nansum"):
        f = getattr(torch, op)
        return [f(t) if dims(a) is None else f(t, dims(a), keepdim=a.get("keepdim", False))]
    if op == "nanmean":
        return [torch.nanmean(t) if dims(a) is None else torch.nanmean(t, dims(a), keepdim=a.get("keepdim", False))]
    if op == "prod":
        return [t.prod() if dims(a) is None else t.prod(dims(a), keepdim=a.get("keepdim", False))]
    if op in ("max", "min"):
        f = getattr(torch, op)
        if dims(a) is None:
            return [f(t)]
        values, indices = f(t, dims(a), keepdim=a.get("keepdim", False))
        return [values], indices
    if op in ("amax", "amin"):
        return [getattr(torch, op)(t, dims(a), keepdim=a.get("keepdim", False))]
    if op in ("var", "std"):
        f = getattr(torch, op)
        return [f(t, dims(a), correction=a.get("correction", 1), keepdim=a.get("keepdim", False))]
    if op == "logsumexp":
        return [torch.logsumexp(t, dims(a), keepdim=a.get("keepdim", False))]
    if op in ("softmax", "log_softmax", "cumsum", "cumprod"):
        return [getattr(torch, op)(t, a["dim"])]
    if op in ("reshape", "view"):
        return [getattr(t, op)(a["shape"])]
    if op == "transpose":
        return [t.transpose(*a["dims"])]
    if op == "permute":
        return [t.permute(*a["dims"])]
    if op == "T":
        return [t.T]
    if op == "squeeze":
        return [t.squeeze() if "dim" not in a else t.squeeze(a["dim"])]
    if op == "unsqueeze":
        return [t.unsqueeze(a["dim"])]
    if op == "expand":
        return [t.expand(a["size"])]
    if op == "flatten":
        return [t.flatten(a.get("start", 0), a.get("end", -1))]
    if op == "narrow":
        return [t.narrow(a["dim"], a["start"], a["length"])]
    if op == "clone":
        return [t.clone()]
    if op == "contiguous":
        return [t.contiguous()]
    if op == "to":
        return [t.to({"Float32": F32, "Float64": F64}[a["dtype"]])]
    if op == "index":
        return [t[py_index(a["index"])]]
    if op == "index_put":
        z = t * 2
        z[py_index(a["index"])] = x[1]
        return [z]
    if op == "cat":
        return [torch.cat(x, a["dim"])]
    if op == "stack":
        return [torch.stack(x, a["dim"])]
    if op == "split":
        return list(torch.split(t, a["size"], a["dim"]))
    if op == "chunk":
        return list(torch.chunk(t, a["chunks"], a["dim"]))
    raise ValueError(op)


def py_index(items):
    return subscript(items, lambda it: torch.tensor(
        it["tensor"]["data"], dtype=torch.bool if it["tensor"]["dtype"] == "Bool" else torch.int64).reshape(it["tensor"]["shape"]))


def case(group, name, op, inputs, **args):
    inputs = [None if i is None else i if isinstance(i, (In, Sc)) else Sc(i) for i in inputs]
    values = [None if i is None else i.value() for i in inputs]
    result = forward(op, args, values)
    outputs, indices = result if isinstance(result, tuple) else (result, None)
    grad_outputs = [rnd(o.shape, o.dtype) for o in outputs]
    wrt = [v for v in values if isinstance(v, torch.Tensor) and v.requires_grad]
    grads = iter(torch.autograd.grad(outputs, wrt, grad_outputs, allow_unused=True))
    fields = dict(
        op=op, args=args,
        inputs=[None if i is None else i.json() for i in inputs],
        outputs=[tensor(o) for o in outputs],
        grad_outputs=[tensor(g) for g in grad_outputs],
        grads=[tensor(next(grads)) if isinstance(v, torch.Tensor) and v.requires_grad else None for v in values],
        grad_fn=outputs[0].grad_fn.name(),
    )
    if indices is not None:
        fields["indices"] = tensor(indices)
    add(group, name, **fields)


def grad(name, op, inputs, **args):
    case("grad", name, op, inputs, **args)


def tie(name, op, inputs, **args):
    case("ties", name, op, inputs, **args)


# ----------------------------------------------------------------------------- chapter 2.5

x = torch.arange(4.0)
x.requires_grad_(True)
x_repr = repr(x)
y = 2 * torch.dot(x, x)
y_repr = repr(y)
y.backward()
add("chapter", "dot", x=tensor(x), x_repr=x_repr, y=tensor(y), y_repr=y_repr, grad=tensor(x.grad))
x.grad.zero_()
y = x.sum()
y.backward()
add("chapter", "sum", y_repr=repr(y), grad=tensor(x.grad))
x.grad.zero_()
y = x * x
y.backward(gradient=torch.ones(len(y)))
add("chapter", "gradient_ones", y_repr=repr(y), grad=tensor(x.grad))
x.grad.zero_()
y = x * x
y.sum().backward()
add("chapter", "sum_of_product", grad=tensor(x.grad))
x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
add("chapter", "detach", u=tensor(u), u_repr=repr(u), grad=tensor(x.grad))
x.grad.zero_()
y.sum().backward()
add("chapter", "detach_then_y", grad=tensor(x.grad))
x.grad = None
y = 2 * torch.dot(x, x)
y.backward()
y = 2 * torch.dot(x, x)
y.backward()
add("chapter", "accumulate", grad=tensor(x.grad))


def f(a):
    b = a * 2
    steps = 0
    while b.norm() < 1000:
        b = b * 2
        steps += 1
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c, steps


torch.manual_seed(0)
for name, a in [("control_flow_positive", torch.tensor(0.8125)), ("control_flow_negative", torch.tensor(-1.3125)),
                ("control_flow_scalar_randn", torch.randn(size=())), ("control_flow_vector", torch.tensor([0.5, -1.25, 2.0])),
                ("control_flow_vector_negative_sum", torch.tensor([-0.5, -1.25, 0.75]))]:
    a = a.clone().requires_grad_(True)
    d, steps = f(a)
    d.sum().backward() if d.dim() > 0 else d.backward()
    add("chapter", name, a=tensor(a), d=tensor(d), grad=tensor(a.grad), d_over_a=tensor(d / a), steps=steps)

# ----------------------------------------------------------------------------- gradients of each op

# Binary ops: same shapes, broadcasting pairs, a 0-d operand, weak scalars on either side, mixed dtypes
# and non-contiguous operands.
for op in BINARY:
    pos = op in ("pow", "remainder")  # positive bases and divisors keep these smooth
    lo, hi = (0.5, 2.0) if pos else (None, None)
    grad(f"{op}_same", op, [R(3, 4, low=lo, high=hi), R(3, 4, low=lo, high=hi)])
    grad(f"{op}_broadcast_row", op, [R(3, 4, low=lo, high=hi), R(4, low=lo, high=hi)])
    grad(f"{op}_broadcast_outer", op, [R(3, 1, low=lo, high=hi), R(1, 4, low=lo, high=hi)])
    grad(f"{op}_broadcast_3d", op, [R(2, 1, 4, low=lo, high=hi), R(3, 1, low=lo, high=hi)])
    grad(f"{op}_zero_dim", op, [R(low=lo, high=hi), R(3, low=lo, high=hi)])
    grad(f"{op}_transposed", op, [R(4, 3, low=lo, high=hi, view="transpose"), R(3, 4, low=lo, high=hi)])
    grad(f"{op}_step_sliced", op, [R(3, 8, low=lo, high=hi, view="step2"), R(4, 4, low=lo, high=hi, view="offset")])
    grad(f"{op}_expanded", op, [R(1, 4, low=lo, high=hi, view="expand", size=(3, 4)), R(3, 4, low=lo, high=hi)])
    grad(f"{op}_float32", op, [R(3, 4, dtype=F32, low=lo, high=hi), R(4, dtype=F32, low=lo, high=hi)])
    grad(f"{op}_mixed_dtypes", op, [R(3, 4, dtype=F32, low=lo, high=hi), R(4, low=lo, high=hi)])
    grad(f"{op}_only_first", op, [R(3, 4, low=lo, high=hi), R(4, low=lo, high=hi, rg=False)])
    grad(f"{op}_only_second", op, [R(3, 4, low=lo, high=hi, rg=False), R(4, low=lo, high=hi)])
for op in ["add", "sub", "mul", "div", "remainder", "pow"]:
    grad(f"{op}_scalar_right", op, [R(3, 4, low=0.5, high=2.0), Sc(2.5)])
    grad(f"{op}_int_scalar_right", op, [R(3, 4, low=0.5, high=2.0), Sc(3)])
    if op != "remainder":  # PyTorch 1.13: "derivative for aten::remainder is not implemented" for a number % tensor
        grad(f"{op}_scalar_left", op, [Sc(1.5), R(3, 4, low=0.5, high=2.0)])
grad("pow_negative_base_int_exponent", "pow", [R(5, low=-2.0, high=-0.5), Sc(3)])
grad("mul_integer_operand", "mul", [R(3, 4, dtype=F32), In(torch.tensor([1, -2, 3, 4]), rg=False)])

for op in UNARY:
    lo, hi = {"log": (0.2, 3.0), "sqrt": (0.2, 3.0), "rsqrt": (0.2, 3.0), "log1p": (-0.5, 3.0), "tan": (-1.2, 1.2),
              "reciprocal": (0.3, 2.0)}.get(op, (None, None))
    grad(f"{op}_matrix", op, [R(3, 4, low=lo, high=hi)])
    grad(f"{op}_transposed", op, [R(4, 3, low=lo, high=hi, view="transpose")])
    grad(f"{op}_step_sliced", op, [R(2, 6, low=lo, high=hi, view="step2")])
    grad(f"{op}_zero_dim", op, [R(low=lo, high=hi)])
    grad(f"{op}_float32", op, [R(5, dtype=F32, low=lo, high=hi)])

grad("clamp_scalars", "clamp", [R(3, 4), Sc(-0.5), Sc(0.5)])
grad("clamp_min_only", "clamp", [R(3, 4), Sc(0.0), None])
grad("clamp_max_only", "clamp", [R(3, 4), None, Sc(0.25)])
grad("clamp_tensors", "clamp", [R(3, 4), R(4, low=-1.0, high=-0.1), R(3, 1, low=0.1, high=1.0)])
grad("clamp_tensor_min_only", "clamp", [R(4, 3, view="transpose"), R(3, 4), None])
grad("clamp_float32", "clamp", [R(6, dtype=F32), Sc(-0.5), Sc(0.5)])
grad("where_tensors", "where", [In(rnd((3, 4)) > 0, rg=False), R(3, 4), R(3, 4)])
grad("where_broadcast", "where", [In(rnd((3, 1)) > 0, rg=False), R(4), R(4, 3, view="transpose")])
grad("where_scalar_other", "where", [In(rnd((5,)) > 0, rg=False), R(5), Sc(0.0)])
grad("nan_to_num_default", "nan_to_num", [C([1.5, NAN, INF, -INF, -2.0])])
grad("nan_to_num_values", "nan_to_num", [C([[1.5, NAN], [INF, -INF]])], nan=2.0, posinf=9.0, neginf=-9.0)

# Reductions: all elements, one dim, several dims, keepdim, negative dims, non-contiguous inputs.
for op in ["sum", "mean"]:
    grad(f"{op}_all", op, [R(3, 4)])
    grad(f"{op}_dim0", op, [R(3, 4)], dim=0)
    grad(f"{op}_dim1_keepdim", op, [R(3, 4)], dim=1, keepdim=True)
    grad(f"{op}_dims", op, [R(2, 3, 4)], dim=[0, 2])
    grad(f"{op}_dims_keepdim", op, [R(2, 3, 4)], dim=[-1, 0], keepdim=True)
    grad(f"{op}_transposed", op, [R(4, 3, view="transpose")], dim=1)
    grad(f"{op}_zero_dim", op, [R()])
    grad(f"{op}_float32", op, [R(5, 3, dtype=F32)], dim=-1)
grad("prod_all", "prod", [R(3, 4, low=0.5, high=1.5)])
grad("prod_dim", "prod", [R(3, 4, low=-1.5, high=1.5)], dim=1)
grad("prod_dim_keepdim", "prod", [R(3, 4, low=-1.5, high=1.5, view="transpose")], dim=0, keepdim=True)
for op in ["max", "min"]:
    grad(f"{op}_all", op, [R(3, 4)])
    grad(f"{op}_dim", op, [R(3, 4)], dim=1)
    grad(f"{op}_dim_keepdim", op, [R(3, 4, view="transpose")], dim=0, keepdim=True)
for op in ["amax", "amin"]:
    grad(f"{op}_dim", op, [R(3, 4)], dim=[1])
    grad(f"{op}_dims_keepdim", op, [R(2, 3, 4)], dim=[0, 2], keepdim=True)
for op in ["var", "std"]:
    grad(f"{op}_dim", op, [R(3, 4)], dim=1)
    grad(f"{op}_all", op, [R(3, 4)], dim=None)
    grad(f"{op}_dims_keepdim", op, [R(2, 3, 4)], dim=[0, 2], keepdim=True)
    grad(f"{op}_correction0", op, [R(4, 3, view="transpose")], dim=0, correction=0)
grad("logsumexp_dim", "logsumexp", [R(3, 4)], dim=1)
grad("logsumexp_dims_keepdim", "logsumexp", [R(2, 3, 4)], dim=[0, 2], keepdim=True)
grad("logsumexp_large", "logsumexp", [C([[1000.0, 1001.0, 999.5], [-1000.0, -1002.0, -1001.0]])], dim=1)
for op in ["softmax", "log_softmax"]:
    grad(f"{op}_dim1", op, [R(3, 4)], dim=1)
    grad(f"{op}_dim0", op, [R(3, 4, view="transpose")], dim=0)
    grad(f"{op}_3d", op, [R(2, 3, 4)], dim=-2)
    grad(f"{op}_large", op, [C([[1000.0, 1001.0], [-1000.0, -1003.0]])], dim=1)
    grad(f"{op}_float32", op, [R(3, 5, dtype=F32)], dim=-1)
for op in ["cumsum", "cumprod"]:
    grad(f"{op}_dim0", op, [R(4, 3, low=0.5, high=1.5)], dim=0)
    grad(f"{op}_dim1", op, [R(3, 4, low=-1.5, high=1.5, view="transpose")], dim=1)
    grad(f"{op}_vector", op, [R(6, low=-1.5, high=1.5)], dim=0)
grad("nansum_all", "nansum", [C([[1.0, NAN, 2.5], [NAN, -3.0, 0.5]])])
grad("nansum_dim", "nansum", [C([[1.0, NAN, 2.5], [NAN, -3.0, 0.5]])], dim=1)
grad("nanmean_all", "nanmean", [C([[1.0, NAN, 2.5], [NAN, -3.0, 0.5]])])
grad("nanmean_dim", "nanmean", [C([[1.0, NAN, 2.5], [NAN, -3.0, 0.5]])], dim=0)

# Views and copies.
grad("reshape", "reshape", [R(3, 4)], shape=[2, 6])
grad("reshape_transposed_copy", "reshape", [R(4, 3, view="transpose")], shape=[12])
grad("view", "view", [R(3, 4)], shape=[4, -1])
grad("transpose", "transpose", [R(2, 3, 4)], dims=[0, 2])
grad("permute", "permute", [R(2, 3, 4)], dims=[2, 0, 1])
grad("T", "T", [R(3, 4)])
grad("squeeze", "squeeze", [R(3, 1, 4)])
grad("squeeze_dim", "squeeze", [R(3, 1, 4)], dim=1)
grad("unsqueeze", "unsqueeze", [R(3, 4)], dim=1)
grad("expand", "expand", [R(3, 1)], size=[2, 3, 4])
grad("flatten", "flatten", [R(2, 3, 4)], start=1)
grad("flatten_transposed", "flatten", [R(4, 3, view="transpose")])
grad("narrow", "narrow", [R(4, 5)], dim=1, start=1, length=3)
grad("clone", "clone", [R(3, 4, view="step2")])
grad("contiguous", "contiguous", [R(4, 3, view="transpose")])
grad("to_float64", "to", [R(3, 4, dtype=F32)], dtype="Float64")
grad("to_float32", "to", [R(3, 4)], dtype="Float32")


def I(n):
    return {"int": n}


def Sl(start=None, stop=None, step=None):
    return {"slice": [start, stop, step]}


def Ix(values, dtype="Int64", shape=None):
    t = torch.tensor(values, dtype=torch.bool if dtype == "Bool" else torch.int64)
    return {"tensor": tensor(t if shape is None else t.reshape(shape))}


grad("index_int", "index", [R(3, 4)], index=[I(1)])
grad("index_int_int", "index", [R(3, 4)], index=[I(1), I(-1)])
grad("index_slice", "index", [R(5, 4)], index=[Sl(1, 4)])
grad("index_step_slice", "index", [R(3, 6)], index=[Sl(), Sl(None, None, 2)])
grad("index_int_slice", "index", [R(3, 4)], index=[I(0), Sl(1, None)])
grad("index_newaxis", "index", [R(3, 4)], index=[{"none": True}, {"ellipsis": True}])
grad("index_tensor", "index", [R(4, 3)], index=[Ix([0, 2, 0, 3])])
grad("index_tensor_2d", "index", [R(3, 4)], index=[Sl(), Ix([[1, 1], [3, 0]])])
grad("index_mask", "index", [R(2, 3)], index=[Ix([[True, False, True], [False, True, True]], "Bool")])
grad("index_put_slice", "index_put", [R(3, 4), R(4)], index=[I(1)])
grad("index_put_scalar", "index_put", [R(3, 4), Sc(5.0)], index=[I(0), I(1)])
grad("index_put_step", "index_put", [R(3, 6), R(3, 3)], index=[Sl(), Sl(None, None, 2)])
grad("index_put_tensor", "index_put", [R(4, 3), R(2, 3)], index=[Ix([3, 1])])
grad("index_put_mask", "index_put", [R(2, 3), Sc(0.0)], index=[Ix([[True, False, True], [False, True, False]], "Bool")])
grad("cat_dim0", "cat", [R(2, 3), R(1, 3), R(3, 3, view="transpose")], dim=0)
grad("cat_dim1", "cat", [R(2, 3), R(2, 1), R(3, 2, view="transpose")], dim=1)
grad("cat_mixed_dtypes", "cat", [R(2, 3, dtype=F32), R(2, 3)], dim=-1)
grad("stack_dim0", "stack", [R(2, 3), R(2, 3), R(3, 2, view="transpose")], dim=0)
grad("stack_dim2", "stack", [R(2, 3), R(2, 3)], dim=2)
grad("split_size", "split", [R(5, 3)], size=2, dim=0)
grad("split_sizes", "split", [R(3, 6)], size=[1, 3, 2], dim=1)
grad("chunk", "chunk", [R(3, 7)], chunks=3, dim=1)

# ----------------------------------------------------------------------------- PyTorch at the kinks

tie("max_all_ties", "max", [C([1.0, 3.0, 3.0, 2.0])])
tie("max_all_three_ties", "max", [C([[2.0, 5.0], [5.0, 5.0]])])
tie("min_all_ties", "min", [C([[-1.0, 4.0, -1.0], [0.0, 2.0, 1.0]])])
tie("max_all_nan", "max", [C([1.0, NAN, 3.0])])
tie("amax_ties_dim", "amax", [C([[1.0, 3.0, 3.0], [2.0, 2.0, 2.0]])], dim=[1])
tie("amax_ties_all_keepdim", "amax", [C([[1.0, 3.0], [3.0, 0.0]])], dim=[0, 1], keepdim=True)
tie("amin_ties_dim0", "amin", [C([[1.0, 3.0, 0.0], [1.0, 2.0, 0.0]])], dim=[0])
tie("amax_nan", "amax", [C([[1.0, NAN, 3.0], [2.0, 4.0, 4.0]])], dim=[1])
tie("max_dim_ties", "max", [C([[1.0, 3.0, 3.0], [2.0, 2.0, 1.0]])], dim=1)
tie("min_dim_ties_keepdim", "min", [C([[1.0, 3.0, 0.0], [1.0, 0.0, 0.0]])], dim=0, keepdim=True)
tie("maximum_equal", "maximum", [C([1.0, 2.0, 3.0, -1.0]), C([1.0, 0.0, 3.0, 5.0])])
tie("minimum_equal", "minimum", [C([1.0, 2.0, 3.0, -1.0]), C([1.0, 0.0, 3.0, 5.0])])
tie("maximum_equal_broadcast", "maximum", [C([[1.0, 2.0], [2.0, 1.0], [0.0, 2.0]]), C([1.0, 2.0])])
tie("clamp_at_bounds", "clamp", [C([-1.0, 0.0, 0.5, 1.0, 2.0]), Sc(0.0), Sc(1.0)])
tie("clamp_at_tensor_bounds", "clamp", [C([-1.0, 0.0, 0.5, 1.0, 2.0]), C([0.0, 0.0, 0.0, 0.0, 0.0]), C([1.0, 1.0, 1.0, 1.0, 1.0])])
tie("clamp_min_above_max", "clamp", [C([-1.0, 0.5, 2.0]), Sc(1.0), Sc(0.0)])
tie("clamp_tensor_min_above_max", "clamp", [C([-1.0, 0.5, 2.0]), C([1.0, 1.0, 1.0]), C([0.0, 0.0, 0.0])])
tie("relu_at_zero", "relu", [C([-1.0, 0.0, -0.0, 1.0])])
tie("relu_at_nan", "relu", [C([NAN, -1.0, 0.0, 2.0])])
tie("abs_at_zero", "abs", [C([-1.0, 0.0, -0.0, 1.0])])
tie("sign_at_zero", "sign", [C([-1.0, 0.0, 1.0])])
tie("sqrt_at_zero", "sqrt", [C([0.0, 4.0])])
tie("log_at_zero", "log", [C([0.0, 1.0])])
tie("pow_base_zero", "pow", [C([0.0, 0.0, 0.0, 2.0]), C([0.0, 2.0, 0.5, 0.0])])
tie("pow_base_zero_scalar", "pow", [C([0.0, 1.0]), Sc(2)])
tie("pow_base_zero_scalar_zero", "pow", [C([0.0, 1.0]), Sc(0)])
tie("floor_at_integers", "floor", [C([-1.0, 0.0, 2.0, 2.5])])
tie("round_at_half", "round", [C([0.5, 1.5, -0.5])])
tie("prod_one_zero", "prod", [C([2.0, 0.0, 3.0, 4.0])])
tie("prod_two_zeros", "prod", [C([2.0, 0.0, 3.0, 0.0])])
tie("prod_dim_zeros", "prod", [C([[2.0, 0.0, 3.0], [0.0, 0.0, 1.0], [1.0, 2.0, 3.0]])], dim=1)
tie("cumprod_zeros", "cumprod", [C([2.0, 0.0, 3.0, 0.0, 5.0])], dim=0)
tie("cumprod_one_zero_2d", "cumprod", [C([[1.5, 2.0, 0.0, 3.0], [0.0, 1.0, 2.0, -1.0]])], dim=1)
tie("std_constant", "std", [C([2.0, 2.0, 2.0])], dim=0)
tie("var_single_element", "var", [C([2.0])], dim=0)
tie("logsumexp_all_neg_inf", "logsumexp", [C([[-INF, -INF], [0.0, -INF]])], dim=1)
tie("logsumexp_pos_inf", "logsumexp", [C([[INF, 1.0], [0.0, 1.0]])], dim=1)
tie("softmax_with_neg_inf", "softmax", [C([[-INF, 0.0, 1.0], [2.0, -INF, 2.0]])], dim=1)
tie("where_nan_unselected", "where", [In(torch.tensor([True, False]), rg=False), C([1.0, NAN]), C([NAN, 2.0])])
tie("remainder_at_multiple", "remainder", [C([4.0, -4.0, 5.0]), C([2.0, 2.0, 2.0])])
tie("maximum_with_nan", "maximum", [C([NAN, 1.0, 2.0]), C([0.0, NAN, 1.0])])


def norm_like(t):
    return (t * t).sum().sqrt()


# The 2-norm written as sqrt(sum(x * x)) at 0 (Nabla has no Norm yet): sqrt's gradient there is inf.
for name, values in [("norm_like_at_zero", [0.0, 0.0, 0.0]), ("norm_like_nonzero", [3.0, 0.0, -4.0])]:
    v = torch.tensor(values, dtype=F64, requires_grad=True)
    out = norm_like(v)
    (g,) = torch.autograd.grad(out, [v])
    add("ties", name, op="norm_like", args={}, inputs=[In(torch.tensor(values, dtype=F64)).json()], outputs=[tensor(out)],
        grad_outputs=[tensor(torch.ones((), dtype=F64))], grads=[tensor(g)], grad_fn=out.grad_fn.name())

# ----------------------------------------------------------------------------- higher order

v = torch.tensor([-1.5, 0.5, 2.0], dtype=F64, requires_grad=True)
(d1,) = torch.autograd.grad((v ** 3).sum(), [v], create_graph=True)
(d2,) = torch.autograd.grad(d1.sum(), [v], create_graph=True)
(d3,) = torch.autograd.grad(d2.sum(), [v])
add("second", "cube", x=tensor(v), first=tensor(d1), second=tensor(d2), third=tensor(d3))

(d1,) = torch.autograd.grad(torch.sin(v).sum(), [v], create_graph=True)
(d2,) = torch.autograd.grad(d1.sum(), [v])
add("second", "sin", x=tensor(v), first=tensor(d1), second=tensor(d2))

a = torch.tensor([1.5, -2.0], dtype=F64, requires_grad=True)
b = torch.tensor([0.5, 3.0], dtype=F64, requires_grad=True)
fab = (a * a * b).sum()  # d/da = 2ab, d/db = a^2
ga, gb = torch.autograd.grad(fab, [a, b], create_graph=True)
gaa, gab = torch.autograd.grad(ga.sum(), [a, b], retain_graph=True)  # 2b, 2a
gba, gbb = torch.autograd.grad(gb.sum(), [a, b], allow_unused=True)  # 2a, None
add("second", "product", a=tensor(a), b=tensor(b), grad_a=tensor(ga), grad_b=tensor(gb),
    d2_aa=tensor(gaa), d2_ab=tensor(gab), d2_ba=tensor(gba), d2_bb=None if gbb is None else tensor(gbb))

# backward(create_graph=True) then differentiating .grad, as in the d2l exercises.
w = torch.tensor([0.5, -1.0, 2.0], dtype=F64, requires_grad=True)
loss = (w.exp() * w).sum()
loss.backward(create_graph=True)
first = w.grad.clone()
(hess_diag,) = torch.autograd.grad(w.grad.sum(), [w])
add("second", "backward_create_graph", x=tensor(w), first=tensor(first), second=tensor(hess_diag))

# Higher order through reductions and views: d/dx sum(softmax(x) * c) then its gradient.
s = torch.tensor([[0.5, -1.0, 2.0], [1.0, 0.0, -0.5]], dtype=F64, requires_grad=True)
c = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], dtype=F64)
(gs,) = torch.autograd.grad((torch.softmax(s, 1) * c).sum(), [s], create_graph=True)
(gss,) = torch.autograd.grad((gs * gs).sum(), [s])
add("second", "softmax", x=tensor(s), c=tensor(c), first=tensor(gs), second=tensor(gss))

(gt,) = torch.autograd.grad((torch.tanh(s.T) * c.T).sum(), [s], create_graph=True)
(gtt,) = torch.autograd.grad(gt.sum(), [s])
add("second", "tanh_of_transposed", x=tensor(s), c=tensor(c), first=tensor(gt), second=tensor(gtt))

# ----------------------------------------------------------------------------- losses (appended last, so the
# random values of every earlier case stay as they were)

LABELS = C([0, 3, 1, 1, 2], dtype=torch.int64, rg=False)
for reduction in ("mean", "sum", "none"):
    grad(f"cross_entropy_{reduction}", "cross_entropy", [R(5, 4, low=-4, high=4), LABELS], reduction=reduction)
grad("cross_entropy_f32", "cross_entropy", [R(5, 4, dtype=torch.float32), LABELS])
grad("cross_entropy_transposed", "cross_entropy", [R(4, 5, view="transpose"), LABELS])
grad("cross_entropy_huge", "cross_entropy", [C([[1000.0, 0.0, -1000.0], [-1000.0, 1000.0, 999.0]]), C([0, 2], dtype=torch.int64, rg=False)])
for reduction in ("mean", "sum", "none"):
    grad(f"mse_loss_{reduction}", "mse_loss", [R(3, 4), R(3, 4)], reduction=reduction)

write("autograd", "generate_autograd.py", cases)
