// The "Preliminaries" chapter of Dive into Deep Learning, in C# with Nabla.
// Run everything:   dotnet run --project samples/Chapter2
// Run sections:     dotnet run --project samples/Chapter2 -- 2.1 2.3
Nabla.Samples.Chapter.Run(args);
