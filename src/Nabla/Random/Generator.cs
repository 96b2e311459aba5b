namespace Nabla;

/// <summary>
/// A saved position of a <see cref="Generator"/> (torch.Generator.get_state): the seed and the
/// number of 64-bit counter values consumed so far. Pass it to <see cref="Generator.SetState"/>
/// to replay the same numbers.
/// </summary>
/// <param name="Seed">The seed the generator was created or last reseeded with.</param>
/// <param name="Offset">How many counter values (64-bit random words) have been used since that seed.</param>
/// <example><c>var saved = gen.GetState(); var a = Tensor.Rand([3], generator: gen); gen.SetState(saved); var b = Tensor.Rand([3], generator: gen);</c> gives <c>a == b</c>.</example>
public readonly record struct GeneratorState(ulong Seed, ulong Offset);

/// <summary>
/// A seedable, counter-based source of random numbers (torch.Generator). Every random tensor
/// draws a fresh range of a 64-bit counter; element <c>i</c> of a draw is a function of only
/// (seed, the draw's first counter value, i), so results are the same on every run and for any
/// number of threads: large fills are split over cores by element ranges without changing a bit.
/// </summary>
/// <remarks>
/// <para>The random word for counter value <c>c</c> is the SplitMix64 output for the state
/// <c>key + (c + 1)·φ</c> (φ = 0x9E3779B97F4A7C15, <c>key</c> a scrambled seed), which passes
/// BigCrush. Float32 uniforms take 24 random bits (the full mantissa, every multiple of 2⁻²⁴ in
/// [0, 1) equally likely), Float64 uniforms 53 bits. Normals use the Box–Muller transform,
/// vectorised. The streams differ from PyTorch's: the same seed gives different numbers than
/// torch.manual_seed does.</para>
/// <para>Thread-safe: concurrent draws from one generator get disjoint counter ranges (which
/// range each gets depends on timing; give each thread its own generator for reproducibility).</para>
/// </remarks>
/// <example>
/// <code>
/// var gen = new Generator(seed: 7);
/// Tensor a = Tensor.Randn([3], generator: gen);
/// Tensor z = new Nabla.Distributions.Normal(0.0, 1.0).Sample([3], gen);
/// </code>
/// </example>
public sealed class Generator
{
    /// <summary>The seed of a generator created without one, and of the default generator at start-up (PyTorch's default_rng_seed_val, 67280421310721).</summary>
    public const ulong DefaultSeed = 67280421310721;

    private readonly Lock gate = new();
    private ulong seed, offset, key;

    /// <summary>A generator seeded with <paramref name="seed"/> (torch.Generator().manual_seed(seed)).</summary>
    /// <example><c>var gen = new Generator(seed: 7);</c></example>
    public Generator(ulong seed = DefaultSeed) => Reseed(seed);

    /// <summary>
    /// The process-wide generator used when no generator is passed (torch.default_generator);
    /// <see cref="Tensor.ManualSeed"/> reseeds it.
    /// </summary>
    /// <example><c>Generator.Default.InitialSeed</c></example>
    public static Generator Default { get; } = new();

    /// <summary>The seed this generator was created or last reseeded with (torch.Generator.initial_seed).</summary>
    /// <example><c>new Generator(seed: 7).InitialSeed == 7</c></example>
    public ulong InitialSeed
    {
        get { lock (gate) return seed; }
    }

    /// <summary>How many 64-bit counter values have been used since the last seed (torch.Generator.get_offset).</summary>
    /// <example><c>Tensor.Rand([10], DType.Float64, generator: gen)</c> advances <c>gen.Offset</c> by 10.</example>
    public ulong Offset
    {
        get { lock (gate) return offset; }
    }

    /// <summary>Reseeds this generator and rewinds its counter to zero (torch.Generator.manual_seed); returns this generator.</summary>
    /// <example><c>gen.ManualSeed(42);</c></example>
    public Generator ManualSeed(ulong seed)
    {
        lock (gate) Reseed(seed);
        return this;
    }

