using System.Text.Json;

namespace Nabla.Tests;

/// <summary>
/// Replays tests/golden/autograd.json (written by generate_autograd.py with PyTorch 1.13): the d2l
/// section 2.5 examples, the gradient of every differentiable op from torch.autograd.grad (with
/// broadcasting, non-contiguous and mixed-dtype inputs), PyTorch's choices at ties, zeros and
/// boundaries, higher-order derivatives, and the grad_fn names.
/// </summary>
public class AutogradGoldenTests
{
    private const string File = "autograd";

    public static TheoryData<string> GradCases => GoldenNames("grad");

    public static TheoryData<string> TieCases => GoldenNames("ties");

    private static TheoryData<string> GoldenNames(string group)
    {
        var data = new TheoryData<string>();
        foreach (var c in Golden.Cases(File))
            if (c.GetProperty("group").GetString() == group) data.Add(c.GetProperty("name").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(GradCases))]
    public void GradientMatchesPyTorch(string name) => Replay(Golden.Case(File, name));

    [Theory]
    [MemberData(nameof(TieCases))]
    public void GradientAtTiesAndKinksMatchesPyTorch(string name) => Replay(Golden.Case(File, name));

    /// <summary>
    /// grad_fn names where Nabla builds the result differently from PyTorch (by composition, with
    /// another view op, or where PyTorch's Python operators pick another op): op or case → Nabla's
    /// name. Every other case must carry PyTorch's name exactly.
    /// </summary>
    private static readonly Dictionary<string, string> KnownNameDifferences = new()
    {
        ["nansum"] = "*",                        // NansumBackward0: where(isnan, 0, x).sum
        ["nan_to_num"] = "WhereBackward0",       // NanToNumBackward0: three where()s
        ["reshape"] = "ViewBackward0",           // ReshapeAliasBackward0 / UnsafeViewBackward0 in PyTorch 1.13
        ["flatten"] = "ViewBackward0",           // likewise
        ["index_int"] = "SliceBackward0",        // SelectBackward0: Nabla records one node per subscript
        ["index_int_int"] = "SliceBackward0",
        ["index_newaxis"] = "SliceBackward0",    // UnsqueezeBackward0
        ["sub_scalar_left"] = "SubBackward0",    // RsubBackward1: Python's 1.5 - x calls rsub
        ["div_scalar_left"] = "DivBackward0",    // MulBackward0: Python's 1.5 / x is x.reciprocal() * 1.5
        ["mse_loss"] = "*",                      // MseLossBackward0: mean/sum of (input - target).square()
    };

    [Fact]
    public void GradFnNamesMatchPyTorch()
    {
        var unexpected = new List<string>();
        var used = new HashSet<string>();
        foreach (var c in Golden.Cases(File))
        {
            string group = c.GetProperty("group").GetString()!;
            if (group is not ("grad" or "ties")) continue;
            string name = c.GetProperty("name").GetString()!, op = c.GetProperty("op").GetString()!;
            string torch = c.GetProperty("grad_fn").GetString()!.Replace("torch::autograd::", "");
            var (outputs, _, _) = Run(c);
            string nabla = outputs[0].GradFn!.Name;
            if (nabla == torch) continue;
            string key = KnownNameDifferences.ContainsKey(name) ? name : op;
            if (KnownNameDifferences.TryGetValue(key, out var known) && (known == "*" || known == nabla))
            {
                used.Add(key);
                continue;
            }
            unexpected.Add($"{name}: PyTorch {torch}, Nabla {nabla}");
        }
        Assert.True(unexpected.Count == 0, "grad_fn names differ from PyTorch's:\n" + string.Join("\n", unexpected));
        var stale = KnownNameDifferences.Keys.Except(used).ToList();
        Assert.True(stale.Count == 0, "Nabla now matches PyTorch's grad_fn name for: " + string.Join(", ", stale) + "; remove them from KnownNameDifferences");
    }

    // ------------------------------------------------------------------ replay

