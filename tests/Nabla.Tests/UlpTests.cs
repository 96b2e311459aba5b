namespace Nabla.Tests;

/// <summary>
/// Float32 math runs on TensorPrimitives' vector kernels, which are not correctly rounded:
/// these pin how far they may be from the correctly rounded result (computed in double and
/// rounded once), over a wide range of inputs. PyTorch's (Sleef) kernels promise 1 ulp; these
/// are within 2, so exp(0) on a vectorised run can be 1.0000001 (docs/differences.md).
/// </summary>
public class UlpTests
{
    public static TheoryData<string, double, double, int> Ops => new()
    {
        { "exp", -80, 80, 2 },
        { "log", 1e-30, 1e30, 2 },
        { "sin", -100, 100, 2 },
        { "tanh", -10, 10, 2 },
        { "sigmoid", -30, 30, 2 },
    };

    [Theory]
    [MemberData(nameof(Ops))]
    public void Float32MathIsWithinAFewUlpOfCorrectRounding(string op, double low, double high, int maxUlp)
    {
        var rng = new Random(op.Length);
        bool logScale = low > 0;
        var inputs = new float[1 << 16];
        for (int i = 0; i < inputs.Length; i++)
        {
            double u = rng.NextDouble();
            inputs[i] = (float)(logScale ? Math.Exp(Math.Log(low) + u * (Math.Log(high) - Math.Log(low))) : low + u * (high - low));
        }
        var x = Tensor.From(inputs);
        var (actual, exact) = op switch
        {
            "exp" => (x.Exp(), (Func<double, double>)Math.Exp),
            "log" => (x.Log(), Math.Log),
            "sin" => (x.Sin(), Math.Sin),
            "tanh" => (x.Tanh(), Math.Tanh),
            _ => (x.Sigmoid(), v => 1 / (1 + Math.Exp(-v))),
        };
        var got = actual.ToArray<float>();
        int worst = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            float expected = (float)exact(inputs[i]);
            int ulps = Math.Abs(BitConverter.SingleToInt32Bits(got[i]) - BitConverter.SingleToInt32Bits(expected));
            if (Math.Sign(got[i]) != Math.Sign(expected) && expected != 0) ulps = int.MaxValue;
            worst = Math.Max(worst, ulps);
        }
        Assert.True(worst <= maxUlp, $"{op}: {worst} ulp from the correctly rounded result (allowed {maxUlp})");
    }
}
