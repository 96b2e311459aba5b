"""Golden cases for Tensor.ToString(): PyTorch's repr(t) for every dtype and rank.

Each case is {"name", "input": common.tensor(t), "repr": repr(t)}. Values come from fixed formulas
(no random numbers) so the file only changes when PyTorch's printing does.
Run:  /usr/bin/python3 tests/golden/generate_repr.py   (writes tests/golden/repr.json)
"""
import math

import torch

from common import tensor, write

f32, f64 = torch.float32, torch.float64
i32, i64 = torch.int32, torch.int64
u8, b = torch.uint8, torch.bool
nan, inf = math.nan, math.inf

cases = []


def case(name, t):
    cases.append({"name": name, "input": tensor(t), "repr": repr(t)})


def ramp(n, dtype=f32, scale=0.37, shift=-5.0):
    """n deterministic values mixing signs and widths: arange(n) * scale + shift."""
    return (torch.arange(n, dtype=f64) * scale + shift).to(dtype)


# 0-d tensors of every dtype, and the special values a scalar can hold.
case("scalar_float32", torch.tensor(3.5))
case("scalar_float32_int_valued", torch.tensor(2.0))
case("scalar_float32_zero", torch.tensor(0.0))
case("scalar_float32_negative_zero", torch.tensor(-0.0))
case("scalar_float32_nan", torch.tensor(nan))
case("scalar_float32_inf", torch.tensor(inf))
case("scalar_float32_neg_inf", torch.tensor(-inf))
case("scalar_float32_tiny", torch.tensor(1e-5))
case("scalar_float32_large", torch.tensor(1e9))
case("scalar_float32_negative", torch.tensor(-0.125))
case("scalar_float64", torch.tensor(2.0, dtype=f64))
case("scalar_float64_fraction", torch.tensor(0.1 + 0.2, dtype=f64))
case("scalar_int64", torch.tensor(7))
case("scalar_int64_negative", torch.tensor(-123456789012))
case("scalar_int32", torch.tensor(-5, dtype=i32))
case("scalar_uint8", torch.tensor(200, dtype=u8))
case("scalar_bool_true", torch.tensor(True))
case("scalar_bool_false", torch.tensor(False))

# 1-D tensors of every dtype.
case("vector_float32", torch.tensor([1.5, -2.25, 3.0]))
case("vector_float32_int_mode", torch.tensor([1.0, 2.0]))
case("vector_float32_int_mode_negative", torch.tensor([1.0, -2.0, 300.0]))
case("vector_float32_tenths", torch.tensor([0.1, 0.2, 0.3]))
case("vector_float32_sum_rounding", torch.tensor([0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0]))
case("vector_float64_sum_rounding", torch.tensor([0.1 + 0.2, 1.0 / 3.0, 2.0 / 3.0], dtype=f64))
case("vector_float64", torch.tensor([1.5, -2.25, 3.0], dtype=f64))
case("vector_float64_int_mode", torch.tensor([1.0, 2.0, -3.0], dtype=f64))
case("vector_int64", torch.tensor([1, 2, 3]))
case("vector_int64_negative", torch.tensor([-1, -20, 300]))
case("vector_int64_extremes", torch.tensor([2**62, -(2**63), 0]))
case("vector_int32", torch.tensor([1, -2, 3], dtype=i32))
case("vector_uint8", torch.arange(0, 256, 17, dtype=u8))
case("vector_bool", torch.tensor([True, False, True]))
case("vector_bool_all_true", torch.tensor([True, True]))
case("vector_single", torch.tensor([42.0]))

