using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using Rgb = ScottPlot.Color;

namespace Nabla.Plot;

// Grouped bar charts: matplotlib's bar and barh, with the bars of several series side by side in each category.
public sealed partial class Figure
{
    /// <summary>The share of a category's slot its group of bars fills (matplotlib's default bar width).</summary>
    private const double GroupWidth = 0.8;

    /// <summary>Pixels between a bar's far end and its value label, and between the label and the edge of the data area.</summary>
    private const double LabelOffset = 5, LabelPadding = 4;

    private readonly record struct BarSeries(double[] Values, Rgb? Color, string? Label);

    private readonly List<BarSeries> bars = [];
    private string[] categories = [];

    /// <summary>The categories of the bar series (set by the first <see cref="AddBars"/>), or empty when there are no bars.</summary>
    public IReadOnlyList<string> Categories => categories;

    /// <summary>
    /// Whether bars lie along the x axis (matplotlib's <c>barh</c>), which leaves room for long category
    /// names; the first category is then at the top. When false (<c>bar</c>), bars rise from the x axis.
    /// </summary>
    /// <remarks>
    /// Category i sits at position i on the category axis of vertical bars and at n − 1 − i on that of
    /// horizontal bars, should a curve be drawn over them. <see cref="XLabel"/>, <see cref="XLim"/> and
    /// <see cref="XScale"/> always belong to the horizontal axis: the values' axis of horizontal bars.
    /// </remarks>
    public bool HorizontalBars { get; set; }

    /// <summary>
    /// A .NET numeric format (such as "0.0" or "G3") for the value written at the end of each bar, or null
    /// to write none. The values' axis is widened, unless its limits are set, so every label fits.
    /// </summary>
    public string? BarLabelFormat { get; set; }

