namespace Nabla.Tests;

/// <summary>
/// Bad input to the tensor core gets a clear .NET exception whose message names the offending
/// sizes, never a crash or a silently wrong answer. Each case is one PyTorch also rejects (the
/// comment gives PyTorch's message); the type follows DESIGN.md: ArgumentException for shapes and
/// dtypes, IndexOutOfRangeException for dims and indices, InvalidOperationException for state.
/// </summary>
public class ErrorTests
{
    private static readonly Tensor X = Tensor.Arange(12).Reshape(3, 4);

    private static void Throws<TException>(Action action, params string[] fragments) where TException : Exception
    {
        var ex = Assert.Throws<TException>(action);
        foreach (var fragment in fragments) Assert.Contains(fragment, ex.Message);
    }

    [Fact]
    public void ReshapeToAWrongElementCount()
    {
        // torch: shape '[5, 3]' is invalid for input of size 12
        Throws<ArgumentException>(() => X.Reshape(5, 3), "[5, 3]", "12");
        Throws<ArgumentException>(() => X.View(5, 2), "[5, 2]", "12");
        Throws<ArgumentException>(() => X.Reshape(-1, 5), "[-1, 5]", "12");
        Throws<ArgumentException>(() => Tensor.Zeros(0).Reshape(0, -1), "[0, -1]");
    }

    [Fact]
    public void ReshapeWithTwoInferredSizesOrANegativeSize()
    {
        // torch: only one dimension can be inferred; invalid shape dimension -2
        Throws<ArgumentException>(() => X.Reshape(-1, -1), "only one dimension can be inferred", "[-1, -1]");
        Throws<ArgumentException>(() => X.Reshape(-2, 6), "-2", "[-2, 6]");
    }

    [Fact]
    public void ViewThatNeedsACopy()
    {
        // torch: view size is not compatible with input tensor's size and stride ... Use .reshape(...) instead.
        var ex = Assert.Throws<InvalidOperationException>(() => X.T.View(12));
        Assert.Contains("[4, 3]", ex.Message);
        Assert.Contains("[12]", ex.Message);
        Assert.Contains("Reshape", ex.Message);
        Throws<InvalidOperationException>(() => X.Narrow(1, 0, 2).View(6), "[3, 2]", "[6]");
    }

    [Fact]
    public void OutOfRangeDims()
    {
        // torch: Dimension out of range (expected to be in range of [-2, 1], but got 2)
        Throws<IndexOutOfRangeException>(() => X.Transpose(0, 2), "[-2, 1]", "2");
        Throws<IndexOutOfRangeException>(() => X.Transpose(-3, 0), "[-2, 1]", "-3");
        Throws<IndexOutOfRangeException>(() => X.Unsqueeze(3), "[-3, 2]", "3");
        Throws<IndexOutOfRangeException>(() => X.Unsqueeze(-4), "[-3, 2]", "-4");
        Throws<IndexOutOfRangeException>(() => X.Squeeze(5), "[-2, 1]", "5");
        Throws<IndexOutOfRangeException>(() => X.Flatten(0, 2), "[-2, 1]", "2");
        Throws<IndexOutOfRangeException>(() => X.Permute(0, 2), "[-2, 1]", "2");
        Throws<IndexOutOfRangeException>(() => X.Narrow(2, 0, 1), "[-2, 1]", "2");
        Throws<IndexOutOfRangeException>(() => X.Split(2, dim: 2), "[-2, 1]", "2");
        Throws<IndexOutOfRangeException>(() => X.Chunk(2, dim: -3), "[-2, 1]", "-3");
        Throws<IndexOutOfRangeException>(() => Tensor.Cat([X, X], 2), "[-2, 1]", "2");
        Throws<IndexOutOfRangeException>(() => Tensor.Stack([X, X], 3), "[-3, 2]", "3");
        Throws<IndexOutOfRangeException>(() => X.Shape[2].ToString(), "[-2, 1]", "2");
        // A 0-d tensor accepts dims 0 and -1 only (torch: expected to be in range of [-1, 0], but got 5)
        Throws<IndexOutOfRangeException>(() => Tensor.Scalar(1.0).Flatten(5), "[-1, 0]", "5");
    }

