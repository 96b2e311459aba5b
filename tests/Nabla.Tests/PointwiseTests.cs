using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Replays the "pointwise" cases of tests/golden/math.json (generate_math.py): every elementwise
/// op over dtypes, broadcast shapes, strided views, weak scalars on either side and special
/// values, against the values (or the error) PyTorch gave.
/// </summary>
public class PointwiseTests
{
    public static TheoryData<string> Cases => MathGolden.Names("pointwise");

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesPyTorch(string name)
    {
        var c = MathGolden.Case(name);
        string op = c.GetProperty("op").GetString()!;
        MathGolden.Check(c, () => Run(op, MathGolden.Operands(c), c.GetProperty("args")));
    }

    /// <summary>
    /// Runs one op. Binary ops with an operator go through it, with a C# long or double when the
    /// operand is a weak scalar, so that the scalar overloads are what is tested.
    /// </summary>
    private static Tensor Run(string op, object?[] x, JsonElement args) => op switch
    {
        "add" => Op(x, (a, b) => a + b, (a, b) => a + b, (a, b) => a + b, (a, b) => a + b, (a, b) => a + b),
        "sub" => Op(x, (a, b) => a - b, (a, b) => a - b, (a, b) => a - b, (a, b) => a - b, (a, b) => a - b),
        "mul" => Op(x, (a, b) => a * b, (a, b) => a * b, (a, b) => a * b, (a, b) => a * b, (a, b) => a * b),
        "div" => Op(x, (a, b) => a / b, (a, b) => a / b, (a, b) => a / b, (a, b) => a / b, (a, b) => a / b),
        "remainder" => Op(x, (a, b) => a % b, (a, b) => a % b, (a, b) => a % b),
        "floor_divide" => Tensor.FloorDivide(T(x[0]), T(x[1])),
        "pow" => x[0] is Tensor t ? t.Pow(T(x[1])) : Tensor.Pow(T(x[0]), T(x[1])),
        "maximum" => Tensor.Maximum(T(x[0]), T(x[1])),
        "minimum" => Tensor.Minimum(T(x[0]), T(x[1])),
        "atan2" => Tensor.Atan2(T(x[0]), T(x[1])),
        "bitwise_and" => T(x[0]) & T(x[1]),
        "bitwise_or" => T(x[0]) | T(x[1]),
        "bitwise_xor" => T(x[0]) ^ T(x[1]),
        "eq" => Op(x, (a, b) => a == b, (a, b) => a == b, (a, b) => a == b),
        "ne" => Op(x, (a, b) => a != b, (a, b) => a != b, (a, b) => a != b),
        "lt" => Op(x, (a, b) => a < b, (a, b) => a < b, (a, b) => a < b),
        "le" => Op(x, (a, b) => a <= b, (a, b) => a <= b, (a, b) => a <= b),
        "gt" => Op(x, (a, b) => a > b, (a, b) => a > b, (a, b) => a > b),
        "ge" => Op(x, (a, b) => a >= b, (a, b) => a >= b, (a, b) => a >= b),
        "neg" => -T(x[0]),
        "abs" => T(x[0]).Abs(),
        "sign" => T(x[0]).Sign(),
        "exp" => T(x[0]).Exp(),
        "expm1" => T(x[0]).Expm1(),
        "log" => T(x[0]).Log(),
        "log1p" => T(x[0]).Log1p(),
        "sqrt" => T(x[0]).Sqrt(),
        "rsqrt" => T(x[0]).Rsqrt(),
        "sin" => T(x[0]).Sin(),
        "cos" => T(x[0]).Cos(),
        "tan" => T(x[0]).Tan(),
        "tanh" => T(x[0]).Tanh(),
        "sigmoid" => T(x[0]).Sigmoid(),
        "relu" => T(x[0]).Relu(),
        "floor" => T(x[0]).Floor(),
        "ceil" => T(x[0]).Ceil(),
        "round" => T(x[0]).Round(),
        "reciprocal" => T(x[0]).Reciprocal(),
        "square" => T(x[0]).Square(),
        "logical_not" => !T(x[0]),
        "bitwise_not" => ~T(x[0]),
        "isnan" => T(x[0]).IsNan(),
        "isinf" => T(x[0]).IsInf(),
        "isfinite" => Tensor.IsFinite(T(x[0])),
        "clamp" => Tensor.Clamp(T(x[0]), TOrNull(x[1]), TOrNull(x[2])),
        "where" => Tensor.Where(T(x[0]), T(x[1]), T(x[2])),
        "nan_to_num" => Tensor.NanToNum(T(x[0]),
            nan: args.TryGetProperty("nan", out var nan) ? Golden.Number(nan) : 0,
            posInf: args.TryGetProperty("posinf", out var pos) && pos.ValueKind != JsonValueKind.Null ? Golden.Number(pos) : null,
            negInf: args.TryGetProperty("neginf", out var neg) && neg.ValueKind != JsonValueKind.Null ? Golden.Number(neg) : null),
        _ => throw new NotSupportedException($"no replay for op {op}"),
    };

