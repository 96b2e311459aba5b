using System.Numerics;

namespace Nabla;

/// <summary>An inclusive scan along contiguous rows: cumulative sums and products.</summary>
internal interface IScanOperator
{
    /// <summary>The start value (0 for sums, 1 for products).</summary>
    static abstract double Identity { get; }

    static abstract double Combine(double accumulated, double x);

    static abstract long Combine(long accumulated, long x);
}

/// <summary>torch.cumsum</summary>
internal readonly struct CumsumScan : IScanOperator
{
    public static double Identity => 0;
    public static double Combine(double accumulated, double x) => accumulated + x;
    public static long Combine(long accumulated, long x) => accumulated + x;
}

/// <summary>torch.cumprod</summary>
internal readonly struct CumprodScan : IScanOperator
{
    public static double Identity => 1;
    public static double Combine(double accumulated, double x) => accumulated * x;
    public static long Combine(long accumulated, long x) => accumulated * x;
}

/// <summary>
/// Scans each row of a contiguous [outer, inner] tensor into an output of the same layout.
/// Floats accumulate in double and integers (already widened to Int64) in long, as PyTorch's CPU kernel does.
/// </summary>
internal static class Scan
{
    public static void Rows<TScan>(Tensor x, long inner, Tensor output) where TScan : struct, IScanOperator
    {
        var func = new RowsFunc<TScan>(x, inner, output);
        Dispatch.Run(x.DType, ref func);
        GC.KeepAlive(x);
    }

    private readonly struct RowsFunc<TScan>(Tensor x, long inner, Tensor output) : IElementFunc where TScan : struct, IScanOperator
    {
        public void Invoke<T>() where T : unmanaged, INumber<T>
        {
            var source = x.Data<T>();
            var result = output.Data<T>();
            long rows = inner == 0 ? 0 : output.Numel / inner;
            for (long r = 0, i = x.StorageOffset, o = 0; r < rows; r++)
            {
                if (FloatSpans.IsFloating<T>())
                {
                    double acc = TScan.Identity;
                    for (long k = 0; k < inner; k++, i++, o++) result[o] = T.CreateTruncating(acc = TScan.Combine(acc, double.CreateTruncating(source[i])));
                }
                else
                {
                    long acc = (long)TScan.Identity;
                    for (long k = 0; k < inner; k++, i++, o++) result[o] = T.CreateTruncating(acc = TScan.Combine(acc, long.CreateTruncating(source[i])));
                }
            }
        }
    }
}
