namespace Nabla.Samples;

/// <summary>Section 2.5, Automatic Differentiation: gradients of scalars and non-scalars, detaching, control flow.</summary>
internal static class Section25
{
    public static void Run()
    {
        Tour.Heading("2.5.1 A Simple Function");
        var x = Tensor.Arange(4.0, requiresGrad: true);
        Tour.Show("x = Tensor.Arange(4.0, requiresGrad: true)", x);
        Tour.Show("x.Grad   (null until the first backward pass)", x.Grad?.ToString() ?? "null");
        var y = 2 * Tensor.Dot(x, x);
        Tour.Show("y = 2 * Tensor.Dot(x, x)", y);
        y.Backward();
        Tour.Show("y.Backward(); x.Grad", x.Grad);
        Tour.Show("x.Grad == 4 * x", x.Grad! == 4 * x);
        x.Grad!.Clear();
        y = x.Sum();
        y.Backward();
        Tour.Show("x.Grad.Clear(); y = x.Sum(); y.Backward(); x.Grad", x.Grad);

        Tour.Heading("2.5.2 Backward for Non-Scalar Variables");
        x.Grad!.Clear();
        y = x * x;
        y.Backward(Tensor.OnesLike(y));
        Tour.Show("y = x * x; y.Backward(Tensor.OnesLike(y)); x.Grad", x.Grad);

        Tour.Heading("2.5.3 Detaching Computation");
        x.Grad!.Clear();
        y = x * x;
        var u = y.Detach();
        var z = u * x;
        z.Sum().Backward();
        Tour.Show("y = x * x; u = y.Detach(); z = u * x; z.Sum().Backward(); x.Grad == u", x.Grad! == u);
        x.Grad!.Clear();
        y.Sum().Backward();
        Tour.Show("y.Sum().Backward(); x.Grad == 2 * x", x.Grad! == 2 * x);

        Tour.Heading("2.5.4 Gradients and Python (here: C#) Control Flow");
        Tour.Show("f(a): b = a * 2; while (b.Norm() < 1000) b = b * 2; return b.Sum() > 0 ? b : 100 * b;", "");
        Tensor.ManualSeed(0);
        var a = Tensor.Randn([], DType.Float32, requiresGrad: true);
        var d = F(a);
        d.Backward();
        Tour.Show("a = Tensor.Randn([], DType.Float32, requiresGrad: true)", a);
        Tour.Show("d = F(a); d.Backward(); a.Grad == d / a", a.Grad! == d / a);
        var vector = Tensor.Randn([3], DType.Float32, requiresGrad: true);
        F(vector).Sum().Backward();
        Tour.Show("for a vector a: a.Grad", vector.Grad);

        Tour.Heading("Higher-order gradients");
        var t = Tensor.Scalar(3.0);
        t.RequiresGrad = true;
        var first = Autograd.Grad([t * t * t], [t], createGraph: true)[0];
        var second = Autograd.Grad([first], [t])[0];
        Tour.Show("t = 3: d(t^3)/dt = 3t^2 = 27, d2(t^3)/dt2 = 6t = 18", $"{first.Item<double>()}, {second.Item<double>()}");
    }

    /// <summary>The chapter's function with data-dependent control flow: its gradient is still d / a.</summary>
    private static Tensor F(Tensor a)
    {
        var b = a * 2;
        while (b.Norm() < 1000) b = b * 2;
        return b.Sum() > 0 ? b : 100 * b;
    }
}