    private static void Replay(JsonElement c)
    {
        string name = c.GetProperty("name").GetString()!;
        var (outputs, inputs, indices) = Run(c);
        var expectedOutputs = c.GetProperty("outputs").EnumerateArray().ToArray();
        Assert.Equal(expectedOutputs.Length, outputs.Length);
        // Float32 inputs limit the precision of everything computed from them (PyTorch keeps some intermediates in Float32).
        bool single = inputs.Any(t => t is { DType: DType.Float32 }) || outputs.Any(t => t.DType == DType.Float32);
        for (int i = 0; i < outputs.Length; i++) AssertClose(expectedOutputs[i], outputs[i], single, $"{name} output {i}");
        if (c.TryGetProperty("indices", out var expectedIndices))
            Assert.Equal(Golden.Tensor(expectedIndices).ToArray<long>(), indices!.ToArray<long>());

        var gradOutputs = c.GetProperty("grad_outputs").EnumerateArray().Select(Golden.Tensor).ToArray();
        var expectedGrads = c.GetProperty("grads").EnumerateArray().ToArray();
        var wrt = new List<(int Index, Tensor Input)>();
        for (int i = 0; i < inputs.Length; i++)
            if (expectedGrads[i].ValueKind != JsonValueKind.Null) wrt.Add((i, inputs[i]!));
        var grads = Autograd.Grad(outputs, wrt.Select(w => w.Input).ToArray(), gradOutputs);
        for (int k = 0; k < wrt.Count; k++)
            AssertClose(expectedGrads[wrt[k].Index], grads[k], single, $"{name} gradient of input {wrt[k].Index}");
    }

    private static void AssertClose(JsonElement expected, Tensor actual, bool single, string context) =>
        Golden.AssertEqual(expected, actual, rtol: single ? 1e-5 : 1e-9, atol: single ? 1e-6 : 1e-12, context: context);

    /// <summary>Builds a case's inputs and applies its op: the outputs, the inputs (null for an omitted bound) and max/min's indices.</summary>
    private static (Tensor[] Outputs, Tensor?[] Inputs, Tensor? Indices) Run(JsonElement c)
    {
        var inputs = c.GetProperty("inputs").EnumerateArray().Select(Input).ToArray();
        var outputs = Forward(c.GetProperty("op").GetString()!, c.GetProperty("args"), inputs, out var indices);
        return (outputs, inputs, indices);
    }

