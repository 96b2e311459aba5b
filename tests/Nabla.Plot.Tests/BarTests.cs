using System.Xml.Linq;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace Nabla.Plot.Tests;

/// <summary>Grouped bar charts, read back from their pixels, their SVG and the ScottPlot plot behind them.</summary>
public class BarTests : IDisposable
{
    private const string C0 = "#1f77b4", C1 = "#ff7f0e";
    private static readonly string[] Abc = ["a", "b", "c"];

    private readonly string folder = Directory.CreateTempSubdirectory("nabla-plot-bars-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static SKBitmap Render(ScottPlot.Plot plot, int width, int height) =>
        Png.Decode(plot.GetImageBytes(width, height, ImageFormat.Png));

    /// <summary>The pixel rows (or columns) a colour fills along a line through the image: its first and last index.</summary>
    private static (int First, int Last) Extent(SKBitmap image, string hex, int fixedCoordinate, bool alongX)
    {
        int first = -1, last = -1, n = alongX ? image.Width : image.Height;
        for (int i = 0; i < n; i++)
        {
            var box = alongX ? new SKRectI(i, fixedCoordinate, i + 1, fixedCoordinate + 1) : new SKRectI(fixedCoordinate, i, fixedCoordinate + 1, i + 1);
            if (Png.CountNear(image, hex, 30, box) == 0) continue;
            if (first < 0) first = i;
            last = i;
        }
        return (first, last);
    }

    [Fact]
    public void VerticalBars_StandSideBySide_WithHeightsProportionalToTheValues()
    {
        var figure = Figure.Bar(Abc, [("x", new double[] { 1, 2, 3 }), ("y", new double[] { 3, 2, 1 })], yLabel: "value", width: 600, height: 400);
        Assert.Equal(2, figure.SeriesCount);
        Assert.Equal(Abc, figure.Categories);
        string path = figure.SavePng(Path.Combine(folder, "bars.png"));
        Assert.Equal((600, 400), Png.ReadHeader(path));

        using var plot = figure.ToScottPlot();
        using var image = Render(plot, 600, 400);
        var limits = plot.Axes.GetLimits();
        Assert.Equal(0, limits.Bottom);                      // bars rise from the bottom edge, as in matplotlib
        Assert.Equal((-0.5, 2.5), (limits.Left, limits.Right));
        Assert.Equal(["a", "b", "c"], plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label));

        int zero = (int)Math.Round(plot.GetPixel(new Coordinates(0, 0)).Y), unit = zero - (int)Math.Round(plot.GetPixel(new Coordinates(0, 1)).Y);
        double[][] values = [[1, 2, 3], [3, 2, 1]];
        string[] colours = [C0, C1];
        for (int s = 0; s < 2; s++)
            for (int c = 0; c < 3; c++)
            {
                // Series 0 stands left of its category's centre, series 1 right of it.
                int column = (int)Math.Round(plot.GetPixel(new Coordinates(c + (s == 0 ? -0.2 : 0.2), 0)).X);
                var (top, bottom) = Extent(image, colours[s], column, alongX: false);
                Assert.True(Math.Abs(bottom - zero) <= 2, $"bar {s}/{c} ends at row {bottom}, the axis is at {zero}");
                Assert.Equal(values[s][c] * unit, bottom - top + 1, 2.5);
                Assert.Equal(0, Png.CountNear(image, colours[1 - s], 30, new SKRectI(column, 0, column + 1, image.Height)));
            }
        // Grid lines cross the values' axis only: none runs down through the bars.
        Assert.False(plot.Grid.XAxisStyle.IsVisible);
        Assert.True(plot.Grid.YAxisStyle.IsVisible);
    }

    [Fact]
    public void HorizontalBars_PutTheFirstCategoryOnTop_AndFitLongNames()
    {
        string[] names = ["core/Clone() 16e6 f32", "math/add 1e6, new tensor", "mlp/MLP 784→256→10, batch 256, one SGD step"];
        var figure = Figure.Bar(names, [("Nabla", new double[] { 25, 70, 128 }), ("limit", new double[] { 45, 126, 200 })],
            xLabel: "GB/s", horizontal: true, width: 900, height: 300);
        using var plot = figure.ToScottPlot();
        using var image = Render(plot, 900, 300);
        var ticks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).OrderByDescending(t => t.Position).Select(t => t.Label);
        Assert.Equal(names, ticks);
        Assert.Equal(0, plot.Axes.GetLimits().Left);
        Assert.False(plot.Grid.YAxisStyle.IsVisible);

