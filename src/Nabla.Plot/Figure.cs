using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Nabla.Plot;

/// <summary>
/// A line plot or bar chart in the style of d2l's figures (matplotlib's look: grid, frame, DejaVu
/// Sans text, tab10 colours), saved to PNG or SVG. The static <c>Plot</c> is the book's
/// <c>d2l.plot</c> and the static <c>Bar</c> matplotlib's grouped <c>bar</c>/<c>barh</c>; the
/// instance methods build a figure step by step.
/// </summary>
/// <example>
/// <code>
/// var x = Tensor.Arange(0.0, 3.0, 0.1);
/// Figure.Plot(x, [3 * x.Pow(2) - 4 * x, 2 * x - 3], xLabel: "x", yLabel: "f(x)",
///             legend: ["f(x)", "Tangent line (x=1)"]).SavePng("out/tangent.png");
///
/// var fig = new Figure { XLabel = "Groups of experiments", YLabel = "Estimated probability" };
/// for (int i = 0; i &lt; 6; i++) fig.Add(estimates[.., i], label: $"P(die={i + 1})");
/// fig.HLine(0.167, "k--").SavePng("out/dice.png");
///
/// Figure.Bar(["add", "sum", "norm"], [("Nabla", [70.0, 40.8, 43.3]), ("limit", [126.0, 26.7, 44.9])],
///            xLabel: "GB/s", horizontal: true, labelFormat: "G3").SavePng("out/rates.png");
/// </code>
/// </example>
public sealed partial class Figure
{
    /// <summary>d2l's default line formats, cycled over the curves of <c>Plot</c>: solid (first colour of the cycle), magenta dashed, green dash-dot, red dotted.</summary>
    public static readonly IReadOnlyList<string> DefaultFormats = ["-", "m--", "g-.", "r:"];

    private readonly record struct Curve(double[] X, double[] Y, LineFormat Format, string? Label);
    private readonly record struct ReferenceLine(double Y, LineFormat Format, string? Label);

    private readonly List<Curve> curves = [];
    private readonly List<ReferenceLine> referenceLines = [];
    private int width, height;

    /// <summary>An empty figure of <paramref name="width"/> × <paramref name="height"/> pixels.</summary>
    /// <remarks>The default, 525 × 375, is d2l's figsize of 3.5 × 2.5 inches at 150 dots per inch.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Figure(int width = 525, int height = 375)
    {
        Width = width;
        Height = height;
    }

