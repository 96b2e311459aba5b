namespace Nabla.Tests;

/// <summary>
/// Tests that read process-wide counters (<see cref="Memory.TotalAllocatedBytes"/>) run in this
/// collection: xUnit runs it alone, after the parallel collections, so no other test allocates meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideCounters
{
    public const string Name = "Process-wide counters";
}
