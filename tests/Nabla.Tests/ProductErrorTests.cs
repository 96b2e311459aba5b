namespace Nabla.Tests;

/// <summary>
/// How products reject bad input: the "error" cases of tests/golden/products.json (every call that
/// PyTorch rejects must throw: ArgumentException for its RuntimeError, IndexOutOfRangeException
/// for its IndexError, with the fragments of PyTorch's message that carry the information), and
/// the messages Nabla promises beyond PyTorch's (both shapes of a mismatched product).
/// </summary>
public class ProductErrorTests
{
    public static TheoryData<string> Cases => ProductGolden.Names("error");

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThrowsLikePyTorch(string name)
    {
        var c = ProductGolden.Case(name);
        var operands = c.GetProperty("inputs").EnumerateArray().Select(e => ProductGolden.Operand(e)).ToArray();
        var ex = Record.Exception(() => ProductGolden.Run(c, operands));
        string torch = c.GetProperty("error").GetString()!;
        Assert.True(ex is not null, $"{name}: PyTorch raised \"{torch}\", Nabla returned a result");
        // "nabla_kind": where Nabla follows a later PyTorch's exception class (see the generator's comment).
        string kind = (c.TryGetProperty("nabla_kind", out var k) ? k : c.GetProperty("kind")).GetString()!;
        if (kind == "IndexError")
            Assert.IsType<IndexOutOfRangeException>(ex);
        else
            Assert.IsAssignableFrom<ArgumentException>(ex);
        foreach (var fragment in c.GetProperty("fragments").EnumerateArray())
            Assert.True(ex.Message.Contains(fragment.GetString()!, StringComparison.Ordinal),
                $"{name}: the message \"{ex.Message}\" lacks \"{fragment.GetString()}\" (PyTorch: \"{torch}\")");
    }

    private static Tensor F32(params long[] shape) => Tensor.Ones(shape);

    private static Tensor F64(params long[] shape) => Tensor.Ones(shape, DType.Float64);

    private static Tensor I64(params long[] shape) => Tensor.Ones(shape, DType.Int64);

