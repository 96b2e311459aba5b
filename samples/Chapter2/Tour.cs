namespace Nabla.Samples;

/// <summary>Printing helpers shared by the sections: a code line, then what it evaluates to.</summary>
internal static class Tour
{
    /// <summary>Where figures and data files go: ./out, created on first use.</summary>
    public static string OutputFolder
    {
        get
        {
            var folder = Path.GetFullPath("out");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>The path of a figure file in the output folder.</summary>
    public static string Figure(string name) => Path.Combine(OutputFolder, name);

    public static void Heading(string title) => Console.WriteLine($"\n--- {title} ---");

    /// <summary>Prints the C# expression and its value the way a notebook cell shows its output.</summary>
    public static void Show(string code, object? value)
    {
        Console.WriteLine($"> {code}");
        Console.WriteLine(value);
    }
}
