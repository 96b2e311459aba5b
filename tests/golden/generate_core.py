"""Golden cases for the tensor core (issue 2): promotion, creation, views, indexing, joining.

Every case is data: it names the op and its arguments so that one C# test method replays many
cases (see tests/Nabla.Tests/GoldenReplay.cs). Groups:
  promote_types  {a, b, expected}                    torch.promote_types
  result_type    {a, b, expected}                    torch.result_type; an operand is
                 {kind: dim|zero, dtype} or {kind: weak, type: bool|int|float, value}
  creation       {op, ...arguments, expected, check_values}
  view, index    {input, ops: [[op, args...]], expected, strides, storage_offset,
                  is_contiguous, shares_storage, is_input}  ops applied in order to a fresh input
  index_set      {input, ops, index, value, expected_base, expected_view, version, view_version}
  join           {op: cat|stack, inputs, dim, expected} or
                 {op: split|chunk, input, arg, dim, expected: [..], strides, offsets}
An index item is {int, hat?} | {slice: [start, stop, step], explicit?} | {none} | {ellipsis} |
{tensor}. A slice without a step replays as a C# Range (1..3, ^2..), one with a step (or
explicit) as TensorIndex.Slice. Run with Debian's PyTorch: /usr/bin/python3 tests/golden/generate_core.py
"""
import itertools
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import DTYPES, number, subscript, tensor, write  # noqa: E402

D = {v: k for k, v in DTYPES.items()}  # "Float32" -> torch.float32
NAMES = ["Bool", "UInt8", "Int32", "Int64", "Float32", "Float64"]
cases = []
names = set()


def add(group, name, **fields):
    assert name not in names, name
    names.add(name)
    cases.append({"group": group, "name": name, **fields})


# ----------------------------------------------------------------------------- promotion

for a, b in itertools.product(NAMES, NAMES):
    add("promote_types", f"{a}+{b}", a=a, b=b, expected=DTYPES[torch.promote_types(D[a], D[b])])

WEAK = [("bool", True), ("int", 2), ("float", 2.5)]


def operand(spec):
    if spec["kind"] == "dim":
        return torch.zeros(2, dtype=D[spec["dtype"]])
    if spec["kind"] == "zero":
        return torch.zeros((), dtype=D[spec["dtype"]])
    return spec["value"]


def result_type(a, b):
    name = "+".join(s["dtype"] if s["kind"] != "weak" else "weak_" + s["type"] for s in (a, b))
    name = f'{a["kind"]}_{b["kind"]}:{name}'
    add("result_type", name, a=a, b=b, expected=DTYPES[torch.result_type(operand(a), operand(b))])


for x, y in itertools.product(NAMES, NAMES):
    result_type({"kind": "dim", "dtype": x}, {"kind": "dim", "dtype": y})
    result_type({"kind": "dim", "dtype": x}, {"kind": "zero", "dtype": y})
    result_type({"kind": "zero", "dtype": x}, {"kind": "dim", "dtype": y})
    result_type({"kind": "zero", "dtype": x}, {"kind": "zero", "dtype": y})
for x in NAMES:
    for kind in ("dim", "zero"):
        for t, v in WEAK:
            result_type({"kind": kind, "dtype": x}, {"kind": "weak", "type": t, "value": v})
            result_type({"kind": "weak", "type": t, "value": v}, {"kind": kind, "dtype": x})

# ----------------------------------------------------------------------------- creation


def dt(name):
    return None if name is None else D[name]


def arange(name, args, overload, dtype=None):
    conv = int if overload == "long" else float
    args = [conv(a) for a in args]
    add("creation", name, op="arange", args=args, overload=overload, dtype=dtype,
        expected=tensor(torch.arange(*args, dtype=dt(dtype))))


arange("arange_12", [12], "long")
arange("arange_12_f32", [12], "long", "Float32")
arange("arange_1_4", [1, 4], "long")
arange("arange_0_10_3", [0, 10, 3], "long")
arange("arange_10_0_-3", [10, 0, -3], "long")
arange("arange_-5_5_2_int32", [-5, 5, 2], "long", "Int32")
arange("arange_0_7_2_f64", [0, 7, 2], "long", "Float64")
arange("arange_0_5_uint8", [0, 5], "long", "UInt8")
arange("arange_empty", [3, 3], "long")
arange("arange_big_int64", [2 ** 60, 2 ** 60 + 5], "long")
arange("arange_big_step", [2 ** 60, 2 ** 60 + 9, 3], "long")
arange("arange_d_4", [4.0], "double")
arange("arange_d_2.5", [2.5], "double")
arange("arange_d_1_5", [1.0, 5.0], "double")
arange("arange_d_0_3_0.1", [0.0, 3.0, 0.1], "double")
arange("arange_d_0_3_0.1_f64", [0.0, 3.0, 0.1], "double", "Float64")
arange("arange_d_0_1_0.1", [0.0, 1.0, 0.1], "double")
arange("arange_d_5_0_-0.5", [5.0, 0.0, -0.5], "double")
arange("arange_d_-1_1_0.3", [-1.0, 1.0, 0.3], "double")
arange("arange_d_1_2.5_0.25_f64", [1.0, 2.5, 0.25], "double", "Float64")
arange("arange_d_0.5_5.5_int64", [0.5, 5.5], "double", "Int64")
arange("arange_d_-0.5_4.5_1.5_int64", [-0.5, 4.5, 1.5], "double", "Int64")
arange("arange_d_2.7_-3_-1.5_int32", [2.7, -3.0, -1.5], "double", "Int32")
arange("arange_d_0.5_3.9_int64", [0.5, 3.9, 1.0], "double", "Int64")
arange("arange_d_0.5_3.9_int32", [0.5, 3.9, 1.0], "double", "Int32")
arange("arange_d_0.5_3.9_uint8", [0.5, 3.9, 1.0], "double", "UInt8")
arange("arange_d_0.5_0.2_int32", [0.5, 0.2, 1.0], "double", "Int32")
arange("arange_d_0_9.5_2.5_int64", [0.0, 9.5, 2.5], "double", "Int64")
arange("arange_d_0_9.5_2.5_int32", [0.0, 9.5, 2.5], "double", "Int32")
arange("arange_250_260_uint8_wraps", [250, 260], "long", "UInt8")
arange("arange_int32_wraps", [2 ** 31 - 2, 2 ** 31 + 2], "long", "Int32")
arange("arange_big_f64", [2 ** 53, 2 ** 53 + 4, 2], "long", "Float64")


