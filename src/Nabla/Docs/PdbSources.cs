using System.Collections.Concurrent;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace Nabla;

/// <summary>
/// The sources of an assembly, read from its portable PDB: the PDB beside the assembly (or embedded
/// in it), its sequence points to find where a method's body is, and the source text embedded in
/// the PDB (<c>EmbedAllSources</c>), falling back to the file on disk when it was not embedded.
/// </summary>
internal sealed class PdbSources
{
    /// <summary>The kind GUID of the EmbeddedSource custom debug information (Portable PDB spec).</summary>
    private static readonly Guid EmbeddedSourceKind = new("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

    /// <summary>The kind GUID of TypeDefinitionDocuments: documents of types that have no method bodies.</summary>
    private static readonly Guid TypeDocumentsKind = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    private static readonly ConcurrentDictionary<Assembly, PdbSources> Cache = new();

    private readonly MetadataReaderProvider? provider;
    private readonly MetadataReader? reader;
    private readonly ConcurrentDictionary<DocumentHandle, CSharpText?> texts = new();
    private readonly Lock gate = new();
    private string? commonRoot;

    /// <summary>Where the PDB was found, or where it was looked for.</summary>
    public string Location { get; }

    /// <summary>True when a portable PDB was found and opened.</summary>
    public bool Found => reader is not null;

    private PdbSources(Assembly assembly)
    {
        var tried = new List<string>();
        string? location = null;
        try { location = assembly.Location; } catch (NotSupportedException) { }
        Guid? expectedId = null;
        if (!string.IsNullOrEmpty(location) && File.Exists(location))
        {
            try
            {
                using var pe = new PEReader(File.OpenRead(location));
                foreach (var entry in pe.ReadDebugDirectory())
                {
                    if (entry.Type == DebugDirectoryEntryType.EmbeddedPortablePdb)
                    {
                        provider = pe.ReadEmbeddedPortablePdbDebugDirectoryData(entry);
                        reader = provider.GetMetadataReader();
                        Location = location + " (embedded PDB)";
                        return;
                    }
                    if (entry.Type == DebugDirectoryEntryType.CodeView)
                        expectedId = pe.ReadCodeViewDebugDirectoryData(entry).Guid;
                }
            }
            catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
            {
                tried.Add(location + " (" + e.Message + ")");
            }
        }
        foreach (var path in XmlDocumentation.BesideAssembly(assembly, ".pdb"))
        {
            tried.Add(path);
            if (!File.Exists(path)) continue;
            try
            {
                using var stream = File.OpenRead(path);
                var candidate = MetadataReaderProvider.FromPortablePdbStream(stream, MetadataStreamOptions.PrefetchMetadata);
                var candidateReader = candidate.GetMetadataReader();
                if (expectedId is { } id && new Guid(candidateReader.DebugMetadataHeader!.Id.AsSpan(0, 16)) != id)
                {
                    tried[^1] += " (built from other sources: its id does not match the assembly)";
                    candidate.Dispose();
                    continue;
                }
                provider = candidate;
                reader = candidateReader;
                Location = path;
                return;
            }
            catch (Exception e) when (e is BadImageFormatException or IOException or UnauthorizedAccessException)
            {
                tried[^1] += " (" + e.Message + ")";
            }
        }
        Location = string.Join(" or ", tried);
    }

    /// <summary>The sources of <paramref name="assembly"/>.</summary>
    public static PdbSources For(Assembly assembly) => Cache.GetOrAdd(assembly, a => new PdbSources(a));

    /// <summary>One source position: a document and an offset into its text.</summary>
    public readonly record struct Position(DocumentHandle Document, CSharpText Text, int Offset);

    /// <summary>The positions of <paramref name="method"/>'s sequence points, in IL order (hidden ones skipped).</summary>
    public IReadOnlyList<Position> SequencePoints(MethodBase method)
    {
        var result = new List<Position>();
        if (reader is null) return result;
        var body = StateMachineBody(method) ?? method;
        if (body.Module.Assembly != method.Module.Assembly) return result;
        var handle = (MethodDefinitionHandle)MetadataTokens.EntityHandle(body.MetadataToken);
        MethodDebugInformation info;
        lock (gate) info = reader.GetMethodDebugInformation(handle);
        if (info.SequencePointsBlob.IsNil) return result;
        lock (gate)
        {
            foreach (var point in info.GetSequencePoints())
            {
                if (point.IsHidden) continue;
                if (Text(point.Document) is not { } text) continue;
                result.Add(new Position(point.Document, text, text.Offset(point.StartLine, point.StartColumn)));
            }
        }
        return result;
    }

    /// <summary>An iterator's or async method's body lives in its state machine's MoveNext.</summary>
    private static MethodBase? StateMachineBody(MethodBase method) =>
        method.GetCustomAttribute<System.Runtime.CompilerServices.StateMachineAttribute>()?.StateMachineType
            .GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);