        // The first category's bars are the highest in the image, and the series' order holds within it: Nabla above the limit.
        int Row(double value, int category, int series)
        {
            int column = (int)Math.Round(plot.GetPixel(new Coordinates(value / 2, 0)).X);
            int centre = (int)Math.Round(plot.GetPixel(new Coordinates(0, 2 - category + (series == 0 ? 0.2 : -0.2))).Y);
            var (first, last) = Extent(image, series == 0 ? C0 : C1, column, alongX: false);
            Assert.True(first <= centre && centre <= last, $"no bar {series} of category {category} at row {centre} (colour spans {first}..{last})");
            return centre;
        }
        Assert.True(Row(25, 0, 0) < Row(45, 0, 1));
        Assert.True(Row(45, 0, 1) < Row(70, 1, 0));

        // The longest name fits left of the data area: dark text pixels start inside the image, not cut at its edge.
        var area = plot.LastRender.DataRect;
        int text = Png.CountNear(image, "#000000", 360, new SKRectI(0, 0, (int)area.Left - 6, image.Height));
        Assert.True(text > 300, $"only {text} dark pixels left of the data area: are the category names drawn?");
        Assert.Equal(0, Png.CountNear(image, "#000000", 360, new SKRectI(0, 0, 2, image.Height)));
    }

    [Fact]
    public void ValueLabels_AreFormatted_AndFitInsideTheDataArea()
    {
        var figure = Figure.Bar(Abc, [("x", new double[] { 0.428, 41, 1234.5 })], horizontal: true, labelFormat: "G3", width: 525, height: 300);
        using var plot = figure.ToScottPlot();
        using var image = Render(plot, 525, 300);
        Assert.Equal(["0.428", "41", "1.23E+03"], plot.GetPlottables<Text>().Select(t => t.LabelStyle.Text));

        // The axis is widened past the longest bar so its label ends inside the frame.
        var area = plot.LastRender.DataRect;
        Assert.True(plot.Axes.GetLimits().Right > 1234.5 * 1.1, $"the axis ends at {plot.Axes.GetLimits().Right}");
        var end = plot.GetPixel(new Coordinates(1234.5, 0));
        int rowTop = (int)end.Y - 12, rowBottom = (int)end.Y + 12;
        int label = Png.CountNear(image, "#000000", 360, new SKRectI((int)end.X + 2, rowTop, (int)area.Right - 1, rowBottom));
        Assert.True(label > 40, $"only {label} dark pixels after the longest bar: is its label drawn?");
        Assert.Equal(0, Png.CountNear(image, "#000000", 360, new SKRectI((int)area.Right + 2, rowTop, image.Width, rowBottom)));

        // Without a format no label is written, and the axis keeps matplotlib's 5% margin.
        using var plain = Figure.Bar(Abc, [("x", new double[] { 0.428, 41, 1234.5 })], horizontal: true).ToScottPlot();
        Assert.Empty(plain.GetPlottables<Text>());
        Assert.Equal(1234.5 * 1.05, plain.Axes.GetLimits().Right, 6);
    }

    [Fact]
    public void Legend_ListsTheLabelledSeries_InTheirColours()
    {
        var figure = new Figure()
            .AddBars(Abc, new double[] { 1, 2, 3 }, label: "first")
            .AddBars(Abc, new double[] { 1, 1, 1 })
            .AddBars(Abc, new double[] { 2, 2, 2 }, label: "third", color: "k");
        using var plot = figure.ToScottPlot();
        Assert.Equal(["first", "third"], plot.Legend.GetItems().Select(i => i.LabelText).Where(t => t.Length > 0));
        var colours = plot.GetPlottables<BarPlot>().Select(p => "#" + p.Bars[0].FillColor.ToHex()[1..7].ToLowerInvariant());
        Assert.Equal([C0, C1, "#000000"], colours);  // a named colour does not advance the cycle

        // Three series share each category's 0.8-wide slot.
        var positions = plot.GetPlottables<BarPlot>().Select(p => p.Bars[1].Position).ToList();
        Assert.Equal([Math.Round(1 - 0.8 / 3, 9), 1, Math.Round(1 + 0.8 / 3, 9)], positions.Select(p => Math.Round(p, 9)));
        Assert.All(plot.GetPlottables<BarPlot>().SelectMany(p => p.Bars), b => Assert.Equal(0.8 / 3, b.Size, 9));
    }

    [Fact]
    public void Legend_AvoidsBarsAndLabels_InTheDataAreaLeftByLongNames()
    {
        // Long names leave the bars about 60% of the width. Sized against the whole figure, the legend box
        // would look small enough for the upper right, where it would hide the top bar's label.
        string[] names = [.. Enumerable.Range(1, 4).Select(i => $"{new string('x', 45)} {i}")];
        var figure = Figure.Bar(names, [("Nabla", new double[] { 83, 10, 10, 10 }), ("limit: the fastest baseline", new double[] { 75, 10, 10, 123 })],
            horizontal: true, labelFormat: "G3", width: 1000, height: 400);
        using var plot = figure.ToScottPlot();
        Assert.Equal(Alignment.MiddleRight, plot.Legend.Alignment);
    }

    [Fact]
    public void Colours_AcceptLettersCycleNamesAndHex()
    {
        var figure = Figure.Bar(["a"], [("p", new double[] { 1 }), ("q", new double[] { 2 }), ("r", new double[] { 3 }), ("s", new double[] { 4 })],
            colors: ["C7", "#123456", "g"]);
        using var plot = figure.ToScottPlot();
        var colours = plot.GetPlottables<BarPlot>().Select(p => "#" + p.Bars[0].FillColor.ToHex()[1..7].ToLowerInvariant());
        Assert.Equal(["#7f7f7f", "#123456", "#008000", C0], colours);   // past the list, the cycle starts at C0

        foreach (string bad in new[] { "C", "C10", "#12345", "#12345g", "purple" })
        {
            var e = Assert.Throws<ArgumentException>(() => new Figure().AddBars(Abc, new double[] { 1, 2, 3 }, color: bad));
            Assert.Contains($"\"{bad}\"", e.Message);
            Assert.Equal("color", e.ParamName);
        }
    }

    [Fact]
    public void MissingValues_LeaveTheirBarOut()
    {
        var figure = Figure.Bar(Abc, [("x", new double[] { 1, double.NaN, 3 }), ("y", new double[] { 0, 2, 1 })]);
        using var plot = figure.ToScottPlot();
        var bars = plot.GetPlottables<BarPlot>().ToList();
        Assert.Equal([0.0, 2.0], bars[0].Bars.Select(b => b.Position - -0.2).Select(p => Math.Round(p, 9)));
        Assert.Equal(3, bars[1].Bars.Count);

        // All-zero values still give an axis of some height.
        using var zeros = Figure.Bar(Abc, [("x", new double[] { 0, 0, 0 })]).ToScottPlot();
        var limits = zeros.Axes.GetLimits();
        Assert.True(limits.Top > limits.Bottom);
    }

    [Fact]
    public void LogValueAxis_BarsRiseFromTheBottomOfTheAxis()
    {
        var figure = Figure.Bar(Abc, [("rate", new double[] { 0.5, 50, 5000 }), ("limit", new double[] { 2, 0, 8000 })], valueScale: Scale.Log);
        using var plot = figure.ToScottPlot();
        using var image = Render(plot, 525, 375);
        var limits = plot.Axes.GetLimits();
        var bars = plot.GetPlottables<BarPlot>().ToList();
        Assert.Equal([Math.Log10(0.5), Math.Log10(50), Math.Log10(5000)], bars[0].Bars.Select(b => b.Value));
        Assert.All(bars.SelectMany(p => p.Bars), b => Assert.Equal(limits.Bottom, b.ValueBase));
        Assert.True(limits.Bottom < Math.Log10(0.5));
        Assert.Equal(2, bars[1].Bars.Count);                 // 0 has no logarithm: left out, as matplotlib masks it
        Assert.Contains("10²", plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label));

        // log10 0.5 < 0, yet the label still follows the bar's end (ScottPlot's own bar labels would flip to its base).
        using var horizontal = Figure.Bar(Abc, [("rate", new double[] { 0.5, 50, 5000 })], horizontal: true, valueScale: Scale.Log, labelFormat: "G3").ToScottPlot();
        using var picture = Render(horizontal, 525, 375);
        var end = horizontal.GetPixel(new Coordinates(Math.Log10(0.5), 2));     // the first category is on top, at position 2
        int label = Png.CountNear(picture, "#000000", 360, new SKRectI((int)end.X + 2, (int)end.Y - 10, (int)end.X + 40, (int)end.Y + 10));
        Assert.True(label > 20, $"only {label} dark pixels after the bar of 0.5");

        var e = Assert.Throws<InvalidOperationException>(() => new Figure { XScale = Scale.Log }.AddBars(Abc, new double[] { 1, 2, 3 }).ToScottPlot());
        Assert.Contains("category axis", e.Message);
        Assert.Contains("XScale", e.Message);
    }

    [Fact]
    public void CurvesAndReferenceLines_ShareTheBarsAxes()
    {
        var figure = Figure.Bar(Abc, [("x", new double[] { 1, 2, 3 })]).HLine(4, label: "limit").Add(new double[] { 0, 1, 2 }, new double[] { 1, 2, 3 }, "k-");
        using var plot = figure.ToScottPlot();
        var limits = plot.Axes.GetLimits();
        Assert.Equal(4 * 1.05, limits.Top, 9);               // the reference line is in view
        Assert.Equal((-0.5, 2.5), (limits.Left, limits.Right));
        Assert.Equal(2, figure.SeriesCount);
        Assert.Equal(["x", "limit"], plot.Legend.GetItems().Select(i => i.LabelText).Where(t => t.Length > 0));
    }

    [Fact]
    public void SaveSvg_HasOneRectanglePerBarAndLegendSwatch_AndTheCategoryNames()
    {
        var svg = XDocument.Load(Figure.Bar(Abc, [("x", new double[] { 1, 2, 3 }), ("y", new double[] { 3, double.NaN, 1 })])
            .SaveSvg(Path.Combine(folder, "bars.svg")));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var fills = svg.Descendants(ns + "rect").Select(r => ((string?)r.Attribute("fill"))?.ToLowerInvariant()).ToList();
        Assert.Equal(3 + 1, fills.Count(f => f == C0));
        Assert.Equal(2 + 1, fills.Count(f => f == C1));
        var texts = svg.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains("a", texts);
        Assert.Contains("c", texts);
    }

    [Fact]
    public void Inputs_TensorsAndArraysBothWork()
    {
        var rates = Tensor.Arange(1.0, 4.0, 1.0, requiresGrad: true) * 2;   // still attached to the graph: no Detach needed
        var figure = Figure.Bar(Abc, [("tensor", rates), ("array", new float[] { 1, 2, 3 }), ("list", new List<double> { 3, 2, 1 })]);
        Assert.Equal(3, figure.SeriesCount);
        using var plot = figure.ToScottPlot();
        Assert.Equal([2.0, 4, 6], plot.GetPlottables<BarPlot>().First().Bars.Select(b => b.Value));
    }

    [Fact]
    public void Errors_NameWhatIsWrong()
    {
        var e = Assert.Throws<ArgumentException>(() => Figure.Bar(Abc, [("Nabla", new double[] { 1, 2 })]));
        Assert.Equal("Bar series 0 (\"Nabla\") has 2 values for 3 categories: they must match.", e.Message[..e.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]);
        Assert.Equal("values", e.ParamName);

        e = Assert.Throws<ArgumentException>(() => Figure.Bar(Abc, []));
        Assert.Contains("at least one series", e.Message);
        Assert.Equal("series", e.ParamName);

        e = Assert.Throws<ArgumentException>(() => new Figure().AddBars([], new double[0]));
        Assert.Contains("Bar series 0 has no categories", e.Message);
        Assert.Equal("categories", e.ParamName);

        e = Assert.Throws<ArgumentException>(() => new Figure().AddBars(["a", null!], new double[] { 1, 2 }));
        Assert.Contains("null category", e.Message);

        var figure = new Figure().AddBars(Abc, new double[] { 1, 2, 3 });
        e = Assert.Throws<ArgumentException>(() => figure.AddBars(["a", "b", "d"], new double[] { 1, 2, 3 }, "second"));
        Assert.Contains("Bar series 1 (\"second\") has categories [a, b, d] but the earlier series have [a, b, c]", e.Message);
        Assert.Equal(1, figure.SeriesCount);                  // a rejected series is not added

        Assert.Throws<ArgumentNullException>(() => new Figure().AddBars(null!, new double[] { 1 }));
        Assert.Throws<ArgumentNullException>(() => Figure.Bar(Abc, null!));
    }
}
