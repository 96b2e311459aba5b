namespace Nabla.Samples;

/// <summary>Printing helpers shared by the sections: a code line, then what it evaluates to.</summary>
internal static class Tour
{
    public static void Heading(string title) => Console.WriteLine($"\n--- {title} ---");

    /// <summary>Prints the C# expression and its value the way a notebook cell shows its output.</summary>
    public static void Show(string code, object? value)
    {
        Console.WriteLine($"> {code}");
        Console.WriteLine(value);
    }
}