    private static void AssertMessage(Action run, params string[] fragments)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(run);
        foreach (var f in fragments) Assert.Contains(f, ex.Message);
    }

    // ------------------------------------------------------------------ mismatched inner sizes: both shapes

    [Fact]
    public void MmInnerSizesNameBothShapes() =>
        AssertMessage(() => Tensor.Mm(F32(2, 3), F32(4, 5)), "(2x3 and 4x5)", "[2, 3]", "[4, 5]");

    [Fact]
    public void MatmulInnerSizesNameBothShapes() =>
        AssertMessage(() => Tensor.Matmul(F32(2, 3), F32(4, 5)), "(2x3 and 4x5)", "[2, 3]", "[4, 5]");

    [Fact]
    public void BatchedMatmulInnerSizesNameBothShapes() =>
        AssertMessage(() => Tensor.Matmul(F32(7, 2, 3), F32(7, 4, 5)), "[7, 2, 3]", "[7, 4, 5]");

    [Fact]
    public void BroadcastMatmulInnerSizesNameBothShapes() =>
        AssertMessage(() => F32(2, 1, 2, 3).Matmul(F32(5, 4, 1)), "[2, 1, 2, 3]", "[5, 4, 1]");

    [Fact]
    public void VectorMatmulInnerSizesNameTheUsersShapes()
    {
        AssertMessage(() => Tensor.Matmul(F32(3), F32(4, 5)), "[3]", "[4, 5]");
        AssertMessage(() => Tensor.Matmul(F32(2, 3), F32(4)), "[2, 3]", "[4]");
        AssertMessage(() => Tensor.Matmul(F32(2, 2, 3), F32(4)), "[2, 2, 3]", "[4]");
        AssertMessage(() => Tensor.Matmul(F32(3), F32(2, 4, 5)), "[3]", "[2, 4, 5]");
    }

    [Fact]
    public void MvInnerSizesNameBothShapes() =>
        AssertMessage(() => Tensor.Mv(F32(2, 3), F32(4)), "[2, 3]", "[4]");

    [Fact]
    public void DotLengthsNameBothSizes() =>
        AssertMessage(() => Tensor.Dot(F32(3), F32(4)), "[3]", "[4]");

    [Fact]
    public void BmmSizesNameExpectedAndActual()
    {
        AssertMessage(() => Tensor.Bmm(F32(2, 3, 4), F32(2, 3, 3)), "[2, 4]", "[2, 3]");
        AssertMessage(() => Tensor.Bmm(F32(2, 3, 4), F32(3, 4, 3)), "[2, 4]", "[3, 4]");
    }

    [Fact]
    public void BatchDimsThatDoNotBroadcastNameTheSizes() =>
        AssertMessage(() => Tensor.Matmul(F32(2, 2, 3), F32(3, 3, 4)), "(2)", "(3)");

    [Fact]
    public void TensordotSizesNameDimsAndSizes()
    {
        AssertMessage(() => Tensor.Tensordot(F32(2, 3), F32(4, 5), 1), "size 3", "size 4");
        AssertMessage(() => Tensor.Tensordot(F32(2, 3), F32(2, 5), [1], [0]), "size 3 in dim 1", "size 2 in dim 0");
        AssertMessage(() => Tensor.Tensordot(F32(2, 3), F32(3, 2), [0], [0, 1]), "same length");
    }

    // ------------------------------------------------------------------ dtypes

    [Fact]
    public void DotOfFloat32AndInt64Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Dot(Tensor.From(new[] { 1f, 2f }), Tensor.From(new long[] { 1, 2 })));
        Assert.Contains("dot : expected both vectors to have same dtype, but found Float and Long", ex.Message);
    }

    [Fact]
    public void MixedDTypesThrowForEveryProduct()
    {
        AssertMessage(() => Tensor.Mm(F32(2, 2), F64(2, 2)), "Float", "Double");
        AssertMessage(() => Tensor.Matmul(F32(2, 2), I64(2, 2)), "Float", "Long");
        AssertMessage(() => Tensor.Matmul(F32(3, 2, 2), F64(2, 2)), "Float", "Double");
        AssertMessage(() => Tensor.Matmul(F32(2), F64(2, 3)), "Float", "Double");
        AssertMessage(() => Tensor.Bmm(I64(1, 2, 2), Tensor.Ones([1, 2, 2], DType.Int32)), "Long", "Int");
        AssertMessage(() => Tensor.Mv(F64(2, 2), F32(2)), "Double", "Float");
        AssertMessage(() => Tensor.Dot(F64(2), F32(2)), "Double", "Float");
        AssertMessage(() => Tensor.Tensordot(F32(2, 3), F64(3, 2), 1), "Float", "Double");
        AssertMessage(() => Tensor.Einsum("ij,jk->ik", F32(2, 3), F64(3, 2)), "Float", "Double");
    }

    [Fact]
    public void BoolProductsThrow()
    {
        var b = Tensor.Ones([2, 2], DType.Bool);
        AssertMessage(() => Tensor.Matmul(b, b), "not implemented for 'Bool'");
        AssertMessage(() => Tensor.Dot(b[0], b[0]), "not implemented for 'Bool'");
        AssertMessage(() => Tensor.Trace(b), "not implemented for 'Bool'");
    }

    [Fact]
    public void IntegerProductsWork()
    {
        var a = Tensor.From(new[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(new[] { 7, 10, 15, 22 }, Tensor.Matmul(a, a).ToArray<int>());
        Assert.Equal(DType.Int32, Tensor.Matmul(a, a).DType);
        Assert.Equal(30L, Tensor.Dot(Tensor.Arange(5), Tensor.Arange(5)).Item<long>());
    }

    // ------------------------------------------------------------------ ranks

    [Fact]
    public void ZeroDimOperandsThrow()
    {
        var s = Tensor.Scalar(2.0f);
        AssertMessage(() => Tensor.Matmul(s, F32(3)), "both arguments to matmul need to be at least 1D, but they are 0D and 1D");
        AssertMessage(() => Tensor.Matmul(F32(3), s), "both arguments to matmul need to be at least 1D, but they are 1D and 0D");
        AssertMessage(() => s.Matmul(s), "0D and 0D");
        AssertMessage(() => Tensor.Dot(s, s), "1D tensors expected, but got 0D and 0D tensors");
        AssertMessage(() => Tensor.Mm(s, F32(2, 2)), "mm");
        AssertMessage(() => Tensor.Mv(F32(2, 2), s), "vector + matrix @ vector expected");
        AssertMessage(() => Tensor.Outer(s, F32(2)), "outer");
        AssertMessage(() => Tensor.Trace(s), "trace");
        AssertMessage(() => Tensor.Diag(s), "diag");
        AssertMessage(() => Tensor.Tril(s), "tril");
        AssertMessage(() => Tensor.Einsum("i->", s), "operand 0");
    }

    [Fact]
    public void WrongRanksThrow()
    {
        AssertMessage(() => Tensor.Mm(F32(3), F32(3, 3)), "mm", "self", "1D", "[3]");
        AssertMessage(() => Tensor.Mm(F32(3, 3), F32(3)), "mm", "mat2", "1D", "[3]");
        AssertMessage(() => Tensor.Mm(F32(2, 3, 3), F32(3, 3)), "mm", "self", "3D");
        AssertMessage(() => Tensor.Bmm(F32(3, 3), F32(3, 3, 3)), "batch1 must be a 3D tensor");
        AssertMessage(() => Tensor.Bmm(F32(1, 3, 3), F32(1, 1, 3, 3)), "batch2 must be a 3D tensor");
        AssertMessage(() => Tensor.Mv(F32(3), F32(3)), "vector + matrix @ vector expected", "1D");
        AssertMessage(() => Tensor.Mv(F32(3, 3), F32(3, 1)), "vector + matrix @ vector expected", "2D");
        AssertMessage(() => Tensor.Dot(F32(3, 1), F32(3)), "1D tensors expected, but got 2D and 1D tensors");
        AssertMessage(() => Tensor.Outer(F32(2), F32(2, 2)), "outer", "vec2");
        AssertMessage(() => Tensor.Trace(F32(2, 2, 2)), "trace");
        AssertMessage(() => Tensor.Diag(F32(2, 2, 2)), "diag(): Supports 1D or 2D tensors. Got 3D");
        AssertMessage(() => Tensor.Triu(F32(4)), "triu: input tensor must have at least 2 dimensions");
    }

    [Fact]
    public void NullOperandsThrowArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Tensor.Matmul(null!, F32(2)));
        Assert.Throws<ArgumentNullException>(() => Tensor.Mm(F32(2, 2), null!));
        Assert.Throws<ArgumentNullException>(() => Tensor.Dot(null!, F32(2)));
        Assert.Throws<ArgumentNullException>(() => Tensor.Einsum(null!, F32(2)));
    }

    [Fact]
    public void DiagonalDimsAreChecked()
    {
        AssertMessage(() => F32(3, 3).Diagonal(0, 1, -1), "diagonal dimensions cannot be identical");
        var ex = Assert.Throws<IndexOutOfRangeException>(() => F32(3, 3).Diagonal(0, 0, 2));
        Assert.Contains("Dimension out of range (expected to be in range of [-2, 1], but got 2)", ex.Message);
        Assert.Throws<IndexOutOfRangeException>(() => Tensor.Tensordot(F32(2, 3), F32(3, 2), [0], [5]));
    }

    [Fact]
    public void TensordotDimsBeyondTheRanksThrow()
    {
        // PyTorch raises IndexError ("Dimension out of range") here; Nabla names the cause instead.
        AssertMessage(() => Tensor.Tensordot(F32(2, 3), F32(3, 5), 3), "dims=3");
        AssertMessage(() => Tensor.Tensordot(F32(2, 3), F32(3, 5), -1), "tensordot expects dims >= 0, but got dims=-1");
    }

    // ------------------------------------------------------------------ einsum misuse

    [Fact]
    public void EinsumMisuseThrows()
    {
        AssertMessage(() => Tensor.Einsum("ij,jk->ik", F32(2, 3)), "operands");
        AssertMessage(() => Tensor.Einsum("ij->ij", F32(2, 3), F32(3, 4)), "operands");
        AssertMessage(() => Tensor.Einsum("ijk,jk->ik", F32(2, 3), F32(3, 4)), "(3)", "(2)", "operand 0");
        AssertMessage(() => Tensor.Einsum("ij,jk->ik", F32(2, 3), F32(4, 5)), "subscript j", "3", "4");
        AssertMessage(() => Tensor.Einsum("ij->k", F32(2, 3)), "output subscript k does not appear in the equation for any input operand");
        AssertMessage(() => Tensor.Einsum("ij->ii", F32(2, 3)), "output subscript i appears more than once in the output");
        AssertMessage(() => Tensor.Einsum("ii->i", F32(2, 3)), "subscript i is repeated for operand 0", "2", "3");
        AssertMessage(() => Tensor.Einsum("i1->i", F32(2, 3)), "invalid subscript");
        AssertMessage(() => Tensor.Einsum("ij->j->i", F32(2, 3)), "invalid subscript");
        AssertMessage(() => Tensor.Einsum("i-", F32(2)), "invalid subscript");
        AssertMessage(() => Tensor.Einsum("ij", []), "at least one operand");
    }

    [Fact]
    public void EinsumEllipsisIsNotSupportedYet()
    {
        // PyTorch broadcasts "..." dims; Nabla says plainly that it does not (rather than a wrong answer).
        var ex = Assert.Throws<NotSupportedException>(() => Tensor.Einsum("...ij->...ji", F32(2, 3, 4)));
        Assert.Contains("ellipsis", ex.Message);
    }
}
