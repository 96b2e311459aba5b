using System.Numerics.Tensors;
using Tensor = Nabla.Tensor;

namespace Nabla.Bench;

/// <summary>
/// Elementwise ops and reductions (issue 3), each beside raw TensorPrimitives on plain arrays doing
/// the same work in the same run: the limit a managed library can reach on this machine.
/// </summary>
[CaseTable(10)]
internal static class MathCases
{
    private const int Million = 1_000_000, Big = 16_000_000, Side = 1024;

    public static readonly Case[] Cases =
    [
        new("math", "add 3 elements, new tensor", Work.None, () =>
        {
            var (x, a) = Vector(3);
            var (y, b) = Vector(3);
            return new(() => x + y, new Impl("TensorPrimitives.Add → new float[3]", () =>
            {
                var c = new float[3];
                TensorPrimitives.Add(a, b, c);
                return c;
            }));
        }),
        new("math", "add 3 elements, in place (x += y)", Work.None, () =>
        {
            var (x, a) = Vector(3);
            var (y, b) = Vector(3);
            return new(() => { x += y; return x; }, new Impl("TensorPrimitives.Add(a, b, a)", () =>
            {
                TensorPrimitives.Add(a, b, a);
                return a;
            }));
        }),
        Add("add 1e6, new tensor", Million, inPlace: false),
        Add("add 1e6, in place", Million, inPlace: true),
        Add("add 16e6, new tensor", Big, inPlace: false),
        Add("add 16e6, in place", Big, inPlace: true),
        new("math", "exp 16e6 into an existing tensor", Work.Elements(Big), () =>
        {
            var (x, a) = Vector(Big);
            var (y, b) = Vector(Big);
            return new(() => Tensor.Exp(x, destination: y), new Impl("TensorPrimitives.Exp", () =>
            {
                TensorPrimitives.Exp(a, b);
                return b;
            }));
        }),
        new("math", "sum 16e6 (accurate)", Work.Bytes(4.0 * Big), () =>
        {
            var (x, a) = Vector(Big);
            return new(() => x.Sum(),
                new Impl("TensorPrimitives.Sum (float accumulation)", () => TensorPrimitives.Sum<float>(a)),
                new Impl("scalar loop, double accumulation", () =>
                {
                    double sum = 0;
                    foreach (float v in a) sum += v;
                    return sum;
                }));
        }),
        new("math", "broadcast add 1024² + 1024", Work.Bytes(12.0 * Side * Side), () =>
        {
            var (x, a) = Vector(Side * Side);
            var (row, r) = Vector(Side);
            var matrix = x.Reshape(Side, Side);
            var c = new float[Side * Side];
            return new(() => matrix + row, new Impl("TensorPrimitives.Add per row", () =>
            {
                for (int i = 0; i < Side; i++) TensorPrimitives.Add(a.AsSpan(i * Side, Side), r, c.AsSpan(i * Side, Side));
                return c;
            }));
        }),
        new("math", "strided add: Xᵀ + Yᵀ, 1024²", Work.Bytes(12.0 * Side * Side), () =>
        {
            var (x, a) = Vector(Side * Side);
            var (y, b) = Vector(Side * Side);
            var (xt, yt) = (x.Reshape(Side, Side).T, y.Reshape(Side, Side).T);
            var c = new float[Side * Side];
            return new(() => xt + yt, new Impl("transposed scalar loop", () =>
            {
                for (int i = 0; i < Side; i++)
                    for (int j = 0; j < Side; j++) c[i * Side + j] = a[j * Side + i] + b[j * Side + i];
                return c;
            }));
        }),
    ];

    private static Case Add(string name, int n, bool inPlace) => new("math", name, Work.Bytes(12.0 * n), () =>
    {
        var (x, a) = Vector(n);
        var (y, b) = Vector(n);
        var c = new float[n];
        Func<object?> nabla = inPlace ? () => { x += y; return x; } : () => x + y;
        return new(nabla,
            new Impl(inPlace ? "TensorPrimitives.Add(a, b, a)" : "TensorPrimitives.Add → existing array", () =>
            {
                TensorPrimitives.Add(a, b, inPlace ? a : c);
                return c;
            }),
            new Impl("TensorPrimitives.Add on 2 threads", () =>
            {
                var target = inPlace ? a : c;
                Parallel.For(0, 2, t =>
                {
                    int half = n / 2, start = t * half, length = t == 0 ? half : n - half;
                    TensorPrimitives.Add(a.AsSpan(start, length), b.AsSpan(start, length), target.AsSpan(start, length));
                });
                return target;
            }));
    });

    /// <summary>A Float32 tensor of n values in [0, 1) and a plain array holding the same values.</summary>
    private static (Tensor Tensor, float[] Array) Vector(int n)
    {
        var data = new float[n];
        var random = new Random(n);
        for (int i = 0; i < n; i++) data[i] = random.NextSingle();
        return (Tensor.From(data), data);
    }
}