def linspace(name, start, end, steps, dtype=None):
    add("creation", name, op="linspace", start=start, end=end, steps=steps, dtype=dtype,
        expected=tensor(torch.linspace(start, end, steps, dtype=dt(dtype))))


linspace("linspace_0_1_5", 0.0, 1.0, 5)
linspace("linspace_0_1_1", 0.0, 1.0, 1)
linspace("linspace_0_1_0", 0.0, 1.0, 0)
linspace("linspace_0_1_2", 0.0, 1.0, 2)
linspace("linspace_-3_7_11", -3.0, 7.0, 11)
linspace("linspace_0_1_100", 0.0, 1.0, 100)
linspace("linspace_0_1_33_f64", 0.0, 1.0, 33, "Float64")
linspace("linspace_5_-5_7_f64", 5.0, -5.0, 7, "Float64")
linspace("linspace_1e-3_1e3_9", 1e-3, 1e3, 9)
linspace("linspace_0_10_6_int64", 0.0, 10.0, 6, "Int64")
linspace("linspace_0_100_51_int32", 0.0, 100.0, 51, "Int32")
linspace("linspace_0_10_7_int64", 0.0, 10.0, 7, "Int64")
linspace("linspace_0.5_10.7_5_int64", 0.5, 10.7, 5, "Int64")
linspace("linspace_250_3_5_uint8", 250.0, 3.0, 5, "UInt8")
linspace("linspace_10_-2_4_int32", 10.0, -2.0, 4, "Int32")


def eye(name, n, m=None, dtype=None):
    t = torch.eye(n, dtype=dt(dtype)) if m is None else torch.eye(n, m, dtype=dt(dtype))
    add("creation", name, op="eye", n=n, m=m, dtype=dtype, expected=tensor(t))


eye("eye_3", 3)
eye("eye_1", 1)
eye("eye_0", 0)
eye("eye_2_4", 2, 4)
eye("eye_4_2", 4, 2)
eye("eye_3_0", 3, 0)
eye("eye_3_int64", 3, None, "Int64")
eye("eye_2_3_bool", 2, 3, "Bool")
eye("eye_3_3_f64", 3, 3, "Float64")
eye("eye_2_uint8", 2, None, "UInt8")

for op in ("zeros", "ones", "empty"):
    fn = getattr(torch, op)
    for shape, dtype in [([2, 3, 4], None), ([], None), ([0], None), ([3, 0, 2], None), ([5], "Float64"),
                         ([2, 2], "Int32"), ([1, 3], "Int64"), ([4], "Bool"), ([2, 1], "UInt8")]:
        add("creation", f"{op}_{shape}_{dtype}", op=op, shape=shape, dtype=dtype,
            expected=tensor(fn(shape, dtype=dt(dtype))), check_values=op != "empty")


def full(name, shape, value, dtype=None):
    kind = "bool" if isinstance(value, bool) else "long" if isinstance(value, int) else "double"
    add("creation", name, op="full", shape=shape, value=number(value), value_type=kind, dtype=dtype,
        expected=tensor(torch.full(shape, value, dtype=dt(dtype))))


full("full_7.0", [2, 2], 7.0)
full("full_-1.5_0d", [], -1.5)
full("full_7_long", [2, 3], 7)
full("full_-3_long_1d", [4], -3)
full("full_true", [3], True)
full("full_false_2d", [2, 2], False)
full("full_7.9_int32", [2], 7.9, "Int32")
full("full_-2.5_int64", [3], -2.5, "Int64")
full("full_2_f64", [2, 2], 2, "Float64")
full("full_0.5_bool", [2], 0.5, "Bool")
full("full_true_f32", [2], True, "Float32")
full("full_-1_long_uint8", [2], -1, "UInt8")
full("full_255.0_uint8", [2], 255.0, "UInt8")
full("full_int32_min", [1], -2 ** 31, "Int32")
full("full_inf_f32", [1], float("inf"))
full("full_nan_f64", [1], float("nan"), "Float64")
full("full_5_bool", [1], 5, "Bool")
full("full_1e10_f32", [1], 1e10)
full("full_empty", [0, 3], 1.0)

