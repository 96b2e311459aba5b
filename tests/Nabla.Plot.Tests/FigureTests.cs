using System.Xml.Linq;
using Nabla.Plot;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace Nabla.Plot.Tests;

/// <summary>Figures are read back from their files: PNG header and pixels, SVG elements, and the ScottPlot plot behind them.</summary>
public class FigureTests : IDisposable
{
    // The colours of d2l's default formats '-', 'm--', 'g-.', 'r:' (the first is matplotlib's C0).
    private static readonly string[] DefaultColors = ["#1f77b4", "#bf00bf", "#008000", "#ff0000"];

    private readonly string folder = Directory.CreateTempSubdirectory("nabla-plot-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Tensor X => Tensor.Arange(0.0, 3.0, 0.1);

    /// <summary>The section 2.4 tangent figure's curves, then two more.</summary>
    private static PlotData[] Curves(int n) =>
        new PlotData[] { 3 * X.Pow(2) - 4 * X, 2 * X - 3, X.Sin(), X.Cos() }[..n];

    private static SKBitmap Render(ScottPlot.Plot plot, int width, int height) =>
        Png.Decode(plot.GetImageBytes(width, height, ImageFormat.Png));

    [Theory]
    [InlineData(525, 375)]
    [InlineData(800, 600)]
    [InlineData(320, 240)]
    public void SavePng_WritesAValidPngOfTheRequestedSize(int width, int height)
    {
        string path = Figure.Plot(X, Curves(2), xLabel: "x", yLabel: "f(x)", width: width, height: height)
            .SavePng(Path.Combine(folder, "nested", "out", "tangent.png"));
        Assert.Equal(Path.Combine(folder, "nested", "out", "tangent.png"), path);
        Assert.Equal((width, height), Png.ReadHeader(path));
        using var image = Png.Decode(path);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.True(Png.CountNear(image, "#ffffff", 0) < width * height * 0.97, "the image is blank");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SeriesCount_IsAsRequested_InThePlotAndInThePixels(int n)
    {
        var legend = new[] { "f(x)", "Tangent line (x=1)", "sin", "cos" }[..n];
        var figure = Figure.Plot(X, Curves(n), legend: legend);
        Assert.Equal(n, figure.SeriesCount);
        using var plot = figure.ToScottPlot();
        Assert.Equal(n, plot.GetPlottables<Scatter>().Count());
        Assert.Equal(legend, plot.Legend.GetItems().Select(i => i.LabelText));

        using var image = Png.Decode(figure.SavePng(Path.Combine(folder, $"series{n}.png")));
        for (int i = 0; i < DefaultColors.Length; i++)
        {
            int pixels = Png.CountNear(image, DefaultColors[i]);
            if (i < n) Assert.True(pixels > 50, $"series {i} ({DefaultColors[i]}) has only {pixels} pixels");
            else Assert.True(pixels < 5, $"no series {i} was requested, yet {pixels} pixels have its colour {DefaultColors[i]}");
        }
    }

    [Fact]
    public void SaveSvg_IsWellFormedXml_WithOnePathPerSeries()
    {
        var figure = Figure.Plot(X, Curves(3), xLabel: "x", yLabel: "f(x)", legend: ["f(x)", "Tangent line (x=1)", "sin"], width: 600, height: 400)
            .HLine(0.5);
        var svg = XDocument.Load(figure.SaveSvg(Path.Combine(folder, "figure.svg")));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(("600", "400"), ((string?)svg.Root.Attribute("width"), (string?)svg.Root.Attribute("height")));

        // Each curve and reference line is one path in a group clipped to the data area (the legend is the last such group).
        var clipped = svg.Root.Elements(ns + "g").Where(g => g.Attribute("clip-path") is not null).ToList();
        var series = clipped.Where(g => g.Elements().Count() == 1 && g.Elements().Single().Name == ns + "path").ToList();
        Assert.Equal(4, series.Count);
        var colours = series.Take(3).Select(g => g.Elements().Single())
            .Select(p => (string?)p.Attribute("stroke") is { } s && s != "none" ? s : (string?)p.Attribute("fill"))
            .Select(c => c!.ToLowerInvariant() switch { "green" => "#008000", "red" => "#ff0000", "black" => "#000000", var hex => hex });  // Skia writes SVG colour names where one exists
        Assert.Equal(DefaultColors[..3], colours);

        var texts = svg.Descendants(ns + "text").Select(t => t.Value.Trim()).ToList();
        Assert.Contains("f(x)", texts);
        Assert.Contains("Tangent line (x=1)", texts);
    }

    [Fact]
    public void LogScale_PlacesPowersOfTenEvenly_AndLabelsThem()
    {
        var x = Tensor.Linspace(0.1, 100, 400);
        var figure = Figure.Plot(x, x.Pow(2), xScale: Scale.Log, yScale: Scale.Log, xLim: (0.1, 100), yLim: (1e-3, 1e5));
        using var plot = figure.ToScottPlot();
        using var image = Render(plot, 525, 375);
        var limits = plot.Axes.GetLimits();
        Assert.Equal((-1.0, 2.0, -3.0, 5.0), (limits.Left, limits.Right, limits.Bottom, limits.Top));
        var labels = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToList();
        Assert.Contains("10⁻²", labels);
        Assert.Contains("10⁰", labels);
        Assert.Contains("10⁴", labels);

        // y = x² is a straight line on log-log axes: points a decade apart sit on it at evenly spaced pixels.
        var pixels = new[] { 0.3, 1, Math.Sqrt(10), 10, 30 }.Select(v => plot.GetPixel(new Coordinates(Math.Log10(v), Math.Log10(v * v)))).ToList();
        foreach (var p in pixels)
        {
            var box = new SKRectI((int)p.X - 2, (int)p.Y - 2, (int)p.X + 3, (int)p.Y + 3);
            Assert.True(Png.CountNear(image, DefaultColors[0], within: box) > 0, $"no curve at pixel {p}");
        }
        Assert.Equal(pixels[3].X - pixels[1].X, 2 * (pixels[2].X - pixels[1].X), 1);
    }

    [Fact]
    public void LogScale_LeavesOutValuesThatAreNotPositive()
    {
        var figure = Figure.Plot(new double[] { -1, 0, 1, 10, 100 }, new double[] { 1, 2, 3, 4, 5 }, xScale: Scale.Log);
        using var plot = figure.ToScottPlot();
        var limits = plot.Axes.GetLimits();
        Assert.Equal(-0.1, limits.Left, 9);   // log10 1 = 0 and log10 100 = 2, with 5% margins
        Assert.Equal(2.1, limits.Right, 9);
        Assert.Throws<ArgumentException>(() => Figure.Plot(new double[] { 1, 2 }, new double[] { 1, 2 }, yScale: Scale.Log, yLim: (0, 1)).ToScottPlot());
    }

    [Fact]
    public void Limits_AreRespected_AndTheCurveIsClippedToThem()
    {
        var figure = Figure.Plot(X, Curves(1), xLim: (0.5, 2), yLim: (-2, 2));
        using var plot = figure.ToScottPlot();
        using var image = Render(plot, 525, 375);
        var limits = plot.Axes.GetLimits();
        Assert.Equal((0.5, 2.0, -2.0, 2.0), (limits.Left, limits.Right, limits.Bottom, limits.Top));

        var area = plot.LastRender.DataRect;
        var inside = new SKRectI((int)area.Left - 2, (int)area.Top - 2, (int)area.Right + 3, (int)area.Bottom + 3);
        int all = Png.CountNear(image, DefaultColors[0]), within = Png.CountNear(image, DefaultColors[0], within: inside);
        Assert.True(within > 50);
        Assert.Equal(all, within);  // f(3) = 15 lies far above the limit: nothing is drawn outside the data area

        // Without limits the data fill the axes with matplotlib's 5% margins.
        using var auto = Figure.Plot(new double[] { 0, 10 }, new double[] { -1, 1 }).ToScottPlot();
        var a = auto.Axes.GetLimits();
        Assert.Equal((-0.5, 10.5, -1.1, 1.1), (a.Left, a.Right, Math.Round(a.Bottom, 9), Math.Round(a.Top, 9)));
    }

    [Fact]
    public void HLine_DrawsADashedBlackLineAcrossThePlot()
    {
        var figure = Figure.Plot(X, X.Sin(), legend: "sin").HLine(0.5);
        using var plot = figure.ToScottPlot();
        var line = Assert.Single(plot.GetPlottables<HorizontalLine>());
        Assert.Equal(0.5, line.Y);
        using var image = Render(plot, 525, 375);
        var area = plot.LastRender.DataRect;
        int row = (int)Math.Round(plot.GetPixel(new Coordinates(0, 0.5)).Y);
        int dark = Png.CountNear(image, "#000000", 120, new SKRectI((int)area.Left, row - 1, (int)area.Right, row + 2));
        Assert.True(dark > 0.5 * area.Width && dark < 2.6 * area.Width, $"{dark} dark pixels along a row {area.Width} wide");
    }

    [Fact]
    public void Formats_FollowMatplotlib()
    {
        var figure = new Figure().Add(X, X).Add(X, 2 * X).Add(X, 3 * X, "r:").Add(X, 4 * X, "o").Add(X, 5 * X, "m--");
        using var plot = figure.ToScottPlot();
        var s = plot.GetPlottables<Scatter>().ToList();
        // Only curves without a colour advance the cycle: C0, C1, red, C2, magenta.
        Assert.Equal(["#1f77b4", "#ff7f0e", "#ff0000", "#2ca02c", "#bf00bf"], s.Select(x => "#" + x.Color.ToHex()[1..7].ToLowerInvariant()));
        Assert.Equal(["Solid", "Solid", "dotted"], s.Take(3).Select(x => x.LinePattern.Name));
        Assert.Equal(0, s[3].LineWidth);                     // a marker alone draws no line
        Assert.Equal(MarkerShape.FilledCircle, s[3].MarkerShape);
        Assert.Equal("dashed", s[4].LinePattern.Name);

        var e = Assert.Throws<ArgumentException>(() => new Figure().Add(X, X, "z-"));
        Assert.Contains("'z'", e.Message);

        // Figure.Plot cycles d2l's four formats: the fifth curve is '-' again, in the next colour of the cycle.
        using var five = Figure.Plot(X, [X, X, X, X, X]).ToScottPlot();
        Assert.Equal("#ff7f0e", "#" + five.GetPlottables<Scatter>().Last().Color.ToHex()[1..7].ToLowerInvariant());
    }

    [Fact]
    public void Inputs_TensorsArraysAndListsAllWork()
    {
        var w = Tensor.Arange(0.0, 3.0, 0.5, requiresGrad: true);
        var y = (w * w).Sum(dim: 0, keepDim: true) * w;     // still attached to the graph: no Detach needed
        var figure = new Figure()
            .Add(w, y)
            .Add(new float[] { 0, 1, 2 }, new List<double> { 1, 2, 3 })
            .Add(Tensor.From(new[] { 1, 2, 3 }).Reshape(3, 1))   // an Int32 column against its indices
            .Add(X.Reshape(1, 30), X);
        Assert.Equal(4, figure.SeriesCount);
        Assert.Throws<ArgumentException>(() => figure.Add(X, X[..5]));
        Assert.Throws<ArgumentException>(() => figure.Add(Tensor.Zeros(2, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Figure(0, 100));
    }

    [Fact]
    public void Text_IsDrawnWithTheEmbeddedFont()
    {
        var figure = Figure.Plot(X, Curves(2), xLabel: "a long label for the x axis", yLabel: "f(x)", legend: ["f(x)", "Tangent line (x=1)"]);
        using var plot = figure.ToScottPlot();
        using var image = Render(plot, 525, 375);
        Assert.Equal("DejaVu Sans", ScottPlot.Fonts.GetTypeface("DejaVu Sans", false, false).FamilyName);

        // Below the data area: tick labels and the x label, dark grey to black (anti-aliased). The label alone adds many.
        var area = plot.LastRender.DataRect;
        var below = new SKRectI((int)area.Left, (int)area.Bottom + 8, (int)area.Right, image.Height);
        int text = Png.CountNear(image, "#000000", 360, below);
        using var shortLabel = Figure.Plot(X, Curves(2), xLabel: "x", yLabel: "f(x)").ToScottPlot();
        using var shortImage = Render(shortLabel, 525, 375);
        Assert.Equal(area, shortLabel.LastRender.DataRect);
        int ticksAndX = Png.CountNear(shortImage, "#000000", 360, below);
        Assert.True(ticksAndX > 100, $"only {ticksAndX} dark pixels under the axes: are tick labels rendered?");
        Assert.True(text - ticksAndX > 200, $"the longer x label adds only {text - ticksAndX} dark pixels: is it rendered?");

        // The legend avoids the curve, which rises to the upper right: d2l's figure has it at the upper left.
        Assert.Equal(Alignment.UpperLeft, plot.Legend.Alignment);
    }
}