    [Fact]
    public void OutOfRangeIndicesNameTheDimensionAndItsSize()
    {
        // torch: index 3 is out of bounds for dimension 0 with size 3
        Throws<IndexOutOfRangeException>(() => _ = X[3], "index 3", "dimension 0", "size 3");
        Throws<IndexOutOfRangeException>(() => _ = X[-4], "index -4", "dimension 0", "size 3");
        Throws<IndexOutOfRangeException>(() => _ = X[0, -5], "index -5", "dimension 1", "size 4");
        Throws<IndexOutOfRangeException>(() => _ = X[^4], "dimension 0", "size 3");
        Throws<IndexOutOfRangeException>(() => _ = X[.., 4], "index 4", "dimension 1", "size 4");
        Throws<IndexOutOfRangeException>(() => X[2, 4] = 0, "index 4", "dimension 1", "size 4");
        // Index tensors: torch: index 5 is out of bounds for dimension 0 with size 3
        Throws<IndexOutOfRangeException>(() => _ = X[Tensor.From(new long[] { 0, 5 })], "index 5", "dimension 0", "size 3");
        Throws<IndexOutOfRangeException>(() => _ = X[.., Tensor.From(new[] { -5 })], "index -5", "dimension 1", "size 4");
        Throws<IndexOutOfRangeException>(() => X[Tensor.From(new long[] { 3 })] = 1, "index 3", "dimension 0", "size 3");
        Throws<IndexOutOfRangeException>(() => _ = X[Tensor.Scalar(7L)], "index 7", "dimension 0", "size 3");
        // torch: too many indices for tensor of dimension 2
        Throws<IndexOutOfRangeException>(() => _ = X[0, 0, 0], "too many indices", "dimension 2");
        Throws<IndexOutOfRangeException>(() => _ = Tensor.Scalar(1.0)[0], "too many indices", "dimension 0");
        Throws<IndexOutOfRangeException>(() => _ = X[Tensor.Ones([3, 4, 1], DType.Bool)], "too many indices", "dimension 2");
    }

    [Fact]
    public void BadSubscripts()
    {
        // torch: tensors used as indices must be long, byte or bool tensors
        Throws<ArgumentException>(() => _ = X[Tensor.From(new[] { 0.5f })], "tensors used as indices", "torch.float32");
        // torch 2.x: an index can only have a single ellipsis ('...')
        Throws<ArgumentException>(() => _ = X[TensorIndex.Ellipsis, TensorIndex.Ellipsis], "single ellipsis");
        // torch: slice step cannot be zero (negative steps are not supported either)
        Throws<ArgumentException>(() => TensorIndex.Slice(step: 0), "0");
        Throws<ArgumentException>(() => TensorIndex.Slice(0, 3, -1), "-1");
        // torch: shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]
        Throws<ArgumentException>(() => _ = X[Tensor.From(new long[] { 0, 1 }), Tensor.From(new long[] { 0, 1, 2 })], "[2]", "[3]");
    }

    [Fact]
    public void MaskOfTheWrongShape()
    {
        // torch: The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3, 4] at index 0
        Throws<ArgumentException>(() => _ = X[Tensor.From(new[] { true, false })], "[2]", "[3, 4]", "index 0");
        Throws<ArgumentException>(() => _ = X[.., Tensor.From(new[] { true, false, true })], "[3]", "[3, 4]", "index 1");
        Throws<ArgumentException>(() => X[Tensor.Zeros([4, 3], DType.Bool)] = 1, "[4, 3]", "[3, 4]");
    }

