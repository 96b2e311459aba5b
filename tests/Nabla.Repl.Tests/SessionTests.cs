namespace Nabla.Repl.Tests;

/// <summary>A whole session piped into the built shell: one process, so Roslyn's slow first compile is paid once.</summary>
public class SessionTests
{
    private const string Session = """
        var x = Tensor.Ones(2, 3)
        x
        help(Tensor.Ones)
        dir(Tensor)
        Tensor.Ones??
        torch.ones?
        x + Tensor.Ones(4)
        undefinedName * 2
        var total = x.Sum();
        total
        for (int i = 0; i < 2; i++)
        {
            Console.WriteLine($"line {i}");
        }
        static Tensor Twice(Tensor t) =>
            2 * t;
        Twice(x)[0]
        x.Shape
        dir()
        Tensor.Onse?
        exit
        Console.WriteLine("after exit")
        """;

    [Fact]
    public void APipedSessionRunsPrintsHelpsAndSurvivesErrors()
    {
        var run = Shell.Run(Shell.Dll, Session);
        string output = run.Output, error = run.Error;

        // Values print with ToString(); `var x = ...` without a semicolon is completed.
        int tensor = output.IndexOf("tensor([[1., 1., 1.],\n        [1., 1., 1.]])\n", StringComparison.Ordinal);
        Assert.True(tensor >= 0, run.ToString());
        // help(X), dir(X), X??, and X? with a PyTorch name.
        int help = output.IndexOf("Tensor.Ones  (static method of Nabla.Tensor; 2 overloads)\n\npublic static Tensor Ones(params ReadOnlySpan<long> shape)\n    A tensor of ones (torch.ones), Float32.", StringComparison.Ordinal);
        int dir = output.IndexOf("Abs, Add, All,", StringComparison.Ordinal);
        int source = output.IndexOf("public static Tensor Ones(params ReadOnlySpan<long> shape) => Ones(shape, DTypes.DefaultFloat);", StringComparison.Ordinal);
        int torch = output.IndexOf("PyTorch's torch.ones is Tensor.Ones in Nabla.", StringComparison.Ordinal);
        Assert.True(tensor < help && help < dir && dir < source && source < torch, run.ToString());
        Assert.Contains("operator +,", output);
        Assert.Contains("// src/Nabla/Tensor.Creation.cs, lines ", output);

        // The errors go to stderr, and the session goes on.
        Assert.Contains("ArgumentException: The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1", error);
        Assert.Contains("error CS0103: The name 'undefinedName' does not exist in the current context", error);
        int sum = output.IndexOf("\ntensor(6.)\n", StringComparison.Ordinal);
        Assert.True(sum > torch, run.ToString());
        // Multi-line input: a loop, and a local function continued on the next line.
        Assert.Contains("\nline 0\nline 1\n", output);
        Assert.Contains("\ntensor([2., 2., 2.])\n", output);
        Assert.Contains("\n[2, 3]\n", output);
        Assert.Contains("\ntotal, x\n", output);
        Assert.Contains("Did you mean: Tensor.Ones", output);
        // exit ends the session; one or more submissions failed, so the exit code says so.
        Assert.DoesNotContain("after exit", output);
        Assert.Equal(1, run.ExitCode);
    }
}
