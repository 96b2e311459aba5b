using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Nabla.Repl;

/// <summary>What a submission did.</summary>
public enum Outcome
{
    /// <summary>It ran (or printed help).</summary>
    Ok,
    /// <summary>It failed: a compile error or an exception, already reported.</summary>
    Error,
    /// <summary>The user asked to leave.</summary>
    Exit,
}

/// <summary>
/// One shell session: a chain of Roslyn script submissions with Nabla in scope, plus the
/// <c>help(X)</c>, <c>dir(X)</c>, <c>X?</c> and <c>X??</c> commands. Values print with
/// <c>ToString()</c>; errors are reported on the error writer and the session goes on.
/// </summary>
public sealed partial class ReplSession
{
    private static readonly CSharpParseOptions ParseOptions =
        CSharpParseOptions.Default.WithKind(SourceCodeKind.Script).WithLanguageVersion(LanguageVersion.CSharp14);

    private readonly TextWriter output;
    private readonly TextWriter error;
    private ScriptOptions options;
    private Task<ScriptState<object>> start;
    private ScriptState<object>? state;

    /// <summary>Every line entered this session, in order.</summary>
    public List<string> History { get; } = [];

    /// <summary>How many submissions failed.</summary>
    public int Failures { get; private set; }

    /// <summary>Starts a session; Roslyn's first compilation begins at once in the background.</summary>
    /// <param name="output">Where values and help go.</param>
    /// <param name="error">Where compile errors and exceptions go.</param>
    public ReplSession(TextWriter output, TextWriter error)
    {
        this.output = output;
        this.error = error;
        options = ScriptOptions.Default
            .AddReferences(typeof(Tensor).Assembly)
            .AddImports(Imports())
            .WithLanguageVersion(LanguageVersion.CSharp14)
            .WithAllowUnsafe(true);
        start = Warm();
    }

    private Task<ScriptState<object>> Warm() => Task.Run(() => CSharpScript.RunAsync<object>("0", options));

