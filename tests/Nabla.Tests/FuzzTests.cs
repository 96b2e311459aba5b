using System.Diagnostics;
using Nabla.Tests.Fuzzing;
using Xunit.Abstractions;

namespace Nabla.Tests;

/// <summary>
/// Tests that use process-wide state (the default generator, the buffer pool, every core): xUnit runs
/// this collection alone, so they neither disturb seeded tests nor get disturbed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalState
{
    public const string Name = "Global state";
}

/// <summary>
/// Hostile-input fuzzing of the public surface (issue 10): every public method of Tensor, Linalg and
/// the distributions, with random arguments, must succeed or throw a documented exception from its
/// argument checks. CI runs a fixed sweep; set NABLA_FUZZ_SECONDS to fuzz with random seeds for that long.
/// </summary>
[Collection(GlobalState.Name)]
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int SweepCalls = 8000;

    [Fact]
    public void Surface_covers_tensor_linalg_and_distributions()
    {
        foreach (var t in Targets.All) output.WriteLine(t.Signature);
        Assert.True(Targets.All.Count(t => t.Method.DeclaringType == typeof(Tensor)) > 200, "Tensor entry points");
        Assert.True(Targets.All.Count(t => t.Method.DeclaringType == typeof(Linalg)) >= 5, "Linalg entry points");
        Assert.Contains(Targets.All, t => t.Signature.StartsWith("Normal..ctor"));
        Assert.Contains(Targets.All, t => t.Signature.StartsWith("Tensor.get_Subscript(TensorIndex[])"));
        Assert.Contains(Targets.All, t => t.Signature.StartsWith("Tensor.op_AdditionAssignment"));
        output.WriteLine($"{Targets.All.Count} entry points, {Targets.DistributionConstructors.Count} distribution constructors");
    }

    /// <summary>Every saved finding, replayed one by one: a failure names the bug's entry point.</summary>
    public static TheoryData<int, string, string> CorpusEntries()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var (seed, signature, what) in Nabla.Tests.Fuzzing.Corpus.Entries) data.Add(seed, signature, what);
        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusEntries))]
    public void Corpus(int seed, string signature, string what)
    {
        Assert.True(Targets.BySignature.ContainsKey(signature), $"corpus target {signature} no longer exists");
        var finding = Fuzzer.Run(seed, signature);
        Assert.True(finding is null, $"{what}\n{finding}");
    }

    /// <summary>
    /// What the fuzzer found, written out by hand so that it stays a regression test whatever the
    /// argument factory later draws from a seed. Each must succeed or be a documented refusal.
    /// </summary>
    private static readonly Dictionary<string, Func<object?>> Findings = new()
    {
        // Fixed in this change.
        ["RandLike(null)"] = () => Tensor.RandLike(null!),
        ["RandnLike(null)"] = () => Tensor.RandnLike(null!),
        ["Tensordot(null, b, 2)"] = () => Tensor.Tensordot(null!, Tensor.Ones(2, 2)),
        ["Tensordot(a, null, 2)"] = () => Tensor.Tensordot(Tensor.Ones(2, 2), null!),
        ["Tensordot(a, b, null, null)"] = () => Tensor.Tensordot(Tensor.Ones(2), Tensor.Ones(2), null!, null!),
        ["Split([]) of an empty dim (IndexOutOfRange in Graph.Record)"] = () => Tensor.Zeros(0, 4).Split([], 0) is [] ? null : throw new InvalidOperationException("expected no pieces"),
        ["Split with sizes that overflow their sum (OverflowException)"] = () => Tensor.Ones(4).Split([long.MaxValue, 2]),
        ["Einsum(eq, null)"] = () => Tensor.Einsum("i->i", null!),
        ["Einsum with a null operand"] = () => Tensor.Einsum("i,i->", Tensor.Ones(2), null!),
        ["ExpandAs(null)"] = () => Tensor.Ones(2).ExpandAs(null!),
        ["indexer get with a null index array"] = () => Tensor.Ones(2)[(TensorIndex[])null!],
        ["indexer set with a null index array"] = () => { var x = Tensor.Ones(2); x[(TensorIndex[])null!] = 1; return x; },
        ["(float)null, (double)null, (int)null, (long)null"] = () => new object?[] { Throws(() => (float)(Tensor)null!), Throws(() => (double)(Tensor)null!), Throws(() => (int)(Tensor)null!), (long)(Tensor)null! },
        ["Chunk(int.MaxValue) of an empty dim (OutOfMemoryException)"] = () => Tensor.Zeros(0).Chunk(int.MaxValue),
        ["Diag(v, long.MinValue) (OverflowException)"] = () => Tensor.Diag(Tensor.Zeros(0), long.MinValue),
        ["Diag(v, 1L << 62)"] = () => Tensor.Diag(Tensor.Zeros(1), 1L << 62),
        // Fixed meanwhile by the owner of Tensor.Creation.cs and Tensor.Arithmetic.cs (commit 1c1c034).
        ["ZerosLike(null)"] = () => Tensor.ZerosLike(null!),
        ["OnesLike(null)"] = () => Tensor.OnesLike(null!),
        ["EmptyLike(null)"] = () => Tensor.EmptyLike(null!),
        ["FullLike(null, 1)"] = () => Tensor.FullLike(null!, 1.0),
        ["From<float>((float[])null)"] = () => Tensor.From((float[])null!),
        ["From<float>((float[,])null)"] = () => Tensor.From((float[,])null!),
        ["From<float>((float[][])null)"] = () => Tensor.From((float[][])null!),
        ["Pow(null, integer scalar)"] = () => Tensor.Pow(null!, (Tensor)2L),
    };

    private static object? Throws(Func<object?> call)
    {
        try { return call(); }
        catch (Exception e) when (Fuzzer.Verdict(e) is null) { return e; }
    }

    public static TheoryData<string> FindingNames() => new(Findings.Keys);

    [Theory]
    [MemberData(nameof(FindingNames))]
    public void Finding(string name)
    {
        try { Findings[name](); }
        catch (Exception e) { Assert.True(Fuzzer.Verdict(e) is null, $"{name}: {Fuzzer.Verdict(e)}\n{e}"); }
    }

    /// <summary>The CI sweep: fixed seeds, a few thousand calls. A finding not yet in the corpus fails it.</summary>
    [Fact]
    public void Sweep_with_fixed_seeds()
    {
        var known = Nabla.Tests.Fuzzing.Corpus.Entries.Select(e => e.Seed).ToHashSet();
        var found = new List<Finding>();
        var clock = Stopwatch.StartNew();
        for (int seed = 1; seed <= SweepCalls; seed++)
            if (Fuzzer.Run(seed) is { } f && !known.Contains(seed)) found.Add(f);
        output.WriteLine($"{SweepCalls} calls in {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var g in Fuzzer.Stats.GroupBy(s => s.Key.Outcome).OrderByDescending(g => g.Sum(s => s.Value)))
            output.WriteLine($"{g.Key}: {g.Sum(s => s.Value)}");
        var neverOk = Targets.All.Where(t => !Fuzzer.Stats.ContainsKey((t.Signature, "ok"))).Select(t => t.Signature);
        output.WriteLine("never succeeded: " + string.Join("; ", neverOk));
        Assert.True(found.Count == 0, Report(found));
    }

    /// <summary>Outside CI: <c>NABLA_FUZZ_SECONDS=600 dotnet test --filter Fuzz_for_chosen_time</c> fuzzes with random seeds.</summary>
    [Fact]
    public void Fuzz_for_chosen_time()
    {
        if (!double.TryParse(Environment.GetEnvironmentVariable("NABLA_FUZZ_SECONDS"), out double seconds) || seconds <= 0) return;
        var found = new List<Finding>();
        var perKind = new Dictionary<(string, string), int>();   // keep a few of each (entry point, reason)
        var clock = Stopwatch.StartNew();
        long calls = 0;
        var seeds = new Random();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            calls++;
            if (Fuzzer.Run(seeds.Next()) is not { } f) continue;
            var kind = (f.Signature, f.Reason);
            if ((perKind[kind] = perKind.GetValueOrDefault(kind) + 1) <= 2) found.Add(f);
        }
        string report = $"{calls} calls in {clock.Elapsed.TotalSeconds:F0} s\n" + Report(found);
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "nabla-fuzz-findings.txt"), report);
        output.WriteLine(report);
        Assert.True(found.Count == 0, report);
    }

    private static string Report(List<Finding> found) =>
        $"{found.Count} findings; corpus lines:\n"
        + string.Join("\n", found.Select(f => $"        ({f.Seed}, \"{f.Signature}\", \"{f.Reason.Replace("\"", "'")}\"),"))
        + "\n\n" + string.Join("\n\n", found.Take(60));
}
