namespace Nabla.Tests;

/// <summary>
/// The autograd state machine as PyTorch's: Grad's life cycle, leaves, RequiresGrad rules, grad
/// mode scopes (per thread), the safety errors with PyTorch's messages (scalar outputs, freed
/// graphs, in-place changes of leaves and of saved tensors), in-place and index-assignment
/// recording, Autograd.Grad, Detach, deep graphs, threads and printing. Expected gradients are
/// analytic (written in each test) or PyTorch's values.
/// </summary>
public class AutogradBehaviourTests
{
    private static double[] Values(Tensor t) => t.ToArray<double>();

    private static Tensor Vector(params double[] values) => Tensor.From(values);

    private static Tensor LeafVector(params double[] values)
    {
        var t = Tensor.From(values);
        t.RequiresGrad = true;
        return t;
    }

    private static void AssertValues(double[] expected, Tensor actual, double tolerance = 1e-12)
    {
        var got = Values(actual);
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
            Assert.True(Math.Abs(expected[i] - got[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]}, got {got[i]}");
    }

    // ------------------------------------------------------------------ Grad, leaves, RequiresGrad

    [Fact]
    public void GradIsNullUntilTheFirstBackwardThenAccumulates()
    {
        var x = LeafVector(1, 2, 3);
        Assert.Null(x.Grad);
        (x * x).Sum().Backward();
        AssertValues([2, 4, 6], x.Grad!);
        var first = x.Grad!;
        (x * 3).Sum().Backward();
        AssertValues([5, 7, 9], x.Grad!);
        Assert.Same(first, x.Grad);  // accumulated in place, as PyTorch
        x.Grad!.Clear();
        x.Sum().Backward();
        AssertValues([1, 1, 1], x.Grad!);
        x.Grad = null;
        (x + x * x + x.Exp()).Sum().Backward();   // a leaf used on several paths: the contributions add
        AssertValues([3 + Math.E, 5 + Math.Exp(2), 7 + Math.Exp(3)], x.Grad!);
        x.Grad = Vector(1, 1, 1);                 // a gradient set by hand is accumulated into
        (x * 2).Sum().Backward();
        AssertValues([3, 3, 3], x.Grad!);
        Assert.Throws<ArgumentException>(() => x.Grad = Vector(1, 2));
    }

    [Fact]
    public void ReluGradientIsRecordedAsThresholdBackwardForSecondOrder()
    {
        // PyTorch 1.13: torch.autograd.grad(relu(x), x, gg, create_graph=True)[0].grad_fn is ThresholdBackwardBackward0,
        // and the gradient passes where the relu result is NaN.
        var x = LeafVector(double.NaN, -1, 0, 2);
        var gg = LeafVector(1, 2, 3, 4);
        var g = Autograd.Grad([x.Relu()], [x], [gg], createGraph: true)[0];
        Assert.Equal("ThresholdBackwardBackward0", g.GradFn!.Name);
        Assert.Equal([1.0, 0, 0, 4], g.ToArray<double>());
        Assert.Equal([1.0, 0, 0, 1], Autograd.Grad([g.Sum()], [gg])[0].ToArray<double>());
    }

    [Fact]
    public void LeavesAndRequiresGradPropagation()
    {
        var x = LeafVector(1, 2);
        var c = Vector(3, 4);
        Assert.True(x.IsLeaf && c.IsLeaf && x.RequiresGrad && !c.RequiresGrad && x.GradFn is null);
        var y = x * c;
        Assert.True(!y.IsLeaf && y.RequiresGrad);
        Assert.Equal("MulBackward0", y.GradFn!.Name);
        Assert.Equal("<MulBackward0>", y.GradFn!.ToString());
        var z = c * 2;  // no input requires grad: a leaf, as in PyTorch
        Assert.True(z.IsLeaf && !z.RequiresGrad);
        Assert.False((x > 1).RequiresGrad);   // comparisons and integer results carry no gradient
        Assert.False(x.ArgMax().RequiresGrad);
        Assert.False(x.To(DType.Int64).RequiresGrad);
        Assert.True(Tensor.Zeros([2], DType.Float64, requiresGrad: true).RequiresGrad);
        Assert.True(Tensor.Ones([2], DType.Float32, requiresGrad: true).IsLeaf);
    }

    [Fact]
    public void RequiresGradSetterErrors()
    {
        var x = LeafVector(1, 2);
        var y = x * 2;
        var nonLeaf = Assert.Throws<InvalidOperationException>(() => y.RequiresGrad = false);
        Assert.Contains("leaf variables", nonLeaf.Message);
        Assert.Contains("Detach()", nonLeaf.Message);
        var integer = Assert.Throws<InvalidOperationException>(() => Tensor.Arange(3).RequiresGrad = true);
        Assert.Contains("only Tensors of floating point dtype can require gradients", integer.Message);
        Assert.Throws<InvalidOperationException>(() => Tensor.Arange(3, requiresGrad: true));
        Assert.Throws<InvalidOperationException>(() => Tensor.From(new[] { true }).RequiresGrad = true);
        var leaf = Tensor.Arange(3.0);
        leaf.RequiresGrad = true;
        leaf.RequiresGrad = false;       // a leaf can be switched off again
        Assert.False(leaf.RequiresGrad);
        Tensor.Arange(3).RequiresGrad = false;   // false is allowed on any dtype
    }

    // ------------------------------------------------------------------ grad mode

    [Fact]
    public void NoGradScopesNestAndEnableGradReenables()
    {
        var x = LeafVector(1, 2);
        Assert.True(Autograd.IsGradEnabled);
        using (Autograd.NoGrad())
        {
            Assert.False(Autograd.IsGradEnabled);
            var y = x * 2;
            Assert.True(!y.RequiresGrad && y.IsLeaf);
            using (Autograd.NoGrad()) Assert.False(Autograd.IsGradEnabled);
            Assert.False(Autograd.IsGradEnabled);   // the inner scope restored the outer one
            using (Autograd.EnableGrad())
            {
                Assert.True(Autograd.IsGradEnabled);
                Assert.Equal("MulBackward0", (x * 2).GradFn!.Name);
            }
            Assert.False(Autograd.IsGradEnabled);
        }
        Assert.True(Autograd.IsGradEnabled);
        Assert.True((x * 2).RequiresGrad);
    }

    [Fact]
    public void GradModeIsPerThread()
    {
        var x = LeafVector(1, 2);
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        bool otherDisabled = false, freshThreadEnabled = false;
        var noGradThread = new Thread(() =>
        {
            using (Autograd.NoGrad())
            {
                otherDisabled = !Autograd.IsGradEnabled && !(x * 2).RequiresGrad;
                entered.Set();
                release.Wait();
            }
        });
        noGradThread.Start();
        Assert.True(entered.Wait(TimeSpan.FromSeconds(10)));
        Assert.True(Autograd.IsGradEnabled && (x * 2).RequiresGrad);  // NoGrad on the other thread does not reach this one
        release.Set();
        noGradThread.Join();
        Assert.True(otherDisabled);
        using (Autograd.NoGrad())
        {
            var t = new Thread(() => freshThreadEnabled = Autograd.IsGradEnabled);  // every thread starts enabled
            t.Start();
            t.Join();
        }
        Assert.True(freshThreadEnabled);
    }

    [Fact]
    public void ParameterUpdateUnderNoGradKeepsTheLeaf()
    {
        var w = LeafVector(1, -2);
        (w * w).Sum().Backward();
        using (Autograd.NoGrad()) w -= 0.1 * w.Grad!;
        AssertValues([0.8, -1.6], w);
        Assert.True(w.IsLeaf && w.RequiresGrad && w.GradFn is null);
        w.Grad = null;
        (w * w).Sum().Backward();
        AssertValues([1.6, -3.2], w.Grad!);
    }

    // ------------------------------------------------------------------ backward errors

    [Fact]
    public void BackwardOfANonScalarNeedsAGradient()
    {
        var x = LeafVector(1, 2, 3);
        var y = x * x;
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("only for scalar outputs", e.Message);
        Assert.Throws<InvalidOperationException>(() => Autograd.Grad([y], [x]));
        Assert.Throws<ArgumentException>(() => y.Backward(Tensor.Ones([2], DType.Float64)));
        y.Backward(Vector(1, 0.5, -1));
        AssertValues([2, 2, -6], x.Grad!);
        var one = x[..1] * 5;   // one element but not 0-d: allowed, as PyTorch
        one.Backward();
        AssertValues([7, 2, -6], x.Grad!);
    }

    [Fact]
    public void SecondBackwardThroughAFreedGraphThrowsUnlessRetained()
    {
        var x = LeafVector(1, 2);
        var y = (x * x).Sum();
        y.Backward(retainGraph: true);
        y.Backward(retainGraph: true);
        AssertValues([4, 8], x.Grad!);
        y.Backward();
        AssertValues([6, 12], x.Grad!);
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("second time", e.Message);
        Assert.Contains("retainGraph", e.Message);
        var z = (x.Exp() * 2).Sum();
        Autograd.Grad([z], [x]);
        Assert.Contains("second time", Assert.Throws<InvalidOperationException>(() => z.Backward()).Message);
    }

    [Fact]
    public void BackwardOfATensorThatDoesNotRequireGradThrows()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Vector(1, 2).Sum().Backward());
        Assert.Contains("does not require grad", e.Message);
        var x = LeafVector(1, 2);
        Tensor y;
        using (Autograd.NoGrad()) y = (x * 2).Sum();
        Assert.Throws<InvalidOperationException>(() => y.Backward());
        x.Backward(Vector(3, 4));   // a leaf that requires grad may be the root
        AssertValues([3, 4], x.Grad!);
    }

    // ------------------------------------------------------------------ in-place safety

    [Fact]
    public void ChangingASavedTensorInPlaceMakesBackwardThrow()
    {
        var x = LeafVector(0.5, 1);
        var y = x.Exp();            // saves its result y
        var z = (y * 2).Sum();
        y += 1;
        var e = Assert.Throws<InvalidOperationException>(() => z.Backward());
        Assert.Contains("modified by an inplace operation", e.Message);
        Assert.Contains("ExpBackward0", e.Message);

        var a = x * 2;
        var b = a.Sin();            // saves its input a
        a += 1;
        Assert.Contains("modified by an inplace operation", Assert.Throws<InvalidOperationException>(() => b.Sum().Backward()).Message);
    }

    [Fact]
    public void ChangingASavedTensorThroughAViewOrADetachedAliasThrows()
    {
        var x = LeafVector(0.5, 1, 2);
        var a = x * 2;
        var b = a[0].Sin();                        // saves a view of a
        a += 1;                                    // the base changes: the view's version moves too
        Assert.Contains("modified by an inplace operation", Assert.Throws<InvalidOperationException>(() => b.Backward()).Message);

        a = x * 2;
        var view = a[1..];
        b = a.Sin();
        using (Autograd.NoGrad()) view += 1;       // through a view of a saved tensor
        Assert.Contains("modified by an inplace operation", Assert.Throws<InvalidOperationException>(() => b.Sum().Backward()).Message);

        var y = x.Exp();
        var u = y.Detach();
        u += 1;                                    // Detach shares storage and its version counter
        Assert.Contains("modified by an inplace operation", Assert.Throws<InvalidOperationException>(() => y.Sum().Backward()).Message);
    }

    [Fact]
    public void ChangingAnInputThatIsNotSavedIsAllowed()
    {
        // As PyTorch: sigmoid keeps its result, and a product keeps a factor only for the other factor's gradient.
        var x = LeafVector(1, 2);
        var a = x * 2;
        var b = a.Sigmoid();
        a += 1;
        b.Sum().Backward();
        AssertValues([0.2099871708070310, 0.0353254124265823], x.Grad!, 1e-12);  // PyTorch: 2·σ'(2x)
        x.Grad = null;
        var z = x + 0;
        z[1] = z[0] * 3;                           // z[0] is not needed for the gradient of 3
        z.Sum().Backward();
        AssertValues([4, 0], x.Grad!);
    }

    [Fact]
    public void InPlaceChangeOfALeafThatRequiresGradThrows()
    {
        var x = LeafVector(1, 2);
        const string message = "leaf Variable that requires grad is being used in an in-place operation";
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => { var t = x; t += 1; }).Message);
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => { var t = x; t *= 2; }).Message);
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => x[0] = 5.0).Message);
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => x.Fill(0)).Message);
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => x.CopyFrom(Vector(3, 4))).Message);
        Assert.Contains(message, Assert.Throws<InvalidOperationException>(() => Tensor.Exp(x, destination: x)).Message);
        var row = x[..1];
        Assert.Contains("a view of a " + message, Assert.Throws<InvalidOperationException>(() => row += 1).Message);
        AssertValues([1, 2], x);   // nothing was written
        Assert.Equal(0, x.Version);
        using (Autograd.NoGrad())
        {
            x += 1;
            x[0] = 10.0;
            x.Fill(3);
        }
        AssertValues([3, 3], x);
        Assert.True(x.IsLeaf);
    }

    [Fact]
    public void CopyFromIntoATensorInTheGraphIsRecorded()
    {
        // PyTorch: y = x * 2; y.copy_(z) → grad_fn CopyBackwards, x.grad [0, 0], z.grad [1, 1];
        // and a leaf that copies a tensor requiring grad joins the graph.
        var x = LeafVector(1, 2);
        var z = LeafVector(5, 6);
        var y = x * 2;
        y.CopyFrom(z);
        y.Sum().Backward();
        AssertValues([0, 0], x.Grad ?? Tensor.ZerosLike(x));
        AssertValues([1, 1], z.Grad ?? Tensor.ZerosLike(z));
        var c = Tensor.Zeros([2], DType.Float64);
        c.CopyFrom(z);
        Assert.True(c.RequiresGrad);
    }

    [Fact]
    public void FillAndClearOfATensorInTheGraphAreRecorded()
    {
        // PyTorch: y = x * 2; y.fill_(3) (FillBackward) or y.zero_() (ZeroBackward0) → x.grad [0, 0].
        var x = LeafVector(1, 2);
        var y = x * 2;
        y.Fill(3);
        y.Sum().Backward();
        AssertValues([0, 0], x.Grad ?? Tensor.ZerosLike(x));
        x.Grad = null;
        y = x * 2;
        y.Clear();
        y.Sum().Backward();
        AssertValues([0, 0], x.Grad ?? Tensor.ZerosLike(x));
    }

    [Fact]
    public void DestinationThatIsNotAnInputThrowsWhenGradIsNeeded()
    {
        var x = LeafVector(1, 2);
        var e = Assert.Throws<InvalidOperationException>(() => Tensor.Add(x, 1.0, destination: Tensor.Zeros([2], DType.Float64)));
        Assert.Contains("don't support automatic differentiation", e.Message);
        var plain = Tensor.Zeros([2], DType.Float64);
        using (Autograd.NoGrad()) Tensor.Add(x, 1.0, destination: plain);
        AssertValues([2, 3], plain);
    }

    [Fact]
    public void InPlaceOnANonLeafIsRecorded()
    {
        var x = LeafVector(1, 2, 3);
        var y = x * 2;
        var before = y;
        y += x;
        y *= 3;
        y -= x * x;
        Assert.Same(before, y);
        Assert.Equal("SubBackward0", y.GradFn!.Name);   // PyTorch's name for the last in-place op
        AssertValues([8, 14, 18], y);                   // 9x - x²
        y.Sum().Backward();
        AssertValues([7, 5, 3], x.Grad!);              // 9 - 2x, PyTorch's [7, 5, 3]
        x.Grad = null;
        var w = x * 1.0;
        w /= x + 1;                                     // w = x / (x + 1): d/dx = 1 / (x + 1)²
        w.Sum().Backward();
        AssertValues([1 / 4.0, 1 / 9.0, 1 / 16.0], x.Grad!);
    }

    [Fact]
    public void InPlaceOperandAliasingTheDestinationUsesItsOldValue()
    {
        // PyTorch refuses y *= y in autograd (the saved operand is modified); Nabla keeps a copy of the old value.
        Assert.True(Autograd.GradCheck(t => { var y = t * 2; y *= y; Tensor.Exp(y, destination: y); return y; },
            LeafVector(0.3, -0.2, 0.1)));
    }

    // The expected values below are PyTorch 1.13's for the same code (tests/golden has no
    // generator for statement sequences; each was run there and is quoted in the comment).

    [Fact]
    public void AViewSeesItsBaseWrittenInPlace()
    {
        // x = tensor([1., 2.], requires_grad=True); y = x * 2; v = y[:1]; y *= 3; v.sum().backward()
        // → x.grad [6., 0.], v.grad_fn AsStridedBackward0
        var x = LeafVector(1, 2);
        var y = x * 2;
        var v = y[..1];
        y *= 3;
        Assert.Equal("AsStridedBackward0", v.GradFn!.Name);
        v.Sum().Backward();
        AssertValues([6, 0], x.Grad!);
    }

    [Fact]
    public void InPlaceOnAViewOfANonLeafRebasesTheBase()
    {
        // y = x * 2; v = y[:1]; v += 1; (y * y).sum().backward() → x.grad [12., 16.];
        // y.grad_fn CopySlices, v.grad_fn AsStridedBackward0
        var x = LeafVector(1, 2);
        var y = x * 2;
        var view = y[..1];
        view += 1;
        Assert.Equal("CopySlices", y.GradFn!.Name);
        Assert.Equal("AsStridedBackward0", view.GradFn!.Name);
        (y * y).Sum().Backward();
        AssertValues([12, 16], x.Grad!);
    }

    [Fact]
    public void InPlaceOnAViewGivesABaseWithoutGradAHistory()
    {
        // w = tensor([1., 2.], requires_grad=True); b = zeros(3); v = b[:2]; v *= 0; v += w * w
        // → b.requires_grad True, b.grad_fn CopySlices; (b * tensor([3., 4., 5.])).sum().backward() → w.grad [6., 16.]
        var w = LeafVector(1, 2);
        var b = Tensor.Zeros([3], DType.Float64);
        var v = b[..2];
        v *= 0;
        v += w * w;
        Assert.True(b.RequiresGrad);
        Assert.Equal("CopySlices", b.GradFn!.Name);
        (b * Tensor.From(new[] { 3.0, 4, 5 })).Sum().Backward();
        AssertValues([6, 16], w.Grad!);
    }

    [Fact]
    public void AnOverlappingViewFollowsAWriteThroughAnother()
    {
        // x = tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x.exp() * 1; r0 = y[0]; c1 = y[:, 1]
        // r0.mul_(x[1]); (c1 * tensor([1., 10.])).sum().backward() → x.grad [[0, 29.5562243957226], [0, 553.370556430373]]
        var x = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } });
        x.RequiresGrad = true;
        var y = x.Exp() * 1;
        var r0 = y[0];
        var c1 = y[.., 1];
        r0 *= x[1];
        (c1 * Tensor.From(new[] { 1.0, 10 })).Sum().Backward();
        double[] expected = [0, 29.5562243957226, 0, 553.370556430373], got = x.Grad!.ToArray<double>();
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], got[i], 1e-10);
    }

    [Fact]
    public void InPlaceWritesToViewsPassGradCheckToSecondOrder()
    {
        // Each op on a view, then reading the base and another overlapping view.
        static Tensor F(Tensor t)
        {
            var y = t * 1.5;
            var row = y[1];
            var column = y[.., 0];
            row *= t[0];
            column += t[.., 1].Square();
            return (y.Exp() * 0.3).Sum() + (row * column.Sum()).Sum();
        }
        var x = Tensor.From(new[,] { { 0.3, -0.2, 0.5 }, { 0.1, 0.4, -0.3 } });
        x.RequiresGrad = true;
        Assert.True(Autograd.GradCheck(F, x));
        Assert.True(Autograd.GradCheck(t => Autograd.Grad([F(t)], [t], createGraph: true)[0].Square().Sum(), x));
    }

    [Fact]
    public void InPlaceOnAViewOfATransposedBase()
    {
        // t = tensor([[1., 2.], [3., 4.]]).t().detach(); row = t[0]; row += w * w
        // → t [[2., 7.], [2., 4.]], t.grad_fn CopySlices; (t * tensor([[1., 2.], [3., 4.]])).sum().backward() → w.grad [2., 8.]
        var w = LeafVector(1, 2);
        var t = Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } }).T.Detach();
        var row = t[0];
        row += w * w;
        Assert.Equal("CopySlices", t.GradFn!.Name);
        Assert.Equal([2.0, 7, 2, 4], t.ToArray<double>());
        (t * Tensor.From(new[,] { { 1.0, 2 }, { 3, 4 } })).Sum().Backward();
        AssertValues([2, 8], w.Grad!);
    }

    [Fact]
    public void InPlaceOnAViewOfAnExpandedBaseThrowsWhileRecording()
    {
        var w = LeafVector(1, 2);
        var expanded = Tensor.From(new[] { 1.0, 2 }).Expand(3, 2).Detach();
        var row = expanded[0];
        Assert.Contains("share memory", Assert.Throws<NotSupportedException>(() => row += w).Message);
        using (Autograd.NoGrad()) row += 1;  // not recording: allowed
        Assert.Equal([2.0, 3], row.ToArray<double>());
    }

    [Fact]
    public void VarianceWithNothingLeftAfterTheCorrectionHasInfiniteGradients()
    {
        // t = tensor([[[0.5], [1.5]], [[2.0], [-1.0]]], requires_grad=True); v = torch.var(t, (0, 2), correction=2)
        // → v [inf, inf], v.grad_fn VarBackward0; v.sum().backward() → t.grad [-inf, inf, inf, -inf] (2 (x - mean) / 0)
        var t = Tensor.From(new[] { 0.5, 1.5, 2.0, -1.0 }).Reshape(2, 2, 1).Detach();
        t.RequiresGrad = true;
        var v = t.Var([0, 2], correction: 2);
        Assert.Equal("VarBackward0", v.GradFn!.Name);
        Assert.Equal([double.PositiveInfinity, double.PositiveInfinity], v.ToArray<double>());
        v.Sum().Backward();
        Assert.Equal([double.NegativeInfinity, double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity], t.Grad!.ToArray<double>());
    }

    [Fact]
    public void InPlaceOnAViewOfALeafThatRequiresGradThrows()
    {
        var x = LeafVector(1, 2);
        var view = x[..1];
        Assert.Contains("a view of a leaf Variable that requires grad",
            Assert.Throws<InvalidOperationException>(() => view += 1).Message);
    }

    [Fact]
    public void IndexAssignmentGradients()
    {
        // PyTorch: w = arange(6.).reshape(2, 3); z = w * 2; z[0, 1] = 5.0; z[1] = w[0] * 3 → grad [[5, 3, 5], [0, 0, 0]]
        var w = Tensor.Arange(6.0).Reshape(2, 3).Detach();
        w.RequiresGrad = true;
        var z = w * 2;
        z[0, 1] = 5.0;
        z[1] = w[0] * 3;
        Assert.Equal("CopySlices", z.GradFn!.Name);
        AssertValues([0, 5, 4, 0, 3, 6], z);
        z.Sum().Backward();
        AssertValues([5, 3, 5, 0, 0, 0], w.Grad!);
        var v = LeafVector(7, 8);
        var m = w * 1.0;
        m[Tensor.From(new long[] { 1, 0 }), 2] = v * v;   // advanced-index assignment: IndexPutBackward0
        Assert.Equal("IndexPutBackward0", m.GradFn!.Name);
        m.Sum().Backward();
        AssertValues([14, 16], v.Grad!);
        AssertValues([6, 4, 5, 1, 1, 0], w.Grad!);
    }

    // ------------------------------------------------------------------ functional gradients, detach

    [Fact]
    public void AutogradGradDoesNotTouchGrad()
    {
        var x = LeafVector(1, 2);
        var b = LeafVector(0.5);
        var loss = (x * x * 3).Sum() + b.Sum();
        var grads = Autograd.Grad([loss], [x, b], retainGraph: true);
        AssertValues([6, 12], grads[0]);
        AssertValues([1], grads[1]);
        Assert.Null(x.Grad);
        Assert.Null(b.Grad);
        var again = Autograd.Grad([loss], [x]);   // the retained graph runs once more, then is freed
        AssertValues([6, 12], again[0]);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void AutogradGradCreateGraphGivesHigherOrderGradients()
    {
        var x = LeafVector(-1, 0.5, 2);
        var first = Autograd.Grad([x.Pow(3).Sum()], [x], createGraph: true)[0];
        Assert.True(first.RequiresGrad);
        AssertValues([3, 0.75, 12], first);
        var second = Autograd.Grad([first.Sum()], [x], createGraph: true)[0];
        AssertValues([-6, 3, 12], second);                   // 6x
        AssertValues([6, 6, 6], Autograd.Grad([second.Sum()], [x])[0]);
        Assert.Null(x.Grad);
        var plain = Autograd.Grad([(x * x).Sum()], [x])[0];   // without createGraph the result has no history
        Assert.False(plain.RequiresGrad);
    }

    [Fact]
    public void AutogradGradUnusedInputs()
    {
        var x = LeafVector(1, 2);
        var unused = LeafVector(3);
        var e = Assert.Throws<InvalidOperationException>(() => Autograd.Grad([(x * 2).Sum()], [x, unused]));
        Assert.Contains("appears to not have been used in the graph", e.Message);
        var grads = Autograd.Grad([(x * 2).Sum()], [x, unused], allowUnused: true);
        AssertValues([2, 2], grads[0]);
        AssertValues([0], grads[1]);   // PyTorch returns None here
        Assert.Throws<InvalidOperationException>(() => Autograd.Grad([(x * 2).Sum()], [Vector(1.0)]));
    }

    [Fact]
    public void SeedGradientsAreCheckedAndCastAsPyTorch()
    {
        var two = LeafVector(1, 2);
        AssertValues([2 + 6, -4 + 6], Autograd.Grad([two * two, two.Sum() * 3], [two], [Vector(1, -1), Tensor.Scalar(2.0)])[0]);
        var f = Tensor.From(new[] { 1f, 2f });
        f.RequiresGrad = true;
        f.Backward(Tensor.From(new[] { 1.0, 1.0 }));       // a Float64 seed for a Float32 leaf
        Assert.Equal(DType.Float32, f.Grad!.DType);
        var x = LeafVector(1, 2, 3, 4);
        var e = Assert.Throws<ArgumentException>(() => Autograd.Grad([x * 2], [x], [Tensor.Ones([3, 4], DType.Float64)]));
        Assert.Contains("Mismatch in shape: grad_output[0] has a shape of [3, 4] and output[0] has a shape of [4]", e.Message);
        Assert.Contains("got 2 tensors and 1 gradients",
            Assert.Throws<ArgumentException>(() => Autograd.Grad([x * 2, x * 3], [x], [Tensor.Ones([4], DType.Float64)])).Message);
    }

    [Fact]
    public void DetachSharesStorageButNotHistory()
    {
        var x = LeafVector(1, 2);
        var y = x * 3;
        var d = y.Detach();
        Assert.Same(y.Storage, d.Storage);
        Assert.True(!d.RequiresGrad && d.IsLeaf && d.GradFn is null);
        d[0] = 10.0;
        AssertValues([10, 6], y);
        var v = x.Detach();
        Assert.Same(x.Storage, v.Storage);
        v += 1;   // allowed: the detached alias does not require grad
        AssertValues([2, 3], x);
    }

    // ------------------------------------------------------------------ scale, threads, printing

    [Fact]
    public void ChainOfAHundredThousandOpsBackpropagates()
    {
        // The engine walks the graph with explicit stacks: a recursive walk would overflow the call stack here.
        var x = LeafVector(1.0);
        var y = x;
        for (int i = 0; i < 100_000; i++) y = y * 1.0000001;
        y.Sum().Backward();
        AssertValues([Math.Pow(1.0000001, 100_000)], x.Grad!, 1e-9);

        x.Grad = null;
        var z = x;
        for (int i = 0; i < 10_000; i++) z = z + x;   // a deep chain that also feeds x 10 001 times
        z.Sum().Backward();
        AssertValues([10_001], x.Grad!);
    }

    private static double[] IndependentGraph(int seed)
    {
        var rng = new Random(seed);
        var w = Tensor.From(Enumerable.Range(0, 12).Select(_ => rng.NextDouble() - 0.5).ToArray(), [3, 4]);
        w.RequiresGrad = true;
        var b = LeafVector(rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), rng.NextDouble());
        for (int step = 0; step < 20; step++)
        {
            var h = (w * b).Tanh().Softmax(1);
            var loss = (h * h).Sum() + w.Square().Mean() + h.LogSumExp(0).Sum();
            loss.Backward();
        }
        return [.. Values(w.Grad!), .. Values(b.Grad!)];
    }

    [Fact]
    public void IndependentGraphsOnEightThreadsMatchSequentialRuns()
    {
        var sequential = Enumerable.Range(0, 8).Select(IndependentGraph).ToArray();
        var parallel = new double[8][];
        var threads = Enumerable.Range(0, 8).Select(i => new Thread(() => parallel[i] = IndependentGraph(i))).ToArray();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();
        for (int i = 0; i < 8; i++) Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void ToStringShowsAutogradStateAsPyTorch()
    {
        // Strings printed by PyTorch 1.13 for the same tensors.
        var f = Tensor.From(new[] { 1f, 2f });
        f.RequiresGrad = true;
        Assert.Equal("tensor([1., 2.], requires_grad=True)", f.ToString());
        Assert.Equal("tensor(6., grad_fn=<SumBackward0>)", (f * 2).Sum().ToString());
        var x = LeafVector(1, 2);
        Assert.Equal("tensor([1., 2.], dtype=torch.float64, requires_grad=True)", x.ToString());
        Assert.Equal("tensor([2., 4.], dtype=torch.float64, grad_fn=<MulBackward0>)", (x * 2).ToString());
        Assert.Equal("tensor([1., 2.], dtype=torch.float64)", x.Detach().ToString());
        var s = Tensor.Scalar(3.5f);
        s.RequiresGrad = true;
        Assert.Equal("tensor(3.5000, grad_fn=<MulBackward0>)", (s * 1).ToString());
    }
}
