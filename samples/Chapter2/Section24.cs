using Nabla.Plot;

namespace Nabla.Samples;

/// <summary>Section 2.4, Calculus: numerical limits, the tangent-line figure, and derivatives by autograd.</summary>
internal static class Section24
{
    public static void Run()
    {
        Tour.Heading("2.4.1 Derivatives and Differentiation");
        static double F(double x) => 3 * x * x - 4 * x;
        double h = 0.1;
        for (int i = 0; i < 5; i++, h *= 0.1)
            Console.WriteLine($"h={h:F5}, numerical limit={(F(1 + h) - F(1)) / h:F5}");

        Tour.Heading("2.4.2 Visualization Utilities");
        var x = Tensor.Arange(0.0, 3.0, 0.1);
        var tangent = Figure.Plot(x, [3 * x.Pow(2) - 4 * x, 2 * x - 3], xLabel: "x", yLabel: "f(x)",
            legend: ["f(x)", "Tangent line (x=1)"]).SavePng(Tour.Figure("2.4-tangent.png"));
        Tour.Show("f(x) = 3x^2 - 4x with its tangent 2x - 3 at x = 1, saved to", tangent);

        Tour.Heading("Exercise: f(x) = x^3 - 1/x and its tangent at x = 1");
        var u = Tensor.Arange(0.5, 2.0, 0.05, dtype: DType.Float64);
        var point = Tensor.Scalar(1.0);
        point.RequiresGrad = true;
        var slope = Autograd.Grad([point.Pow(3) - 1.0 / point], [point])[0];
        Tour.Show("f'(1) by autograd (3x^2 + 1/x^2 = 4)", slope);
        var cubic = Figure.Plot(u, [u.Pow(3) - 1.0 / u, slope * (u - 1)], xLabel: "x", yLabel: "f(x)",
            legend: ["x^3 - 1/x", "Tangent line (x=1)"]).SavePng(Tour.Figure("2.4-cubic-tangent.png"));
        Tour.Show("saved to", cubic);

        Tour.Heading("Exercise (2.5): sin(x) and its derivative, computed by autograd");
        var s = Tensor.Linspace(-5, 5, 101, DType.Float64);
        s.RequiresGrad = true;
        var sine = s.Sin();
        sine.Sum().Backward();
        var derivative = s.Grad!;
        Tour.Show("max |d sin/dx - cos x|", (derivative - s.Detach().Cos()).Abs().Max());
        var figure = Figure.Plot(s.Detach(), [sine.Detach(), derivative], xLabel: "x", yLabel: "f(x)",
            legend: ["sin(x)", "d sin(x)/dx (autograd)"]).SavePng(Tour.Figure("2.5-sin-derivative.png"));
        Tour.Show("saved to", figure);
    }
}