LIKES = {"f32_2x3": torch.arange(6, dtype=torch.float32).reshape(2, 3),
         "i64_4": torch.arange(4), "bool_2x2": torch.tensor([[True, False], [False, True]]),
         "i32_0d": torch.tensor(5, dtype=torch.int32), "u8_t3x2": torch.arange(6, dtype=torch.uint8).reshape(2, 3).t()}
for lname, like in LIKES.items():
    for op in ("zeros_like", "ones_like", "empty_like"):
        for dtype in (None, "Float64", "Int32"):
            add("creation", f"{op}_{lname}_{dtype}", op=op, like=tensor(like), dtype=dtype,
                expected=tensor(getattr(torch, op)(like, dtype=dt(dtype))), check_values=op != "empty_like")
    for value, dtype in [(2.75, None), (-1.0, "Float64"), (3.0, "Int64")]:
        add("creation", f"full_like_{lname}_{value}_{dtype}", op="full_like", like=tensor(like), value=value,
            dtype=dtype, expected=tensor(torch.full_like(like, value, dtype=dt(dtype))))

ELEMENT = {"bool": torch.bool, "byte": torch.uint8, "int": torch.int32, "long": torch.int64,
           "float": torch.float32, "double": torch.float64}


def from_(name, element, data, form="array", shape=None):
    t = torch.tensor(data, dtype=ELEMENT[element])
    if shape is not None:
        t = t.reshape(shape)
    add("creation", name, op="from", element=element, form=form, data=data, shape=shape, expected=tensor(t))


