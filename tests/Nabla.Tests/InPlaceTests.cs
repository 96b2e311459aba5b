namespace Nabla.Tests;

/// <summary>
/// In-place updates: every C# 14 compound operator with every operand type keeps the same object
/// and storage, allocates no tensor memory and bumps the version; <c>destination:</c> forms,
/// aliasing of destination and inputs, indexer assignment and writes through views. Values and
/// errors come from PyTorch (the "inplace" and "alias" cases of tests/golden/math.json).
/// Memory.TotalAllocatedBytes is process-wide, so these tests run alone.
/// </summary>
[Collection(nameof(InPlaceTests))]
public class InPlaceTests
{
    public static TheoryData<string> CompoundCases => MathGolden.Names("inplace");

    /// <summary>
    /// Applies <c>x op= operand</c> with a statically typed operand, so that this is what C# binds.
    /// <paramref name="x"/> is by reference: if C# fell back to <c>x = x op y</c> (a missing
    /// overload), x would be rebound to a new tensor and Assert.Same would catch it.
    /// </summary>
    private static void Apply(ref Tensor x, string op, string operand, Tensor? y)
    {
        switch (op, operand)
        {
            case ("+=", "Tensor" or "row" or "Int64"): x += y!; break;
            case ("+=", "int"): x += 2; break;
            case ("+=", "long"): x += 3L; break;
            case ("+=", "float"): x += 0.5f; break;
            case ("+=", "double"): x += 2.5; break;
            case ("+=", "bool"): x += true; break;
            case ("-=", "Tensor" or "row" or "Int64"): x -= y!; break;
            case ("-=", "int"): x -= 2; break;
            case ("-=", "long"): x -= 3L; break;
            case ("-=", "float"): x -= 0.5f; break;
            case ("-=", "double"): x -= 2.5; break;
            case ("-=", "bool"): x -= true; break;
            case ("*=", "Tensor" or "row" or "Int64"): x *= y!; break;
            case ("*=", "int"): x *= 2; break;
            case ("*=", "long"): x *= 3L; break;
            case ("*=", "float"): x *= 0.5f; break;
            case ("*=", "double"): x *= 2.5; break;
            case ("*=", "bool"): x *= true; break;
            case ("/=", "Tensor" or "row" or "Int64"): x /= y!; break;
            case ("/=", "int"): x /= 2; break;
            case ("/=", "long"): x /= 3L; break;
            case ("/=", "float"): x /= 0.5f; break;
            case ("/=", "double"): x /= 2.5; break;
            case ("/=", "bool"): x /= true; break;
            case ("%=", "Tensor" or "row" or "Int64"): x %= y!; break;
            case ("%=", "int"): x %= 2; break;
            case ("%=", "long"): x %= 3L; break;
            case ("%=", "float"): x %= 0.5f; break;
            case ("%=", "double"): x %= 2.5; break;
            case ("%=", "bool"): x %= true; break;
            case ("&=", "Tensor" or "row" or "Int64"): x &= y!; break;
            case ("&=", "int"): x &= 2; break;
            case ("&=", "long"): x &= 3L; break;
            case ("&=", "float"): x &= 0.5f; break;
            case ("&=", "double"): x &= 2.5; break;
            case ("&=", "bool"): x &= true; break;
            case ("|=", "Tensor" or "row" or "Int64"): x |= y!; break;
            case ("|=", "int"): x |= 2; break;
            case ("|=", "long"): x |= 3L; break;
            case ("|=", "float"): x |= 0.5f; break;
            case ("|=", "double"): x |= 2.5; break;
            case ("|=", "bool"): x |= true; break;
            case ("^=", "Tensor" or "row" or "Int64"): x ^= y!; break;
            case ("^=", "int"): x ^= 2; break;
            case ("^=", "long"): x ^= 3L; break;
            case ("^=", "float"): x ^= 0.5f; break;
            case ("^=", "double"): x ^= 2.5; break;
            case ("^=", "bool"): x ^= true; break;
            default: throw new NotSupportedException($"{op} {operand}");
        }
    }