    /// <summary>A tensor input (the stored base, viewed as generate_autograd.In.value does, then made a leaf), a weak scalar, or null.</summary>
    private static Tensor? Input(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Null) return null;
        if (e.TryGetProperty("scalar", out var scalar))
            return e.GetProperty("kind").GetString() == "int" ? (Tensor)scalar.GetInt64() : (Tensor)Golden.Number(scalar);
        var t = Golden.Tensor(e);
        if (e.TryGetProperty("view", out var view))
        {
            t = view.GetString() switch
            {
                "transpose" => t.Transpose(0, 1),
                "step2" => t[TensorIndex.Ellipsis, TensorIndex.Slice(null, null, 2)],
                "offset" => t[1..],
                "expand" => t.Expand(GoldenReplay.Longs(e.GetProperty("size"))),
                var v => throw new NotSupportedException(v),
            };
        }
        if (e.GetProperty("requires_grad").GetBoolean()) t.RequiresGrad = true;
        return t;
    }

    private static string Reduction(JsonElement args) => args.TryGetProperty("reduction", out var r) ? r.GetString()! : "mean";

    private static int? OptionalInt(JsonElement args, string name) =>
        args.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static readonly Dictionary<string, Func<Tensor, Tensor>> Unary = new()
    {
        ["neg"] = t => Tensor.Neg(t), ["abs"] = t => t.Abs(), ["sign"] = t => t.Sign(), ["exp"] = t => t.Exp(),
        ["expm1"] = t => t.Expm1(), ["log"] = t => t.Log(), ["log1p"] = t => t.Log1p(), ["sqrt"] = t => t.Sqrt(),
        ["rsqrt"] = t => t.Rsqrt(), ["sin"] = t => t.Sin(), ["cos"] = t => t.Cos(), ["tan"] = t => t.Tan(),
        ["tanh"] = t => t.Tanh(), ["sigmoid"] = t => t.Sigmoid(), ["relu"] = t => t.Relu(), ["floor"] = t => t.Floor(),
        ["ceil"] = t => t.Ceil(), ["round"] = t => t.Round(), ["reciprocal"] = t => t.Reciprocal(), ["square"] = t => t.Square(),
    };

    /// <summary>The op as generate_autograd.forward applies it.</summary>
    private static Tensor[] Forward(string op, JsonElement a, Tensor?[] x, out Tensor? indices)
    {
        indices = null;
        if (Unary.TryGetValue(op, out var unary)) return [unary(x[0]!)];
        var t = x[0]!;
        int? dim = OptionalInt(a, "dim");
        int[]? dims = a.TryGetProperty("dim", out var d) && d.ValueKind == JsonValueKind.Array ? GoldenReplay.Ints(d) : null;
        bool keepDim = a.TryGetProperty("keepdim", out var k) && k.GetBoolean();
        switch (op)
        {
            case "cross_entropy": return [Tensor.CrossEntropy(t, x[1]!, Reduction(a))];
            case "mse_loss": return [Tensor.MseLoss(t, x[1]!, Reduction(a))];
            case "add": return [t + x[1]!];
            case "sub": return [t - x[1]!];
            case "mul": return [t * x[1]!];
            case "div": return [t / x[1]!];
            case "remainder": return [t % x[1]!];
            case "pow": return [Tensor.Pow(t, x[1]!)];
            case "maximum": return [Tensor.Maximum(t, x[1]!)];
            case "minimum": return [Tensor.Minimum(t, x[1]!)];
            case "atan2": return [Tensor.Atan2(t, x[1]!)];
            case "clamp": return [Tensor.Clamp(t, x[1], x[2])];
            case "where": return [Tensor.Where(t, x[1]!, x[2]!)];
            case "nan_to_num":
                double? Arg(string n) => a.TryGetProperty(n, out var v) ? v.GetDouble() : null;
                return [Tensor.NanToNum(t, Arg("nan") ?? 0, Arg("posinf"), Arg("neginf"))];
            case "sum": return [dims is not null ? t.Sum(dims, keepDim) : dim is { } s ? t.Sum(s, keepDim) : t.Sum()];
            case "mean": return [dims is not null ? t.Mean(dims, keepDim) : dim is { } m ? t.Mean(m, keepDim) : t.Mean()];
            case "nansum": return [dim is { } ns ? t.NanSum(ns, keepDim) : t.NanSum()];
            case "nanmean": return [dim is { } nm ? t.NanMean(nm, keepDim) : t.NanMean()];
            case "prod": return [dim is { } p ? t.Prod(p, keepDim) : t.Prod()];
            case "max" or "min":
                if (dim is not { } md) return [op == "max" ? t.Max() : t.Min()];
                var (values, found) = op == "max" ? t.Max(md, keepDim) : t.Min(md, keepDim);
                indices = found;
                return [values];
            case "amax": return [t.Amax(dims!, keepDim)];
            case "amin": return [t.Amin(dims!, keepDim)];
            case "var" or "std":
                double correction = a.TryGetProperty("correction", out var cr) ? cr.GetDouble() : 1;
                int[] over = dims ?? (dim is { } vd ? [vd] : []);
                return [op == "var" ? t.Var(over, keepDim, correction) : t.Std(over, keepDim, correction)];
            case "logsumexp": return [dims is not null ? t.LogSumExp(dims, keepDim) : t.LogSumExp(dim!.Value, keepDim)];
            case "softmax": return [t.Softmax(dim!.Value)];
            case "log_softmax": return [t.LogSoftmax(dim!.Value)];
            case "cumsum": return [t.Cumsum(dim!.Value)];
            case "cumprod": return [t.Cumprod(dim!.Value)];
            case "reshape": return [t.Reshape(GoldenReplay.Longs(a.GetProperty("shape")))];
            case "view": return [t.View(GoldenReplay.Longs(a.GetProperty("shape")))];
            case "transpose": return [t.Transpose(GoldenReplay.Ints(a.GetProperty("dims"))[0], GoldenReplay.Ints(a.GetProperty("dims"))[1])];
            case "permute": return [t.Permute(GoldenReplay.Ints(a.GetProperty("dims")))];
            case "T": return [t.T];
            case "squeeze": return [dim is { } sq ? t.Squeeze(sq) : t.Squeeze()];
            case "unsqueeze": return [t.Unsqueeze(dim!.Value)];
            case "expand": return [t.Expand(GoldenReplay.Longs(a.GetProperty("size")))];
            case "flatten": return [t.Flatten(OptionalInt(a, "start") ?? 0, OptionalInt(a, "end") ?? -1)];
            case "narrow": return [t.Narrow(dim!.Value, a.GetProperty("start").GetInt64(), a.GetProperty("length").GetInt64())];
            case "clone": return [t.Clone()];
            case "contiguous": return [t.Contiguous()];
            case "to": return [t.To(Enum.Parse<DType>(a.GetProperty("dtype").GetString()!))];
            case "index": return [t[GoldenReplay.Index(a.GetProperty("index"))]];
            case "index_put":
                var z = t * 2;
                z[GoldenReplay.Index(a.GetProperty("index"))] = x[1]!;
                return [z];
            case "cat": return [Tensor.Cat(x!, dim!.Value)];
            case "stack": return [Tensor.Stack(x!, dim!.Value)];
            case "split":
                var size = a.GetProperty("size");
                return size.ValueKind == JsonValueKind.Array ? t.Split(GoldenReplay.Longs(size), dim!.Value) : t.Split(size.GetInt64(), dim!.Value);
            case "chunk": return t.Chunk(a.GetProperty("chunks").GetInt32(), dim!.Value);
            case "norm_like": return [(t * t).Sum().Sqrt()];
            default: throw new NotSupportedException($"unknown golden op {op}");
        }
    }

    // ------------------------------------------------------------------ chapter 2.5

    private static JsonElement Chapter(string name) => Golden.Case(File, name);

    private static void AssertGolden(JsonElement expected, Tensor actual, string context) =>
        Golden.AssertEqual(expected, actual, rtol: 1e-6, atol: 1e-6, context: context);

    [Fact]
    public void ChapterExamplesInOrder()
    {
        var x = Tensor.Arange(4.0, requiresGrad: true);
        var dot = Chapter("dot");
        Assert.Equal(dot.GetProperty("x_repr").GetString(), x.ToString());
        Assert.Null(x.Grad);
        var y = 2 * Tensor.Dot(x, x);
        Assert.Equal(dot.GetProperty("y_repr").GetString(), y.ToString());
        y.Backward();
        AssertGolden(dot.GetProperty("grad"), x.Grad!, "2 * dot(x, x)");
        Assert.True((bool)(x.Grad! == 4 * x).All());

        x.Grad!.Clear();
        y = x.Sum();
        Assert.Equal(Chapter("sum").GetProperty("y_repr").GetString(), y.ToString());
        y.Backward();
        AssertGolden(Chapter("sum").GetProperty("grad"), x.Grad!, "x.sum()");

        x.Grad!.Clear();
        y = x * x;
        Assert.Equal(Chapter("gradient_ones").GetProperty("y_repr").GetString(), y.ToString());
        y.Backward(gradient: Tensor.Ones(y.Shape[0]));
        AssertGolden(Chapter("gradient_ones").GetProperty("grad"), x.Grad!, "backward(gradient=ones)");

        x.Grad!.Clear();
        y = x * x;
        y.Sum().Backward();
        AssertGolden(Chapter("sum_of_product").GetProperty("grad"), x.Grad!, "(x * x).sum()");

        x.Grad!.Clear();
        y = x * x;
        var u = y.Detach();
        var z = u * x;
        z.Sum().Backward();
        var detach = Chapter("detach");
        AssertGolden(detach.GetProperty("u"), u, "u");
        Assert.Equal(detach.GetProperty("u_repr").GetString(), u.ToString());
        AssertGolden(detach.GetProperty("grad"), x.Grad!, "grad through a detached factor");
        Assert.True((bool)(x.Grad! == u).All());

        x.Grad!.Clear();
        y.Sum().Backward();
        AssertGolden(Chapter("detach_then_y").GetProperty("grad"), x.Grad!, "y.sum() after the detach");
        Assert.True((bool)(x.Grad! == 2 * x).All());

        x.Grad = null;
        (2 * Tensor.Dot(x, x)).Backward();
        (2 * Tensor.Dot(x, x)).Backward();
        AssertGolden(Chapter("accumulate").GetProperty("grad"), x.Grad!, "two backward passes accumulate");
    }

    /// <summary>d2l's f(a): doubles b until its norm reaches 1000, then keeps it or scales it by 100.</summary>
    private static (Tensor C, int Steps) F(Tensor a)
    {
        var b = a * 2;
        int steps = 0;
        while ((bool)(b.Square().Sum().Sqrt() < 1000))  // b.norm() < 1000
        {
            b = b * 2;
            steps++;
        }
        var c = (bool)(b.Sum() > 0) ? b : 100 * b;
        return (c, steps);
    }

    [Theory]
    [InlineData("control_flow_positive")]
    [InlineData("control_flow_negative")]
    [InlineData("control_flow_scalar_randn")]
    [InlineData("control_flow_vector")]
    [InlineData("control_flow_vector_negative_sum")]
    public void ControlFlowGradientIsDOverA(string name)
    {
        var c = Chapter(name);
        var a = Golden.Tensor(c.GetProperty("a"));
        a.RequiresGrad = true;
        var (d, steps) = F(a);
        Assert.Equal(c.GetProperty("steps").GetInt32(), steps);
        (d.Rank > 0 ? d.Sum() : d).Backward();
        AssertGolden(c.GetProperty("d"), d, "d");
        AssertGolden(c.GetProperty("grad"), a.Grad!, "a.grad");
        AssertGolden(c.GetProperty("d_over_a"), d / a, "d / a");
        Assert.True((bool)((a.Grad! - d / a).Abs() <= 1e-6 * (d / a).Abs()).All(), "a.grad == d / a");
    }

    // ------------------------------------------------------------------ higher order

    private static Tensor Leaf(JsonElement c, string property)
    {
        var t = Golden.Tensor(c.GetProperty(property));
        t.RequiresGrad = true;
        return t;
    }

    private static void AssertSecond(JsonElement expected, Tensor actual, string context) =>
        Golden.AssertEqual(expected, actual, rtol: 1e-10, atol: 1e-12, context: context);

    [Fact]
    public void ThirdDerivativeOfCube()
    {
        var c = Golden.Case(File, "cube");
        var x = Leaf(c, "x");
        var d1 = Autograd.Grad([x.Pow(3).Sum()], [x], createGraph: true)[0];
        var d2 = Autograd.Grad([d1.Sum()], [x], createGraph: true)[0];
        var d3 = Autograd.Grad([d2.Sum()], [x])[0];
        AssertSecond(c.GetProperty("first"), d1, "3x²");
        AssertSecond(c.GetProperty("second"), d2, "6x");
        AssertSecond(c.GetProperty("third"), d3, "6");
        Assert.True((bool)((d2 - 6 * x).Abs() < 1e-12).All());
    }

    [Fact]
    public void SecondDerivativeOfSin()
    {
        var c = Golden.Case(File, "sin");
        var x = Leaf(c, "x");
        var d1 = Autograd.Grad([x.Sin().Sum()], [x], createGraph: true)[0];
        var d2 = Autograd.Grad([d1.Sum()], [x])[0];
        AssertSecond(c.GetProperty("first"), d1, "cos");
        AssertSecond(c.GetProperty("second"), d2, "-sin");
    }

    [Fact]
    public void MixedSecondDerivativesOfAProduct()
    {
        var c = Golden.Case(File, "product");
        var a = Leaf(c, "a");
        var b = Leaf(c, "b");
        var f = (a * a * b).Sum();
        var first = Autograd.Grad([f], [a, b], createGraph: true);
        AssertSecond(c.GetProperty("grad_a"), first[0], "2ab");
        AssertSecond(c.GetProperty("grad_b"), first[1], "a²");
        var fromA = Autograd.Grad([first[0].Sum()], [a, b], retainGraph: true);
        AssertSecond(c.GetProperty("d2_aa"), fromA[0], "2b");
        AssertSecond(c.GetProperty("d2_ab"), fromA[1], "2a");
        var fromB = Autograd.Grad([first[1].Sum()], [a, b], allowUnused: true);
        AssertSecond(c.GetProperty("d2_ba"), fromB[0], "2a");
        // PyTorch returns None for the unused input; Nabla returns zeros.
        Assert.Equal(JsonValueKind.Null, c.GetProperty("d2_bb").ValueKind);
        Assert.Equal([0.0, 0.0], fromB[1].ToArray<double>());
    }

    [Fact]
    public void BackwardWithCreateGraphMakesGradDifferentiable()
    {
        var c = Golden.Case(File, "backward_create_graph");
        var w = Leaf(c, "x");
        (w.Exp() * w).Sum().Backward(createGraph: true);
        AssertSecond(c.GetProperty("first"), w.Grad!, "(1 + w) e^w");
        Assert.True(w.Grad!.RequiresGrad);
        var second = Autograd.Grad([w.Grad!.Sum()], [w])[0];
        AssertSecond(c.GetProperty("second"), second, "(2 + w) e^w");
    }

    [Fact]
    public void SecondDerivativeThroughSoftmax()
    {
        var c = Golden.Case(File, "softmax");
        var s = Leaf(c, "x");
        var weights = Golden.Tensor(c.GetProperty("c"));
        var g = Autograd.Grad([(s.Softmax(1) * weights).Sum()], [s], createGraph: true)[0];
        AssertSecond(c.GetProperty("first"), g, "first");
        AssertSecond(c.GetProperty("second"), Autograd.Grad([(g * g).Sum()], [s])[0], "second");
    }

    [Fact]
    public void SecondDerivativeThroughATransposedView()
    {
        var c = Golden.Case(File, "tanh_of_transposed");
        var s = Leaf(c, "x");
        var weights = Golden.Tensor(c.GetProperty("c"));
        var g = Autograd.Grad([(s.T.Tanh() * weights.T).Sum()], [s], createGraph: true)[0];
        AssertSecond(c.GetProperty("first"), g, "first");
        AssertSecond(c.GetProperty("second"), Autograd.Grad([g.Sum()], [s])[0], "second");
    }
}
