using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Type promotion against PyTorch (tests/golden/core.json, groups "promote_types" and
/// "result_type"): every pair of the six dtypes as dimensioned tensors, 0-d tensors and weak
/// C# scalars (the implicit conversions, PyTorch's Python numbers).
/// </summary>
public class PromotionTests
{
    public static TheoryData<string> PromoteTypesCases => GoldenReplay.Names("promote_types");

    public static TheoryData<string> ResultTypeCases => GoldenReplay.Names("result_type");

    [Theory]
    [MemberData(nameof(PromoteTypesCases))]
    public void PromoteMatchesTorchPromoteTypes(string name)
    {
        var c = GoldenReplay.Case(name);
        var a = Golden.DTypeOf(c.GetProperty("a"));
        var b = Golden.DTypeOf(c.GetProperty("b"));
        Assert.Equal(Golden.DTypeOf(c.GetProperty("expected")), DTypes.Promote(a, b));
    }

    [Theory]
    [MemberData(nameof(ResultTypeCases))]
    public void ResultTypeMatchesTorchResultType(string name)
    {
        var c = GoldenReplay.Case(name);
        var expected = Golden.DTypeOf(c.GetProperty("expected"));
        foreach (var a in Operands(c.GetProperty("a")))
            foreach (var b in Operands(c.GetProperty("b")))
                Assert.True(expected == Tensor.ResultType(a, b),
                    $"{name}: expected {expected}, got {Tensor.ResultType(a, b)} for {Describe(a)} and {Describe(b)}");
    }

    /// <summary>Every C# spelling of an operand: 0-d tensors from Zeros([]) and Scalar(), weak scalars of each C# type.</summary>
    private static IEnumerable<Tensor> Operands(JsonElement spec)
    {
        switch (spec.GetProperty("kind").GetString())
        {
            case "dim":
                yield return Tensor.Zeros([2], Golden.DTypeOf(spec.GetProperty("dtype")));
                break;
            case "zero":
                var dtype = Golden.DTypeOf(spec.GetProperty("dtype"));
                yield return Tensor.Zeros([], dtype);
                Tensor? scalar = dtype switch
                {
                    DType.Bool => Tensor.Scalar(false),
                    DType.Int32 => Tensor.Scalar(0),
                    DType.Int64 => Tensor.Scalar(0L),
                    DType.Float32 => Tensor.Scalar(0f),
                    DType.Float64 => Tensor.Scalar(0.0),
                    _ => null,
                };
                if (scalar is not null) yield return scalar;
                break;
            default:
                switch (spec.GetProperty("type").GetString())
                {
                    case "bool":
                        Tensor t = true;
                        yield return t;
                        break;
                    case "int":
                        Tensor l = 2L, i = 2;
                        yield return l;
                        yield return i;
                        break;
                    default:
                        Tensor d = 2.5, f = 2.5f;
                        yield return d;
                        yield return f;
                        break;
                }
                break;
        }
    }

    private static string Describe(Tensor t) => $"{t.DType} {t.Shape}";

    [Fact]
    public void ScalarFactoriesGiveOrdinaryZeroDimTensorsOfTheirType()
    {
        // torch.tensor(3.0).dtype == float64 etc.: Scalar is an ordinary 0-d tensor, not a weak number.
        Assert.Equal(DType.Float64, Tensor.Scalar(3.0).DType);
        Assert.Equal(DType.Float32, Tensor.Scalar(3.0f).DType);
        Assert.Equal(DType.Int64, Tensor.Scalar(3L).DType);
        Assert.Equal(DType.Int32, Tensor.Scalar(3).DType);
        Assert.Equal(DType.Bool, Tensor.Scalar(true).DType);
        // torch.result_type(torch.tensor([1], dtype=int32), torch.tensor(3.0)) == float64,
        // torch.result_type(torch.tensor([1], dtype=int32), 3.0) == float32
        var ints = Tensor.From(new[] { 1 });
        Assert.Equal(DType.Float64, Tensor.ResultType(ints, Tensor.Scalar(3.0)));
        Assert.Equal(DType.Float32, Tensor.ResultType(ints, 3.0));
    }

    [Fact]
    public void ApiExamples()
    {
        // torch.result_type(torch.arange(3), 0.5) == float32;
        // torch.result_type(torch.arange(3), torch.tensor(2.5, dtype=torch.float64)) == float64
        // (a 0-d tensor of a higher category than the dimensioned ones keeps its own size)
        Assert.Equal(DType.Float32, Tensor.ResultType(Tensor.Arange(3), 0.5));
        Assert.Equal(DType.Float64, Tensor.ResultType(Tensor.Arange(3), Tensor.Scalar(2.5)));
        Assert.Equal(DType.Float32, Tensor.ResultType(Tensor.Arange(3), Tensor.Scalar(2.5f)));
        // torch.result_type(torch.tensor([1, 2], dtype=torch.uint8), 1000) == uint8 (weak ints never widen)
        Assert.Equal(DType.UInt8, Tensor.ResultType(Tensor.From(new byte[] { 1, 2 }), 1000));
        Assert.Equal(DType.Int64, Tensor.ResultType(Tensor.From(new[] { true }), 1000));
    }

    [Fact]
    public void ResultTypeOfOneOperandIsItsDtypeAndNoneThrows()
    {
        Assert.Equal(DType.UInt8, Tensor.ResultType(Tensor.Zeros([3], DType.UInt8)));
        Assert.Throws<ArgumentException>(() => Tensor.ResultType());
    }
}
