namespace Nabla.Repl.Tests;

/// <summary>
/// Docs finds Nabla.xml and Nabla.pdb beside Nabla.dll in a published app too: the shell (which a
/// dotnet tool package ships as its publish output) is published to a temporary folder and run from there.
/// </summary>
public class PublishTests
{
    [Fact]
    public void APublishedAppFindsTheXmlDocsAndTheEmbeddedSources()
    {
        string folder = Path.Combine(Path.GetTempPath(), "nabla-publish-" + Guid.NewGuid().ToString("N"));
        try
        {
            string project = Path.Combine(Shell.RepoRoot(), "src", "Nabla.Repl", "Nabla.Repl.csproj");
            var publish = Shell.Exec(Shell.DotNet, ["publish", project, "--no-build", "-c", Shell.Configuration, "-o", folder, "-v", "q", "-nologo"]);
            Assert.True(publish.ExitCode == 0, publish.ToString());
            Assert.True(File.Exists(Path.Combine(folder, "Nabla.xml")), "Nabla.xml was not published");
            Assert.True(File.Exists(Path.Combine(folder, "Nabla.pdb")), "Nabla.pdb was not published");

            var run = Shell.Run(Path.Combine(folder, "Nabla.Repl.dll"), "",
                "--eval", "Console.WriteLine(Docs.Source(\"Tensor.Ones\"));",
                "--eval", "Docs.Help(\"torch.ones\")",
                "--eval", "typeof(Tensor).Assembly.Location");
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("// src/Nabla/Tensor.Creation.cs, lines ", run.Output);
            Assert.Contains("public static Tensor Ones(params ReadOnlySpan<long> shape) => Ones(shape, DTypes.DefaultFloat);", run.Output);
            Assert.Contains("PyTorch's torch.ones is Tensor.Ones in Nabla.", run.Output);
            Assert.Contains("    A tensor of ones (torch.ones), Float32.", run.Output);
            Assert.Contains(Path.Combine(folder, "Nabla.dll"), run.Output);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
