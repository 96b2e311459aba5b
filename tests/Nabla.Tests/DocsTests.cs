using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace Nabla.Tests;

/// <summary>Docs: Dir, Help (Nabla and PyTorch names, near misses), Source, and the documentation and mapping checks.</summary>
public class DocsTests
{
    private static readonly Assembly Nabla = typeof(Tensor).Assembly;

    // ---- Dir ----

    [Fact]
    public void DirOfANamespaceListsItsPublicTypesSortedLikePython()
    {
        var names = Docs.Dir("Nabla");
        Assert.Contains("Tensor", names);
        Assert.Contains("DType", names);
        Assert.Contains("Docs", names);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Distinct(), names);
        Assert.DoesNotContain(names, n => n.Contains('<') || n.Contains('+') || n.Contains('.'));
        var expected = Nabla.GetExportedTypes().Where(t => t.Namespace == "Nabla" && !t.IsNested).Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(expected, names);
    }

    [Fact]
    public void DirOfDistributions()
    {
        var types = Nabla.GetExportedTypes().Where(t => t.Namespace == "Nabla.Distributions" && !t.IsNested).ToList();
        if (types.Count == 0)
        {
            var e = Assert.Throws<ArgumentException>(() => Docs.Dir("Nabla.Distributions"));
            Assert.Contains("Nabla.Distributions", e.Message);
            return;
        }
        var names = Docs.Dir("Nabla.Distributions");
        Assert.Equal(types.Select(t => t.Name.Split('`')[0]).Order(StringComparer.Ordinal), names);
        Assert.Equal(names, Docs.Dir("torch.distributions"));
    }

    [Fact]
    public void DirOfATypeShowsReadableMemberNamesOnly()
    {
        var names = Docs.Dir(typeof(Tensor));
        foreach (var wanted in new[] { "Ones", "Sum", "Shape", "operator +", "operator +=", "operator ==", "this[]", "implicit operator Tensor", "explicit operator bool", "ToString" })
            Assert.Contains(wanted, names);
        Assert.DoesNotContain(names, n => n.StartsWith("op_", StringComparison.Ordinal) || n.StartsWith("get_", StringComparison.Ordinal)
            || n.StartsWith("set_", StringComparison.Ordinal) || (n.Contains('<') && !n.StartsWith("operator <", StringComparison.Ordinal))
            || n == "Subscript" || n == "GetType");
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Equal(names.Distinct(), names);
        Assert.Equal(names, Docs.Dir("Tensor"));
        Assert.Equal(names, Docs.Dir("Nabla.Tensor"));
        Assert.Equal(names, Docs.Dir("torch.Tensor"));
    }

    [Fact]
    public void DirShowsExtensionMembersOnTheirReceiverAndHidesTheirPlumbing()
    {
        var dtype = Docs.Dir(typeof(DType));
        Assert.Contains("Float32", dtype);
        Assert.Contains("IsFloatingPoint", dtype);
        Assert.DoesNotContain("value__", dtype);
        var dtypes = Docs.Dir(typeof(DTypes));
        Assert.Contains("IsFloatingPoint", dtypes);
        Assert.Contains("Promote", dtypes);
        Assert.DoesNotContain(dtypes, n => n.StartsWith("get_", StringComparison.Ordinal) || n.Contains('<') || n.Contains('$'));
        Assert.Contains("GradScope", Docs.Dir(typeof(Autograd)));
    }

    [Fact]
    public void DirOfAnUnknownNameSuggests()
    {
        var e = Assert.Throws<ArgumentException>(() => Docs.Dir("Tensr"));
        Assert.Contains("Did you mean", e.Message);
        Assert.Contains("Tensor", e.Message);
        Assert.Throws<ArgumentException>(() => Docs.Dir("Tensor.Ones"));
    }

    // ---- Help ----

    [Fact]
    public void HelpShowsEveryOverloadWithDefaultsAndDocs()
    {
        string help = Docs.Help("Tensor.Ones");
        Assert.StartsWith("Tensor.Ones  (static method of Nabla.Tensor; 2 overloads)", help);
        Assert.Contains("\npublic static Tensor Ones(params ReadOnlySpan<long> shape)\n    A tensor of ones (torch.ones), Float32.\n", help);
        Assert.Contains("\npublic static Tensor Ones(ReadOnlySpan<long> shape, DType dtype, bool requiresGrad = false)\n", help);
        Assert.Contains("    Example:\n        Tensor.Ones(2, 3)\n", help);
        Assert.Equal(help, Docs.Help("Ones"));
        Assert.Equal(help, Docs.Help("Nabla.Tensor.Ones"));
        Assert.Equal(help, Docs.Help("Tensor.Ones()"));
        Assert.Equal(help, Docs.Help(" Tensor.Ones ; "));
    }

    [Fact]
    public void HelpRendersParametersReturnsExceptionsRemarksAndExamples()
    {
        string help = Docs.Help("Docs.Dir");
        Assert.Contains("public static IReadOnlyList<string> Dir(string namespaceOrType)", help);
        Assert.Contains("public static IReadOnlyList<string> Dir(Type type)", help);
        Assert.Contains("    Parameters:\n        namespaceOrType: A namespace (Nabla.Distributions)", help);
        Assert.Contains("    Returns:\n        The names, sorted", help);
        Assert.Contains("    Throws:\n        ArgumentException: The name is not a namespace or type", help);
        Assert.Contains("    Example:\n        Docs.Dir(\"Nabla\")", help);
        string arange = Docs.Help("Tensor.Arange");
        Assert.Contains("public static Tensor Arange(long start, long end, long step = 1, DType? dtype = null, bool requiresGrad = false)", arange);
        Assert.Contains("public static Tensor Arange(double start, double end, double step = 1.0, DType? dtype = null, bool requiresGrad = false)", arange);
        Assert.Contains("    Remarks:\n        ", arange);
        Assert.DoesNotContain("<c>", arange);
        Assert.DoesNotContain("paramref", arange);
        Assert.All(help.Split('\n'), line => Assert.True(line.Length <= 100 || !line.Contains(' '), line));
    }

    [Fact]
    public void HelpOfAReflectedMemberShowsThatOverload()
    {
        var method = typeof(Tensor).GetMethod("Exp", Type.EmptyTypes)!;
        string help = Docs.Help(method);
        Assert.Contains("public Tensor Exp()", help);
        Assert.DoesNotContain("destination", help);
        Assert.Contains("(torch.Tensor.exp)", help);
        Assert.Contains("public Shape Shape { get; }", Docs.Help(typeof(Tensor).GetProperty("Shape")!));
        Assert.Contains("public Shape Shape { get; }", Docs.Help(typeof(Tensor).GetProperty("Shape")!.GetMethod!));
        Assert.Contains("public sealed class Tensor", Docs.Help(typeof(Tensor)));
        Assert.Equal(Docs.Help("Tensor"), Docs.Help(typeof(Tensor)));
    }

    [Fact]
    public void HelpOfTypesNamespacesOperatorsIndexersAndExtensions()
    {
        string tensor = Docs.Help("Tensor");
        Assert.Contains("Tensor  (class in namespace Nabla)", tensor);
        Assert.Contains("\nMembers:\n", tensor);
        Assert.Contains("    Ones ", tensor);
        Assert.Contains("    Tensor ", Docs.Help("Nabla"));
        string plus = Docs.Help("Tensor.operator +");
        Assert.Contains("public static Tensor operator +(Tensor a, Tensor b)", plus);
        Assert.Contains("public static Tensor operator +(double a, Tensor b)", plus);
        Assert.Contains("public static Tensor operator +(Tensor x)", plus);
        Assert.Equal(plus, Docs.Help("Tensor.operator+"));
        Assert.Contains("public void operator +=(Tensor other)", Docs.Help("Tensor.operator +="));
        Assert.Contains("public static implicit operator Tensor(int value)", Docs.Help("Tensor.implicit operator Tensor"));
        Assert.Contains("public Tensor this[params TensorIndex[] indices] { get; set; }", Docs.Help("Tensor.this[]"));
        string extension = Docs.Help("DType.IsFloatingPoint");
        Assert.Contains("extension(DType dtype) public bool IsFloatingPoint { get; }", extension);
        Assert.Equal(extension, Docs.Help("DTypes.IsFloatingPoint"));
        Assert.Contains("public const DType DefaultFloat = DType.Float32;", Docs.Help("DTypes.DefaultFloat"));
        Assert.Contains("Float32 = ", Docs.Help("DType.Float32"));
        Assert.Contains("public static DType Of<T>()", Docs.Help("DTypes.Of"));
        Assert.Contains("public T Item<T>() where T : unmanaged", Docs.Help("Tensor.Item"));
        Assert.Contains("public static Tensor From<T>(T[,] data) where T : unmanaged", Docs.Help("Tensor.From"));
        Assert.Contains("public (Tensor Values, Tensor Indices) Max(int dim, bool keepDim = false)", Docs.Help("Tensor.Max"));
    }

    [Fact]
    public void HelpResolvesPyTorchNamesAndSaysSo()
    {
        string ones = Docs.Help("torch.ones");
        Assert.StartsWith("PyTorch's torch.ones is Tensor.Ones in Nabla.\n\n", ones);
        Assert.EndsWith(Docs.Help("Tensor.Ones"), ones);
        string sum = Docs.Help("torch.Tensor.sum");
        Assert.StartsWith("PyTorch's torch.Tensor.sum is Tensor.Sum in Nabla.", sum);
        Assert.Contains("public Tensor Sum()", sum);
        string add = Docs.Help("Tensor.add_");
        Assert.StartsWith("PyTorch's torch.Tensor.add_ is Tensor.operator += in Nabla.", add);
        Assert.Contains("public void operator +=(Tensor other)", add);
        Assert.Contains("Tensor.View", Docs.Help("torch.Tensor.view").Split('\n')[0]);
        Assert.Contains("is Tensor.ZerosLike in Nabla", Docs.Help("torch.zeros_like"));
        Assert.Contains("is Tensor.Shape in Nabla", Docs.Help("torch.Tensor.size"));
        Assert.Contains("is Tensor.Matmul in Nabla", Docs.Help("torch.Tensor.__matmul__"));
        Assert.Contains("is Autograd.NoGrad in Nabla", Docs.Help("torch.no_grad"));
        string exp = Docs.Help("torch.Tensor.exp_");
        Assert.Contains("destination: x", exp);
        Assert.Contains("public static Tensor Exp(Tensor x, Tensor? destination = null)", exp);
        Assert.Contains("is Tensor.Ones", Docs.Help("ones"));
        Assert.Equal(Docs.Help("Nabla"), Docs.Help("torch").Split("\n\n", 2)[1]);
        if (Docs.Lookup("Linalg.VectorNorm").Count > 0)
            Assert.StartsWith("PyTorch's torch.linalg.vector_norm is Linalg.VectorNorm in Nabla.", Docs.Help("torch.linalg.vector_norm"));
    }

    [Fact]
    public void HelpOfANearMissSuggestsTheClosestNames()
    {
        string onse = Docs.Help("Tensor.Onse");
        Assert.StartsWith("No Nabla namespace, type or member, and no PyTorch name, matches 'Tensor.Onse'. Did you mean: Tensor.Ones", onse);
        Assert.Contains("Tensor.Reshape", Docs.Help("Tensor.Resahpe"));
        Assert.Contains("torch.ones", Docs.Help("torch.onez"));
        Assert.Contains("Tensor.Softmax", Docs.Help("Softmaks"));
        Assert.Contains("Did you mean", Docs.Source("Tensor.Onse"));
        Assert.StartsWith("No Nabla", Docs.Help("qqqqqqqqqq"));
        Assert.DoesNotContain("Did you mean", Docs.Help("qqqqqqqqqq"));
        // Case alone is not a miss: Tensor.sum is PyTorch's spelling, tensor.ones a slip.
        Assert.Contains("public Tensor Sum()", Docs.Help("Tensor.sum"));
        Assert.Contains("(matched ignoring case)", Docs.Help("tensor.ONES"));
    }

    [Fact]
    public void LookupReturnsTheReflectedMembers()
    {
        var ones = Docs.Lookup("torch.ones");
        Assert.Equal(2, ones.Count);
        Assert.All(ones, m => Assert.Equal("Ones", m.Name));
        Assert.Equal([typeof(Tensor)], Docs.Lookup("Tensor"));
        Assert.Empty(Docs.Lookup("Tensor.Onse"));
    }

    // ---- Source ----

    [Fact]
    public void SourceOfAnExpressionBodiedMethod()
    {
        string source = Docs.Source("Tensor.Ones");
        Assert.StartsWith("// src/Nabla/Tensor.Creation.cs, lines ", source);
        Assert.Contains("/// <summary>A tensor of ones (torch.ones), Float32.</summary>\n/// <example><c>Tensor.Ones(2, 3)</c></example>\npublic static Tensor Ones(params ReadOnlySpan<long> shape) => Ones(shape, DTypes.DefaultFloat);\n", source);
        Assert.Contains("public static Tensor Ones(ReadOnlySpan<long> shape, DType dtype, bool requiresGrad = false) =>", source);
        AssertMatchesFile(source);
        Assert.Equal(source, Docs.Source("Ones"));
        Assert.Equal("// PyTorch's torch.ones is Tensor.Ones in Nabla.\n" + source, Docs.Source("torch.ones"));
    }

    [Fact]
    public void SourceOfBlockBodiesPropertiesFieldsEnumsTypesAndExtensions()
    {
        string arange = Docs.Source(typeof(Tensor).GetMethod("Arange", [typeof(long), typeof(long), typeof(long), typeof(DType?), typeof(bool)])!);
        Assert.Contains("CheckArange(start, end, step);", arange);
        Assert.EndsWith("}\n", arange);
        Assert.Contains("/// <remarks>", arange);
        AssertMatchesFile(arange);
        Assert.Contains("public Shape Shape", Docs.Source("Tensor.Shape"));
        string indexer = Docs.Source("Tensor.this[]");
        Assert.Contains("[IndexerName(\"Subscript\")]\npublic Tensor this[params TensorIndex[] indices]", indexer);
        Assert.EndsWith("}\n", indexer);
        Assert.Contains("public const DType DefaultFloat = DType.Float32;", Docs.Source("DTypes.DefaultFloat"));
        string float32 = Docs.Source("DType.Float32");
        Assert.Equal(3, float32.TrimEnd().Split('\n').Length);
        Assert.EndsWith("Float32,\n", float32);
        Assert.Contains("public bool IsFloatingPoint =>", Docs.Source("DType.IsFloatingPoint"));
        Assert.Contains("public readonly struct Shape", Docs.Source("Shape"));
        Assert.Contains("public Shape(params ReadOnlySpan<long> sizes)\n{", Docs.Source("Shape.Shape"));
        string plus = Docs.Source("Tensor.operator +");
        Assert.Contains("public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);", plus);
        Assert.Contains("public static Tensor operator +(Tensor x) => x;", plus);
        Assert.DoesNotContain("operator +=", plus);
        AssertMatchesFile(plus);
    }

    [Fact]
    public void SourceIsFoundForEveryPublicMember()
    {
        var missing = new List<string>();
        foreach (var type in DocMembers.PublicTypes().Where(t => t.Assembly == Nabla))
        {
            if (MemberSource.Of(new DocMember(type, type, type.Name), out var problem) is null) missing.Add(type.FullName + ": " + problem);
            foreach (var member in DocMembers.Members(type).Where(m => m.Owner == type && (m.IsExtension || m.Member.DeclaringType == type)))
            {
                var snippet = MemberSource.Of(member, out problem);
                if (snippet is null) { missing.Add(member.QualifiedName + ": " + problem); continue; }
                string name = member.Name.StartsWith("operator", StringComparison.Ordinal) || member.Name.Contains("operator ") ? "operator"
                    : member.Name == "this[]" ? "this[" : member.Name;
                if (!snippet.Value.Text.Contains(name, StringComparison.Ordinal)) missing.Add($"{member.QualifiedName}: wrong snippet {snippet.Value.Path}:{snippet.Value.FirstLine}");
            }
        }
        Assert.True(missing.Count == 0, "No source found for:\n" + string.Join("\n", missing));
    }

    /// <summary>Each snippet must be a verbatim (dedented) run of the lines of the file its header names.</summary>
    private static void AssertMatchesFile(string source)
    {
        string root = RepoRoot();
        var lines = source.Split('\n');
        int parts = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            var header = System.Text.RegularExpressions.Regex.Match(lines[i], @"^// (\S+\.cs), lines? (\d+)(?:-(\d+))?$");
            if (!header.Success) continue;
            parts++;
            var file = File.ReadAllLines(Path.Combine(root, header.Groups[1].Value));
            int first = int.Parse(header.Groups[2].Value), last = header.Groups[3].Success ? int.Parse(header.Groups[3].Value) : first;
            for (int k = 0; k <= last - first; k++)
                Assert.Equal(file[first - 1 + k].Trim(), lines[i + 1 + k].Trim());
        }
        Assert.True(parts > 0, source);
    }

    // ---- where the XML and the PDB are found ----

    [Fact]
    public void XmlAndPdbAreReadFromBesideTheAssembly()
    {
        string folder = Path.GetDirectoryName(Nabla.Location)!;
        var xml = XmlDocumentation.For(Nabla);
        Assert.True(xml.Found, xml.Location);
        Assert.Equal(Path.Combine(folder, "Nabla.xml"), xml.Location);
        var pdb = PdbSources.For(Nabla);
        Assert.True(pdb.Found, pdb.Location);
        Assert.Equal(Path.Combine(folder, "Nabla.pdb"), pdb.Location);
    }

    [Fact]
    public void ThePdbEmbedsTheSources()
    {
        using var stream = File.OpenRead(Path.ChangeExtension(Nabla.Location, ".pdb"));
        using var provider = MetadataReaderProvider.FromPortablePdbStream(stream);
        var reader = provider.GetMetadataReader();
        var embedded = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");
        var documents = reader.Documents.Select(reader.GetDocument).Where(d => reader.GetString(d.Name).EndsWith(".cs", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(documents);
        int withSource = reader.Documents.Count(h => reader.GetCustomDebugInformation(h)
            .Any(c => reader.GetGuid(reader.GetCustomDebugInformation(c).Kind) == embedded));
        Assert.Equal(reader.Documents.Count, withSource);
    }

    // ---- documentation and mapping completeness ----

    [Fact]
    public void EveryPublicMemberHasXmlDocumentation()
    {
        var missing = new List<string>();
        foreach (var type in DocMembers.PublicTypes().Where(t => t.Assembly == Nabla))
        {
            if (!DocText.IsDocumented(type)) missing.Add(type.FullName!);
            // A parameterless constructor may be the compiler's implicit one, which cannot carry docs.
            foreach (var ctor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Where(c => c.GetParameters().Length > 0))
                if (!DocText.IsDocumented(ctor)) missing.Add(DocIds.Of(ctor)!);
            foreach (var member in DocMembers.Members(type).Where(m => m.Owner == type && (m.IsExtension || m.Member.DeclaringType == type)))
                if (!DocText.IsDocumented(member.Member)) missing.Add(DocIds.Of(member.Member) ?? member.QualifiedName);
        }
        Assert.True(missing.Count == 0, "Public members without an XML <summary> (Docs.Help has nothing to show):\n" + string.Join("\n", missing));
    }

    [Fact]
    public void EveryPublicOpHasAPyTorchNameOrSaysItHasNone()
    {
        var unmapped = PyTorchNames.Unmapped();
        Assert.True(unmapped.Count == 0,
            "Public members with no PyTorch mapping. Name the PyTorch op in the <summary> in parentheses, e.g. \"(torch.ones)\" or "
            + "\"(torch.Tensor.view)\"; or add the name to src/Nabla/Docs/PyTorchTable.cs (Entries for a name that differs, "
            + "NoEquivalent for none); or write \"no PyTorch equivalent\" in the summary or remarks:\n" + string.Join("\n", unmapped));
        Assert.True(PyTorchNames.Problems().Count == 0, "Stale entries in src/Nabla/Docs/PyTorchTable.cs:\n" + string.Join("\n", PyTorchNames.Problems()));
    }

    [Fact]
    public void EveryMappedPyTorchNameResolves()
    {
        foreach (var torch in PyTorchNames.Names())
        {
            var resolution = NameResolver.Resolve(torch);
            Assert.True(resolution.Found, torch);
        }
    }

    [Fact]
    public void ThePyTorchTableIsCurrent()
    {
        string path = Path.Combine(RepoRoot(), "docs", "pytorch-to-nabla.md");
        string expected = PyTorchNames.Markdown();
        if (Environment.GetEnvironmentVariable("NABLA_REGENERATE_DOCS") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
            return;
        }
        string actual = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        var want = expected.Split('\n');
        var have = actual.Split('\n');
        int line = Enumerable.Range(0, Math.Max(want.Length, have.Length)).FirstOrDefault(i => i >= want.Length || i >= have.Length || want[i] != have[i]);
        Assert.True(actual == expected,
            $"docs/pytorch-to-nabla.md is {(actual.Length == 0 ? "missing" : "out of date")}. Regenerate it from the repository root with:\n  {PyTorchNames.RegenerateCommand}\n"
            + $"First difference, line {line + 1}:\n  file:      {(line < have.Length ? have[line] : "(end)")}\n  generated: {(line < want.Length ? want[line] : "(end)")}");
        Assert.Contains("| `torch.ones` | `Tensor.Ones` | A tensor of ones (torch.ones), Float32. |", actual);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Nabla.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Nabla.slnx not found above " + AppContext.BaseDirectory);
    }
}