from_("from_float_1d", "float", [1.0, 2.0, 4.0, 8.0])
from_("from_int_2d", "int", [[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
from_("from_long_2d", "long", [[1, 2], [3, 4]])
from_("from_long_big", "long", [2 ** 62 + 1, -(2 ** 62) - 3])
from_("from_double_3d", "double", [[[1.5, -2.0], [3.25, 4.0]], [[0.1, 0.2], [1e300, -1e-300]]])
from_("from_bool_1d", "bool", [True, False, True])
from_("from_bool_2d", "bool", [[True, False], [False, False], [True, True]])
from_("from_byte_1d", "byte", [0, 1, 255, 128])
from_("from_int_4d", "int", [[[[i * 12 + j * 4 + k * 2 + m for m in range(2)] for k in range(2)]
                                for j in range(3)] for i in range(2)])
from_("from_float_4d", "float", [[[[0.5 * (i + j + k + m) for m in range(3)] for k in range(1)]
                                  for j in range(2)] for i in range(2)])
from_("from_float_3d", "float", [[[1.0, 2.0, 3.0]], [[4.0, 5.0, 6.0]]])
from_("from_byte_2d", "byte", [[1, 2, 3], [250, 251, 252]])
from_("from_int_1d_empty", "int", [])
from_("from_jagged_float", "float", [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], form="jagged")
from_("from_jagged_long", "long", [[1], [2], [3]], form="jagged")
from_("from_jagged_bool", "bool", [[True, False], [False, True]], form="jagged")
from_("from_flat_double_2x1", "double", [1.0, 2.0], form="flat", shape=[2, 1])
from_("from_flat_int_2x3", "int", [1, 2, 3, 4, 5, 6], form="flat", shape=[2, 3])
from_("from_flat_long_0d", "long", [42], form="flat", shape=[])
from_("from_flat_float_2x0", "float", [], form="flat", shape=[2, 0])
from_("from_flat_bool_2x2x1", "bool", [True, True, False, True], form="flat", shape=[2, 2, 1])

for element, value in [("double", 3.0), ("float", 3.5), ("long", -7), ("int", 12), ("bool", True), ("double", -0.0)]:
    add("creation", f"scalar_{element}_{value}", op="scalar", element=element, value=value,
        expected=tensor(torch.tensor(value, dtype=ELEMENT[element])))

# ----------------------------------------------------------------------------- views and indexing


def py_index(items):
    # PyTorch 1.13 refuses Int32 index tensors (2.x accepts them with Int64's meaning):
    # the case keeps its Int32 tensor and PyTorch sees the same indices as Int64.
    return subscript(items, lambda it: it["torch"].long() if it["torch"].dtype == torch.int32 and it["torch"].dim() > 0 else it["torch"])


def json_index(items):
    return [{"tensor": tensor(it["torch"])} if "torch" in it else it for it in items]


def squeeze_dims(t, dims):
    rank = max(t.dim(), 1)
    for d in sorted({d % rank for d in dims}, reverse=True):
        t = t.squeeze(d)
    return t


def apply(t, op):
    name, args = op[0], op[1:]
    if name == "reshape":
        return t.reshape(args[0])
    if name == "view":
        return t.view(args[0])
    if name == "transpose":
        return t.transpose(*args)
    if name == "permute":
        return torch.permute(t, tuple(args[0]))
    if name == "T":
        return torch.permute(t, tuple(reversed(range(t.dim()))))
    if name == "squeeze":
        return t.squeeze() if not args else squeeze_dims(t, args[0])
    if name == "unsqueeze":
        return t.unsqueeze(args[0])
    if name == "expand":
        return t.expand(*args[0])
    if name == "flatten":
        return t.flatten(*args)
    if name == "narrow":
        return t.narrow(*args)
    if name == "contiguous":
        return t.contiguous()
    if name == "clone":
        return t.clone()
    if name == "index":
        return t[py_index(args[0])]
    if name == "nonzero":
        return t.nonzero()
    raise ValueError(name)


def json_ops(ops):
    return [[op[0], json_index(op[1])] if op[0] == "index" else list(op) for op in ops]


def shares(a, b):
    return a.storage().data_ptr() == b.storage().data_ptr() and a.storage().size() > 0


def chain(group, name, x, ops):
    r = x
    for op in ops:
        r = apply(r, op)
    add(group, name, input=tensor(x), ops=json_ops(ops), expected=tensor(r), strides=list(r.stride()),
        storage_offset=r.storage_offset(), is_contiguous=r.is_contiguous(),
        shares_storage=shares(r, x) if x.numel() > 0 else None, is_input=r is x)


A = torch.arange(12).reshape(3, 4)
B = torch.arange(24, dtype=torch.float32).reshape(2, 3, 4)
C = torch.arange(120).reshape(2, 3, 4, 5)
V = torch.arange(6)
S = torch.tensor(7.5)

view_cases = {
    "reshape_3x4": (V.repeat(2), [["reshape", [3, 4]]]),
    "reshape_-1_4": (V.repeat(2), [["reshape", [-1, 4]]]),
    "reshape_2_-1_3": (B, [["reshape", [2, -1, 3]]]),
    "reshape_to_0d": (torch.tensor([5]), [["reshape", []]]),
    "reshape_0d_to_1": (S, [["reshape", [1]]]),
    "reshape_0d_to_1x1x1": (S, [["reshape", [1, 1, 1]]]),
    "reshape_empty": (torch.zeros(0, 3), [["reshape", [3, 0, 5]]]),
    "reshape_empty_-1": (torch.zeros(0, 3), [["reshape", [-1, 3]]]),
    "view_2x6": (V.repeat(2), [["view", [2, 6]]]),
    "view_-1": (B, [["view", [-1]]]),
    "view_add_ones": (B, [["view", [1, 2, 1, 12, 1]]]),
    "transposed_reshape_copy": (A, [["T"], ["reshape", [12]]]),
    "transposed_reshape_view_same": (A, [["T"], ["reshape", [4, 3]]]),
    "transposed_reshape_split_dim": (A, [["T"], ["reshape", [2, 2, 3]]]),
    "transposed_view_split_dim": (A, [["T"], ["view", [2, 2, 3]]]),
    "transposed_reshape_merge_copy": (B, [["transpose", 1, 2], ["reshape", [2, 12]]]),
    "permuted_reshape_merge_view": (C, [["permute", [2, 3, 0, 1]], ["reshape", [20, 6]]]),
    "permuted_view_merge": (C, [["permute", [2, 3, 0, 1]], ["view", [4, 5, 6]]]),
    "sliced_reshape_view": (C, [["narrow", 3, 1, 2], ["reshape", [6, 4, 2]]]),
    "sliced_reshape_copy": (C, [["narrow", 3, 1, 2], ["reshape", [6, 8]]]),
    "sliced_rows_reshape": (A, [["index", [{"slice": [1, 3, None]}]], ["reshape", [8]]]),
    "step_slice_reshape_copy": (A, [["index", [{"slice": [None, None, None]}, {"slice": [None, None, 2]}]], ["reshape", [6]]]),
    "expanded_reshape_copy": (V, [["expand", [2, 6]], ["reshape", [12]]]),
    "expanded_reshape_view": (V, [["expand", [2, 6]], ["reshape", [2, 2, 3]]]),
    "transpose_0_1": (A, [["transpose", 0, 1]]),
    "transpose_neg": (B, [["transpose", -1, 0]]),
    "transpose_same": (B, [["transpose", 1, 1]]),
    "transpose_0d": (S, [["transpose", 0, -1]]),
    "permute_2_0_1": (B, [["permute", [2, 0, 1]]]),
    "permute_neg": (C, [["permute", [-1, 0, -2, 1]]]),
    "permute_identity": (B, [["permute", [0, 1, 2]]]),
    "T_2d": (A, [["T"]]),
    "T_1d": (V, [["T"]]),
    "T_3d": (B, [["T"]]),
    "T_T": (A, [["T"], ["T"]]),
    "squeeze_all": (torch.zeros(1, 3, 1, 2), [["squeeze"]]),
    "squeeze_dim": (torch.zeros(1, 3, 1, 2), [["squeeze", [2]]]),
    "squeeze_neg_dim": (torch.zeros(1, 3, 1, 2), [["squeeze", [-4]]]),
    "squeeze_non1_dim": (torch.zeros(1, 3, 1, 2), [["squeeze", [1]]]),
    "squeeze_dims": (torch.zeros(1, 3, 1, 2), [["squeeze", [0, 2]]]),
    "squeeze_to_0d": (torch.ones(1, 1), [["squeeze"]]),
    "squeeze_0d": (S, [["squeeze"]]),
    "squeeze_0d_dim": (S, [["squeeze", [0]]]),
    "squeeze_transposed": (torch.arange(6.).reshape(1, 2, 3, 1), [["transpose", 1, 2], ["squeeze"]]),
    "unsqueeze_0": (V, [["unsqueeze", 0]]),
    "unsqueeze_1": (V, [["unsqueeze", 1]]),
    "unsqueeze_-1": (A, [["unsqueeze", -1]]),
    "unsqueeze_-2": (A, [["unsqueeze", -2]]),
    "unsqueeze_-3": (A, [["unsqueeze", -3]]),
    "unsqueeze_0d": (S, [["unsqueeze", 0]]),
    "unsqueeze_transposed": (A, [["T"], ["unsqueeze", 1]]),
    "unsqueeze_sliced": (A, [["index", [{"slice": [None, None, None]}, {"slice": [1, None, 2]}]], ["unsqueeze", 2]]),
    "expand_row": (torch.arange(3).reshape(1, 3), [["expand", [4, 3]]]),
    "expand_-1": (torch.arange(3).reshape(3, 1), [["expand", [-1, 5]]]),
    "expand_new_leading": (V, [["expand", [2, 3, 6]]]),
    "expand_new_leading_1": (V, [["expand", [1, 6]]]),
    "expand_leading_1_over_expanded": (torch.arange(3).reshape(3, 1), [["expand", [1, 3, 4]]]),
    "expand_same": (A, [["expand", [3, 4]]]),
    "expand_0d": (S, [["expand", [2, 3]]]),
    "expand_0d_to_1": (S, [["expand", [1]]]),
    "expand_to_0": (torch.arange(3).reshape(1, 3), [["expand", [0, 3]]]),
    "expand_transposed": (torch.arange(3).reshape(3, 1), [["T"], ["expand", [2, 4, 3]]]),
    "flatten_all": (B, [["flatten"]]),
    "flatten_1": (C, [["flatten", 1]]),
    "flatten_1_2": (C, [["flatten", 1, 2]]),
    "flatten_-3_-2": (C, [["flatten", -3, -2]]),
    "flatten_same": (C, [["flatten", 2, 2]]),
    "flatten_0d": (S, [["flatten"]]),
    "flatten_1d": (V, [["flatten"]]),
    "flatten_0d_dims": (S, [["flatten", -1, 0]]),
    "flatten_transposed_copy": (A, [["T"], ["flatten"]]),
    "flatten_permuted_view": (C, [["permute", [1, 0, 2, 3]], ["flatten", 2]]),
    "narrow_rows": (A, [["narrow", 0, 1, 2]]),
    "narrow_cols": (A, [["narrow", 1, 2, 2]]),
    "narrow_neg_dim": (B, [["narrow", -1, 0, 3]]),
    "narrow_neg_start": (A, [["narrow", 1, -3, 2]]),
    "narrow_all": (A, [["narrow", 0, 0, 3]]),
    "narrow_transposed": (A, [["T"], ["narrow", 0, 1, 3]]),
    "contiguous_of_contiguous": (A, [["contiguous"]]),
    "contiguous_of_transposed": (A, [["T"], ["contiguous"]]),
    "contiguous_of_narrow": (A, [["narrow", 1, 1, 2], ["contiguous"]]),
    "contiguous_of_expanded": (V, [["expand", [2, 6]], ["contiguous"]]),
    "contiguous_of_size1_dims": (torch.arange(4).reshape(4, 1), [["T"], ["contiguous"]]),
    "contiguous_of_offset_view": (A, [["narrow", 0, 1, 1], ["contiguous"]]),
    "T_0d": (S, [["T"]]),
    "permute_0d": (S, [["permute", []]]),
    "clone": (A, [["clone"]]),
    "clone_narrow": (A, [["narrow", 0, 1, 1], ["clone"]]),
    "clone_expanded": (V, [["expand", [2, 6]], ["clone"]]),
    "view_chain": (C, [["transpose", 0, 3], ["narrow", 1, 1, 2], ["unsqueeze", 0], ["squeeze"], ["flatten", 1, 2]]),
}
for name, (x, ops) in view_cases.items():
    chain("view", name, x, ops)


def I(n, hat=False):
    return {"int": n, "hat": True} if hat else {"int": n}


def Sl(start=None, stop=None, step=None, explicit=False):
    item = {"slice": [start, stop, step]}
    if explicit:
        item["explicit"] = True
    return item


NONE, ELL = {"none": True}, {"ellipsis": True}


def T(values, dtype=torch.int64):
    return {"torch": torch.tensor(values, dtype=dtype)}


mask_A = A % 3 == 0
index_cases = {
    "int": (A, [I(1)]),
    "int_neg": (A, [I(-1)]),
    "hat_1": (A, [I(-1, hat=True)]),
    "hat_3": (A, [I(-3, hat=True)]),
    "int_int": (A, [I(1), I(2)]),
    "int_int_neg": (A, [I(-2), I(-1)]),
    "int_3d": (B, [I(1), I(-1), I(0)]),
    "int_of_1d": (V, [I(4)]),
    "range_1_3": (A, [Sl(1, 3)]),
    "range_all": (A, [Sl()]),
    "range_all_col": (A, [Sl(), I(1)]),
    "range_hat2_from": (A, [Sl(-2)]),
    "range_to_hat1": (A, [Sl(None, -1)]),
    "range_upto_2_all": (A, [Sl(None, 2), Sl()]),
    "range_past_end": (A, [Sl(1, 10)]),
    "range_start_past_end": (A, [Sl(5, 10)]),
    "range_neg_past_start": (A, [Sl(-10, 2)]),
    "range_reversed_empty": (A, [Sl(2, 1)]),
    "range_cols": (A, [Sl(), Sl(1, 3)]),
    "range_both": (B, [Sl(1), Sl(-2), Sl(1, -1)]),
    "slice_step2": (A, [Sl(step=2)]),
    "slice_step3_cols": (A, [Sl(), Sl(None, None, 3)]),
    "slice_1_none_2": (C, [Sl(), Sl(), Sl(1, None, 2)]),
    "slice_neg_start_step": (V, [Sl(-5, None, 2)]),
    "slice_step_past_end": (V, [Sl(1, 100, 4)]),
    "slice_explicit": (A, [Sl(1, 3, explicit=True)]),
    "slice_explicit_neg": (A, [Sl(-2, None, explicit=True), Sl(None, -1, explicit=True)]),
    "slice_then_int": (B, [Sl(None, None, 2), I(1)]),
    "newaxis_first": (A, [NONE]),
    "newaxis_ellipsis": (A, [NONE, Sl(), ELL]),
    "newaxis_last": (A, [ELL, NONE]),
    "newaxis_middle": (A, [Sl(), NONE, Sl()]),
    "newaxis_twice": (V, [NONE, Sl(), NONE]),
    "newaxis_0d": (S, [NONE]),
    "ellipsis_only": (B, [ELL]),
    "ellipsis_int": (B, [ELL, I(1)]),
    "int_ellipsis": (B, [I(1), ELL]),
    "int_ellipsis_int": (C, [I(1), ELL, I(2)]),
    "ellipsis_middle_slice": (C, [Sl(1), ELL, Sl(None, None, 2)]),
    "ellipsis_full_rank": (B, [I(0), I(1), ELL, I(2)]),
    "ellipsis_0d": (S, [ELL]),
    "int_0d_tensor": (B, [T(1)]),
    "int32_0d_tensor": (B, [T(-1, torch.int32)]),
    "int_0d_tensor_mixed": (B, [T(1), Sl(), T([0, 2])]),
    "mask_full": (A, [{"torch": mask_A}]),
    "mask_rows": (A, [T([True, False, True], torch.bool)]),
    "mask_cols": (A, [Sl(), T([False, True, True, False], torch.bool)]),
    "mask_all_false": (A, [T([False, False, False], torch.bool)]),
    "mask_full_all_false": (A, [{"torch": A > 100}]),
    "mask_partial_2d": (B, [{"torch": B.sum(-1) > 20}]),
    "mask_last_2d": (B, [ELL, {"torch": torch.tensor([[True, False, True, False]] * 3)}]),
    "mask_0d_true": (A, [T(True, torch.bool)]),
    "mask_0d_false": (A, [T(False, torch.bool)]),
    "mask_of_transposed": (A, [["T"]], [{"torch": mask_A.t()}]),
    "mask_and_int": (B, [I(1), T([True, False, True], torch.bool)]),
    "mask_and_index": (B, [T([True, False], torch.bool), Sl(), T([3, 0])]),
    "index_1d": (A, [T([0, 2])]),
    "index_1d_neg": (A, [T([-1, 0, -3])]),
    "index_repeated": (A, [T([1, 1, 1, 0])]),
    "index_int32": (A, [T([2, 0], torch.int32)]),
    "index_2d": (A, [T([[0, 1], [2, 0]])]),
    "index_cols": (A, [Sl(), T([3, 0])]),
    "index_cols_2d": (A, [Sl(), T([[3], [1]])]),
    "index_empty": (A, [T([], torch.int64)]),
    "index_pair": (A, [T([0, 2]), T([1, 3])]),
    "index_pair_broadcast": (A, [T([[0], [2]]), T([1, 3])]),
    "index_pair_int32_int64": (A, [T([0, 2], torch.int32), T([1, 3])]),
    "index_adjacent_middle": (C, [Sl(), T([0, 2]), T([1, 3]), Sl()]),
    "index_adjacent_end": (C, [Sl(), Sl(), T([[0], [3]]), T([4, 0, 1])]),
    "index_nonadjacent": (C, [T([0, 1]), Sl(), T([1, 3])]),
    "index_nonadjacent_broadcast": (C, [Sl(), T([[0], [2]]), Sl(), T([4, 0, 1])]),
    "index_nonadjacent_newaxis": (B, [T([0, 1]), NONE, T([1, 2])]),
    "index_separated_by_int": (C, [Sl(), T([0, 2]), I(1), T([3, 0])]),
    "index_after_newaxis": (A, [NONE, T([2, 0])]),
    "index_with_ellipsis": (C, [ELL, T([1, 0])]),
    "index_slice_then_index": (C, [Sl(None, None, 2), Sl(1), T([2, 2, 0])]),
    "index_sliced_input": (C, [["narrow", 2, 1, 3]], [T([0, 1]), Sl(), T([2, 0])]),
    "index_transposed_input": (C, [["permute", [3, 1, 0, 2]]], [Sl(), T([2, 0]), Sl(1)]),
    "index_float_input": (B, [Sl(), T([1, 2]), I(-1)]),
    "index_0d_input_ellipsis_newaxis": (S, [ELL, NONE, NONE]),
    "index_empty_input": (torch.zeros(0, 3), [T([], torch.int64)]),
    "index_empty_input_cols": (torch.zeros(0, 3), [Sl(), T([0, 2])]),
    "mask_empty_input": (torch.zeros(0, 3), [{"torch": torch.zeros(0, 3, dtype=torch.bool)}]),
    "index_view_of_view": (C, [["index", [I(1)]]], [Sl(1), I(0), Sl(None, None, 2)]),
}
for name, x in {"nonzero_2d": torch.tensor([[0, 3], [1, 0], [2, 2]]), "nonzero_1d_bool": torch.tensor([False, True, True]),
                "nonzero_float_3d": torch.tensor([[[0.5, 0.0]], [[-0.0, 2.0]]]), "nonzero_none": torch.zeros(2, 3),
                "nonzero_0d": torch.tensor(5), "nonzero_0d_zero": torch.tensor(0), "nonzero_empty": torch.zeros(0, 2)}.items():
    chain("index", name, x, [["nonzero"]])
for name, spec in index_cases.items():
    x = spec[0]
    ops = [["index", spec[1]]] if len(spec) == 2 else spec[1] + [["index", spec[2]]]
    chain("index", name, x, ops)


def value_json(v):
    if isinstance(v, torch.Tensor):
        return {"tensor": tensor(v)}
    kind = "bool" if isinstance(v, bool) else "long" if isinstance(v, int) else "double"
    return {"scalar": v, "type": kind}


def index_set(name, x, ops, items, value):
    base = x.clone()
    r = base
    for op in ops:
        r = apply(r, op)
    r[py_index(items)] = value
    add("index_set", name, input=tensor(x), ops=json_ops(ops), index=json_index(items), value=value_json(value),
        expected_base=tensor(base), expected_view=tensor(r), version=base._version, view_version=r._version)


set_cases = {
    "set_int_int": (A, [], [I(1), I(2)], 17),
    "set_rows_scalar": (A, [], [Sl(None, 2), Sl()], 12),
    "set_row_float_into_int": (A, [], [I(-1)], 2.7),
    "set_col_tensor": (A, [], [Sl(), I(1)], torch.tensor([-1, -2, -3])),
    "set_broadcast_row": (A, [], [Sl(1)], torch.tensor([10, 20, 30, 40])),
    "set_broadcast_col": (B, [], [Sl(), Sl(), I(0)], torch.tensor([[-1.0], [-2.0]])),
    "set_step": (B, [], [ELL, Sl(None, None, 2)], -5.5),
    "set_newaxis": (A, [], [NONE, I(0)], torch.tensor([[9, 8, 7, 6]])),
    "set_bool_into_float": (B, [], [I(0), I(0)], True),
    "set_float_tensor_into_float": (B, [], [I(1)], torch.full((3, 4), 0.25)),
    "set_mask_scalar": (A, [], [{"torch": A > 5}], 0),
    "set_mask_rows_tensor": (A, [], [T([True, False, True], torch.bool)], torch.tensor([100, 200, 300, 400])),
    "set_mask_cols": (A, [], [Sl(), T([False, True, False, True], torch.bool)], -7),
    "set_mask_all_false": (A, [], [T([False, False, False], torch.bool)], 99),
    "set_mask_partial": (B, [], [{"torch": B.sum(-1) > 20}], torch.tensor([1.0, 2.0, 3.0, 4.0])),
    "set_mask_values_per_element": (A, [], [{"torch": A % 5 == 0}], torch.tensor([-1, -2, -3])),
    "set_mask_0d": (A, [], [T(True, torch.bool)], 3),
    "set_index_scalar": (A, [], [T([0, 2])], -1),
    "set_index_tensor": (A, [], [T([2, 0])], torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8]])),
    "set_index_broadcast": (A, [], [T([2, 0])], torch.tensor([50, 60, 70, 80])),
    "set_index_neg_int32": (A, [], [Sl(), T([-1, 0], torch.int32)], torch.tensor([[1], [2], [3]])),
    "set_index_pair": (A, [], [T([0, 1, 2]), T([3, 2, 1])], torch.tensor([-10, -20, -30])),
    "set_index_nonadjacent": (C, [], [T([1, 0]), Sl(), T([3, 1])], torch.tensor([[[-1]], [[-2]]])),
    "set_index_2d": (A, [], [T([[0, 1]]), T([[0], [3]])], 0),
    "set_index_0d_tensor": (B, [], [T(1), Sl(1)], 0.5),
    "set_value_leading_ones": (A, [], [I(0)], torch.full((1, 1, 4), 5)),
    "set_value_leading_ones_index": (B, [], [T([0, 1])], torch.full((1, 2, 3, 4), 0.5)),
    "set_value_leading_ones_mask": (A, [], [{"torch": A > 8}], torch.tensor([[-1, -2, -3]])),
    "set_empty_index": (A, [], [T([], torch.int64)], 5),
    "set_through_view": (A, [["T"]], [I(0)], 42),
    "set_through_reshape_view": (A, [["reshape", [2, 6]]], [Sl(), I(5)], -3),
    "set_through_reshape_copy": (A, [["T"], ["reshape", [12]]], [Sl(None, 4)], -3),
    "set_through_narrow_mask": (A, [["narrow", 1, 1, 2]], [{"torch": torch.tensor([[True, False], [False, True], [True, True]])}], 0),
    "set_through_view_index": (C, [["permute", [3, 2, 1, 0]], ["narrow", 0, 1, 3]], [T([0, 2]), I(1)], -1),
    "set_through_unsqueeze": (V, [["unsqueeze", 0]], [Sl(), Sl(2, 4)], torch.tensor([[77]])),
}
for name, (x, ops, items, value) in set_cases.items():
    index_set(name, x, ops, items, value)

