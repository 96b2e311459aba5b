namespace Nabla.Tests;

/// <summary>
/// Every failure mode of elementwise math and reductions: the exception type and PyTorch's
/// information in the message (the quoted texts are PyTorch 1.13's, as in tests/golden/math.json).
/// </summary>
public class MathErrorTests
{
    [Fact]
    public void ShapeMismatchNamesBothSizesTheDimensionAndBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Ones(3) + Tensor.Ones(4));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 0", ex.Message);
        Assert.Contains("[3]", ex.Message);
        Assert.Contains("[4]", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => Tensor.Ones(2, 3, 4) * Tensor.Ones(5, 1));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (5) at non-singleton dimension 1", ex.Message);
        Assert.Contains("[2, 3, 4]", ex.Message);
        Assert.Contains("[5, 1]", ex.Message);
    }

    [Fact]
    public void ShapeMismatchReportsTheLastMismatchingDimensionAsPyTorchDoes()
    {
        // PyTorch's infer_size walks the dims from the right: [2, 3] + [3, 2] fails at dim 1.
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Ones(2, 3) + Tensor.Ones(3, 2));
        Assert.Contains("The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 1", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
    }

    [Fact]
    public void ShapeMismatchThrowsForEveryKindOfOp()
    {
        var (a, b) = (Tensor.Ones(3), Tensor.Ones(4));
        Assert.Throws<ArgumentException>(() => a == b);
        Assert.Throws<ArgumentException>(() => a < b);
        Assert.Throws<ArgumentException>(() => Tensor.Maximum(a, b));
        Assert.Throws<ArgumentException>(() => Tensor.Where(a > 0, a, b));
        Assert.Throws<ArgumentException>(() => Tensor.Clamp(a, min: b));
        Assert.Throws<ArgumentException>(() => a.Clamp(max: b));
    }

    [Fact]
    public void ComparingWithNullThrowsArgumentNullException()
    {
        var x = Tensor.Ones(2);
        Assert.Throws<ArgumentNullException>(() => x == null!);
        Assert.Throws<ArgumentNullException>(() => null! == x);
        Assert.Throws<ArgumentNullException>(() => x != null!);
        Assert.Throws<ArgumentNullException>(() => x + (Tensor)null!);
        Assert.Throws<ArgumentNullException>(() => Tensor.Exp(null!));
        Assert.Throws<ArgumentNullException>(() => Tensor.Where(null!, x, x));
        Assert.True(x is not null);  // the null check that works
    }

    [Fact]
    public void BoolSubtractionAndNegationThrowWithPyTorchsAdvice()
    {
        var b = Tensor.From(new[] { true, false });
        var ex = Assert.Throws<ArgumentException>(() => b - b);
        Assert.Contains("Subtraction, the `-` operator, with two bool tensors is not supported.", ex.Message);
        Assert.Contains("`^`", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => b - 1);
        Assert.Contains("Subtraction, the `-` operator, with a bool tensor is not supported.", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Ones(2) - true);
        Assert.Contains("Subtraction, the `-` operator, with a bool tensor is not supported.", ex.Message);

        ex = Assert.Throws<ArgumentException>(() => -b);
        Assert.Contains("Negation, the `-` operator, on a bool tensor is not supported.", ex.Message);
        Assert.Contains("`!`", ex.Message);  // the C# spelling of logical not
    }

    [Fact]
    public void IntegerDivisionByZeroThrowsZeroDivisionError()
    {
        var x = Tensor.From(new long[] { 5, -5 });
        var zero = Tensor.From(new long[] { 1, 0 });
        Assert.Contains("ZeroDivisionError", Assert.Throws<DivideByZeroException>(() => Tensor.FloorDivide(x, zero)).Message);
        Assert.Contains("ZeroDivisionError", Assert.Throws<DivideByZeroException>(() => x % zero).Message);
        Assert.Contains("ZeroDivisionError", Assert.Throws<DivideByZeroException>(() => x % 0).Message);
        Assert.Contains("ZeroDivisionError", Assert.Throws<DivideByZeroException>(() => Tensor.From(new[] { 1, 2 }) % 0).Message);
        // True division and floating operands follow IEEE instead: no error.
        Assert.Equal([double.PositiveInfinity, double.NegativeInfinity], (x / 0).ToArray<double>());
        Assert.Equal(float.NaN, (Tensor.Scalar(1f) % 0).Item<float>());
    }

    [Fact]
    public void MeanAndVarianceOfAnIntegerTensorThrow()
    {
        var x = Tensor.Arange(6);
        var ex = Assert.Throws<ArgumentException>(() => x.Mean());
        Assert.Contains("mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long", ex.Message);
        Assert.Throws<ArgumentException>(() => x.Mean(0));
        Assert.Throws<ArgumentException>(() => x.Mean([0], keepDim: true));
        ex = Assert.Throws<ArgumentException>(() => x.Var());
        Assert.Contains("std and var only support floating point and complex dtypes", ex.Message);
        Assert.Throws<ArgumentException>(() => x.Std(0));
        ex = Assert.Throws<ArgumentException>(() => x.NanMean());
        Assert.Contains("nanmean(): expected input to have floating point dtype but got Long", ex.Message);
    }

    [Fact]
    public void BitwiseOpsOnFloatsThrow()
    {
        var x = Tensor.Ones(2);
        Assert.Contains("\"bitwise_and_cpu\" not implemented for 'Float'", Assert.Throws<ArgumentException>(() => x & x).Message);
        Assert.Contains("\"bitwise_or_cpu\" not implemented for 'Float'", Assert.Throws<ArgumentException>(() => x | x).Message);
        Assert.Contains("\"bitwise_xor_cpu\" not implemented for 'Float'", Assert.Throws<ArgumentException>(() => x ^ x).Message);
        Assert.Contains("\"bitwise_not_cpu\" not implemented for 'Float'", Assert.Throws<ArgumentException>(() => ~x).Message);
        Assert.Contains("not implemented for 'Float'", Assert.Throws<ArgumentException>(() => Tensor.Arange(2) & 0.5).Message);  // a weak float is Float32
    }

    [Fact]
    public void WhereWithANonBoolConditionThrows()
    {
        var x = Tensor.Arange(3);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Where(x, x, x));
        Assert.Contains("where expected condition to be a boolean tensor, but got a tensor with dtype Long", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Where(Tensor.Ones(3), x, x));
        Assert.Contains("but got a tensor with dtype Float", ex.Message);
    }

    [Fact]
    public void MaxAndMinOfAnEmptyTensorThrow()
    {
        var empty = Tensor.Zeros(0);
        string all = "Expected reduction dim to be specified for input.numel() == 0.";
        Assert.Contains("max(): " + all, Assert.Throws<ArgumentException>(() => empty.Max()).Message);
        Assert.Contains("min(): " + all, Assert.Throws<ArgumentException>(() => empty.Min()).Message);
        Assert.Contains("argmax(): " + all, Assert.Throws<ArgumentException>(() => empty.ArgMax()).Message);
        Assert.Contains("amax(): " + all, Assert.Throws<ArgumentException>(() => empty.Amax([])).Message);
        var rows = Tensor.Zeros(2, 0);
        Assert.Contains("max(): Expected reduction dim 1 to have non-zero size.", Assert.Throws<ArgumentException>(() => rows.Max(1)).Message);
        Assert.Contains("argmin(): Expected reduction dim 1 to have non-zero size.", Assert.Throws<ArgumentException>(() => rows.ArgMin(-1)).Message);
        Assert.Contains("amin(): Expected reduction dim -1 to have non-zero size.", Assert.Throws<ArgumentException>(() => rows.Amin([-1])).Message);
        // Reducing over a non-empty dim of an empty tensor is fine, and so are sums.
        Assert.Equal([0L], rows.Max(0).Values.Shape.ToArray());
        Assert.Equal(0f, empty.Sum().Item<float>());
        Assert.Equal(1f, empty.Prod().Item<float>());
    }

    [Fact]
    public void PowOfAnIntegerTensorByANegativeIntegerScalarThrows()
    {
        var x = Tensor.Arange(1, 4);
        var ex = Assert.Throws<ArgumentException>(() => x.Pow(-1));
        Assert.Contains("Integers to negative integer powers are not allowed.", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Pow(Tensor.From(new[] { 2, 3 }), -2L));
        // A negative integer exponent tensor, or a floating scalar, is allowed (as PyTorch).
        Assert.Equal([1L, 0, 0], x.Pow(Tensor.From(new long[] { -1, -1, -1 })).ToArray<long>());
        Assert.Equal(DType.Float32, x.Pow(-1.0).DType);
    }

    [Fact]
    public void InPlaceResultThatNeedsAWiderDTypeThrows()
    {
        var x = Tensor.Arange(3);
        Assert.Contains("result type Float can't be cast to the desired output type Long", Assert.Throws<ArgumentException>(() => x += 0.5).Message);
        Assert.Contains("result type Float can't be cast to the desired output type Long", Assert.Throws<ArgumentException>(() => x /= 2).Message);
        var b = Tensor.From(new[] { true, false });
        Assert.Contains("result type Long can't be cast to the desired output type Bool", Assert.Throws<ArgumentException>(() => b += 1).Message);
        Assert.Contains("result type Float can't be cast to the desired output type Long",
            Assert.Throws<ArgumentException>(() => Tensor.Sqrt(x, destination: x)).Message);
        Assert.Equal([0L, 1, 2], x.ToArray<long>());
    }

    [Fact]
    public void OpsThatRejectBoolOrFloatDTypesThrow()
    {
        var b = Tensor.From(new[] { true, false });
        Assert.Contains("Boolean inputs not supported for relu", Assert.Throws<ArgumentException>(() => b.Relu()).Message);
        Assert.Contains("not implemented for 'Bool'", Assert.Throws<ArgumentException>(() => b.Abs()).Message);
        Assert.Contains("not implemented for 'Bool'", Assert.Throws<ArgumentException>(() => b.Floor()).Message);
        Assert.Contains("not implemented for 'Bool'", Assert.Throws<ArgumentException>(() => b % b).Message);
        Assert.Contains("not implemented for 'Bool'", Assert.Throws<ArgumentException>(() => Tensor.FloorDivide(b, b)).Message);
        Assert.Contains("not implemented for 'Bool'", Assert.Throws<ArgumentException>(() => b.ArgMax()).Message);
        Assert.Contains("not implemented for 'Bool'", Assert.Throws<ArgumentException>(() => b.Clamp(b, b)).Message);
        Assert.Contains("not implemented for 'Long'", Assert.Throws<ArgumentException>(() => Tensor.Arange(3).Softmax(0)).Message);
        Assert.Contains("not implemented for 'Int'", Assert.Throws<ArgumentException>(() => Tensor.From(new[] { 1, 2 }).LogSoftmax(0)).Message);
    }

    [Fact]
    public void ClampWithoutBoundsThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Ones(2).Clamp());
        Assert.Contains("At least one of 'min' or 'max' must not be None", ex.Message);
    }

    [Fact]
    public void BadDimsThrow()
    {
        var x = Tensor.Ones(2, 3);
        Assert.Contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)",
            Assert.Throws<IndexOutOfRangeException>(() => x.Sum(2)).Message);
        Assert.Throws<IndexOutOfRangeException>(() => x.Softmax(-3));
        Assert.Throws<IndexOutOfRangeException>(() => x.Cumsum(2));
        Assert.Throws<IndexOutOfRangeException>(() => x.ArgMax(5));
        Assert.Contains("dim 1 appears multiple times in the list of dims", Assert.Throws<ArgumentException>(() => x.Sum([1, -1])).Message);
    }

    [Fact]
    public void MoreThanOneElementAsAConditionThrows()
    {
        var x = Tensor.Ones(2);
        var ex = Assert.Throws<InvalidOperationException>(() => { if (x > 0) { } });
        Assert.Contains("Boolean value of Tensor with more than one value is ambiguous", ex.Message);
    }
}
