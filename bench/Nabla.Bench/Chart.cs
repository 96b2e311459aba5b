using Nabla.Plot;

namespace Nabla.Bench;

/// <summary>
/// The charts of <c>--chart DIR</c>: for every case whose work is in bytes (performance-gbs.png) or in
/// flops (performance-gflops.png), Nabla's rate beside the limit's. The limit is the case's fastest
/// baseline in the same run, the best the same work did on plain arrays, so a Nabla bar shorter than
/// its limit bar shows the distance from the limit; each category names the baseline it is.
/// </summary>
internal static class Chart
{
    /// <summary>Pixels per case (two bars and a two-line name), and for the title, axis and margins.</summary>
    private const int RowHeight = 58, FrameHeight = 110, Width = 1000;

    /// <summary>Writes the charts that have at least one case into <paramref name="folder"/>; returns the files written.</summary>
    public static List<string> Write(string folder, IReadOnlyList<CaseResult> results)
    {
        var written = new List<string>();
        foreach (var (kind, file, unit) in new[] { (WorkKind.Bytes, "performance-gbs.png", "GB/s"), (WorkKind.Flops, "performance-gflops.png", "GFLOP/s") })
        {
            var rows = results.Where(r => r.Case.Work.Kind == kind && r.Nabla is not null && r.Baselines.Length > 0).ToList();
            if (rows.Count == 0) continue;
            var limits = rows.Select(r => r.Baselines.MinBy(b => b.MedianNs)!).ToList();
            // Work.Amount is in bytes or flops and the time in ns, so their quotient is in GB/s or GFLOP/s.
            double[] nabla = [.. rows.Select(r => r.Case.Work.Amount / r.Nabla!.MedianNs)];
            double[] limit = [.. rows.Select((r, i) => r.Case.Work.Amount / limits[i].MedianNs)];
            string[] names = [.. rows.Select((r, i) => $"{r.Case.FullName}\nlimit: {limits[i].Label}")];
            var figure = Figure.Bar(names, [("Nabla", nabla), ("limit: the fastest baseline", limit)],
                xLabel: $"{unit} (median of the timed runs)", title: $"Nabla and the limit measured in the same run, {unit}",
                horizontal: true, labelFormat: "G3", colors: ["C0", "C7"], width: Width, height: FrameHeight + RowHeight * rows.Count);
            written.Add(figure.SavePng(Path.Combine(folder, file)));
        }
        return written;
    }
}