# ----------------------------------------------------------------------------- joining

X2 = torch.arange(6).reshape(2, 3)
Y2 = torch.arange(10, 16).reshape(2, 3)
F2 = torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4


def cat(name, inputs, dim=0, op="cat"):
    r = getattr(torch, op)(inputs, dim=dim)
    add("join", name, op=op, inputs=[tensor(t) for t in inputs], dim=dim, expected=tensor(r))


cat("cat_0", [X2, Y2])
cat("cat_1", [X2, Y2], 1)
cat("cat_-1", [X2, Y2, X2], -1)
cat("cat_-2", [X2, Y2], -2)
cat("cat_three_sizes", [X2, torch.arange(3).reshape(1, 3), torch.zeros(0, 3, dtype=torch.int64)])
cat("cat_promote_int_float", [X2, F2])
cat("cat_promote_bool_uint8", [torch.tensor([True, False]), torch.tensor([3, 4], dtype=torch.uint8)])
cat("cat_promote_int32_int64_f64", [X2.int(), Y2, F2.double()], 1)
cat("cat_promote_bool_int32", [torch.tensor([[True], [False]]), X2.int()], 1)
cat("cat_skip_empty_1d", [torch.zeros(0), X2.float(), torch.zeros(0)])
cat("cat_empty_1d_promotes", [torch.zeros(0, dtype=torch.float64), X2])
cat("cat_only_empty", [torch.zeros(0), torch.zeros(0)])
cat("cat_1d", [torch.arange(3), torch.arange(5, 7)])
cat("cat_single", [X2], 1)
cat("cat_3d_mid", [B, B[:, :1], B[:, 1:]], 1)
cat("cat_transposed_inputs", [X2.t(), Y2.t()], 1)
cat("cat_bool", [torch.tensor([[True]]), torch.tensor([[False]])], 1)
cat("stack_0", [X2, Y2], op="stack")
cat("stack_1", [X2, Y2], 1, op="stack")
cat("stack_last_plus_1", [X2, Y2, X2], 2, op="stack")
cat("stack_-1", [X2, Y2], -1, op="stack")
cat("stack_-3", [X2, Y2], -3, op="stack")
cat("stack_0d", [torch.tensor(1.5), torch.tensor(2.5)], op="stack")
cat("stack_1d", [torch.arange(3), torch.arange(3, 6)], 1, op="stack")
cat("stack_promote", [X2, F2], op="stack")
cat("stack_single", [V], op="stack")