    [Fact]
    public void SetterValueThatDoesNotBroadcast()
    {
        // torch: The expanded size of the tensor (4) must match the existing size (3) ...;
        // shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2, 4]
        var x = Tensor.Arange(12).Reshape(3, 4);
        Throws<ArgumentException>(() => x[0] = Tensor.Zeros([3], DType.Int64), "[3]", "[4]");
        Throws<ArgumentException>(() => x[Tensor.From(new long[] { 0, 1 })] = Tensor.Zeros([3], DType.Int64), "[3]", "[2, 4]");
        Throws<ArgumentException>(() => x[Tensor.From(new[] { true, false, true })] = Tensor.Zeros([3, 4]), "[3, 4]", "[2, 4]");
        Throws<ArgumentException>(() => x.CopyFrom(Tensor.Zeros(4, 3)), "[4, 3]", "[3, 4]");
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long)i), x.ToArray<long>());  // nothing was written
    }

    [Fact]
    public void ScalarsThatTheDtypeCannotHold()
    {
        // torch: value cannot be converted to type uint8_t without overflow (full, fill_ and setitem alike)
        Throws<ArgumentOutOfRangeException>(() => Tensor.Full([2], 300L, DType.UInt8), "300", "uint8");
        Throws<ArgumentOutOfRangeException>(() => Tensor.Full([2], -256L, DType.UInt8), "-256", "uint8");
        Throws<ArgumentOutOfRangeException>(() => Tensor.Full([2], 255.5, DType.UInt8), "255.5", "uint8");
        Throws<ArgumentOutOfRangeException>(() => Tensor.Full([1], 1L << 40, DType.Int32), "1099511627776", "int32");
        Throws<ArgumentOutOfRangeException>(() => Tensor.Full([1], 1e300), "1E+300", "float32");
        Throws<ArgumentOutOfRangeException>(() => Tensor.Full([1], double.NaN, DType.Int32), "NaN", "int32");
        Throws<ArgumentOutOfRangeException>(() => Tensor.FullLike(Tensor.Zeros([2], DType.UInt8), -0.5), "-0.5", "uint8");
        var bytes = Tensor.Zeros([3], DType.UInt8);
        Throws<ArgumentOutOfRangeException>(() => bytes[0] = 300, "300", "uint8");
        Throws<ArgumentOutOfRangeException>(() => bytes[Tensor.From(new long[] { 0, 1 })] = 256, "256", "uint8");
        Throws<ArgumentOutOfRangeException>(() => bytes.Fill(1000), "1000", "uint8");
        Throws<ArgumentOutOfRangeException>(() => Tensor.Zeros(2).Fill(1e300), "float32");
        Assert.Equal(new byte[] { 0, 0, 0 }, bytes.ToArray<byte>());
        Assert.Equal(0, bytes.Version);
        // What PyTorch accepts: -1 wraps to 255, anything goes into Bool, infinities into floats.
        bytes[0] = -1;
        Assert.Equal(255, bytes[0].Item<byte>());
        Assert.True(Tensor.Full([1], 5L, DType.Bool).Item<bool>());
        Assert.Equal(double.PositiveInfinity, Tensor.Full([1], double.PositiveInfinity).Item<double>());
    }

    [Fact]
    public void NegativeSizes()
    {
        // torch: Trying to create tensor with negative dimension -3: [2, -3]
        Throws<ArgumentException>(() => Tensor.Zeros(2, -3), "-3", "[2, -3]");
        Throws<ArgumentException>(() => Tensor.Ones([-1], DType.Int32), "-1", "[-1]");
        Throws<ArgumentException>(() => Tensor.Empty(-5), "-5");
        Throws<ArgumentException>(() => Tensor.Full([4, -2], 1.0), "[4, -2]");
        Throws<ArgumentException>(() => Tensor.Arange(3).Expand(-2, 3), "-2");
        // torch: n must be greater or equal to 0, got -1; number of steps must be non-negative
        Throws<ArgumentException>(() => Tensor.Eye(-1), "-1");
        Throws<ArgumentException>(() => Tensor.Eye(2, -3), "-3");
        Throws<ArgumentException>(() => Tensor.Linspace(0, 1, -1), "-1");
        Throws<ArgumentException>(() => X.Narrow(0, 0, -1), "-1");
        Throws<ArgumentException>(() => X.Split(-1), "-1");
        Throws<ArgumentException>(() => X.Split([4, -1]), "[4, -1]");
    }

    [Fact]
    public void BadRanges()
    {
        // torch: step must be nonzero; upper bound and larger bound inconsistent with step sign;
        // "arange_cpu" / "linspace_cpu" not implemented for 'Bool'
        Throws<ArgumentException>(() => Tensor.Arange(0, 5, 0), "step must be nonzero");
        Throws<ArgumentException>(() => Tensor.Arange(0.0, 1.0, 0.0), "step must be nonzero");
        Throws<ArgumentException>(() => Tensor.Arange(0.5, 3.0, 0.5, DType.Int64), "step must be nonzero");
        Throws<ArgumentException>(() => Tensor.Arange(0, 5, -1), "start 0", "end 5", "step -1");
        Throws<ArgumentException>(() => Tensor.Arange(5.0, 0.0, 0.5), "start 5", "end 0");
        Throws<ArgumentException>(() => Tensor.Arange(0.0, double.PositiveInfinity), "unsupported range");
        Throws<ArgumentException>(() => Tensor.Arange(3, DType.Bool), "Bool");
        Throws<ArgumentException>(() => Tensor.Linspace(0, 1, 3, DType.Bool), "Bool");
    }

    [Fact]
    public void RaggedAndMismatchedInputData()
    {
        // torch: expected sequence of length 2 at dim 1 (got 1)
        Throws<ArgumentException>(() => Tensor.From(new[] { new[] { 1, 2 }, new[] { 3 } }), "length 2", "got 1");
        Throws<ArgumentException>(() => Tensor.From(new[] { new[] { 1.0 }, new[] { 2.0, 3.0 } }), "length 1", "got 2");
        // torch: shape '[2, 2]' is invalid for input of size 3
        Throws<ArgumentException>(() => Tensor.From(new double[] { 1, 2, 3 }, [2, 2]), "[2, 2]", "3");
        Throws<ArgumentException>(() => Tensor.From(new long[] { 1 }, []).Reshape(2), "[2]", "1");
        Throws<ArgumentException>(() => Tensor.From(new float[] { 1, 2 }, []), "[]", "2");
        // Element types that are not tensor dtypes.
        Throws<ArgumentException>(() => Tensor.From(new short[] { 1, 2 }), "Int16");
    }

    [Fact]
    public void CatAndStackOfMismatchedTensors()
    {
        // torch: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.
        Throws<ArgumentException>(() => Tensor.Cat([Tensor.Zeros(2, 3), Tensor.Zeros(2, 4)]), "[2, 3]", "[2, 4]", "dimension 0", "tensor number 1");
        Throws<ArgumentException>(() => Tensor.Cat([Tensor.Zeros(2, 3), Tensor.Zeros(2, 3, 1)], 1), "[2, 3]", "[2, 3, 1]");
        // torch: zero-dimensional tensor (at position 1) cannot be concatenated
        Throws<ArgumentException>(() => Tensor.Cat([Tensor.Zeros(2), Tensor.Scalar(1f)]), "zero-dimensional", "position 1");
        // torch: torch.cat(): expected a non-empty list of Tensors
        Throws<ArgumentException>(() => Tensor.Cat([]), "non-empty");
        Throws<ArgumentException>(() => Tensor.Stack([]), "non-empty");
        // torch: stack expects each tensor to be equal size, but got [2, 3] at entry 0 and [3, 2] at entry 1
        Throws<ArgumentException>(() => Tensor.Stack([Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)]), "[2, 3]", "[3, 2]", "entry 1");
        Throws<ArgumentNullException>(() => Tensor.Cat([Tensor.Zeros(2), null!]));
    }

    [Fact]
    public void ItemAndBoolOfMoreThanOneElement()
    {
        // torch: only one element tensors can be converted to Python scalars
        Throws<InvalidOperationException>(() => X.Item<long>(), "12 elements", "[3, 4]");
        Throws<InvalidOperationException>(() => Tensor.Zeros(0).Item<float>(), "0 elements", "[0]");
        Throws<InvalidOperationException>(() => _ = (float)Tensor.Zeros(2), "2 elements", "[2]");
        Throws<InvalidOperationException>(() => _ = (int)Tensor.Zeros(1, 3), "3 elements", "[1, 3]");
        // torch: Boolean value of Tensor with more than one value is ambiguous
        var t = Tensor.Ones(3);
        Throws<InvalidOperationException>(() => _ = (bool)t, "ambiguous", "[3]");
        Throws<InvalidOperationException>(() => { if (t) { } }, "ambiguous", "[3]");
        Throws<InvalidOperationException>(() => _ = t || t, "ambiguous", "[3]");
        // One element in any shape is fine.
        Assert.True((bool)Tensor.Ones(1, 1));
        if (Tensor.Zeros(1)) Assert.Fail("a zero is false");
    }

    [Fact]
    public void ExpandToAnIncompatibleShape()
    {
        // torch: The expanded size of the tensor (4) must match the existing size (3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]
        Throws<ArgumentException>(() => Tensor.Arange(3).Expand(2, 4), "(4)", "(3)", "dimension 1", "[2, 4]", "[3]");
        // torch: the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)
        Throws<ArgumentException>(() => X.Expand(4), "(1)", "(2)");
        // torch: The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension 0
        Throws<ArgumentException>(() => Tensor.Arange(3).Expand(-1, 3), "(-1)", "dimension 0");
        Throws<ArgumentException>(() => X.ExpandAs(Tensor.Zeros(3, 5)), "[3, 5]", "[3, 4]");
    }

    [Fact]
    public void WritingToAnExpandedTensor()
    {
        // torch: unsupported operation: more than one element of the written-to tensor refers to a single memory location.
        var e = Tensor.Arange(3).Expand(2, 3);
        Throws<InvalidOperationException>(() => e.CopyFrom(Tensor.Zeros([2, 3], DType.Int64)), "single memory location");
        Assert.Equal(new long[] { 0, 1, 2 }, Tensor.Arange(3).Expand(2, 3)[0].ToArray<long>());
    }

    [Fact]
    public void AsSpanOnANonContiguousTensorOrTheWrongType()
    {
        Throws<InvalidOperationException>(() => X.T.AsSpan<long>().ToArray(), "[4, 3]", "[1, 4]", "Contiguous()");
        Throws<ArgumentException>(() => X.AsSpan<float>().ToArray(), "Single", "torch.int64");
        Throws<ArgumentException>(() => X.AsSpan<int>().ToArray(), "Int32", "torch.int64");
        Assert.Equal(12, X.AsSpan<long>().Length);
    }

    [Fact]
    public void SplitChunkAndNarrowOutOfBounds()
    {
        // torch: split_with_sizes expects split_sizes to sum exactly to 4 (input tensor's size at dimension 0), but got split_sizes=[1, 2]
        Throws<ArgumentException>(() => Tensor.Arange(4).Split([1, 2]), "4", "[1, 2]", "dimension 0");
        Throws<ArgumentException>(() => X.Split([1, 1, 1], dim: 1), "4", "[1, 1, 1]", "dimension 1");
        // torch: chunk expects `chunks` to be greater than 0, got: 0
        Throws<ArgumentException>(() => X.Chunk(0), "got: 0");
        Throws<ArgumentException>(() => X.Chunk(-2), "got: -2");
        // torch: start (2) + length (3) exceeds dimension size (4).
        Throws<ArgumentException>(() => Tensor.Arange(4).Narrow(0, 2, 3), "(2)", "(3)", "(4)");
        Throws<IndexOutOfRangeException>(() => Tensor.Arange(4).Narrow(0, 5, 0), "[-4, 4]", "5");
        // torch: narrow() cannot be applied to a 0-dim tensor.
        Throws<ArgumentException>(() => Tensor.Scalar(1L).Narrow(0, 0, 1), "0-dim");
    }

    [Fact]
    public void PermuteAndFlattenWithBadDims()
    {
        // torch: permute(): duplicate dims are not allowed; number of dims don't match in permute
        Throws<ArgumentException>(() => X.Permute(0, 0), "dim 0", "multiple times");
        Throws<ArgumentException>(() => X.Permute(1, -1), "dim 1", "multiple times");
        Throws<ArgumentException>(() => X.Permute(0), "= 2", "= 1");
        // torch: flatten() has invalid args: start_dim cannot come after end_dim
        Throws<ArgumentException>(() => X.Flatten(1, 0), "start_dim (1)", "end_dim (0)");
    }

    [Fact]
    public void ElementCountsThatOverflowAreRefusedUpFront()
    {
        // torch: Storage size calculation overflowed with sizes=[1099511627776, 1099511627776]
        const long big = 1L << 40;
        Throws<ArgumentException>(() => Tensor.Zeros(big, big), "[1099511627776, 1099511627776]");
        Throws<ArgumentException>(() => Tensor.Empty([1L << 62, 4], DType.UInt8), "[4611686018427387904, 4]");
        Throws<ArgumentException>(() => Tensor.Full([big, big, big], 1.0), "[1099511627776, 1099511627776, 1099511627776]");
        Throws<ArgumentException>(() => Tensor.Arange(3).Expand(big, 3, big), "[1099511627776, 3, 1099511627776]");
        Throws<ArgumentException>(() => Tensor.Arange(0, long.MaxValue), "elements");
        Throws<ArgumentException>(() => Tensor.Arange(0.0, 1e300, 1.0, DType.Float64), "elements");
        // Sizes whose product wraps around to exactly 12 in 64 bits (7 * 0x6DB6DB6DB6DB6DB7 == 1 mod 2^64).
        Throws<ArgumentException>(() => X.Reshape(12, 7, 0x6DB6DB6DB6DB6DB7), "[12, 7, 7905747460161236407]");
        Throws<ArgumentException>(() => X.Reshape(-1, 7, 0x6DB6DB6DB6DB6DB7), "7905747460161236407");
        // More elements than one .NET array can hold, though the count fits in a long.
        Throws<ArgumentException>(() => Tensor.Zeros([1L << 31, 2], DType.Bool), "[2147483648, 2]");
    }

    [Fact]
    public void NullArguments()
    {
        Assert.Throws<ArgumentNullException>(() => X.CopyFrom(null!));
        Assert.Throws<ArgumentNullException>(() => X.Fill(null!));
        Assert.Throws<ArgumentNullException>(() => _ = X[(Tensor)null!]);
        Assert.Throws<ArgumentNullException>(() => X[0] = null!);
    }
}