    /// <summary>The current seed and counter position (torch.Generator.get_state), for <see cref="SetState"/>.</summary>
    /// <example><c>var saved = gen.GetState();</c></example>
    public GeneratorState GetState()
    {
        lock (gate) return new GeneratorState(seed, offset);
    }

    /// <summary>Restores a position saved by <see cref="GetState"/> (torch.Generator.set_state): later draws repeat the numbers drawn after it was saved.</summary>
    /// <example><c>gen.SetState(saved);</c></example>
    public void SetState(GeneratorState state)
    {
        lock (gate)
        {
            Reseed(state.Seed);
            offset = state.Offset;
        }
    }

    /// <summary>A description of the generator's seed and position.</summary>
    /// <example><c>new Generator(8).ToString() == "Generator(seed=8, offset=0)"</c></example>
    public override string ToString()
    {
        var state = GetState();
        return $"Generator(seed={state.Seed}, offset={state.Offset})";
    }

    /// <summary>
    /// Reserves <paramref name="words"/> consecutive counter values and returns the stream that
    /// produces them: the caller computes word <c>i</c> as <c>stream.Word(i)</c> for <c>i &lt; words</c>.
    /// </summary>
    internal RandomStream Reserve(ulong words)
    {
        lock (gate)
        {
            var stream = new RandomStream(key, offset);
            offset += words;
            return stream;
        }
    }

    private void Reseed(ulong value)
    {
        seed = value;
        offset = 0;
        // Scrambling the seed makes nearby seeds (0, 1, 2, ...) start far apart on the SplitMix64 cycle.
        key = RandomStream.Mix(value ^ 0x6A09E667F3BCC909UL);
    }
}

/// <summary>
/// A counter range reserved from a <see cref="Generator"/>: word <c>i</c> is the SplitMix64
/// output for the state <c>key + (start + i + 1)·φ</c>. A plain value: kernels copy it to every thread.
/// </summary>
internal readonly struct RandomStream(ulong key, ulong start)
{
    /// <summary>SplitMix64's increment: the odd integer nearest 2⁶⁴/φ.</summary>
    public const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The key (scrambled seed).</summary>
    public ulong Key => key;

    /// <summary>The first counter value of the range.</summary>
    public ulong Start => start;

    /// <summary>The state whose mix is word <paramref name="index"/>.</summary>
    public ulong State(ulong index) => key + (start + index + 1) * Golden;

    /// <summary>Random word <paramref name="index"/> of this range.</summary>
    public ulong Word(ulong index) => Mix(State(index));

    /// <summary>Word <paramref name="index"/> as a Float64 in [0, 1): its top 53 bits times 2⁻⁵³.</summary>
    public double Double(ulong index) => (Word(index) >> 11) * (1.0 / (1UL << 53));

    /// <summary>An independent per-element stream seeded by word <paramref name="index"/>, for samplers that need a variable number of draws.</summary>
    public LocalRandom Local(ulong index) => new(Word(index));

    /// <summary>The SplitMix64 finaliser (Stafford's variant 13): a bijective mix of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>
/// A small sequential SplitMix64 stream owned by one element of a draw (rejection samplers:
/// gamma, Poisson, binomial). Its increment differs from the main stream's so the two never align.
/// </summary>
internal struct LocalRandom(ulong seed)
{
    private const ulong Increment = 0xD1B54A32D192ED03UL;
    private ulong state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        state += Increment;
        return RandomStream.Mix(state);
    }

    /// <summary>A Float64 in [0, 1), 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A Float64 in (0, 1): never 0, so its logarithm is finite.</summary>
    public double NextOpen() => ((Next() >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>A standard normal value (Box–Muller, one of the pair).</summary>
    public double NextNormal()
    {
        double u1 = NextOpen(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