    [Theory]
    [MemberData(nameof(CompoundCases))]
    public void CompoundOperatorWritesInPlace(string name)
    {
        var c = MathGolden.Case(name);
        string op = c.GetProperty("op").GetString()!, operand = c.GetProperty("operand").GetString()!;
        var inputs = MathGolden.Operands(c);
        var x = (Tensor)inputs[0]!;
        var y = inputs.Length > 1 ? (Tensor)inputs[1]! : null;
        var original = x.ToArray<double>();
        var saved = x;
        var storage = x.Storage;
        int version = x.Version;
        long bytes = Memory.TotalAllocatedBytes;

        if (c.TryGetProperty("error", out var error))
        {
            MathGolden.AssertThrowsLike(error.GetString()!, () => Apply(ref x, op, operand, y));
            Assert.Same(saved, x);
            Assert.Equal(original, x.ToArray<double>());  // PyTorch checks before it writes
            return;
        }
        Apply(ref x, op, operand, y);
        Assert.Same(saved, x);
        Assert.Same(storage, x.Storage);
        Assert.True(x.Version > version, $"version {x.Version} not bumped from {version}");
        // A scalar or a tensor of the same dtype needs no temporary (an Int64 operand of a Float32 tensor is converted first).
        if (y is null || y.DType == x.DType) Assert.Equal(bytes, Memory.TotalAllocatedBytes);
        MathGolden.Compare(c, op.TrimEnd('=') switch { "/" => "div", "%" => "remainder", _ => "add" }, c.GetProperty("expected"), x);
    }

    [Fact]
    public void AddAssignOfAFloatToAnIntegerTensorThrowsLikePyTorch()
    {
        var x = Tensor.Arange(4);
        var ex = Assert.Throws<ArgumentException>(() => x += 0.5);
        Assert.Contains("result type Float can't be cast to the desired output type Long", ex.Message);
        Assert.Equal([0L, 1, 2, 3], x.ToArray<long>());
    }

    [Fact]
    public void DestinationReceivesTheResultWithoutAllocating()
    {
        var x = Tensor.From(new[] { 1f, 2, 3 });
        var y = Tensor.From(new[] { 10f, 20, 30 });
        var z = Tensor.Zeros(3);
        var storage = z.Storage;
        int version = z.Version;
        long bytes = Memory.TotalAllocatedBytes;
        var result = Tensor.Add(x, y, destination: z);
        Assert.Equal(bytes, Memory.TotalAllocatedBytes);
        Assert.Same(z, result);
        Assert.Same(storage, z.Storage);
        Assert.True(z.Version > version);
        Assert.Equal([11f, 22, 33], z.ToArray<float>());
    }

    [Fact]
    public void DestinationMayBeAnInput()
    {
        var x = Tensor.From(new[] { 0.0, 1, -2 });
        long bytes = Memory.TotalAllocatedBytes;
        Assert.Same(x, Tensor.Exp(x, destination: x));
        Assert.Same(x, Tensor.Mul(x, x, destination: x));
        Assert.Same(x, Tensor.Sub(2.0, x, destination: x));
        Assert.Equal(bytes, Memory.TotalAllocatedBytes);
        // exp([0, 1, -2]) = [1, e, e^-2]; squared; 2 minus that (as torch.exp, mul, rsub with out=).
        Assert.Equal([1.0, 2 - Math.E * Math.E, 2 - Math.Exp(-4)], x.ToArray<double>(), new ToleranceComparer(1e-15));
    }

    [Theory]
    [InlineData("alias/add_shifted")]
    [InlineData("alias/mul_shifted_back")]
    [InlineData("alias/add_transpose")]
    [InlineData("alias/exp_into_transpose")]
    public void DestinationOverlappingAnInputThroughAnotherViewGivesTheOutOfPlaceResult(string name)
    {
        var c = MathGolden.Case(name);
        var x = Golden.Tensor(c.GetProperty("inputs")[0]);
        switch (name)
        {
            case "alias/add_shifted": Tensor.Add(x[1..], x[..^1], destination: x[1..]); break;
            case "alias/mul_shifted_back": Tensor.Mul(x[1..], x[..^1], destination: x[..^1]); break;
            case "alias/add_transpose": Tensor.Add(x, x.T, destination: x); break;
            case "alias/exp_into_transpose": Tensor.Exp(x, destination: x.T); break;
        }
        Golden.AssertEqual(c.GetProperty("expected"), x, 1e-6, 0, name);
    }

