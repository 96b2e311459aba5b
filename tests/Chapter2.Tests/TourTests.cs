using System.Text.RegularExpressions;
using Nabla.Samples;

namespace Chapter2.Tests;

/// <summary>
/// Runs the whole chapter tour once, as `dotnet run --project samples/Chapter2` does, and checks the
/// numbers the book prints (values from the book / PyTorch, not from Nabla).
/// </summary>
public sealed class TourTests : IClassFixture<TourTests.Output>
{
    private readonly string text;

    public TourTests(Output output) => text = output.Text;

    /// <summary>The tour's console output, captured once for all tests (run in a temp folder so figures land there).</summary>
    public sealed class Output
    {
        public string Text { get; }
        public string Folder { get; } = Directory.CreateTempSubdirectory("nabla-tour").FullName;

        public Output()
        {
            var writer = new StringWriter();
            var (console, directory) = (Console.Out, Environment.CurrentDirectory);
            try
            {
                Console.SetOut(writer);
                Environment.CurrentDirectory = Folder;
                Chapter.Run([]);
            }
            finally
            {
                Console.SetOut(console);
                Environment.CurrentDirectory = directory;
            }
            Text = writer.ToString();
        }
    }

    [Fact]
    public void EverySectionRuns()
    {
        foreach (var (id, title, _) in Chapter.Sections)
            Assert.Contains($"{id} {title}", text);
    }

    [Theory]
    [InlineData("tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11.])")]   // 2.1 arange
    [InlineData("tensor([ 3.,  4.,  6., 10.])")]                                             // 2.1 x + y
    [InlineData("tensor([ 1.,  4., 16., 64.])")]                                             // 2.1 x ** y
    [InlineData("tensor(66.)")]                                                              // 2.1 X.sum()
    [InlineData("tensor([[3., 0., 1.],\n        [2., 0., 1.],\n        [4., 1., 0.],\n        [3., 0., 1.]], dtype=torch.float64)")]  // 2.2 X
    [InlineData("tensor([127500., 106000., 178100., 140000.], dtype=torch.float64)")]        // 2.2 y
    [InlineData("tensor(5.)")]                                                               // 2.3 ||u||2
    [InlineData("tensor(7.)")]                                                               // 2.3 ||u||1
    [InlineData("tensor(6.)")]                                                               // 2.3 ||ones(4, 9)||F
    [InlineData("h=0.00001, numerical limit=2.00003")]                                       // 2.4 limits
    [InlineData("tensor([ 0.,  4.,  8., 12.])")]                                             // 2.5 x.grad
    [InlineData("tensor([0., 2., 4., 6.])")]                                                 // 2.5 non-scalar backward
    [InlineData("(0.011485)" + "\n" + "0.011485")]                                              // 2.6 P(D1 = 1)
    [InlineData("(0.1306)" + "\n" + "tensor(0.1306, dtype=torch.float64)")]                     // 2.6 posterior after one test
    [InlineData("(0.8307)" + "\n" + "tensor(0.8307, dtype=torch.float64)")]                     // 2.6 posterior after two tests
    [InlineData("(1.8)" + "\n" + "tensor(1.8000, dtype=torch.float64)")]                        // 2.6 E[X]
    [InlineData("(8.36)" + "\n" + "tensor(8.3600, dtype=torch.float64)")]                       // 2.6 Var[X]
    [InlineData("tensor(4., dtype=torch.float64)")]                                          // 2.4 exercise: f'(1) = 4
    public void PrintsTheBooksValues(string expected) => Assert.Contains(expected.Replace("\n", Environment.NewLine), text);

    [Fact]
    public void MemoryLessonShowsInPlaceUpdatesAllocateNothing()
    {
        Assert.Contains("storage bytes allocated by X += Y" + Environment.NewLine + "0", text);
        Assert.Contains("ReferenceEquals(X, before)" + Environment.NewLine + "True", text);
    }

    [Fact]
    public void DieEstimatesConvergeToOneSixth()
    {
        var error = Regex.Match(text, @"\(estimates\[\^1\] - 1/6\)\.Abs\(\)\.Max\(\)\s+tensor\(([0-9.]+)\)");
        Assert.True(error.Success, "the running-estimate error is printed");
        Assert.True(double.Parse(error.Groups[1].Value) < 0.02, $"estimate error {error.Groups[1].Value}");
    }

    [Fact]
    public void DocumentationSectionShowsHelpAndDir()
    {
        Assert.Contains("Normal", text);
        Assert.Contains("Tensor.Ones", text);
        Assert.Contains("tensor([1., 1., 1., 1.])", text);
    }

    [Fact]
    public void ControlFlowGradientIsDOverA()
    {
        Assert.Contains("a.Grad == d / a" + Environment.NewLine + "tensor(True)", text);
    }

    [Fact]
    public void LinearRegressionRecoversTheWeights()
    {
        var losses = Regex.Matches(text, @"epoch (\d), loss ([0-9.]+)").Select(m => double.Parse(m.Groups[2].Value)).ToArray();
        Assert.Equal(3, losses.Length);
        Assert.True(losses[^1] < 1e-3, $"final loss {losses[^1]}");
    }

    [Fact]
    public void FiguresAreWritten()
    {
        foreach (var name in Regex.Matches(text, @"\S+\.png").Select(m => m.Value).Distinct())
            Assert.True(new FileInfo(name).Length > 1000, $"{name} is missing or empty");
        Assert.Contains("2.4-tangent.png", text);
        Assert.Contains("2.6-dice.png", text);
    }
}