def split(name, x, op, arg, dim=0):
    pieces = getattr(x, op)(arg, dim)
    add("join", name, op=op, input=tensor(x), arg=arg, dim=dim, expected=[tensor(p) for p in pieces],
        strides=[list(p.stride()) for p in pieces],
        offsets=[p.storage_offset() if p.numel() > 0 else None for p in pieces])


split("split_2", torch.arange(10).reshape(5, 2), "split", 2)
split("split_2_dim1", torch.arange(15).reshape(3, 5), "split", 2, 1)
split("split_exact", torch.arange(12).reshape(3, 4), "split", 2, -1)
split("split_larger", torch.arange(6), "split", 10)
split("split_1", torch.arange(3), "split", 1)
split("split_0_on_empty", torch.zeros(0), "split", 0)
split("split_list", torch.arange(10), "split", [3, 0, 7])
split("split_list_dim", torch.arange(24).reshape(2, 3, 4), "split", [1, 3], -1)
split("split_list_single", torch.arange(6).reshape(3, 2), "split", [3])
split("chunk_3_of_6", torch.arange(6), "chunk", 3)
split("chunk_3_of_7", torch.arange(7), "chunk", 3)
split("chunk_4_of_6", torch.arange(6), "chunk", 4)
split("chunk_4_of_5", torch.arange(5), "chunk", 4)
split("chunk_6_of_5", torch.arange(5), "chunk", 6)
split("chunk_3_of_7_dim1", torch.arange(14).reshape(2, 7), "chunk", 3, 1)
split("chunk_2_dim_-2", torch.arange(24).reshape(2, 3, 4), "chunk", 2, -2)
split("chunk_1", torch.arange(4), "chunk", 1)
split("chunk_3_of_empty", torch.zeros(0, 2), "chunk", 3)

write("core", "generate_core.py", cases)