    private static Tensor T(object? x) => MathGolden.AsTensor(x);

    private static Tensor? TOrNull(object? x) => x is null ? null : MathGolden.AsTensor(x);

    /// <summary>A binary operator, with its (Tensor, long), (Tensor, double), (long, Tensor) and (double, Tensor) overloads where C# has them.</summary>
    private static Tensor Op(object?[] x, Func<Tensor, Tensor, Tensor> tt, Func<Tensor, long, Tensor> tl, Func<Tensor, double, Tensor> td,
        Func<long, Tensor, Tensor>? lt = null, Func<double, Tensor, Tensor>? dt = null) => (x[0], x[1]) switch
    {
        (Tensor a, long b) => tl(a, b),
        (Tensor a, double b) => td(a, b),
        (long a, Tensor b) when lt is not null => lt(a, b),
        (double a, Tensor b) when dt is not null => dt(a, b),
        _ => tt(T(x[0]), T(x[1])),
    };
}

/// <summary>Reads and checks the cases of tests/golden/math.json (see generate_math.py for the format).</summary>
internal static class MathGolden
{
    public const string File = "math";

    private static readonly Lazy<Dictionary<string, JsonElement>> ByName = new(() =>
        Golden.Cases(File).ToDictionary(c => c.GetProperty("name").GetString()!));