    /// <summary>
    /// A grouped bar chart: for each category, one bar per series, side by side in the order given
    /// (matplotlib's <c>bar</c>, or <c>barh</c> when <paramref name="horizontal"/>), coloured from the tab10 cycle.
    /// </summary>
    /// <param name="categories">The category names, written along the category axis.</param>
    /// <param name="series">Each series' legend entry (null for none) and its values, one per category; NaN leaves a bar out.</param>
    /// <param name="xLabel">The x axis label (the values' label when <paramref name="horizontal"/>).</param>
    /// <param name="yLabel">The y axis label (the values' label unless <paramref name="horizontal"/>).</param>
    /// <param name="title">The title above the plot.</param>
    /// <param name="horizontal">Bars along the x axis, first category at the top: best for long category names.</param>
    /// <param name="labelFormat">A .NET numeric format for a value label at the end of each bar, such as "G3"; null for none.</param>
    /// <param name="valueLim">The visible range of the values' axis; by default from 0 (or the smallest value on a log axis) to the largest value.</param>
    /// <param name="valueScale">Linear or log values' axis (on a log axis, bars rise from the bottom of the axis).</param>
    /// <param name="colors">matplotlib colours per series: a letter (bgrcmykw), "C0" to "C9" or "#rrggbb"; series past the list's end take the next colour of the cycle.</param>
    /// <param name="width">Image width in pixels.</param>
    /// <param name="height">Image height in pixels.</param>
    /// <exception cref="ArgumentException">There are no series or no categories, a series' length differs from the number of categories, or a colour is not understood.</exception>
    public static Figure Bar(IReadOnlyList<string> categories, IReadOnlyList<(string? Label, PlotData Values)> series,
        string? xLabel = null, string? yLabel = null, string? title = null, bool horizontal = false, string? labelFormat = null,
        (double Min, double Max)? valueLim = null, Scale valueScale = Scale.Linear, IReadOnlyList<string>? colors = null,
        int width = 525, int height = 375)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0) throw new ArgumentException("A bar chart needs at least one series.", nameof(series));
        var figure = new Figure(width, height)
        {
            XLabel = xLabel, YLabel = yLabel, Title = title, HorizontalBars = horizontal, BarLabelFormat = labelFormat,
        };
        if (horizontal) (figure.XLim, figure.XScale) = (valueLim, valueScale);
        else (figure.YLim, figure.YScale) = (valueLim, valueScale);
        for (int i = 0; i < series.Count; i++)
            figure.AddBars(categories, series[i].Values, series[i].Label, colors is not null && i < colors.Count ? colors[i] : null);
        return figure;
    }

    /// <summary>
    /// Adds a series of bars, one per category (matplotlib's <c>axes.bar(categories, values, label=...)</c>).
    /// Series added one after another stand side by side within each category.
    /// </summary>
    /// <param name="categories">The category names; the first series sets them and later series must repeat them.</param>
    /// <param name="values">One value per category; NaN (or a value ≤ 0 on a log axis) leaves that bar out.</param>
    /// <param name="label">The legend entry, or null to leave the series out of the legend.</param>
    /// <param name="color">A matplotlib colour: a letter (bgrcmykw), "C0" to "C9" or "#rrggbb"; by default the next colour of the cycle (bars have their own cycle, as in matplotlib).</param>
    /// <returns>This figure, for chaining.</returns>
    /// <exception cref="ArgumentException">No categories, a null category, the lengths differ, the categories differ from the earlier series', or the colour is not understood.</exception>
    public Figure AddBars(IReadOnlyList<string> categories, PlotData values, string? label = null, string? color = null)
    {
        ArgumentNullException.ThrowIfNull(categories);
        string series = label is null ? $"Bar series {bars.Count}" : $"Bar series {bars.Count} (\"{label}\")";
        if (categories.Count == 0) throw new ArgumentException($"{series} has no categories: a bar chart needs at least one.", nameof(categories));
        if (categories.Any(c => c is null)) throw new ArgumentException($"{series} has a null category name.", nameof(categories));
        if (values.Length != categories.Count)
            throw new ArgumentException($"{series} has {values.Length} values for {categories.Count} categories: they must match.", nameof(values));
        if (bars.Count > 0 && !categories.SequenceEqual(this.categories))
            throw new ArgumentException(
                $"{series} has categories [{string.Join(", ", categories)}] but the earlier series have [{string.Join(", ", this.categories)}]: " +
                "every series of a grouped bar chart has the same categories.", nameof(categories));
        Rgb? rgb = color is null ? null : LineFormat.ParseColor(color, nameof(color));
        if (bars.Count == 0) this.categories = [.. categories];
        bars.Add(new BarSeries(values.Values, rgb, label));
        return this;
    }

    /// <summary>Where bar <paramref name="series"/> of category <paramref name="category"/> is centred on the category axis.</summary>
    private double BarPosition(int category, int series)
    {
        double offset = (series - (bars.Count - 1) / 2.0) * GroupWidth / bars.Count;
        return HorizontalBars ? categories.Length - 1 - category - offset : category + offset;
    }

    /// <summary>A bar as drawn, in axis units, and its value label if the figure writes them.</summary>
    private readonly record struct DrawnBar(ScottPlot.Bar Bar, ScottPlot.Plottables.Text? Label);

    /// <summary>
    /// One ScottPlot bar plot per series, each bar rising from 0 (from <paramref name="valueAxisMin"/> on a log
    /// axis), then the value labels past the bars' far ends.
    /// </summary>
    private List<DrawnBar> DrawBars(ScottPlot.Plot plot, double valueAxisMin)
    {
        var scale = HorizontalBars ? XScale : YScale;
        double barBase = scale == Scale.Log ? valueAxisMin : 0;
        var drawn = new List<(ScottPlot.Bar Bar, double Raw)>();
        int cycle = 0;
        for (int s = 0; s < bars.Count; s++)
        {
            var series = bars[s];
            var color = series.Color ?? LineFormat.Cycle[cycle++ % LineFormat.Cycle.Length];
            var list = new List<ScottPlot.Bar>();
            for (int c = 0; c < categories.Length; c++)
            {
                double value = Transform(series.Values[c], scale);
                if (!double.IsFinite(value)) continue;
                list.Add(new ScottPlot.Bar
                {
                    Position = BarPosition(c, s), Value = value, ValueBase = barBase, Size = GroupWidth / bars.Count,
                    FillColor = color, LineWidth = 0,
                });
                drawn.Add((list[^1], series.Values[c]));
            }
            var plottable = plot.Add.Bars(list);
            plottable.Horizontal = HorizontalBars;
            plottable.LegendText = series.Label ?? "";
        }
        // Labels are text plottables rather than ScottPlot's bar labels, which put a horizontal bar's label
        // on the wrong side whenever its value is negative, as log10 of a value below 1 is.
        return drawn.Select(d => new DrawnBar(d.Bar, BarLabelFormat is null ? null : ValueLabel(plot, d.Bar, d.Raw.ToString(BarLabelFormat, CultureInfo.InvariantCulture)))).ToList();
    }

    /// <summary>The text <paramref name="label"/> just past the far end of <paramref name="bar"/>.</summary>
    private ScottPlot.Plottables.Text ValueLabel(ScottPlot.Plot plot, ScottPlot.Bar bar, string label)
    {
        bool forward = bar.Value >= bar.ValueBase;
        var text = HorizontalBars ? plot.Add.Text(label, bar.Value, bar.Position) : plot.Add.Text(label, bar.Position, bar.Value);
        Style.BarLabel(text.LabelStyle);
        (text.Alignment, text.OffsetX, text.OffsetY) = (HorizontalBars, forward) switch
        {
            (true, true) => (Alignment.MiddleLeft, (float)LabelOffset, 0f),
            (true, false) => (Alignment.MiddleRight, -(float)LabelOffset, 0f),
            (false, true) => (Alignment.LowerCenter, 0f, -(float)LabelOffset),   // pixel rows grow downwards
            (false, false) => (Alignment.UpperCenter, 0f, (float)LabelOffset),
        };
        return text;
    }

    /// <summary>Category names as the ticks of the category axis, and grid lines across the values' axis only.</summary>
    private void CategoryAxis(ScottPlot.Plot plot)
    {
        var positions = Enumerable.Range(0, categories.Length).Select(c => HorizontalBars ? categories.Length - 1 - c : (double)c).ToArray();
        var axis = HorizontalBars ? (IAxis)plot.Axes.Left : plot.Axes.Bottom;
        axis.TickGenerator = new NumericManual(positions, categories);
        // Grid lines along the categories would run through the bars.
        (HorizontalBars ? plot.Grid.YAxisStyle : plot.Grid.XAxisStyle).IsVisible = false;
    }

    /// <summary>The category axis: −0.5 to n − 0.5, widened to any curve drawn over the bars.</summary>
    /// <exception cref="InvalidOperationException">The category axis has a log scale.</exception>
    private (double Min, double Max) CategoryLimits((double Min, double Max)? requested, Scale scale, IEnumerable<double> curves, string property)
    {
        if (scale == Scale.Log)
            throw new InvalidOperationException(
                $"The category axis of a bar chart cannot be logarithmic: set {property} to Scale.Linear (the values' axis may be Scale.Log).");
        if (requested is var (lo, hi)) return (lo, hi);
        double min = -0.5, max = categories.Length - 0.5;
        foreach (double v in curves)
            if (double.IsFinite(v)) (min, max) = (Math.Min(min, v), Math.Max(max, v));
        return (min, max);
    }

    /// <summary>The values' axis: fitted to the bars and any curves, starting at 0 on a linear axis.</summary>
    private (double Min, double Max) ValueLimits((double Min, double Max)? requested, Scale scale, IEnumerable<double> curves)
    {
        var values = curves.Concat(bars.SelectMany(b => b.Values));
        return scale == Scale.Log ? Limits(requested, scale, values) : Limits(requested, scale, values.Append(0), sticky: 0);
    }

    /// <summary>Each bar's value label length in pixels along the values' axis, with its offset and padding (0 without a label).</summary>
    private double[] MeasureBarLabels(List<DrawnBar> drawn)
    {
        using var paint = Paint.NewDisposablePaint();
        return drawn.Select(d =>
        {
            if (d.Label is null) return 0;
            var size = d.Label.LabelStyle.Measure(d.Label.LabelStyle.Text, paint);
            return (HorizontalBars ? size.Width : size.Height) + LabelOffset + LabelPadding;
        }).ToArray();
    }

    /// <summary>Widens the values' axis so each bar's label fits between the bar's end and the edge of the data area.</summary>
    private (double X0, double X1, double Y0, double Y1) WidenForBarLabels(List<DrawnBar> drawn, double[] labelPixels, double axisPixels,
        (double X0, double X1, double Y0, double Y1) view)
    {
        var (lo, hi) = HorizontalBars ? (view.X0, view.X1) : (view.Y0, view.Y1);
        var (newLo, newHi) = (lo, hi);
        for (int i = 0; i < drawn.Count; i++)
        {
            double need = labelPixels[i], value = drawn[i].Bar.Value;
            if (need >= axisPixels / 2) continue;  // a label half as long as the axis cannot be made to fit
            // The axis end e at which the label just fits: (e − value) · axisPixels / (e − other end) = need.
            if (value >= drawn[i].Bar.ValueBase) newHi = Math.Max(newHi, (value * axisPixels - need * lo) / (axisPixels - need));
            else newLo = Math.Min(newLo, (value * axisPixels - need * hi) / (axisPixels - need));
        }
        return HorizontalBars ? (newLo, newHi, view.Y0, view.Y1) : (view.X0, view.X1, newLo, newHi);
    }

    /// <summary>
    /// Each drawn bar, with its value label, as three lines from its base to its far end (its middle and
    /// long edges), for placing the legend where it hides the least.
    /// </summary>
    private IEnumerable<(double[] X, double[] Y)> BarOutlines(List<DrawnBar> drawn, double[] labelPixels, double axisPixels,
        (double X0, double X1, double Y0, double Y1) view)
    {
        double unitsPerPixel = HorizontalBars ? (view.X1 - view.X0) / axisPixels : (view.Y1 - view.Y0) / axisPixels;
        for (int i = 0; i < drawn.Count; i++)
        {
            var bar = drawn[i].Bar;
            double end = bar.Value + (bar.Value >= bar.ValueBase ? 1 : -1) * labelPixels[i] * unitsPerPixel;
            foreach (double p in (double[])[bar.Position - bar.Size / 2, bar.Position, bar.Position + bar.Size / 2])
                yield return HorizontalBars ? ([bar.ValueBase, end], [p, p]) : ([p, p], [bar.ValueBase, end]);
        }
    }
}
