using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Nabla.Bench;

/// <summary>How long to warm up and measure.</summary>
/// <param name="Rounds">Timed runs per implementation; the median is reported.</param>
/// <param name="TargetMs">Wall time aimed at for one timed run (the repetition count is calibrated to it).</param>
/// <param name="WarmupMs">Wall time of each warm-up pass per implementation.</param>
/// <param name="WarmupPasses">Warm-up passes; the harness sleeps between them so tiered JIT can promote hot code.</param>
internal sealed record HarnessOptions(int Rounds = 7, double TargetMs = 120, double WarmupMs = 25, int WarmupPasses = 3);

/// <summary>The timed runs of one implementation (the label only: results must not keep a case's fixtures alive).</summary>
/// <param name="NsPerOp">Nanoseconds per op of each timed run, in round order.</param>
/// <param name="AllocatedBytesPerOp">Managed bytes allocated per op on this thread (median over runs).</param>
/// <param name="OpsPerRun">The calibrated repetition count of each timed run.</param>
internal sealed record Measurement(string Label, double[] NsPerOp, double AllocatedBytesPerOp, long OpsPerRun)
{
    public double MedianNs => Stats.Median(NsPerOp);

    /// <summary>Half the range of the runs relative to the median: a rough noise figure.</summary>
    public double Spread => NsPerOp.Length < 2 ? 0 : (NsPerOp.Max() - NsPerOp.Min()) / 2 / MedianNs;
}

/// <summary>A case's outcome: Nabla's runs, each baseline's runs, and the Nabla ÷ baseline time ratios.</summary>
/// <param name="Ratios">Per baseline, the median over rounds of (Nabla's time ÷ the baseline's time in the same round).</param>
internal sealed record CaseResult(Case Case, Measurement? Nabla, Measurement[] Baselines, double[] Ratios, string? Error = null);

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>
/// A plain Stopwatch harness. For each case: setup and check; warm-up passes over every
/// implementation (with pauses so tiered compilation promotes the hot code); a repetition count per
/// implementation calibrated by untimed runs so one timed run takes about <see cref="HarnessOptions.TargetMs"/>;
/// then <see cref="HarnessOptions.Rounds"/> rounds that time Nabla and each baseline one after the
/// other, so a ratio compares runs made seconds apart on the same machine state.
/// </summary>
internal static class Harness
{
    /// <summary>Keeps the last result of each timed loop reachable so nothing is optimised away.</summary>
    private static object? sink;

    public static CaseResult Run(Case benchCase, HarnessOptions options)
    {
        CaseBody body;
        try
        {
            body = benchCase.Setup();
            body.Check?.Invoke();
        }
        catch (Exception e)
        {
            return new CaseResult(benchCase, null, [], [], $"{e.GetType().Name}: {e.Message}");
        }

        Impl[] impls = [body.Nabla, .. body.Baselines];
        var opsPerRun = new long[impls.Length];
        try
        {
            // Warm-up: every implementation, several passes, pausing between them for the JIT's
            // background tier-up. The fastest pass gives a first estimate of the time per op.
            var estimate = new double[impls.Length];
            Array.Fill(estimate, double.PositiveInfinity);
            for (int pass = 0; pass < options.WarmupPasses; pass++)
            {
                if (pass > 0) Thread.Sleep(100);
                for (int i = 0; i < impls.Length; i++)
                    estimate[i] = Math.Min(estimate[i], RunFor(impls[i].Run, options.WarmupMs));
            }
            // Calibration: untimed runs at the estimated count (they also absorb a first run's
            // one-off costs, such as GC heap growth), at least two, more while a run is far off
            // the target. The median of all estimates sets the count, so one stall does not.
            for (int i = 0; i < impls.Length; i++)
            {
                var estimates = new List<double> { estimate[i] };
                for (int attempt = 0; attempt < 4; attempt++)
                {
                    long ops = OpsFor(options.TargetMs, Stats.Median(estimates));
                    double measured = TimeRun(impls[i].Run, ops).NsPerOp;
                    estimates.Add(measured);
                    double ms = measured * ops / 1e6;
                    if (attempt >= 1 && ms >= options.TargetMs / 2 && ms <= options.TargetMs * 2) break;
                }
                opsPerRun[i] = OpsFor(options.TargetMs, Stats.Median(estimates));
            }

            var times = new double[impls.Length][];
            var allocs = new double[impls.Length][];
            for (int i = 0; i < impls.Length; i++)
            {
                times[i] = new double[options.Rounds];
                allocs[i] = new double[options.Rounds];
            }
            for (int round = 0; round < options.Rounds; round++)
                for (int i = 0; i < impls.Length; i++)
                    (times[i][round], allocs[i][round]) = TimeRun(impls[i].Run, opsPerRun[i]);

            var measurements = new Measurement[impls.Length];
            for (int i = 0; i < impls.Length; i++)
                measurements[i] = new Measurement(impls[i].Label, times[i], Stats.Median(allocs[i]), opsPerRun[i]);
            var ratios = new double[body.Baselines.Length];
            for (int b = 0; b < ratios.Length; b++)
                ratios[b] = Stats.Median(Enumerable.Range(0, options.Rounds).Select(r => times[0][r] / times[b + 1][r]));
            return new CaseResult(benchCase, measurements[0], measurements[1..], ratios);
        }
        catch (Exception e)
        {
            return new CaseResult(benchCase, null, [], [], $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static long OpsFor(double targetMs, double nsPerOp) => Math.Max(1, (long)Math.Round(targetMs * 1e6 / nsPerOp));

    /// <summary>Runs <paramref name="action"/> in doubling batches for about <paramref name="ms"/>; returns ns per op of the last batch.</summary>
    private static double RunFor(Func<object?> action, double ms)
    {
        long budget = (long)(ms * Stopwatch.Frequency / 1000), start = Stopwatch.GetTimestamp();
        long batch = 1;
        while (true)
        {
            long t0 = Stopwatch.GetTimestamp();
            sink = Loop(action, batch);
            long t1 = Stopwatch.GetTimestamp();
            double nsPerOp = (t1 - t0) * 1e9 / Stopwatch.Frequency / batch;
            if (t1 - start >= budget) return nsPerOp;
            // Aim the next batch at the remaining budget, at most doubling.
            long remaining = budget - (t1 - start);
            double fits = remaining * 1e9 / Stopwatch.Frequency / Math.Max(nsPerOp, 0.1);
            batch = Math.Clamp((long)fits, 1, batch * 2);
        }
    }

    /// <summary>One timed run: a full GC first, then <paramref name="ops"/> calls; returns ns and managed bytes per op.</summary>
    private static (double NsPerOp, double BytesPerOp) TimeRun(Func<object?> action, long ops)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        long bytes0 = GC.GetAllocatedBytesForCurrentThread();
        long t0 = Stopwatch.GetTimestamp();
        var last = Loop(action, ops);
        long t1 = Stopwatch.GetTimestamp();
        long bytes1 = GC.GetAllocatedBytesForCurrentThread();
        sink = last;
        return ((t1 - t0) * 1e9 / Stopwatch.Frequency / ops, (double)(bytes1 - bytes0) / ops);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object? Loop(Func<object?> action, long ops)
    {
        object? last = null;
        for (long i = 0; i < ops; i++) last = action();
        return last;
    }

    /// <summary>Drops the reference the harness keeps to the last result (so a case's fixtures can be collected).</summary>
    public static void Release() => sink = null;
}
