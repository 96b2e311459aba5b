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
        Add("add 1e6, new tensor", Million, Result.New),
        Add("add 1e6, in place", Million, Result.InPlace),
        Add("add 1e6 into an existing tensor", Million, Result.Existing),
        Add("add 16e6, new tensor", Big, Result.New),
        Add("add 16e6, in place", Big, Result.InPlace),
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
        new("math", "softmax 1024² along dim 1", Work.Bytes(2.0 * sizeof(float) * Side * Side), () =>
        {
            var (x, a) = Vector(Side * Side);
            var rows = x.Reshape(Side, Side);
            var y = new float[Side * Side];
            return new(() => rows.Softmax(1),
                new Impl("TensorPrimitives.SoftMax per row (no max shift)", () =>
                {
                    for (int r = 0; r < Side; r++) TensorPrimitives.SoftMax(a.AsSpan(r * Side, Side), y.AsSpan(r * Side, Side));
                    return y;
                }));
        }),
        new("math", "sum 16e6 (accurate)", Work.Bytes(4.0 * Big), () =>
        {
            var (x, a) = Vector(Big);
            return new(() => x.Sum(),
                new Impl($"raw x → double, {Environment.ProcessorCount} threads", () => Baselines.WidenedSumParallel(a, Fold.Identity)),
                new Impl("TensorPrimitives.Sum (float accumulation)", () => TensorPrimitives.Sum<float>(a)),
                new Impl("scalar loop, double accumulation", () =>
                {
                    double sum = 0;
                    foreach (float v in a) sum += v;
                    return sum;
                }));
        }),
        // The MLP's hidden + bias ([256, 256] + [256]) and logits + bias ([256, 10] + [10]) too.
        BroadcastAdd(Side, Side, into: false),
        BroadcastAdd(Side, Side, into: true),
        BroadcastAdd(256, 256, into: false),
        BroadcastAdd(256, 256, into: true),
        BroadcastAdd(256, 10, into: false),
        BroadcastAdd(256, 10, into: true),
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

    /// <summary>Where an add's result goes: a new tensor, the first operand, or a tensor allocated once (<c>destination:</c>).</summary>
    private enum Result { New, InPlace, Existing }

    private static Case Add(string name, int n, Result result) => new("math", name, Work.Bytes(12.0 * n), () =>
    {
        var (x, a) = Vector(n);
        var (y, b) = Vector(n);
        var z = result == Result.Existing ? Tensor.Zeros(n) : null;
        var c = new float[n];
        bool inPlace = result == Result.InPlace;
        Func<object?> nabla = result switch
        {
            Result.InPlace => () => { x += y; return x; },
            Result.Existing => () => Tensor.Add(x, y, destination: z),
            _ => () => x + y,
        };
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

    /// <summary>
    /// <c>hidden + bias</c>: a [rows, cols] matrix plus a [cols] row, as in a linear layer, into a
    /// new tensor or (<paramref name="into"/>) an existing one, beside TensorPrimitives.Add per row.
    /// The work counts 12 bytes per element (both reads and the write), as the other adds do.
    /// </summary>
    private static Case BroadcastAdd(int rows, int cols, bool into) =>
        new("math", $"broadcast add {Dims(rows, cols)} + {cols}{(into ? " into an existing tensor" : "")}", Work.Bytes(12.0 * rows * cols), () =>
        {
            var (x, a) = Vector(rows * cols);
            var (row, r) = Vector(cols);
            var matrix = x.Reshape(rows, cols);
            var z = Tensor.Zeros(rows, cols);
            var c = new float[rows * cols];
            return new(into ? () => Tensor.Add(matrix, row, destination: z) : () => matrix + row, new Impl("TensorPrimitives.Add per row", () =>
            {
                for (int i = 0; i < rows; i++) TensorPrimitives.Add(a.AsSpan(i * cols, cols), r, c.AsSpan(i * cols, cols));
                return c;
            }));
        });

    private static string Dims(int rows, int cols) => rows == cols ? $"{rows}²" : $"{rows}×{cols}";

    /// <summary>A Float32 tensor of n values in [0, 1) and a plain array holding the same values.</summary>
    private static (Tensor Tensor, float[] Array) Vector(int n)
    {
        var data = new float[n];
        var random = new Random(n);
        for (int i = 0; i < n; i++) data[i] = random.NextSingle();
        return (Tensor.From(data), data);
    }
}
