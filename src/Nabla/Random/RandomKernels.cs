using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Nabla;

/// <summary>
/// Uniform and normal fills, vectorised with <see cref="Vector{T}"/> and split over cores.
/// </summary>
/// <remarks>
/// <para>Which random bits each element uses is fixed by its index alone, never by the vector
/// width or the thread split, so the output is identical on every machine width and thread count:</para>
/// <list type="bullet">
/// <item>Float32 uniform <c>i</c>: the 32-bit half <c>i % 2</c> (low first) of word <c>i / 2</c>, top 24 bits.</item>
/// <item>Float64 uniform <c>i</c>: word <c>i</c>, top 53 bits.</item>
/// <item>Float32 normal: blocks of 32 elements over 16 words, read as 32 halves <c>U[0..32)</c>;
/// pair <c>p &lt; 16</c> takes its radius from <c>U[p]</c> (31 bits) and its angle from <c>U[16 + p]</c>
/// (24 bits) and writes <c>r·cos</c> to element <c>p</c> and <c>r·sin</c> to element <c>16 + p</c>.</item>
/// <item>Float64 normal: blocks of 16 elements over 16 words; pair <c>p &lt; 8</c> uses words
/// <c>p</c> and <c>8 + p</c> and writes elements <c>p</c> and <c>8 + p</c>.</item>
/// </list>
/// <para>Float32 normals are computed by <see cref="SingleNormals"/> (our own polynomial log and
/// sin/cos, identical at every vector width).</para>
/// </remarks>
internal static class RandomKernels
{
    /// <summary>Thread cap for random fills (tests lower it to compare thread counts).</summary>
    internal static int MaxThreads { get => threadOverride ?? Threads.Count; set => threadOverride = value; }

    private static int? threadOverride;

    /// <summary>Below this many elements one thread does everything.</summary>
    internal const long ParallelMinElements = 1 << 16;

    /// <summary>Thread splits fall on multiples of this many elements (a Float32 normal block).</summary>
    private const int Align = 32;

    private static readonly Vector<ulong> LaneIndex = CreateLaneIndex();

    private static Vector<ulong> CreateLaneIndex()
    {
        Span<ulong> lanes = stackalloc ulong[Vector<ulong>.Count];
        for (int i = 0; i < lanes.Length; i++) lanes[i] = (ulong)i;
        return new Vector<ulong>(lanes);
    }