    [Fact]
    public void DestinationOfTheWrongShapeThrows()
    {
        var x = Tensor.Ones(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Add(x, x, destination: Tensor.Zeros(3, 2)));
        Assert.Contains("[3, 2]", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
        // An in-place operand that broadcasts the result beyond the left operand's shape (PyTorch:
        // "output with shape [3] doesn't match the broadcast shape [2, 3]").
        var row = Tensor.Ones(3);
        var saved = row;
        ex = Assert.Throws<ArgumentException>(() => row += x);
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Same(saved, row);
    }

    [Fact]
    public void DestinationOfANarrowerDTypeThrowsAndOfAWiderOneConverts()
    {
        var x = Tensor.From(new[] { 1.5f, 2.5f });
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Exp(x, destination: Tensor.Zeros([2], DType.Int64)));
        Assert.Contains("result type Float can't be cast to the desired output type Long", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Tensor.Exp(Tensor.Arange(2), destination: Tensor.Arange(2)));
        Assert.Contains("result type Float can't be cast to the desired output type Long", ex.Message);
        var wide = Tensor.Zeros([2], DType.Float64);
        Tensor.Add(x, x, destination: wide);
        Assert.Equal(DType.Float64, wide.DType);
        Assert.Equal([3.0, 5.0], wide.ToArray<double>());
    }

    [Fact]
    public void AnExpandedDestinationThrows()
    {
        var row = Tensor.Ones(3);
        var expanded = row.Expand(2, 3);
        var ex = Assert.Throws<InvalidOperationException>(() => Tensor.Add(expanded, 1, destination: expanded));
        Assert.Contains("more than one element of the written-to tensor refers to a single memory location", ex.Message);
    }

    [Fact]
    public void IndexerAssignmentFromAnExpressionWritesIntoTheExistingStorage()
    {
        var x = Tensor.From(new[] { 1f, 2, 3 });
        var y = Tensor.From(new[] { 10f, 20, 30 });
        var z = Tensor.Zeros(3);
        var saved = z;
        var storage = z.Storage;
        int version = z.Version;
        z[..] = x + y;
        Assert.Same(saved, z);
        Assert.Same(storage, z.Storage);
        Assert.True(z.Version > version);
        Assert.Equal([11f, 22, 33], z.ToArray<float>());
    }

    [Fact]
    public void RebindingWithTheAllocatingOperatorMakesANewTensor()
    {
        var y = Tensor.Ones(3);
        var x = Tensor.Ones(3);
        var before = y;
        long bytes = Memory.TotalAllocatedBytes;
        y = y + x;
        Assert.NotSame(before, y);
        Assert.NotSame(before.Storage, y.Storage);
        Assert.Equal(bytes + 3 * sizeof(float), Memory.TotalAllocatedBytes);
    }

    [Fact]
    public void WritesThroughAViewBumpTheBaseVersionAndShowInTheBase()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        int version = x.Version;
        var row = x[1];
        row += 10;
        Assert.True(x.Version > version);
        Assert.Equal([0L, 1, 2, 13, 14, 15], x.ToArray<long>());

        version = x.Version;
        var column = x[.., 0];
        Tensor.Mul(column, column, destination: column);
        Assert.True(x.Version > version);
        Assert.Equal([0L, 1, 2, 169, 14, 15], x.ToArray<long>());
    }

    [Fact]
    public void CompoundAssignmentOfAnIndexedRangeUpdatesTheBase()
    {
        // C# runs X[1..3] += 1 as X[1..3] = X[1..3] + 1: getter, allocating operator, setter.
        var x = Tensor.Arange(5);
        var storage = x.Storage;
        x[1..3] += 1;
        Assert.Same(storage, x.Storage);
        Assert.Equal([0L, 2, 3, 3, 4], x.ToArray<long>());
        x[^2..] *= 10;
        Assert.Equal([0L, 2, 3, 30, 40], x.ToArray<long>());
    }

    [Fact]
    public void CompoundAssignmentOnATransposedViewWritesTheRightElements()
    {
        var x = Tensor.Arange(6).Reshape(2, 3);
        var t = x.T;
        var saved = t;
        t -= Tensor.From(new long[] { 100, 200 });  // broadcasts over the rows of the [3, 2] view
        Assert.Same(saved, t);
        Assert.Equal([-100L, -99, -98, -197, -196, -195], x.ToArray<long>());
    }

    [Fact]
    public void LoopOfDestinationUpdatesAllocatesNothing()
    {
        var p = Tensor.Ones(1000);
        var g = Tensor.Full([1000], 0.5f);
        Tensor.Sub(p, 0.1 * g, destination: p);  // warm-up: the scalar product allocates its temporary
        long bytes = Memory.TotalAllocatedBytes;
        for (int i = 0; i < 10; i++)
        {
            p -= g;
            p *= 0.5;
            Tensor.Add(p, g, destination: p);
        }
        Assert.Equal(bytes, Memory.TotalAllocatedBytes);
    }
}

[CollectionDefinition(nameof(InPlaceTests), DisableParallelization = true)]
public class InPlaceTestsCollection;

/// <summary>Compares doubles within an absolute tolerance.</summary>
internal sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
{
    public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(double obj) => 0;
}