    /// <summary>The width of the saved image in pixels.</summary>
    public int Width { get => width; set => width = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The width must be positive."); }

    /// <summary>The height of the saved image in pixels.</summary>
    public int Height { get => height; set => height = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The height must be positive."); }

    /// <summary>The label under the x axis, or null for none.</summary>
    public string? XLabel { get; set; }

    /// <summary>The label beside the y axis, or null for none.</summary>
    public string? YLabel { get; set; }

    /// <summary>The title above the plot, or null for none.</summary>
    public string? Title { get; set; }

    /// <summary>The visible x range, or null to fit the data with a 5% margin (as matplotlib does; bars start at the axis' edge).</summary>
    public (double Min, double Max)? XLim { get; set; }

    /// <summary>The visible y range, or null to fit the data (and reference lines) with a 5% margin (bars start at the axis' edge).</summary>
    public (double Min, double Max)? YLim { get; set; }

    /// <summary>The x axis scale.</summary>
    public Scale XScale { get; set; }

    /// <summary>The y axis scale.</summary>
    public Scale YScale { get; set; }

    /// <summary>Whether grid lines are drawn (d2l's figures have them).</summary>
    public bool Grid { get; set; } = true;

    /// <summary>The number of curves and bar series added (reference lines not counted).</summary>
    public int SeriesCount => curves.Count + bars.Count;

    /// <summary>
    /// d2l's <c>plot</c>: one curve per element of <paramref name="ys"/>, all over <paramref name="x"/>,
    /// with the book's default formats ('-', 'm--', 'g-.', 'r:') unless <paramref name="formats"/> is given.
    /// </summary>
    /// <param name="x">The x values shared by every curve.</param>
    /// <param name="ys">The curves' y values, each as long as <paramref name="x"/>.</param>
    /// <param name="xLabel">The x axis label.</param>
    /// <param name="yLabel">The y axis label.</param>
    /// <param name="legend">One legend entry per curve (fewer leaves the rest out of the legend).</param>
    /// <param name="xLim">The visible x range; by default the data's.</param>
    /// <param name="yLim">The visible y range; by default the data's.</param>
    /// <param name="xScale">Linear or log x axis.</param>
    /// <param name="yScale">Linear or log y axis.</param>
    /// <param name="formats">matplotlib format strings, cycled over the curves.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentException">A curve's length differs from x's, or a format string is not understood.</exception>
    public static Figure Plot(PlotData x, IReadOnlyList<PlotData> ys, string? xLabel = null, string? yLabel = null,
        IReadOnlyList<string>? legend = null, (double Min, double Max)? xLim = null, (double Min, double Max)? yLim = null,
        Scale xScale = Scale.Linear, Scale yScale = Scale.Linear, IReadOnlyList<string>? formats = null, int width = 525, int height = 375)
    {
        ArgumentNullException.ThrowIfNull(ys);
        formats ??= DefaultFormats;
        if (formats.Count == 0) throw new ArgumentException("At least one format is needed.", nameof(formats));
        var figure = new Figure(width, height)
        {
            XLabel = xLabel, YLabel = yLabel, XLim = xLim, YLim = yLim, XScale = xScale, YScale = yScale,
        };
        for (int i = 0; i < ys.Count; i++)
            figure.Add(x, ys[i], formats[i % formats.Count], legend is not null && i < legend.Count ? legend[i] : null);
        return figure;
    }

    /// <summary>d2l's <c>plot</c> with a single curve; see the overload taking a list of curves.</summary>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values, as many as x.</param>
    /// <param name="xLabel">The x axis label.</param>
    /// <param name="yLabel">The y axis label.</param>
    /// <param name="legend">The legend entry, if any.</param>
    /// <param name="xLim">The visible x range; by default the data's.</param>
    /// <param name="yLim">The visible y range; by default the data's.</param>
    /// <param name="xScale">Linear or log x axis.</param>
    /// <param name="yScale">Linear or log y axis.</param>
    /// <param name="format">A matplotlib format string; by default a solid line.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    public static Figure Plot(PlotData x, PlotData y, string? xLabel = null, string? yLabel = null, string? legend = null,
        (double Min, double Max)? xLim = null, (double Min, double Max)? yLim = null, Scale xScale = Scale.Linear,
        Scale yScale = Scale.Linear, string format = "-", int width = 525, int height = 375) =>
        Plot(x, [y], xLabel, yLabel, legend is null ? null : [legend], xLim, yLim, xScale, yScale, [format], width, height);

    /// <summary>Adds the curve y over x (matplotlib's <c>axes.plot(x, y, fmt, label=...)</c>).</summary>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values, as many as x.</param>
    /// <param name="format">A matplotlib format string such as "m--"; by default a solid line in the next colour of the cycle.</param>
    /// <param name="label">The legend entry, or null to leave the curve out of the legend.</param>
    /// <returns>This figure, for chaining.</returns>
    /// <exception cref="ArgumentException">The lengths differ, or the format is not understood.</exception>
    public Figure Add(PlotData x, PlotData y, string? format = null, string? label = null)
    {
        if (x.Length != y.Length)
            throw new ArgumentException($"x has {x.Length} values but curve {curves.Count} has {y.Length}: they must match.", nameof(y));
        curves.Add(new Curve(x.Values, y.Values, LineFormat.Parse(format ?? "-"), label));
        return this;
    }

    /// <summary>Adds the curve y over its indices 0, 1, 2, ... (matplotlib's <c>plot(y)</c>).</summary>
    /// <param name="y">The y values.</param>
    /// <param name="format">A matplotlib format string; by default a solid line in the next colour of the cycle.</param>
    /// <param name="label">The legend entry, or null.</param>
    /// <returns>This figure, for chaining.</returns>
    public Figure Add(PlotData y, string? format = null, string? label = null) => Add(PlotData.Indices(y.Length), y, format, label);

    /// <summary>Adds a horizontal line across the plot at <paramref name="y"/> (matplotlib's <c>axhline</c>).</summary>
    /// <param name="y">Where the line crosses the y axis.</param>
    /// <param name="format">A matplotlib format string; black dashed by default, as d2l draws the true probability.</param>
    /// <param name="label">The legend entry, or null.</param>
    /// <returns>This figure, for chaining.</returns>
    public Figure HLine(double y, string format = "k--", string? label = null)
    {
        referenceLines.Add(new ReferenceLine(y, LineFormat.Parse(format), label));
        return this;
    }

    /// <summary>Writes the figure as a PNG of <see cref="Width"/> × <see cref="Height"/> pixels, creating the folder if needed.</summary>
    /// <returns>The full path of the file written.</returns>
    public string SavePng(string path)
    {
        string full = Prepare(path);
        using var plot = ToScottPlot();
        plot.SavePng(full, Width, Height);
        return full;
    }

    /// <summary>Writes the figure as an SVG document of <see cref="Width"/> × <see cref="Height"/> pixels, creating the folder if needed.</summary>
    /// <returns>The full path of the file written.</returns>
    public string SaveSvg(string path)
    {
        string full = Prepare(path);
        using var plot = ToScottPlot();
        File.WriteAllText(full, plot.GetSvgXml(Width, Height));
        return full;
    }

    /// <summary>
    /// A new ScottPlot <see cref="ScottPlot.Plot"/> drawing this figure: one <see cref="ScottPlot.Plottables.BarPlot"/>
    /// per bar series (and a <see cref="ScottPlot.Plottables.Text"/> per value label), one <see cref="ScottPlot.Plottables.Scatter"/> per curve, one
    /// <see cref="ScottPlot.Plottables.HorizontalLine"/> per reference line, limits set.
    /// For customising beyond this class, or for inspection; dispose it when done.
    /// </summary>
    /// <remarks>On a log axis the plot holds log10 of the values (ScottPlot has no log axis): ticks are labelled 10ⁿ.</remarks>
    /// <exception cref="ArgumentException">Limits of a log axis are not positive.</exception>
    /// <exception cref="InvalidOperationException">The category axis of a bar chart has a log scale.</exception>
    public ScottPlot.Plot ToScottPlot()
    {
        var plot = new ScottPlot.Plot();
        Style.Apply(plot);
        var (x0, x1, y0, y1) = ViewLimits();
        var drawn = DrawBars(plot, HorizontalBars ? x0 : y0);
        int cycle = 0;
        foreach (var curve in curves)
        {
            var scatter = plot.Add.Scatter(Transform(curve.X, XScale), Transform(curve.Y, YScale));
            Style.Line(scatter, curve.Format, curve.Format.Color ?? LineFormat.Cycle[cycle++ % LineFormat.Cycle.Length]);
            scatter.LegendText = curve.Label ?? "";
        }
        foreach (var line in referenceLines)
        {
            var color = line.Format.Color ?? LineFormat.Cycle[cycle++ % LineFormat.Cycle.Length];
            var h = plot.Add.HorizontalLine(Transform(line.Y, YScale), LineFormat.LineWidth, color, line.Format.Pattern ?? LinePattern.Solid);
            h.LegendText = line.Label ?? "";
        }
        // Value labels stay readable over curves, as matplotlib's bar_label text sits above lines.
        foreach (var label in drawn.Select(d => d.Label).OfType<ScottPlot.Plottables.Text>()) plot.MoveToFront(label);
        if (XLabel is not null) plot.XLabel(XLabel);
        if (YLabel is not null) plot.YLabel(YLabel);
        if (Title is not null) plot.Title(Title);
        Style.Ticks(plot.Axes.Bottom, XScale);
        Style.Ticks(plot.Axes.Left, YScale);
        if (bars.Count > 0) CategoryAxis(plot);
        if (!Grid) plot.HideGrid();

        plot.Axes.SetLimits(x0, x1, y0, y1);
        var area = Style.EstimatedDataArea(Width, Height);
        var labelPixels = new double[drawn.Count];
        if (bars.Count > 0)
        {
            // Laid out once at the figure's size: category names take a share of it no estimate knows,
            // and value labels need the values' axis length in pixels.
            plot.RenderInMemory(Width, Height);
            area = (plot.LastRender.DataRect.Width, plot.LastRender.DataRect.Height);
            if (BarLabelFormat is not null)
            {
                labelPixels = MeasureBarLabels(drawn);
                if ((HorizontalBars ? XLim : YLim) is null)
                {
                    (x0, x1, y0, y1) = WidenForBarLabels(drawn, labelPixels, HorizontalBars ? area.Width : area.Height, (x0, x1, y0, y1));
                    plot.Axes.SetLimits(x0, x1, y0, y1);
                }
            }
        }

        var labels = bars.Select(b => b.Label).Concat(curves.Select(c => c.Label)).Concat(referenceLines.Select(l => l.Label)).OfType<string>().ToList();
        if (labels.Count > 0)
        {
            var shapes = BarOutlines(drawn, labelPixels, HorizontalBars ? area.Width : area.Height, (x0, x1, y0, y1))
                .Concat(curves.Select(c => (Transform(c.X, XScale), Transform(c.Y, YScale))));
            plot.ShowLegend(Style.BestLegendCorner(shapes, (x0, x1, y0, y1), labels, area));
        }
        return plot;
    }

    /// <summary>The visible ranges in axis units: as requested, or fitted to the curves, reference lines and bars.</summary>
    private (double X0, double X1, double Y0, double Y1) ViewLimits()
    {
        IEnumerable<double> xs = curves.SelectMany(c => c.X), ys = curves.SelectMany(c => c.Y).Concat(referenceLines.Select(l => l.Y));
        var (x, y) = bars.Count == 0 ? (Limits(XLim, XScale, xs), Limits(YLim, YScale, ys))
            : HorizontalBars ? (ValueLimits(XLim, XScale, xs), CategoryLimits(YLim, YScale, ys, nameof(YScale)))
            : (CategoryLimits(XLim, XScale, xs, nameof(XScale)), ValueLimits(YLim, YScale, ys));
        return (x.Min, x.Max, y.Min, y.Max);
    }

    private static string Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } folder) Directory.CreateDirectory(folder);
        return full;
    }

    private static double Transform(double v, Scale scale) => scale == Scale.Log ? (v > 0 ? Math.Log10(v) : double.NaN) : v;

    private static double[] Transform(double[] values, Scale scale) =>
        scale == Scale.Log ? Array.ConvertAll(values, v => Transform(v, scale)) : values;

    /// <summary>
    /// The requested range, or the data's with a 5% margin on each side; in axis units (log10 on a log axis).
    /// The margin does not cross <paramref name="sticky"/> when the data lie on one side of it, so bars
    /// rising from 0 start at the edge of the axis, as in matplotlib.
    /// </summary>
    private static (double Min, double Max) Limits((double Min, double Max)? requested, Scale scale, IEnumerable<double> data, double? sticky = null)
    {
        if (requested is var (lo, hi))
        {
            if (scale == Scale.Log && (lo <= 0 || hi <= 0))
                throw new ArgumentException($"Limits ({lo}, {hi}) of a log axis must be positive.");
            return (Transform(lo, scale), Transform(hi, scale));
        }
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double raw in data)
        {
            double v = Transform(raw, scale);
            if (!double.IsFinite(v)) continue;
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        if (min > max) return (0, 1);  // nothing finite to show: matplotlib's empty axes
        double margin = max > min ? 0.05 * (max - min) : Math.Max(Math.Abs(min) * 0.05, 0.05);
        double low = min - margin, high = max + margin;
        if (sticky is double edge && max > min)
        {
            if (min >= edge) low = Math.Max(low, edge);
            if (max <= edge) high = Math.Min(high, edge);
        }
        return (low, high);
    }
}
