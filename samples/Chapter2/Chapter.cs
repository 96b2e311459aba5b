namespace Nabla.Samples;

/// <summary>The chapter's sections in order; <see cref="Run"/> runs the ones asked for, or all.</summary>
public static class Chapter
{
    /// <summary>The sections: id, title, and what runs it.</summary>
    public static IReadOnlyList<(string Id, string Title, Action Run)> Sections { get; } =
    [
        ("2.1", "Data Manipulation", Section21.Run),
        ("2.2", "Data Preprocessing", Section22.Run),
        ("2.3", "Linear Algebra", Section23.Run),
        ("2.4", "Calculus", Section24.Run),
        ("2.5", "Automatic Differentiation", Section25.Run),
        ("2.6", "Probability and Statistics", Section26.Run),
        ("2.7", "Documentation", Section27.Run),
        ("next", "What's Next: Linear Regression from Scratch", WhatsNext.Run),
    ];

    /// <summary>Runs the sections whose ids are in <paramref name="ids"/> (all when it is empty), printing to the console.</summary>
    public static void Run(IReadOnlyCollection<string> ids)
    {
        foreach (var (id, title, run) in Sections)
        {
            if (ids.Count > 0 && !ids.Contains(id)) continue;
            Console.WriteLine($"==================== {id} {title} ====================");
            run();
            Console.WriteLine();
        }
    }
}