# Higher ranks.
case("matrix_int64", torch.arange(12).reshape(3, 4))
case("matrix_float32", ramp(12).reshape(3, 4))
case("matrix_float64", ramp(12, f64).reshape(3, 4))
case("matrix_int32", (torch.arange(12, dtype=i32) - 6).reshape(4, 3))
case("matrix_uint8", torch.arange(6, dtype=u8).reshape(2, 3))
case("matrix_bool", (torch.arange(6) % 3 == 0).reshape(2, 3))
case("matrix_column", ramp(3).reshape(3, 1))
case("matrix_row", ramp(3).reshape(1, 3))
case("matrix_mixed_widths", torch.tensor([[1.5, -100.25], [10.0, 2.0]]))
case("matrix_sci", torch.tensor([[1.5, -100.25], [0.001, 2.0]]))
case("rank3_float32", (torch.arange(24, dtype=f32) * 0.5).reshape(2, 3, 4))
case("rank3_int64", torch.arange(24).reshape(2, 3, 4) - 10)
case("rank3_ones", torch.ones(1, 1, 1))
case("rank4_int32", torch.arange(48, dtype=i32).reshape(2, 2, 3, 4))
case("rank4_float32", ramp(36).reshape(3, 1, 3, 4))
case("rank4_bool", (torch.arange(16) % 2 == 1).reshape(2, 2, 2, 2))
case("rank5_float64", ramp(32, f64).reshape(2, 2, 2, 2, 2))

# Empty tensors: shape and dtype suffixes.
case("empty_float32", torch.zeros(0))
case("empty_int64", torch.zeros(0, dtype=i64))
case("empty_bool", torch.zeros(0, dtype=b))
case("empty_float64", torch.zeros(0, dtype=f64))
case("empty_0x3_float32", torch.zeros(0, 3))
case("empty_0x3_int64", torch.zeros(0, 3, dtype=i64))
case("empty_0x3_uint8", torch.zeros(0, 3, dtype=u8))
case("empty_2x0x4_float64", torch.zeros(2, 0, 4, dtype=f64))
case("empty_2x0x4_int32", torch.zeros(2, 0, 4, dtype=i32))
case("empty_3x0_bool", torch.zeros(3, 0, dtype=b))

# Scientific notation: ratio above 1000, maximum above 1e8, minimum below 1e-4.
case("sci_ratio", torch.tensor([1e-3, 1.0, 10.0]))
case("sci_ratio_exactly_1000_int", torch.tensor([1.0, 1000.0]))
case("sci_ratio_1001_int", torch.tensor([1.0, 1001.0]))
case("sci_tiny", torch.tensor([1e-5, 1.0]))
case("sci_tiny_alone", torch.tensor([1e-5, 2e-5]))
case("sci_tiny_negative", torch.tensor([-1e-5, 2.0, -300.0]))
case("sci_large", torch.tensor([1e9, 1.0]))
case("sci_large_int_alone", torch.tensor([1e9, 2e9]))
case("sci_large_fraction", torch.tensor([1.5e8 + 0.5], dtype=f64))
case("sci_ratio_with_1e8", torch.tensor([1e8, 5.0]))
case("fixed_1e8_int", torch.tensor([1e8, 1e6]))  # the maximum may equal 1e8
case("sci_above_1e8_int", torch.tensor([1.5e8, 2e8]))
case("fixed_large_fraction_float32", torch.tensor([123456.789, 1000.5]))
case("fixed_large_fraction_float64", torch.tensor([123456.789, 1000.5], dtype=f64))
case("sci_int_mode_ratio", torch.tensor([12345678.0, -1.0, 9999.0]))
case("fixed_int_mode_wide", torch.tensor([12345678.0, -100000.0, 99999.0]))
case("boundary_1e-4_float32", torch.tensor([1e-4, 0.05]))  # float32 1e-4 is below 1e-4: sci
case("boundary_1e-4_float64", torch.tensor([1e-4, 0.05], dtype=f64))  # exactly 1e-4: fixed
case("sci_extreme_float64", torch.tensor([1e-300, 1e300], dtype=f64))
case("sci_huge_int_valued_float64", torch.tensor([1e200, -3.0], dtype=f64))
case("sci_carry", torch.tensor([9.99999e-5, 1.0], dtype=f64))
case("sci_carry_float32", torch.tensor([9.99999e-5, 1.0]))
case("sci_float32_max", torch.tensor([3.4028234663852886e38, 1.0]))
case("sci_subnormal_float64", torch.tensor([5e-324, 1.0], dtype=f64))
case("sci_subnormal_float32", torch.tensor([1e-45, 1.0]))

