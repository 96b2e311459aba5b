namespace Nabla.Repl.Tests;

/// <summary>--eval and script files: non-interactive runs that stop at the first error.</summary>
public class CommandLineTests
{
    [Fact]
    public void EvalAndScriptFilesRunAndStopAtTheFirstError()
    {
        var ok = Shell.Run(Shell.Dll, "", "--eval", "var a = Tensor.Arange(6).Reshape(2, 3);", "--eval", "a.T", "--eval", "dir(Nabla)");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("tensor([[0, 3],\n        [1, 4],\n        [2, 5]])\n", ok.Output);
        Assert.Contains("Autograd, DType, DTypes, Docs,", ok.Output);
        Assert.Equal("", ok.Error);

        string script = Path.Combine(Path.GetTempPath(), $"nabla-{Guid.NewGuid():N}.csx");
        File.WriteAllText(script, """
            // A script file: C#, plus the shell's commands.
            var u = Tensor.From(new[] { 1.0f, 2, 4, 8 });
            u.Sum()
            help(torch.Tensor.sum)
            Tensor.Ones(2) + Tensor.Ones(3)
            Console.WriteLine("not reached");
            """);
        try
        {
            var run = Shell.Run(Shell.Dll, "", script);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("tensor(15.)\n", run.Output);
            Assert.Contains("PyTorch's torch.Tensor.sum is Tensor.Sum in Nabla.", run.Output);
            Assert.Contains("ArgumentException: The size of tensor a (2) must match the size of tensor b (3)", run.Error);
            Assert.DoesNotContain("not reached", run.Output);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public void HelpAndBadArguments()
    {
        var usage = Shell.Run(Shell.Dll, "", "--help");
        Assert.Equal(0, usage.ExitCode);
        Assert.Contains("nabla --eval \"code\"", usage.Output);
        var bad = Shell.Run(Shell.Dll, "", "--frobnicate");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("unknown argument '--frobnicate'", bad.Error);
    }
}
