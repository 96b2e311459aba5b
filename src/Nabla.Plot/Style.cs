using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Nabla.Plot;

/// <summary>The matplotlib look of d2l's figures, applied to a ScottPlot plot.</summary>
internal static class Style
{
    /// <summary>Text sizes in pixels, chosen so the default 525 × 375 figure reads like d2l's.</summary>
    private const float TickFontSize = 13, LabelFontSize = 15, LegendFontSize = 13;

    static Style() => Fonts.FontResolvers.Insert(0, new EmbeddedFont());

    public static void Apply(ScottPlot.Plot plot)
    {
        plot.Font.Set(EmbeddedFont.Family);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            axis.Label.Bold = false;
            axis.Label.FontSize = LabelFontSize;
            axis.TickLabelStyle.FontSize = TickFontSize;
            axis.Label.FontName = axis.TickLabelStyle.FontName = EmbeddedFont.Family;
        }
        plot.Axes.Title.Label.Bold = false;
        plot.Axes.Title.Label.FontSize = LabelFontSize + 1;
        plot.Grid.MajorLineColor = Color.FromHex("#b0b0b0").WithAlpha(0.6);
        plot.Grid.MajorLineWidth = 0.8f;
        plot.Legend.FontName = EmbeddedFont.Family;
        plot.Legend.FontSize = LegendFontSize;
        plot.Legend.OutlineColor = Color.FromHex("#cccccc");
        plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.SetBestFontOnEachRender = false;
    }

    /// <summary>A bar's value label in the tick labels' font and size.</summary>
    public static void BarLabel(LabelStyle style)
    {
        style.FontName = EmbeddedFont.Family;
        style.FontSize = TickFontSize;
    }

    public static void Line(ScottPlot.Plottables.Scatter scatter, LineFormat format, Color color)
    {
        scatter.Color = color;
        scatter.LineWidth = format.Pattern is null ? 0 : LineFormat.LineWidth;
        scatter.LinePattern = format.Pattern ?? LinePattern.Solid;
        scatter.MarkerShape = format.Marker;
        scatter.MarkerSize = format.Marker == MarkerShape.None ? 0 : 6;
    }

    /// <summary>
    /// A linear axis gets major ticks only (matplotlib draws no minor ticks); a log axis (which holds
    /// log10 values) gets ticks at whole powers of ten labelled 10ⁿ and minor ticks at 2·10ⁿ ... 9·10ⁿ.
    /// </summary>
    public static void Ticks(IAxis axis, Scale scale)
    {
        if (scale == Scale.Linear)
        {
            axis.MinorTickStyle.Length = 0;
            return;
        }
        axis.TickGenerator = new NumericAutomatic
        {
            IntegerTicksOnly = true,
            MinorTickGenerator = new LogMinorTickGenerator(),
            LabelFormatter = PowerOfTen,
        };
    }

    /// <summary>"10⁻³" for -3: matplotlib's log tick labels, written with superscript digits.</summary>
    internal static string PowerOfTen(double exponent)
    {
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        long e = (long)Math.Round(exponent);
        var digits = Math.Abs(e).ToString(System.Globalization.CultureInfo.InvariantCulture).Select(d => superscripts[d - '0']);
        return "10" + (e < 0 ? "⁻" : "") + string.Concat(digits);
    }

    /// <summary>The data area of a figure with ordinary tick labels: the figure less ~70 px of axes at left, ~55 at bottom.</summary>
    public static (double Width, double Height) EstimatedDataArea(int width, int height) => (width - 80, height - 65);

    /// <summary>
    /// matplotlib's <c>loc='best'</c>: the corner (or edge middle) whose legend-sized box covers the fewest
    /// data points, preferring upper right, upper left, lower left, lower right as matplotlib does.
    /// </summary>
    public static Alignment BestLegendCorner(IEnumerable<(double[] X, double[] Y)> curves, (double X0, double X1, double Y0, double Y1) view,
        IReadOnlyList<string> labels, (double Width, double Height) area)
    {
        // The legend's size as a fraction of the data area.
        var (areaWidth, areaHeight) = (Math.Max(area.Width, 50), Math.Max(area.Height, 50));
        double boxWidth = Math.Min(1, (40 + labels.Max(l => l.Length) * LegendFontSize * 0.6) / areaWidth);
        double boxHeight = Math.Min(1, (12 + labels.Count * LegendFontSize * 1.5) / areaHeight);
        (Alignment Where, double Left, double Bottom)[] candidates =
        [
            (Alignment.UpperRight, 1 - boxWidth, 1 - boxHeight), (Alignment.UpperLeft, 0, 1 - boxHeight),
            (Alignment.LowerLeft, 0, 0), (Alignment.LowerRight, 1 - boxWidth, 0),
            (Alignment.MiddleRight, 1 - boxWidth, (1 - boxHeight) / 2), (Alignment.MiddleLeft, 0, (1 - boxHeight) / 2),
            (Alignment.LowerCenter, (1 - boxWidth) / 2, 0), (Alignment.UpperCenter, (1 - boxWidth) / 2, 1 - boxHeight),
            (Alignment.MiddleCenter, (1 - boxWidth) / 2, (1 - boxHeight) / 2),
        ];
        var counts = new int[candidates.Length];
        foreach (var (xs, ys) in curves)
            for (int i = 0; i < xs.Length; i++)
            {
                // Sample each segment so sparse curves still count where their lines pass.
                int steps = i + 1 < xs.Length ? 8 : 1;
                for (int s = 0; s < steps; s++)
                {
                    double t = (double)s / steps;
                    double x = s == 0 ? xs[i] : xs[i] + t * (xs[i + 1] - xs[i]), y = s == 0 ? ys[i] : ys[i] + t * (ys[i + 1] - ys[i]);
                    double u = (x - view.X0) / (view.X1 - view.X0), v = (y - view.Y0) / (view.Y1 - view.Y0);
                    if (!double.IsFinite(u) || !double.IsFinite(v)) continue;
                    for (int c = 0; c < candidates.Length; c++)
                        if (u >= candidates[c].Left && u <= candidates[c].Left + boxWidth && v >= candidates[c].Bottom && v <= candidates[c].Bottom + boxHeight)
                            counts[c]++;
                }
            }
        int best = 0;
        for (int c = 1; c < candidates.Length; c++)
            if (counts[c] < counts[best]) best = c;
        return candidates[best].Where;
    }

    /// <summary>Serves the embedded DejaVu Sans, so text renders on machines without system fonts.</summary>
    private sealed class EmbeddedFont : IFontResolver
    {
        public const string Family = "DejaVu Sans";
        private static readonly Lazy<SKData> Data = new(() =>
        {
            using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("Nabla.Plot.Fonts.DejaVuSans.ttf")
                ?? throw new InvalidOperationException("The embedded font Nabla.Plot.Fonts.DejaVuSans.ttf is missing.");
            return SKData.Create(stream);
        });

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) => Create(fontName);

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => Create(fontName);

        private static SKTypeface? Create(string fontName) =>
            string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase) ? SKTypeface.FromData(Data.Value) : null;
    }
}