# Rounding to 4 decimals: Python rounds the exact binary value half to even.
case("round_half_even_fixed", torch.tensor([0.03125, 0.15625, 2.5, -0.03125], dtype=f64))
case("round_half_even_fixed_float32", torch.tensor([0.03125, 0.15625, 2.5, 0.09375]))
case("round_half_even_sci", torch.tensor([1.03125, 1e-5, 1.09375], dtype=f64))
case("round_near_ten", torch.tensor([9.99995, 9.99994, 0.5], dtype=f64))
case("round_near_ten_float32", torch.tensor([9.99995, 9.99994, 0.5]))

# Negative zero.
case("negative_zero", torch.tensor([-0.0]))
case("negative_zero_and_zero", torch.tensor([-0.0, 0.0]))
case("negative_zero_fixed", torch.tensor([-0.0, 1.5]))
case("negative_zero_int_mode", torch.tensor([-0.0, 2.0]))
case("negative_zero_sci", torch.tensor([-1e-5, -0.0, 1.0]))
case("negative_small_sci", torch.tensor([-0.00004, 0.5, -0.00006], dtype=f64))

# NaN and infinities mixed with finite values.
case("nan_inf_fixed", torch.tensor([nan, 1.5, inf, -inf]))
case("nan_inf_int_mode", torch.tensor([nan, 1.0, inf, -2.0]))
case("nan_inf_only", torch.tensor([nan, inf, -inf]))
case("nan_zero", torch.tensor([0.0, nan]))
case("zeros_only", torch.zeros(3))
case("nan_inf_sci", torch.tensor([1e-5, nan, inf, 3.0]))
case("nan_inf_sci_large", torch.tensor([1e10, nan, -inf], dtype=f64))
case("nan_matrix", torch.tensor([[nan, 1.25], [-inf, 0.0]]))

# Line wrapping at 80 columns.
case("wrap_float32_30", ramp(30))
case("wrap_float64_30", ramp(30, f64))
case("wrap_float64_8", ramp(8, f64))  # the dtype suffix moves to its own line
case("wrap_float64_16", ramp(16, f64))
case("wrap_int64_50", torch.arange(50) * 1234 - 20000)
case("wrap_int32_40", torch.arange(40, dtype=i32) * 7)
case("wrap_int32_18", torch.arange(18, dtype=i32) * 100000)
case("wrap_bool_40", torch.arange(40) % 3 == 0)
case("wrap_uint8_60", torch.arange(60, dtype=u8) * 4)
case("wrap_sci_20", ramp(20, scale=1.7, shift=-1e-5) * torch.logspace(-6, 6, 20))
case("wrap_matrix", ramp(60).reshape(3, 20))
case("wrap_matrix_float64", ramp(60, f64).reshape(2, 30))
case("wrap_rank3", torch.arange(90).reshape(2, 3, 15) * 1000)
case("not_summarized_1000", torch.arange(1000))

# Summarisation past 1000 elements (3 edge items).
case("summarized_arange_2000", torch.arange(2000))
case("summarized_arange_1001", torch.arange(1001))
case("summarized_float_1500", ramp(1500))
case("summarized_float64_1200", ramp(1200, f64, scale=0.001, shift=0.0))
case("summarized_matrix_40x40", ramp(1600).reshape(40, 40))
case("summarized_int_3x400", torch.arange(1200).reshape(3, 400))
case("summarized_int32_3x400", torch.arange(1200, dtype=i32).reshape(3, 400))
case("summarized_rank3_11", (torch.arange(1331, dtype=f32) * 0.1).reshape(11, 11, 11))
case("summarized_rank3_2x2x300", torch.arange(1200).reshape(2, 2, 300))
case("summarized_rank4_7x7x7x3", torch.arange(1029, dtype=i32).reshape(7, 7, 7, 3))
case("summarized_bool_40x40", (torch.arange(1600) % 7 == 0).reshape(40, 40))
case("summarized_uint8_1100", (torch.arange(1100) % 256).to(u8))
case("summarized_tall_1001x1", ramp(1001).reshape(1001, 1))
case("summarized_wide_1x1001", ramp(1001).reshape(1, 1001))
spike = torch.ones(1200)
spike[600] = 1e10  # hidden by the summary: the formatter only sees the edge items
case("summarized_hidden_spike", spike)
hidden = ramp(1200)
hidden[500] = nan
hidden[1199] = inf
case("summarized_nan_inf", hidden)

if __name__ == "__main__":
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    write("repr", "generate_repr.py", cases)
