using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla;

/// <summary>
/// Float32 standard normals by the Box–Muller transform, in blocks of 32 elements over 16 random
/// words (<see cref="RandomKernels"/> documents the layout): pair p &lt; 16 of a block takes its
/// radius from 32-bit half <c>U[p]</c> and its angle from <c>U[16 + p]</c>.
/// </summary>
/// <remarks>
/// <para>The log and sin/cos are our own short polynomials (Cephes' logf; minimax sin and cos on
/// [-π/4, π/4] after an exact integer reduction of the angle to a quarter turn): about 5e-7
/// absolute error, far below a sample's spread, and without fused multiply-adds, so the Vector512
/// path and the <see cref="Vector{T}"/> path (any width) round identically, bit for bit.</para>
/// <para>The radius uses 31 bits (u1 in (0, 1], so log u1 is finite and the tail reaches 6.6σ),
/// the angle 24 bits.</para>
/// </remarks>
internal static class SingleNormals
{
    /// <summary>Whether to use the Vector512 path (tests turn it off to compare the two paths).</summary>
    internal static bool UseVector512 { get; set; } = Vector512.IsHardwareAccelerated;

    /// <summary>Elements <paramref name="first"/>… (a multiple of 32) of a Float32 normal draw, scaled by <paramref name="std"/> and shifted by <paramref name="mean"/>.</summary>
    public static void Fill(Span<float> dst, RandomStream stream, ulong first, float mean, float std)
    {
        int whole = dst.Length / 32 * 32;
        if (UseVector512) Wide(dst[..whole], stream.Key, stream.Start, first / 2, mean, std);
        else Portable(dst[..whole], stream, first / 2, mean, std);
        if (whole == dst.Length) return;
        Span<float> block = stackalloc float[32];
        ulong word = (first + (ulong)whole) / 2;
        if (UseVector512) Wide(block, stream.Key, stream.Start, word, mean, std);
        else Portable(block, stream, word, mean, std);
        block[..(dst.Length - whole)].CopyTo(dst[whole..]);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Portable(Span<float> dst, RandomStream stream, ulong word, float mean, float std)
    {
        ref float d = ref MemoryMarshal.GetReference(dst);
        for (int i = 0; i < dst.Length; i += 32, word += 16) Block(ref Unsafe.Add(ref d, i), stream, word, mean, std);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Wide(Span<float> dst, ulong key, ulong start, ulong word, float mean, float std)
    {
        ref float d = ref MemoryMarshal.GetReference(dst);
        for (int i = 0; i < dst.Length; i += 32, word += 16) Block512(ref Unsafe.Add(ref d, i), key, start, word, mean, std);
    }

    private const float RadiusScale = 1f / 2147483648f, RadiusOffset = 1f / 4294967296f, AngleScale = 6.2831855f / (1 << 24);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block(ref float d, RandomStream stream, ulong word, float mean, float std)
    {
        for (int q = 0; q < 16; q += Vector<float>.Count)
        {
            var a = RandomKernels.Words(stream, word + (ulong)q / 2).As<ulong, uint>();
            var b = RandomKernels.Words(stream, word + 8 + (ulong)q / 2).As<ulong, uint>();
            var u1 = Vector.ConvertToSingle((a >>> 1).As<uint, int>()) * new Vector<float>(RadiusScale) + new Vector<float>(RadiusOffset);
            var r = Vector.SquareRoot(new Vector<float>(-2f) * Log(u1)) * new Vector<float>(std);
            var (sin, cos) = SinCos((b >>> 8).As<uint, int>());
            (r * cos + new Vector<float>(mean)).StoreUnsafe(ref d, (nuint)q);
            (r * sin + new Vector<float>(mean)).StoreUnsafe(ref d, (nuint)(16 + q));
        }
    }

    /// <summary>log x for normal positive x: the mantissa moved to [√½, √2), then Cephes' degree-9 polynomial in m - 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Log(Vector<float> x)
    {
        var bits = x.As<float, int>();
        var exponent = (bits >>> 23) - new Vector<int>(126);
        var m = ((bits & new Vector<int>(unchecked((int)0x807FFFFF))) | new Vector<int>(0x3F000000)).As<int, float>();
        var small = Vector.LessThan(m, new Vector<float>(0.70710677f));
        exponent += small;  // small lanes are all ones: -1
        m = Vector.ConditionalSelect(small, m + m, m) - Vector<float>.One;
        var z = m * m;
        var y = new Vector<float>(7.0376836292E-2f);
        y = y * m + new Vector<float>(-1.1514610310E-1f);
        y = y * m + new Vector<float>(1.1676998740E-1f);
        y = y * m + new Vector<float>(-1.2420140846E-1f);
        y = y * m + new Vector<float>(1.4249322787E-1f);
        y = y * m + new Vector<float>(-1.6668057665E-1f);
        y = y * m + new Vector<float>(2.0000714765E-1f);
        y = y * m + new Vector<float>(-2.4999993993E-1f);
        y = y * m + new Vector<float>(3.3333331174E-1f);
        y = y * m * z;
        var e = Vector.ConvertToSingle(exponent);
        y += e * new Vector<float>(-2.12194440e-4f);
        y -= new Vector<float>(0.5f) * z;
        return m + y + e * new Vector<float>(0.693359375f);
    }

    /// <summary>sin and cos of 2π·b/2²⁴ for integers b in [0, 2²⁴): j = round(b / 2²²) quarter turns, then an exact remainder in [-π/4, π/4].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector<float> Sin, Vector<float> Cos) SinCos(Vector<int> b)
    {
        var j = (b + new Vector<int>(1 << 21)) >>> 22;
        var x = Vector.ConvertToSingle(b - (j << 22)) * new Vector<float>(AngleScale);
        var z = x * x;
        var s = ((new Vector<float>(-1.9515295891E-4f) * z + new Vector<float>(8.3321608736E-3f)) * z + new Vector<float>(-1.6666654611E-1f)) * z * x + x;
        var c = ((new Vector<float>(2.443315711809948E-5f) * z + new Vector<float>(-1.388731625493765E-3f)) * z + new Vector<float>(4.166664568298827E-2f)) * z * z
                - new Vector<float>(0.5f) * z + Vector<float>.One;
        // Rotate by j quarter turns: odd j swaps sin and cos; the signs follow bit 1 of j and of j + 1.
        var swap = Vector.Equals(j & Vector<int>.One, Vector<int>.One).As<int, float>();
        var sin = Vector.ConditionalSelect(swap, c, s).As<float, int>() ^ ((j & new Vector<int>(2)) << 30);
        var cos = Vector.ConditionalSelect(swap, s, c).As<float, int>() ^ (((j + Vector<int>.One) & new Vector<int>(2)) << 30);
        return (sin.As<int, float>(), cos.As<int, float>());
    }

    // The same three steps with Vector512: one iteration per block, half the instructions.

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block512(ref float d, ulong key, ulong start, ulong word, float mean, float std)
    {
        var a = Words512(key, start, word).AsUInt32();
        var b = Words512(key, start, word + 8).AsUInt32();
        var u1 = Vector512.ConvertToSingle((a >>> 1).AsInt32()) * Vector512.Create(RadiusScale) + Vector512.Create(RadiusOffset);
        var r = Vector512.Sqrt(Vector512.Create(-2f) * Log512(u1)) * Vector512.Create(std);
        var (sin, cos) = SinCos512((b >>> 8).AsInt32());
        (r * cos + Vector512.Create(mean)).StoreUnsafe(ref d);
        (r * sin + Vector512.Create(mean)).StoreUnsafe(ref d, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Words512(ulong key, ulong start, ulong index)
    {
        var z = (Vector512.Create(start + index + 1) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7)) * Vector512.Create(RandomStream.Golden) + Vector512.Create(key);
        z = (z ^ (z >>> 30)) * Vector512.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * Vector512.Create(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Log512(Vector512<float> x)
    {
        var bits = x.AsInt32();
        var exponent = (bits >>> 23) - Vector512.Create(126);
        var m = ((bits & Vector512.Create(unchecked((int)0x807FFFFF))) | Vector512.Create(0x3F000000)).AsSingle();
        var small = Vector512.LessThan(m, Vector512.Create(0.70710677f));
        exponent += small.AsInt32();
        m = Vector512.ConditionalSelect(small, m + m, m) - Vector512<float>.One;
        var z = m * m;
        var y = Vector512.Create(7.0376836292E-2f);
        y = y * m + Vector512.Create(-1.1514610310E-1f);
        y = y * m + Vector512.Create(1.1676998740E-1f);
        y = y * m + Vector512.Create(-1.2420140846E-1f);
        y = y * m + Vector512.Create(1.4249322787E-1f);
        y = y * m + Vector512.Create(-1.6668057665E-1f);
        y = y * m + Vector512.Create(2.0000714765E-1f);
        y = y * m + Vector512.Create(-2.4999993993E-1f);
        y = y * m + Vector512.Create(3.3333331174E-1f);
        y = y * m * z;
        var e = Vector512.ConvertToSingle(exponent);
        y += e * Vector512.Create(-2.12194440e-4f);
        y -= Vector512.Create(0.5f) * z;
        return m + y + e * Vector512.Create(0.693359375f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<float> Sin, Vector512<float> Cos) SinCos512(Vector512<int> b)
    {
        var j = (b + Vector512.Create(1 << 21)) >>> 22;
        var x = Vector512.ConvertToSingle(b - (j << 22)) * Vector512.Create(AngleScale);
        var z = x * x;
        var s = ((Vector512.Create(-1.9515295891E-4f) * z + Vector512.Create(8.3321608736E-3f)) * z + Vector512.Create(-1.6666654611E-1f)) * z * x + x;
        var c = ((Vector512.Create(2.443315711809948E-5f) * z + Vector512.Create(-1.388731625493765E-3f)) * z + Vector512.Create(4.166664568298827E-2f)) * z * z
                - Vector512.Create(0.5f) * z + Vector512<float>.One;
        var swap = Vector512.Equals(j & Vector512<int>.One, Vector512<int>.One).AsSingle();
        var sin = Vector512.ConditionalSelect(swap, c, s).AsInt32() ^ ((j & Vector512.Create(2)) << 30);
        var cos = Vector512.ConditionalSelect(swap, s, c).AsInt32() ^ (((j + Vector512<int>.One) & Vector512.Create(2)) << 30);
        return (sin.AsSingle(), cos.AsSingle());
    }
}
