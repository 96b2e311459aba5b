using System.Globalization;
using System.Text;

namespace Nabla.Bench;

/// <summary>Formats results: a fixed-width console table printed case by case, and a Markdown table.</summary>
internal static class Report
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const int WorkWidth = 9, TimeWidth = 10, RateWidth = 13, SpreadWidth = 5, AllocWidth = 10, LabelWidth = 35, RatioWidth = 8;

    public static void PrintHeader(TextWriter output, int caseWidth)
    {
        string nabla = $"{"case".PadRight(caseWidth)} {"work/op",WorkWidth} {"Nabla",TimeWidth} {"rate",RateWidth} {"±",SpreadWidth} {"alloc/op",AllocWidth}";
        string baseline = $"{"baseline".PadRight(LabelWidth)} {"time",TimeWidth} {"rate",RateWidth} {"alloc/op",AllocWidth} {"Nabla÷b",RatioWidth}";
        output.WriteLine($"{nabla} │ {baseline}");
        output.WriteLine($"{new string('─', nabla.Length)}─┼─{new string('─', baseline.Length)}");
    }

    public static void PrintCase(TextWriter output, CaseResult result, int caseWidth)
    {
        var work = result.Case.Work;
        string name = result.Case.FullName.PadRight(caseWidth);
        if (result.Nabla is null)
        {
            output.WriteLine($"{name} FAILED: {result.Error}");
            return;
        }
        var n = result.Nabla;
        string left = $"{name} {FormatWork(work),WorkWidth} {FormatTime(n.MedianNs),TimeWidth} {FormatRate(work, n.MedianNs),RateWidth} " +
                      $"{FormatSpread(n.Spread),SpreadWidth} {FormatBytes(n.AllocatedBytesPerOp),AllocWidth}";
        if (result.Baselines.Length == 0)
        {
            output.WriteLine($"{left} │ (no baseline)");
            return;
        }
        for (int b = 0; b < result.Baselines.Length; b++)
        {
            var m = result.Baselines[b];
            string right = $"{m.Label.PadRight(LabelWidth)} {FormatTime(m.MedianNs),TimeWidth} {FormatRate(work, m.MedianNs),RateWidth} " +
                           $"{FormatBytes(m.AllocatedBytesPerOp),AllocWidth} {FormatRatio(result.Ratios[b]),RatioWidth}";
            output.WriteLine($"{(b == 0 ? left : new string(' ', left.Length))} │ {right}");
        }
    }

    /// <summary>Every timed run of every implementation of a case, for judging noise.</summary>
    public static void PrintRuns(TextWriter output, CaseResult result)
    {
        if (result.Nabla is null) return;
        foreach (var m in (Measurement[])[result.Nabla, .. result.Baselines])
            output.WriteLine($"    {m.Label,-32} {m.OpsPerRun,9} ops/run: {string.Join("  ", m.NsPerOp.Select(FormatTime))}");
    }

    /// <summary>The results as a Markdown table, one row per baseline (Nabla's cells only on a case's first row).</summary>
    public static string Markdown(IEnumerable<CaseResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| case | work/op | Nabla | rate | alloc/op | baseline | time | rate | alloc/op | Nabla ÷ baseline |");
        sb.AppendLine("|---|---:|---:|---:|---:|---|---:|---:|---:|---:|");
        foreach (var result in results)
        {
            var work = result.Case.Work;
            string name = $"`{result.Case.FullName}`";
            if (result.Nabla is null)
            {
                sb.AppendLine(Inv, $"| {name} | {FormatWork(work)} | failed: {result.Error} | | | | | | | |");
                continue;
            }
            var n = result.Nabla;
            string left = $"{name} | {FormatWork(work)} | {FormatTime(n.MedianNs)} | {FormatRate(work, n.MedianNs)} | {FormatBytes(n.AllocatedBytesPerOp)}";
            string blank = " | | | |";
            if (result.Baselines.Length == 0) sb.AppendLine($"| {left} | | | | | |");
            for (int b = 0; b < result.Baselines.Length; b++)
            {
                var m = result.Baselines[b];
                sb.AppendLine($"| {(b == 0 ? left : blank)} | {m.Label} | {FormatTime(m.MedianNs)} | {FormatRate(work, m.MedianNs)} | " +
                              $"{FormatBytes(m.AllocatedBytesPerOp)} | {FormatRatio(result.Ratios[b])} |");
            }
        }
        return sb.ToString();
    }

    public static string FormatTime(double ns) => ns switch
    {
        double.NaN => "-",
        < 1e3 => Three(ns) + " ns",
        < 1e6 => Three(ns / 1e3) + " µs",
        < 1e9 => Three(ns / 1e6) + " ms",
        _ => Three(ns / 1e9) + " s",
    };

    public static string FormatRate(Work work, double ns) => work.Kind switch
    {
        WorkKind.Bytes => Three(work.Amount / ns) + " GB/s",
        WorkKind.Flops => Three(work.Amount / ns) + " GFLOP/s",
        WorkKind.Elements => Three(ns / work.Amount) + " ns/el",
        _ => "-",
    };

    public static string FormatWork(Work work) => work.Kind switch
    {
        WorkKind.Bytes => FormatBytes(work.Amount),
        WorkKind.Flops => Si(work.Amount, " ") + "FLOP",
        WorkKind.Elements => Si(work.Amount, "") + " el",
        _ => "-",
    };

    /// <summary>Bytes in binary units: exact below 10 KiB, then KiB/MiB/GiB with three significant digits.</summary>
    public static string FormatBytes(double bytes) => bytes switch
    {
        < 0.5 => "0 B",
        < 10 * 1024 => Math.Round(bytes).ToString("0", Inv) + " B",
        < 1024 * 1024 => Three(bytes / 1024) + " KiB",
        < 1024.0 * 1024 * 1024 => Three(bytes / (1024 * 1024)) + " MiB",
        _ => Three(bytes / (1024.0 * 1024 * 1024)) + " GiB",
    };

    private static string FormatRatio(double ratio) => double.IsFinite(ratio) ? ratio.ToString(ratio < 10 ? "0.00" : "0.0", Inv) + "×" : "-";

    private static string FormatSpread(double spread) => (spread * 100).ToString(spread < 0.1 ? "0.0" : "0", Inv) + "%";

    /// <summary>A count with an SI prefix, to be followed by a unit: "3", "1.05k", "16.8M" (the separator goes before the prefix).</summary>
    private static string Si(double value, string separator) => value switch
    {
        < 1e3 => value.ToString("0.##", Inv) + separator,
        < 1e6 => Three(value / 1e3) + separator + "k",
        < 1e9 => Three(value / 1e6) + separator + "M",
        _ => Three(value / 1e9) + separator + "G",
    };

    /// <summary>Three significant digits (e.g. 1.23, 12.3, 123), without exponent notation.</summary>
    private static string Three(double value) => value switch
    {
        < 10 => value.ToString("0.00", Inv),
        < 100 => value.ToString("0.0", Inv),
        _ => value.ToString("0", Inv),
    };
}
