namespace Nabla;

/// <summary>
/// How many threads Nabla's kernels may use, process-wide (torch.set_num_threads /
/// torch.get_num_threads). Defaults to the number of cores. Small ops never use more than one:
/// every kernel splits work only above a size threshold. Results do not depend on this setting:
/// large sums are cut into fixed chunks combined in a fixed order, GEMM splits whole output tiles,
/// and random streams depend only on (seed, offset, index).
/// </summary>
/// <example><c>Threads.Count = 1;</c></example>
public static class Threads
{
    private static int count = Environment.ProcessorCount;
    private static ParallelOptions options = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>The number of threads kernels may use (torch.get_num_threads / torch.set_num_threads).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public static int Count
    {
        get => count;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            count = value;
            options = new ParallelOptions { MaxDegreeOfParallelism = value };
        }
    }

    /// <summary>Options that cap a Parallel.For at <see cref="Count"/> threads.</summary>
    internal static ParallelOptions Options => options;
}
