using System.Diagnostics;

namespace Nabla.Repl.Tests;

/// <summary>Runs the built shell (Nabla.Repl.dll, copied beside the tests) as its own process.</summary>
internal static class Shell
{
    /// <summary>The shell's build output in the test folder (the project reference copies it, runtimeconfig included).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Nabla.Repl.dll");

    /// <summary>The dotnet host running these tests.</summary>
    public static string DotNet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";

    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
    }

    /// <summary>Runs <c>dotnet dll args</c> with <paramref name="stdin"/> piped in; output with \n line ends.</summary>
    public static Result Run(string dll, string stdin, params string[] args) => Exec(DotNet, [dll, .. args], stdin);

    /// <summary>Runs a program and collects its output (killing it after <paramref name="timeoutSeconds"/>).</summary>
    public static Result Exec(string program, string[] args, string stdin = "", string? workingDirectory = null, int timeoutSeconds = 120)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["NABLA_HISTORY"] = Path.Combine(Path.GetTempPath(), "nabla-test-history-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {timeoutSeconds} s");
        }
        return new Result(process.ExitCode, output.Result.Replace("\r\n", "\n"), error.Result.Replace("\r\n", "\n"));
    }

    /// <summary>The repository root (the folder holding Nabla.slnx).</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nabla.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Nabla.slnx not found above " + AppContext.BaseDirectory);
    }

    /// <summary>The build configuration these tests were built in (and so the shell too).</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif
}
