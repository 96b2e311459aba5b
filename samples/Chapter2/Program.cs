// The "Preliminaries" chapter of Dive into Deep Learning, in C# with Nabla.
// Run everything:   dotnet run --project samples/Chapter2
// Run one section:  dotnet run --project samples/Chapter2 -- 2.1
using Nabla.Samples;

var sections = new (string Id, string Title, Action Run)[]
{
    ("2.1", "Data Manipulation", Section21.Run),
};

var wanted = args.Length == 0 ? null : args;
foreach (var (id, title, run) in sections)
{
    if (wanted is not null && !wanted.Contains(id)) continue;
    Console.WriteLine($"==================== {id} {title} ====================");
    run();
    Console.WriteLine();
}