    public static TheoryData<string> Names(string group)
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Cases(File))
            if (c.GetProperty("group").GetString() == group) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    public static JsonElement Case(string name) => ByName.Value[name];

    /// <summary>
    /// The inputs of a case: a Tensor (viewed as its "view" says), a C# long, double or bool for
    /// a weak scalar, or null for an omitted argument.
    /// </summary>
    public static object?[] Operands(JsonElement c) => c.GetProperty("inputs").EnumerateArray().Select(Operand).ToArray();

    private static object? Operand(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        if (e.TryGetProperty("scalar", out var s))
        {
            return e.GetProperty("kind").GetString() switch
            {
                "int" => s.GetInt64(),
                "bool" => s.GetBoolean(),
                _ => (object)Golden.Number(s),
            };
        }
        var t = Golden.Tensor(e);
        if (!e.TryGetProperty("view", out var view)) return t;
        return view.GetString() switch
        {
            "transpose" => t.Transpose(0, 1),
            "step2" => t[TensorIndex.Ellipsis, TensorIndex.Slice(step: 2)],
            "offset" => t[1..],
            "expand" => t.Expand(Golden.Shape(e.GetProperty("size"))),
            var v => throw new NotSupportedException($"unknown view {v}"),
        };
    }

    /// <summary>A replayed operand as a Tensor: C# numbers through the implicit (weak scalar) conversions.</summary>
    public static Tensor AsTensor(object? x) => x switch
    {
        Tensor t => t,
        long v => v,
        double v => v,
        bool v => v,
        _ => throw new ArgumentNullException(nameof(x)),
    };

    /// <summary>
    /// Runs a case: when PyTorch raised, the call must throw (ArgumentException, or
    /// DivideByZeroException for PyTorch's "ZeroDivisionError") with PyTorch's message in its own;
    /// otherwise the result must match with the op's tolerance.
    /// </summary>
    public static void Check(JsonElement c, Func<Tensor> run)
    {
        string op = c.GetProperty("op").GetString()!;
        if (c.TryGetProperty("error", out var error))
        {
            AssertThrowsLike(error.GetString()!, () => run());
            return;
        }
        Compare(c, op, c.GetProperty("expected"), run());
    }

    public static void AssertThrowsLike(string torchMessage, Action run)
    {
        var ex = Record.Exception(run);
        Assert.True(ex is not null, $"PyTorch raised \"{torchMessage}\", Nabla returned a result");
        if (torchMessage.Contains("ZeroDivisionError"))
            Assert.IsType<DivideByZeroException>(ex);
        else
            Assert.IsAssignableFrom<ArgumentException>(ex);
        Assert.Contains(FirstSentence(KernelNames(torchMessage)), KernelNames(ex.Message));
    }

    // The first sentence states the error; what follows is advice, which names Python spellings
    // (`~`, logical_not()) where Nabla names C# ones. Kernel names lose PyTorch's CPU-kernel suffixes.
    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static string KernelNames(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, "\"(\\w+?)(_lastdim_kernel_impl|_kernel_impl|_vml_cpu|_cpu)\"", "\"$1\"");

    public static void Compare(JsonElement c, string op, JsonElement expected, Tensor actual)
    {
        var dtype = Golden.DTypeOf(expected.GetProperty("dtype"));
        var (rtol, atol) = Tolerance(op, dtype);
        if (c.TryGetProperty("relative", out var relative) && relative.GetBoolean()) atol = 0;
        Golden.AssertEqual(expected, actual, rtol, atol, c.GetProperty("name").GetString());
        if (c.TryGetProperty("signed_zero", out var sz) && sz.GetBoolean())
            AssertSignedZeros(expected, actual);
    }

    /// <summary>Integers and Bool exactly; float ops by how PyTorch and Nabla may legitimately differ (ulps of a libm, summation order).</summary>
    public static (double Rtol, double Atol) Tolerance(string op, DType dtype)
    {
        if (!dtype.IsFloatingPoint) return (0, 0);
        bool f32 = dtype == DType.Float32;
        return op switch
        {
            "exp" or "expm1" or "log" or "log1p" or "sqrt" or "rsqrt" or "sin" or "cos" or "tan" or "tanh" or "sigmoid"
                or "pow" or "atan2" => f32 ? (1e-5, 1e-6) : (1e-12, 1e-15),
            "sum" or "mean" or "prod" or "var" or "std" or "logsumexp" or "softmax" or "log_softmax" or "cumsum" or "cumprod"
                or "nansum" or "nanmean" => f32 ? (1e-5, 1e-5) : (1e-12, 1e-12),
            // Correctly rounded IEEE operations: both libraries give the same bits, up to a last-place rounding.
            _ => f32 ? (1e-7, 0) : (1e-15, 0),
        };
    }

    /// <summary>Where PyTorch gives ±0.0, Nabla gives the same sign.</summary>
    public static void AssertSignedZeros(JsonElement expected, Tensor actual)
    {
        var want = expected.GetProperty("data").EnumerateArray().Select(Golden.Number).ToArray();
        var got = actual.ToArray<double>();
        for (int i = 0; i < want.Length; i++)
            if (want[i] == 0)
                Assert.True(double.IsNegative(want[i]) == double.IsNegative(got[i]),
                    $"element {i}: expected {(double.IsNegative(want[i]) ? "-0.0" : "0.0")}, got {got[i]:R} (sign {(double.IsNegative(got[i]) ? "-" : "+")})");
    }
}