    /// <summary>Runs <paramref name="body"/>(first, count) over [0, <paramref name="n"/>), split over threads at multiples of <paramref name="align"/>.</summary>
    public static void For(long n, Action<long, long> body, int align = Align, long minElements = ParallelMinElements)
    {
        int threads = n < minElements ? 1 : (int)Math.Max(1, Math.Min(MaxThreads, n / (minElements / 2)));
        if (threads <= 1)
        {
            if (n > 0) body(0, n);
            return;
        }
        long units = (n + align - 1) / align;
        int chunks = (int)Math.Min(units, threads * 4L);
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c =>
        {
            long first = units * c / chunks * align, last = Math.Min(n, units * (c + 1) / chunks * align);
            if (last > first) body(first, last - first);
        });
    }

    /// <summary>Words a fill of <paramref name="n"/> elements consumes.</summary>
    public static ulong UniformWords(long n, DType dtype) => dtype == DType.Float32 ? (ulong)(n + 1) / 2 : (ulong)n;

    /// <summary>Words a normal fill of <paramref name="n"/> elements consumes (whole blocks).</summary>
    public static ulong NormalWords(long n, DType dtype) => dtype == DType.Float32 ? (ulong)((n + 31) / 32) * 16 : (ulong)((n + 15) / 16) * 16;

    /// <summary>Fills the contiguous floating tensor <paramref name="t"/> with uniform values in [from, to).</summary>
    public static void FillUniform(Tensor t, double from, double to, Generator generator)
    {
        var stream = generator.Reserve(UniformWords(t.Numel, t.DType));
        int start = (int)t.StorageOffset;
        if (t.DType == DType.Float32)
        {
            var data = t.Data<float>();
            float low = (float)from, span = (float)to - (float)from;
            For(t.Numel, (first, count) => UniformSingle(data.AsSpan(start + (int)first, (int)count), stream, (ulong)first, low, span));
        }
        else
        {
            var data = t.Data<double>();
            double span = to - from;
            For(t.Numel, (first, count) => UniformDouble(data.AsSpan(start + (int)first, (int)count), stream, (ulong)first, from, span));
        }
    }

    /// <summary>Fills the contiguous floating tensor <paramref name="t"/> with normal values of the given mean and standard deviation.</summary>
    public static void FillNormal(Tensor t, double mean, double std, Generator generator)
    {
        var stream = generator.Reserve(NormalWords(t.Numel, t.DType));
        int start = (int)t.StorageOffset;
        if (t.DType == DType.Float32)
        {
            var data = t.Data<float>();
            For(t.Numel, (first, count) => SingleNormals.Fill(data.AsSpan(start + (int)first, (int)count), stream, (ulong)first, (float)mean, (float)std));
        }
        else
        {
            var data = t.Data<double>();
            For(t.Numel, (first, count) => NormalDouble(data.AsSpan(start + (int)first, (int)count), stream, (ulong)first, mean, std));
        }
    }

    /// <summary>The <see cref="Vector{T}.Count"/> words starting at word <paramref name="index"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<ulong> Words(in RandomStream stream, ulong index)
    {
        var counter = new Vector<ulong>(stream.Start + index + 1) + LaneIndex;
        return Mix(counter * new Vector<ulong>(RandomStream.Golden) + new Vector<ulong>(stream.Key));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ulong> Mix(Vector<ulong> z)
    {
        z = (z ^ (z >>> 30)) * new Vector<ulong>(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * new Vector<ulong>(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    /// <summary>Elements <paramref name="first"/>… of a Float32 uniform draw; <paramref name="first"/> is even.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UniformSingle(Span<float> dst, RandomStream stream, ulong first, float low, float span)
    {
        const float Scale = 1f / (1 << 24);
        int width = Vector<float>.Count, i = 0;
        ref float d = ref MemoryMarshal.GetReference(dst);
        for (; i + width <= dst.Length; i += width)
        {
            var halves = Words(stream, (first + (ulong)i) / 2).As<ulong, uint>();
            var u = Vector.ConvertToSingle((halves >>> 8).As<uint, int>()) * new Vector<float>(Scale);
            (u * new Vector<float>(span) + new Vector<float>(low)).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < dst.Length; i++)
        {
            ulong index = first + (ulong)i;
            uint half = (uint)(stream.Word(index / 2) >> (int)(32 * (index & 1)));
            dst[i] = (int)(half >> 8) * Scale * span + low;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UniformDouble(Span<double> dst, RandomStream stream, ulong first, double low, double span)
    {
        const double Scale = 1.0 / (1UL << 53);
        int width = Vector<double>.Count, i = 0;
        ref double d = ref MemoryMarshal.GetReference(dst);
        for (; i + width <= dst.Length; i += width)
        {
            var u = Vector.ConvertToDouble((Words(stream, first + (ulong)i) >>> 11).As<ulong, long>()) * new Vector<double>(Scale);
            (u * new Vector<double>(span) + new Vector<double>(low)).StoreUnsafe(ref d, (nuint)i);
        }
        for (; i < dst.Length; i++)
            dst[i] = (long)(stream.Word(first + (ulong)i) >> 11) * Scale * span + low;
    }

    /// <summary>Elements <paramref name="first"/>… (a multiple of 16) of a Float64 normal draw.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NormalDouble(Span<double> dst, RandomStream stream, ulong first, double mean, double std)
    {
        int i = 0;
        for (; i + 16 <= dst.Length; i += 16) NormalBlock(ref dst[i], stream, first + (ulong)i, mean, std);
        if (i == dst.Length) return;
        Span<double> block = stackalloc double[16];
        NormalBlock(ref block[0], stream, first + (ulong)i, mean, std);
        block[..(dst.Length - i)].CopyTo(dst[i..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NormalBlock(ref double d, RandomStream stream, ulong word, double mean, double std)
    {
        const double Scale = 1.0 / (1UL << 53);
        int width = Vector<double>.Count;
        for (int p = 0; p < 8; p += width)
        {
            var u1 = Vector.ConvertToDouble((Words(stream, word + (ulong)p) >>> 11).As<ulong, long>()) * new Vector<double>(Scale) + new Vector<double>(Scale / 2);
            var u2 = Vector.ConvertToDouble((Words(stream, word + 8 + (ulong)p) >>> 11).As<ulong, long>()) * new Vector<double>(Scale);
            var r = Vector.SquareRoot(new Vector<double>(-2.0) * Vector.Log(u1)) * new Vector<double>(std);
            var (sin, cos) = Vector.SinCos(u2 * new Vector<double>(2 * Math.PI));
            (r * cos + new Vector<double>(mean)).StoreUnsafe(ref d, (nuint)p);
            (r * sin + new Vector<double>(mean)).StoreUnsafe(ref d, (nuint)(8 + p));
        }
    }
}