    /// <summary>The documents that hold (parts of) <paramref name="type"/>: those of its methods, nested types', and its TypeDefinitionDocuments.</summary>
    public IReadOnlyList<(DocumentHandle Handle, CSharpText Text)> Documents(Type type)
    {
        var handles = new List<DocumentHandle>();
        if (reader is null) return [];
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        void Collect(Type t, int depth)
        {
            foreach (var method in t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all)))
                foreach (var point in SequencePoints(method))
                    if (!handles.Contains(point.Document)) handles.Add(point.Document);
            lock (gate)
            {
                var typeHandle = MetadataTokens.EntityHandle(t.MetadataToken);
                foreach (var cdiHandle in reader.GetCustomDebugInformation(typeHandle))
                {
                    var cdi = reader.GetCustomDebugInformation(cdiHandle);
                    if (reader.GetGuid(cdi.Kind) != TypeDocumentsKind) continue;
                    var blob = reader.GetBlobReader(cdi.Value);
                    while (blob.RemainingBytes > 0)
                    {
                        var document = MetadataTokens.DocumentHandle(blob.ReadCompressedInteger());
                        if (!handles.Contains(document)) handles.Add(document);
                    }
                }
            }
            if (depth < 4) foreach (var nested in t.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic)) Collect(nested, depth + 1);
        }
        Collect(type, 0);
        return [.. handles.Select(h => (h, Text(h))).Where(p => p.Item2 is not null).Select(p => (p.h, p.Item2!))];
    }

    /// <summary>The path of a document relative to the folder that holds all of this PDB's sources.</summary>
    public string DisplayPath(DocumentHandle document)
    {
        if (reader is null) return "";
        lock (gate)
        {
            string name = reader.GetString(reader.GetDocument(document).Name).Replace('\\', '/');
            commonRoot ??= CommonRoot();
            return commonRoot.Length > 0 && name.StartsWith(commonRoot, StringComparison.Ordinal) ? name[commonRoot.Length..] : name;
        }
    }

    /// <summary>The longest folder prefix shared by the hand-written sources (generated files under obj/ left out).</summary>
    private string CommonRoot()
    {
        var names = reader!.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name).Replace('\\', '/'))
            .Where(n => !n.Contains("/obj/", StringComparison.Ordinal)).ToList();
        if (names.Count == 0) return "";
        string root = names[0][..(names[0].LastIndexOf('/') + 1)];
        foreach (var n in names)
            while (root.Length > 0 && !n.StartsWith(root, StringComparison.Ordinal))
                root = root[..(root.TrimEnd('/').LastIndexOf('/') + 1)];
        // Show the project folder too (src/Nabla/Tensor.cs reads better than Tensor.cs).
        string trimmed = root.TrimEnd('/');
        int parent = trimmed.LastIndexOf('/');
        int grand = parent > 0 ? trimmed.LastIndexOf('/', parent - 1) : -1;
        return grand >= 0 ? root[..(grand + 1)] : root;
    }

    /// <summary>The text of a document: its embedded source, else the file at its recorded path; null if neither.</summary>
    public CSharpText? Text(DocumentHandle handle) => texts.GetOrAdd(handle, h =>
    {
        lock (gate)
        {
            foreach (var cdiHandle in reader!.GetCustomDebugInformation(h))
            {
                var cdi = reader.GetCustomDebugInformation(cdiHandle);
                if (reader.GetGuid(cdi.Kind) != EmbeddedSourceKind) continue;
                return new CSharpText(Decode(reader.GetBlobBytes(cdi.Value)));
            }
            string path = reader.GetString(reader.GetDocument(h).Name);
            return File.Exists(path) ? new CSharpText(File.ReadAllText(path)) : null;
        }
    });

    /// <summary>An EmbeddedSource blob: a 4-byte uncompressed size (0 = stored as is), then the text, deflated when the size is non-zero.</summary>
    private static string Decode(byte[] blob)
    {
        int size = BitConverter.ToInt32(blob, 0);
        byte[] bytes;
        if (size == 0) bytes = blob[4..];
        else
        {
            bytes = new byte[size];
            using var deflate = new DeflateStream(new MemoryStream(blob, 4, blob.Length - 4), CompressionMode.Decompress);
            deflate.ReadExactly(bytes);
        }
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return text.ReadToEnd();
    }
}