    /// <summary>The namespaces in scope: System's usual ones, and every namespace of the Nabla assembly that has public types.</summary>
    public static IReadOnlyList<string> Imports()
    {
        var nabla = typeof(Tensor).Assembly.GetExportedTypes().Select(t => t.Namespace)
            .Where(n => n is not null && (n == "Nabla" || n.StartsWith("Nabla.", StringComparison.Ordinal))).Select(n => n!);
        return ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks",
            .. nabla.Distinct().Order(StringComparer.Ordinal)];
    }

    // ---- input protocols ----

    /// <summary>Runs text line by line as the shell would (commands included), without prompts.</summary>
    /// <param name="text">The code.</param>
    /// <param name="stopOnError">Stop at the first failing submission (script files, --eval).</param>
    /// <param name="path">The script's path, for #load and error positions.</param>
    /// <returns>True when nothing failed.</returns>
    public async Task<bool> RunTextAsync(string text, bool stopOnError, string? path = null)
    {
        if (path is not null) options = options.WithFilePath(path);
        var buffer = new SubmissionBuffer();
        bool ok = true;
        foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (buffer.Feed(line, autoSemicolon: false) is not { } submission) continue;
            var outcome = await SubmitAsync(submission);
            if (outcome == Outcome.Exit) return ok;
            if (outcome == Outcome.Error) { ok = false; if (stopOnError) return false; }
        }
        if (buffer.Flush() is { } rest)
        {
            var outcome = await SubmitAsync(rest);
            if (outcome == Outcome.Error) ok = false;
        }
        return ok;
    }

    /// <summary>Reads a piped session: each complete submission runs as it arrives; errors do not end it.</summary>
    /// <param name="reader">The input.</param>
    /// <param name="interactive">Whether to echo prompts (false for pipes).</param>
    public async Task RunReaderAsync(TextReader reader, bool interactive)
    {
        var buffer = new SubmissionBuffer();
        while (true)
        {
            if (interactive) output.Write(buffer.IsEmpty ? "> " : "... ");
            string? line = await reader.ReadLineAsync();
            if (line is null) break;
            if (line.Trim().Length > 0) History.Add(line);
            if (buffer.Feed(line, autoSemicolon: true) is { } submission && await SubmitAsync(submission) == Outcome.Exit) return;
        }
        if (buffer.Flush() is { } rest) await SubmitAsync(rest);
    }

    /// <summary>The interactive loop: prompts, line editing, history; two empty lines end an incomplete submission.</summary>
    /// <param name="editor">The line editor.</param>
    /// <param name="store">The history file, if any.</param>
    public async Task RunInteractiveAsync(LineEditor editor, HistoryFile? store)
    {
        var buffer = new SubmissionBuffer();
        int blanks = 0;
        while (true)
        {
            string? line = editor.ReadLine(buffer.IsEmpty ? "> " : "... ");
            if (line is null)
            {
                if (buffer.Flush() is { } rest) await SubmitAsync(rest);
                output.WriteLine();
                return;
            }
            if (line.Trim().Length > 0)
            {
                History.Add(line);
                editor.Remember(line);
                store?.Append(line);
                blanks = 0;
            }
            else if (!buffer.IsEmpty && ++blanks >= 2)
            {
                blanks = 0;
                if (buffer.Flush() is { } forced) await SubmitAsync(forced);
                continue;
            }
            if (buffer.Feed(line, autoSemicolon: true) is { } submission && await SubmitAsync(submission) == Outcome.Exit) return;
        }
    }

    /// <summary>Collects lines until they form a complete C# submission (or a shell command).</summary>
    private sealed class SubmissionBuffer
    {
        private readonly StringBuilder text = new();

        public bool IsEmpty => text.Length == 0;

        public string? Feed(string line, bool autoSemicolon)
        {
            if (IsEmpty)
            {
                if (line.Trim().Length == 0) return null;
                if (Command.Parse(line) is not null) return line;
            }
            text.Append(line).Append('\n');
            string code = text.ToString();
            if (IsComplete(code)) return Take();
            // `var x = Tensor.Ones(3)` typed without its semicolon: complete it, as a Python user expects.
            if (autoSemicolon && text.ToString().Count(c => c == '\n') == 1 && CompletesWithSemicolon(code)) return Take().TrimEnd() + ";";
            return null;
        }

        public string? Flush()
        {
            if (IsEmpty) return null;
            string code = Take();
            return !IsComplete(code) && CompletesWithSemicolon(code) ? code.TrimEnd() + ";" : code;
        }

        private string Take()
        {
            string code = text.ToString();
            text.Clear();
            return code;
        }
    }

    /// <summary>True when <paramref name="code"/> is a complete script submission (Roslyn's IsCompleteSubmission).</summary>
    public static bool IsComplete(string code) =>
        SyntaxFactory.IsCompleteSubmission(SyntaxFactory.ParseSyntaxTree(code, ParseOptions));

    private static bool CompletesWithSemicolon(string code)
    {
        var tree = SyntaxFactory.ParseSyntaxTree(code.TrimEnd() + ";", ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree) || tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)) return false;
        // `for (...)` + ";" parses too, as an empty loop body: only a statement the semicolon ends counts.
        var last = tree.GetRoot().GetLastToken();
        return last.IsKind(SyntaxKind.SemicolonToken) && last.Parent is not Microsoft.CodeAnalysis.CSharp.Syntax.EmptyStatementSyntax;
    }

    // ---- submissions ----

    /// <summary>Runs one submission: a shell command or C# code. Values print to the output, errors to the error writer.</summary>
    /// <param name="code">A complete submission or command.</param>
    /// <returns>What happened.</returns>
    public async Task<Outcome> SubmitAsync(string code)
    {
        var outcome = Command.Parse(code) is { } command ? await RunCommandAsync(command) : await RunCodeAsync(code);
        if (outcome == Outcome.Error) Failures++;
        return outcome;
    }

    private async Task<Outcome> RunCodeAsync(string code)
    {
        try
        {
            var current = state ?? await start;
            var next = await current.ContinueWithAsync<object>(code, options, catchException: _ => true);
            state = next;
            if (next.Exception is { } exception)
            {
                ReportException(exception);
                return Outcome.Error;
            }
            if (next.ReturnValue is { } value) output.WriteLine(Format(value));
            return Outcome.Ok;
        }
        catch (CompilationErrorException e)
        {
            foreach (var diagnostic in e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
                error.WriteLine(diagnostic.ToString());
            return Outcome.Error;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReportException(e);
            return Outcome.Error;
        }
    }

    private void ReportException(Exception exception)
    {
        while (exception is TargetInvocationException { InnerException: { } inner }) exception = inner;
        while (exception is AggregateException { InnerExceptions.Count: 1 } aggregate) exception = aggregate.InnerExceptions[0];
        error.WriteLine($"{exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>A value as the shell prints it: <c>ToString()</c>, except collections (as <c>[a, b, c]</c>) and C# literals.</summary>
    public static string Format(object? value, int depth = 0) => value switch
    {
        null => "null",
        string s => depth == 0 ? s : "\"" + s + "\"",
        bool b => b ? "true" : "false",
        char c => depth == 0 ? c.ToString() : "'" + c + "'",
        IFormattable f when value.GetType().IsPrimitive || value is decimal => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items when !OverridesToString(value.GetType()) && depth < 3 => FormatItems(items, depth),
        _ => value.ToString() ?? "",
    };

    private static bool OverridesToString(Type type) =>
        type.GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } declaring && declaring != typeof(object) && declaring != typeof(ValueType);

    private static string FormatItems(IEnumerable items, int depth)
    {
        const int limit = 100;
        var parts = new List<string>();
        foreach (var item in items)
        {
            if (parts.Count == limit) { parts.Add("..."); break; }
            parts.Add(Format(item, depth + 1));
        }
        return "[" + string.Join(", ", parts) + "]";
    }

    // ---- help, dir, ? and ?? ----

    private async Task<Outcome> RunCommandAsync(Command command)
    {
        switch (command.Kind)
        {
            case CommandKind.Exit:
                return Outcome.Exit;
            case CommandKind.Usage:
                output.WriteLine(Cli.Usage);
                return Outcome.Ok;
            case CommandKind.History:
                for (int i = 0; i < History.Count; i++) output.WriteLine($"{i + 1,4}  {History[i]}");
                return Outcome.Ok;
            case CommandKind.Reset:
                state = null;
                start = Warm();
                output.WriteLine("(all variables forgotten)");
                return Outcome.Ok;
        }
        try
        {
            string text = await DescribeAsync(command.Kind, command.Argument.Trim());
            output.WriteLine(text.TrimEnd('\n'));
            return text.StartsWith("No Nabla ", StringComparison.Ordinal) ? Outcome.Error : Outcome.Ok;
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message.Replace(" (Parameter 'namespaceOrType')", ""));
            return Outcome.Error;
        }
    }

    /// <summary>Help, dir or source for an expression that names a type, a member, a namespace, a PyTorch name, or any value.</summary>
    private async Task<string> DescribeAsync(CommandKind kind, string expression)
    {
        if (kind == CommandKind.Dir && expression.Length == 0) return Columns(Variables());
        if (expression.Length == 0) return Cli.Usage;
        if (Regex.Match(expression, "^\"(.*)\"$") is { Success: true } literal) return ByName(kind, literal.Groups[1].Value);

        // A script variable shadows a library name: `t?` is about the tensor t, not Tensor.T.
        string root = Regex.Match(expression, @"^@?[\p{L}_][\p{L}\p{Nd}_]*").Value;
        bool isVariable = root.Length > 0 && Variables().Contains(root);
        if (!isVariable && Docs.Lookup(expression).Count > 0) return ByName(kind, expression);

        if (await EvaluateAsync(expression) is (true, var value)) return ForValue(kind, expression, value);
        int dot = expression.LastIndexOf('.');
        if (dot > 0 && Regex.IsMatch(expression[(dot + 1)..], @"^\s*[\p{L}_][\p{L}\p{Nd}_]*\s*$"))
        {
            string prefix = expression[..dot], member = expression[(dot + 1)..].Trim();
            var owner = await EvaluateAsync(prefix) is (true, var target) && target is not null ? target as Type ?? target.GetType()
                : await EvaluateAsync($"typeof({prefix})") is (true, Type type) ? type : null;
            if (owner is not null)
            {
                if (Docs.Lookup($"{owner.FullName}.{member}").Count > 0) return ByName(kind, $"{owner.FullName}.{member}");
                var members = owner.GetMember(member, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static);
                if (members.Length > 0) return string.Join("\n", members.Select(m => ForMember(kind, m)));
            }
        }
        if (!isVariable && await EvaluateAsync($"typeof({expression})") is (true, Type named)) return ForValue(kind, expression, named);
        return ByName(kind, expression);
    }

    private static string ByName(CommandKind kind, string name) => kind switch
    {
        CommandKind.Dir => Columns(Docs.Dir(name)),
        CommandKind.Source => Docs.Source(name),
        _ => Docs.Help(name),
    };

    private static string ForMember(CommandKind kind, MemberInfo member) => kind switch
    {
        CommandKind.Dir => Columns(Docs.Dir(member as Type ?? TypeOf(member))),
        CommandKind.Source => Docs.Source(member),
        _ => Docs.Help(member),
    };

    private static Type TypeOf(MemberInfo member) => member switch
    {
        PropertyInfo p => p.PropertyType,
        FieldInfo f => f.FieldType,
        MethodInfo m => m.ReturnType,
        _ => member.DeclaringType ?? typeof(object),
    };

    private static string ForValue(CommandKind kind, string expression, object? value) => value switch
    {
        Type type => ForMember(kind, type),
        MemberInfo member => ForMember(kind, member),
        Delegate d => ForMember(kind, d.Method),
        null => $"{expression} is null",
        _ when kind == CommandKind.Help => $"{expression} is a {value.GetType().Name}:\n\n" + Docs.Help(value.GetType()),
        _ => ForMember(kind, value.GetType()),
    };

    /// <summary>Evaluates an expression against the current state without keeping the result; false when it does not compile or throws.</summary>
    private async Task<(bool Ok, object? Value)> EvaluateAsync(string expression)
    {
        try
        {
            var current = state ?? await start;
            var probe = await current.ContinueWithAsync<object>("(object)(" + expression + "\n)", options, catchException: _ => true);
            return probe.Exception is null ? (true, probe.ReturnValue) : (false, null);
        }
        catch (Exception e) when (e is CompilationErrorException or ArgumentException or InvalidOperationException)
        {
            return (false, null);
        }
    }

    private IReadOnlyList<string> Variables() =>
        state is null ? [] : [.. state.Variables.Select(v => v.Name).Where(n => !n.StartsWith('<')).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Names as wrapped, comma-separated lines.</summary>
    private static string Columns(IReadOnlyList<string> names)
    {
        if (names.Count == 0) return "(nothing)";
        var sb = new StringBuilder();
        int width = 0;
        for (int i = 0; i < names.Count; i++)
        {
            string item = names[i] + (i < names.Count - 1 ? "," : "");
            if (width > 0 && width + 1 + item.Length > 100) { sb.Append('\n'); width = 0; }
            else if (width > 0) { sb.Append(' '); width++; }
            sb.Append(item);
            width += item.Length;
        }
        return sb.ToString();
    }
}
