namespace Nabla.Repl.Tests;

/// <summary>In-process checks of the shell's parsing and printing (no Roslyn compilation).</summary>
public class CommandTests
{
    [Theory]
    [InlineData("help(Tensor.Ones)", CommandKind.Help, "Tensor.Ones")]
    [InlineData("  help( torch.ones );", CommandKind.Help, " torch.ones ")]
    [InlineData("dir(Tensor)", CommandKind.Dir, "Tensor")]
    [InlineData("dir()", CommandKind.Dir, "")]
    [InlineData("Tensor.Ones?", CommandKind.Help, "Tensor.Ones")]
    [InlineData("Tensor.Ones??", CommandKind.Source, "Tensor.Ones")]
    [InlineData("x.Sum ?", CommandKind.Help, "x.Sum ")]
    [InlineData("exit", CommandKind.Exit, "")]
    [InlineData("quit()", CommandKind.Exit, "")]
    [InlineData("#history", CommandKind.History, "")]
    [InlineData("help", CommandKind.Usage, "")]
    public void CommandsAreRecognised(string line, CommandKind kind, string argument)
    {
        var command = Command.Parse(line);
        Assert.NotNull(command);
        Assert.Equal(kind, command.Kind);
        Assert.Equal(argument, command.Argument);
    }

    [Theory]
    [InlineData("x ?? y")]
    [InlineData("var s = \"what?\";")]
    [InlineData("help(a)(b)")]
    [InlineData("Console.WriteLine(x)")]
    [InlineData("#r \"System.Drawing\"")]
    public void CodeIsNotACommand(string line) => Assert.Null(Command.Parse(line));

    [Fact]
    public void CompleteSubmissions()
    {
        Assert.True(ReplSession.IsComplete("Tensor.Ones(3)"));
        Assert.True(ReplSession.IsComplete("var x = 1;"));
        Assert.False(ReplSession.IsComplete("for (int i = 0; i < 3; i++)\n{"));
        Assert.False(ReplSession.IsComplete("static int F() =>"));
    }

    [Fact]
    public void ValuesPrintWithToStringAndCollectionsAsLists()
    {
        Assert.Equal("tensor([1., 1.])", ReplSession.Format(Tensor.Ones(2)));
        Assert.Equal("[1, 2, 3]", ReplSession.Format(new[] { 1, 2, 3 }));
        Assert.Equal("[\"a\", \"b\"]", ReplSession.Format(new List<string> { "a", "b" }));
        Assert.Equal("true", ReplSession.Format(true));
        Assert.Equal("0.5", ReplSession.Format(0.5));
        Assert.Equal("plain", ReplSession.Format("plain"));
        Assert.Equal("[2, 3]", ReplSession.Format(new Shape(2, 3)));
    }

    [Fact]
    public void NablaNamespacesAreImported()
    {
        var imports = ReplSession.Imports();
        Assert.Contains("Nabla", imports);
        var namespaces = typeof(Tensor).Assembly.GetExportedTypes().Select(t => t.Namespace).Distinct();
        Assert.All(namespaces, ns => Assert.Contains(ns!, imports));
    }
}
