using System.Text.RegularExpressions;

namespace Nabla.Repl;

/// <summary>The shell's own commands, besides C#.</summary>
public enum CommandKind
{
    /// <summary><c>help(X)</c> or <c>X?</c>.</summary>
    Help,
    /// <summary><c>dir(X)</c>, or <c>dir()</c> for the session's variables.</summary>
    Dir,
    /// <summary><c>X??</c>.</summary>
    Source,
    /// <summary><c>exit</c>, <c>quit</c>, <c>#exit</c>.</summary>
    Exit,
    /// <summary><c>help</c> alone or <c>#help</c>.</summary>
    Usage,
    /// <summary><c>#history</c>.</summary>
    History,
    /// <summary><c>#reset</c>.</summary>
    Reset,
}

/// <summary>A shell command recognised in a line of input.</summary>
/// <param name="Kind">Which command.</param>
/// <param name="Argument">The expression it is about (for help, dir and source).</param>
public sealed partial record Command(CommandKind Kind, string Argument)
{
    [GeneratedRegex(@"^(help|dir)\s*\((?<arg>.*)\)$", RegexOptions.Singleline)]
    private static partial Regex Call();

    /// <summary>The command on <paramref name="line"/>, or null when it is C# code.</summary>
    /// <param name="line">One line (or a whole submission) of input.</param>
    /// <returns>The command, or null.</returns>
    public static Command? Parse(string line)
    {
        string text = line.Trim();
        if (text.EndsWith(';')) text = text[..^1].TrimEnd();
        switch (text)
        {
            case "exit" or "quit" or "exit()" or "quit()" or "#exit" or "#quit":
                return new Command(CommandKind.Exit, "");
            case "help" or "#help" or "help()":
                return new Command(CommandKind.Usage, "");
            case "#history":
                return new Command(CommandKind.History, "");
            case "#reset":
                return new Command(CommandKind.Reset, "");
        }
        if (Call().Match(text) is { Success: true } call && Balanced(call.Groups["arg"].Value))
            return new Command(call.Groups[1].Value == "help" ? CommandKind.Help : CommandKind.Dir, call.Groups["arg"].Value);
        // X?? and X?: never valid C# on their own, since a statement cannot end with ? or ??.
        if (text.Length > 2 && text.EndsWith("??", StringComparison.Ordinal) && !text.Contains('\n'))
            return new Command(CommandKind.Source, text[..^2]);
        if (text.Length > 1 && text.EndsWith('?') && !text.Contains('\n'))
            return new Command(CommandKind.Help, text[..^1]);
        return null;
    }

    /// <summary>True when the parentheses of <paramref name="text"/> balance (so help(a)(b) is not taken for help).</summary>
    private static bool Balanced(string text)
    {
        int depth = 0;
        foreach (char c in text)
        {
            if (c == '(') depth++;
            else if (c == ')' && --depth < 0) return false;
        }
        return depth == 0;
    }
}
