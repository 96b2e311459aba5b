namespace Nabla.Bench;

/// <summary>What one operation does, so the table can print a rate beside the time.</summary>
internal enum WorkKind
{
    /// <summary>No meaningful rate (tiny ops, views): only the time per op is printed.</summary>
    None,
    /// <summary>Bytes moved per op (count reads and writes): printed as GB/s.</summary>
    Bytes,
    /// <summary>Floating-point operations per op (an FMA is 2): printed as GFLOP/s.</summary>
    Flops,
    /// <summary>Elements processed per op: printed as ns/elem.</summary>
    Elements,
}

/// <summary>The work of one op, e.g. <c>Work.Bytes(2 * 4 * n)</c> for a float copy of n elements.</summary>
internal readonly record struct Work(WorkKind Kind, double Amount)
{
    public static Work None => new(WorkKind.None, 0);
    public static Work Bytes(double bytes) => new(WorkKind.Bytes, bytes);
    public static Work Flops(double flops) => new(WorkKind.Flops, flops);
    public static Work Elements(double count) => new(WorkKind.Elements, count);
}

/// <summary>
/// One timed implementation: a label and the action. The action returns its result (or
/// anything it touched) so the harness can keep it alive; returning null is fine.
/// </summary>
internal sealed record Impl(string Label, Func<object?> Run);

/// <summary>
/// What a case's setup hands the harness: Nabla's action, one or more baselines doing the same
/// work on plain arrays (the first is printed beside Nabla's figure; the rest on the lines below),
/// and an optional check run once before timing (throw to fail the case, e.g. when a baseline
/// computes something different from Nabla).
/// </summary>
internal sealed record CaseBody(Impl Nabla, Impl[] Baselines, Action? Check = null)
{
    public CaseBody(Func<object?> nabla, params Impl[] baselines) : this(new Impl("Nabla", nabla), baselines) { }
}

/// <summary>
/// A benchmark case: a group (the op family), a name, the work one op does, and a setup that
/// builds the fixtures (run only when the case is selected, so unselected cases allocate nothing)
/// and returns the actions closed over them.
/// </summary>
/// <example>
/// <code>
/// new Case("copy", "Clone 16e6 f32", Work.Bytes(2 * 4 * n), () =>
/// {
///     var x = Tensor.Zeros(n);
///     float[] src = new float[n], dst = new float[n];
///     return new(() => x.Clone(), new Impl("copy loop", () => Baselines.Copy(src, dst)));
/// })
/// </code>
/// </example>
internal sealed record Case(string Group, string Name, Work Work, Func<CaseBody> Setup)
{
    /// <summary>"group/name": what the command-line filter matches and the table prints.</summary>
    public string FullName => $"{Group}/{Name}";
}

/// <summary>
/// Marks a static class whose <c>public static readonly Case[] Cases</c> is a table of cases.
/// Program finds every such table by reflection, so a new op family adds one file and touches
/// nothing else. Tables run in ascending <see cref="Order"/>, then by class name.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class CaseTableAttribute(int order) : Attribute
{
    public int Order { get; } = order;
}
