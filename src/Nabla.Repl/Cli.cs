using System.Reflection;

namespace Nabla.Repl;

/// <summary>Command-line entry: picks interactive, piped, <c>--eval</c> or script-file mode.</summary>
public static class Cli
{
    /// <summary>The usage text of <c>nabla --help</c>.</summary>
    public const string Usage = """
        nabla: an interactive C# shell for the Nabla tensor library (Roslyn C# scripting).

        Usage:
          nabla                    interactive shell (reads stdin line by line when it is not a terminal)
          nabla --eval "code"      run code and exit (also -e); repeatable
          nabla FILE [--]          run a script file and exit
          nabla --help | --version

        Options:
          --no-history             do not read or write ~/.nabla_history (NABLA_HISTORY sets another file)
          --no-banner              no greeting in interactive mode

        In the shell, using Nabla; (and Nabla's other namespaces) is in scope. An expression without
        a trailing semicolon prints its value. Besides C#:
          help(X)   X?            help on a type, member, namespace or PyTorch name (Docs.Help)
          dir(X)                  the names in a namespace or type (Docs.Dir); dir() lists your variables
          X??                     the C# source of a member (Docs.Source)
          #history                what you typed this session
          #reset                  forget all variables
          exit                    leave (also quit, #exit, Ctrl+D)
        """;

    /// <summary>Runs the shell with the given arguments and streams; returns the process exit code.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="input">Standard input.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error: diagnostics and exceptions.</param>
    /// <returns>0 when every submission succeeded, 1 when one failed, 2 for bad arguments.</returns>
    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error)
    {
        var evals = new List<string>();
        string? file = null;
        bool history = true, banner = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help" or "-?":
                    output.WriteLine(Usage);
                    return 0;
                case "--version":
                    output.WriteLine(Version());
                    return 0;
                case "-e" or "--eval" when i + 1 < args.Length:
                    evals.Add(args[++i]);
                    break;
                case "-e" or "--eval":
                    error.WriteLine("nabla: --eval needs code after it");
                    return 2;
                case "--no-history":
                    history = false;
                    break;
                case "--no-banner":
                    banner = false;
                    break;
                case "--":
                    i = args.Length;
                    break;
                default:
                    if (args[i].StartsWith('-') || file is not null)
                    {
                        error.WriteLine($"nabla: unknown argument '{args[i]}' (nabla --help lists the options)");
                        return 2;
                    }
                    file = args[i];
                    break;
            }
        }

        var session = new ReplSession(output, error);
        if (evals.Count > 0 || file is not null)
        {
            foreach (var code in evals)
                if (!await session.RunTextAsync(code, stopOnError: true)) return 1;
            if (file is not null)
            {
                if (!File.Exists(file))
                {
                    error.WriteLine($"nabla: no such file: {file}");
                    return 2;
                }
                if (!await session.RunTextAsync(await File.ReadAllTextAsync(file), stopOnError: true, path: Path.GetFullPath(file))) return 1;
            }
            return 0;
        }

        bool terminal = ReferenceEquals(input, Console.In) && !Console.IsInputRedirected && !Console.IsOutputRedirected;
        if (!terminal)
        {
            // A piped session: like the interactive shell, without prompts; an error does not end it.
            await session.RunReaderAsync(input, interactive: false);
            return session.Failures > 0 ? 1 : 0;
        }

        var store = history ? HistoryFile.Open() : null;
        if (banner)
        {
            output.WriteLine($"Nabla {Version()} C# shell (.NET {Environment.Version}). help(X), dir(X), X? for help, X?? for source; #help for more, exit to leave.");
            if (store is { Writable: false, Path: { } path }) output.WriteLine($"(history is not saved: {path} is not writable)");
        }
        var editor = new LineEditor(store?.Lines ?? []);
        await session.RunInteractiveAsync(editor, store);
        return 0;
    }

    private static string Version() =>
        typeof(Tensor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(Tensor).Assembly.GetName().Version?.ToString() ?? "?";
}
