using System.Reflection;
using System.Text;

namespace Nabla;

/// <summary>
/// Documentation lookup at run time, as Python's <c>dir()</c> and <c>help()</c> and a notebook's
/// <c>??</c> offer it: the names in a namespace or type, every overload's signature with its XML
/// documentation, and a member's C# source. PyTorch names resolve to the Nabla member.
/// </summary>
/// <remarks>
/// PyTorch names are looked up in a mapping built from the XML summaries, which name the PyTorch
/// op in parentheses, and a small table for names that differ: <c>Docs.Help("torch.ones")</c>,
/// <c>Docs.Help("torch.linalg.vector_norm")</c> and <c>Docs.Help("Tensor.add_")</c> (the compound
/// operator +=) all work; <c>docs/pytorch-to-nabla.md</c> lists the whole mapping.
/// The XML documentation file (<c>Nabla.xml</c>) and the portable PDB (<c>Nabla.pdb</c>, which
/// embeds the sources) are read from beside the assembly at run time: from the build output, a
/// test folder or a published app alike. Without them, <see cref="Help(string)"/> shows
/// signatures only and <see cref="Source(string)"/> says where it looked.
/// </remarks>
public static class Docs
{
    /// <summary>
    /// The public names in a namespace or a type, sorted as Python's <c>dir()</c> sorts them
    /// (ordinal: capitals first). A namespace lists its types; a type its members, each overload
    /// group once, operators as <c>operator +</c>, the indexer as <c>this[]</c> (Python's dir).
    /// </summary>
    /// <param name="namespaceOrType">A namespace (<c>Nabla.Distributions</c>), a type (<c>Tensor</c>, <c>Nabla.Tensor</c>), or a PyTorch name for one (<c>torch.distributions</c>).</param>
    /// <returns>The names, sorted and without duplicates, compiler-generated or non-public names.</returns>
    /// <exception cref="ArgumentException">The name is not a namespace or type; the message lists the closest matches.</exception>
    /// <example><c>Docs.Dir("Nabla")</c> lists <c>Autograd</c>, <c>DType</c>, …, <c>Tensor</c>, <c>TensorIndex</c>.</example>
    public static IReadOnlyList<string> Dir(string namespaceOrType)
    {
        ArgumentNullException.ThrowIfNull(namespaceOrType);
        var resolution = NameResolver.Resolve(namespaceOrType);
        if (resolution.Namespace is { } ns)
            return DocMembers.SortedNames(DocMembers.PublicTypes().Where(t => t.Namespace == ns && !t.IsNested).Select(DocMembers.TypeDisplayName));
        if (resolution.Type is { } type) return Dir(type);
        if (resolution.Found)
            throw new ArgumentException($"'{namespaceOrType}' is {resolution.NablaName}, a member: Dir lists the names in a namespace or a type. Use Docs.Help(\"{resolution.NablaName}\").", nameof(namespaceOrType));
        throw new ArgumentException(NameResolver.NotFound(namespaceOrType), nameof(namespaceOrType));
    }

    /// <summary>The public member names of <paramref name="type"/>, sorted (Python's <c>dir()</c> of a class).</summary>
    /// <param name="type">Any type; for Nabla's own types, extension members declared for it are included (<c>DType.IsFloatingPoint</c>).</param>
    /// <returns>Methods, properties, fields, events, operators and nested types; inherited ones except those of <see cref="object"/>.</returns>
    /// <example><c>Docs.Dir(typeof(Tensor))</c> contains <c>Ones</c>, <c>Sum</c>, <c>operator +</c>, <c>this[]</c>.</example>
    public static IReadOnlyList<string> Dir(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return DocMembers.SortedNames(DocMembers.Members(type).Select(m => m.Name));
    }

    /// <summary>
    /// Help on a name, as Python's <c>help()</c>: every overload's C# signature with its parameter
    /// defaults, then its documentation (summary, parameters, returns, exceptions, remarks, example).
    /// </summary>
    /// <param name="name">
    /// <c>Tensor.Ones</c>, <c>Ones</c>, <c>Nabla.Tensor.Ones</c>, a type or namespace, an operator
    /// (<c>Tensor.operator +</c>), or a PyTorch name (<c>torch.ones</c>, <c>torch.Tensor.sum</c>,
    /// <c>Tensor.add_</c>, <c>torch.linalg.vector_norm</c>), which is resolved to the Nabla member
    /// with a first line saying so.
    /// </param>
    /// <returns>The help text; for an unknown name, a line with the closest matches ("Did you mean: …").</returns>
    /// <example><c>Console.WriteLine(Docs.Help("torch.ones"));</c></example>
    public static string Help(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var resolution = NameResolver.Resolve(name);
        if (!resolution.Found) return NameResolver.NotFound(name) + "\n";
        var sb = new StringBuilder();
        AppendPyTorchLine(sb, resolution);
        if (resolution.Namespace is { } ns) sb.Append(HelpNamespace(ns));
        else if (resolution.Type is { } type) sb.Append(HelpType(type));
        else sb.Append(HelpMembers(resolution.Members));
        return sb.ToString();
    }

    /// <summary>Help on one reflected member or type: its signature and documentation (one overload for a method).</summary>
    /// <param name="member">A <see cref="Type"/>, <see cref="MethodInfo"/>, <see cref="PropertyInfo"/>, <see cref="FieldInfo"/> or other member; a property accessor stands for its property.</param>
    /// <returns>The help text.</returns>
    /// <example><c>Docs.Help(typeof(Tensor).GetMethod("Exp", Type.EmptyTypes)!)</c></example>
    public static string Help(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member is Type type) return HelpType(type);
        return HelpMembers([ToDocMember(member)]);
    }

    /// <summary>
    /// The C# source of a member, read from the sources embedded in the portable PDB (the <c>??</c>
    /// of notebooks): the whole declaration, from its doc comment and attributes to its closing brace
    /// or the <c>;</c> of an expression body, for every overload.
    /// </summary>
    /// <param name="name">A name as <see cref="Help(string)"/> accepts it, PyTorch names included.</param>
    /// <returns>Each overload's source, headed by its file and lines; or why it could not be shown.</returns>
    /// <example><c>Console.WriteLine(Docs.Source("Tensor.Ones"));</c></example>
    public static string Source(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var resolution = NameResolver.Resolve(name);
        if (!resolution.Found) return NameResolver.NotFound(name) + "\n";
        var sb = new StringBuilder();
        if (resolution.PyTorchName is not null) sb.Append("// ").Append(PyTorchLine(resolution)).Append('\n');
        if (resolution.Namespace is { } ns)
            return sb.Append($"{ns} is a namespace: it has no source of its own. Docs.Dir(\"{ns}\") lists its types.\n").ToString();
        IEnumerable<DocMember> members = resolution.Type is { } type ? [new DocMember(type, type, type.Name)] : resolution.Members;
        return sb.Append(SourceOf(members)).ToString();
    }

    /// <summary>The C# source of one reflected member or type (see <see cref="Source(string)"/>).</summary>
    /// <param name="member">The member or type.</param>
    /// <returns>Its source, headed by its file and lines; or why it could not be shown.</returns>
    /// <example><c>Docs.Source(typeof(Tensor).GetProperty("Shape")!)</c></example>
    public static string Source(MemberInfo member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return SourceOf([member is Type type ? new DocMember(type, type, type.Name) : ToDocMember(member)]);
    }

    /// <summary>
    /// What a name stands for, as <see cref="Help(string)"/> resolves it: every overload of a
    /// member, or a type; empty for an unknown name or a namespace (no PyTorch equivalent: Python
    /// resolves names by evaluating them).
    /// </summary>
    /// <param name="name">A Nabla or PyTorch name.</param>
    /// <returns>The reflected members (a <see cref="Type"/> for a type); empty when nothing matches.</returns>
    /// <example><c>Docs.Lookup("torch.ones")</c> returns the two <c>Tensor.Ones</c> overloads.</example>
    public static IReadOnlyList<MemberInfo> Lookup(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var resolution = NameResolver.Resolve(name);
        if (resolution.Type is { } type) return [type];
        return [.. resolution.Members.Select(m => m.Member)];
    }

    // ---- rendering ----

    private static void AppendPyTorchLine(StringBuilder sb, Resolution resolution)
    {
        if (resolution.PyTorchName is null && resolution.Note is null) return;
        if (resolution.PyTorchName is not null) sb.Append(PyTorchLine(resolution)).Append('\n');
        else sb.Append(resolution.Note).Append('\n');
        sb.Append('\n');
    }

    private static string PyTorchLine(Resolution resolution)
    {
        string line = $"PyTorch's {resolution.PyTorchName} is {resolution.NablaName} in Nabla.";
        return resolution.Note is null ? line : line + " " + resolution.Note;
    }

    private static DocMember ToDocMember(MemberInfo member)
    {
        var owner = member.DeclaringType ?? typeof(object);
        if (member is MethodInfo { IsSpecialName: true } accessor && DocMembers.OperatorName(accessor) is null)
        {
            var property = owner.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
                .FirstOrDefault(p => p.GetMethod == accessor || p.SetMethod == accessor);
            if (property is not null) member = property;
        }
        if (member is ConstructorInfo) return new DocMember(member, owner, owner.Name);
        var visible = DocMembers.Members(owner).FirstOrDefault(m => m.Member == member || m.BodyMethod == member);
        return visible ?? new DocMember(member, owner, DocMembers.DisplayName(member) ?? member.Name);
    }

    private static string Kind(DocMember member) => member.Member switch
    {
        ConstructorInfo => "constructor",
        MethodInfo { IsSpecialName: true } => "operator",
        MethodInfo when member.IsExtension => "extension method",
        MethodInfo method => method.IsStatic ? "static method" : "method",
        PropertyInfo property when property.GetIndexParameters().Length > 0 => "indexer",
        PropertyInfo when member.IsExtension => "extension property",
        PropertyInfo => "property",
        FieldInfo field when field.DeclaringType!.IsEnum => "enum value",
        FieldInfo { IsLiteral: true } => "constant",
        FieldInfo => "field",
        EventInfo => "event",
        _ => "member",
    };

    private static string HelpMembers(IReadOnlyList<DocMember> members)
    {
        var sb = new StringBuilder();
        foreach (var group in members.GroupBy(m => m.QualifiedName))
        {
            var list = group.ToList();
            if (sb.Length > 0) sb.Append('\n');
            var first = list[0];
            string where = first.IsExtension ? $"on {Signatures.TypeName(first.Receiver!)}, declared in {first.Owner.FullName}" : "of " + (first.Owner.FullName ?? first.Owner.Name);
            var kinds = list.Select(Kind).Distinct().ToList();
            sb.Append(group.Key).Append("  (").Append(string.Join("/", kinds)).Append(' ').Append(where);
            if (list.Count > 1) sb.Append("; ").Append(list.Count).Append(" overloads");
            sb.Append(")\n");
            foreach (var member in list)
            {
                sb.Append('\n').Append(Signatures.Of(member.Member, member)).Append('\n');
                var doc = XmlDocumentation.Of(member.Member);
                if (doc is null) sb.Append("    ").Append(MissingDocs(member.Member)).Append('\n');
                else sb.Append(DocText.Render(doc, "    "));
            }
        }
        return sb.ToString();
    }

    private static string MissingDocs(MemberInfo member)
    {
        var assembly = (member as Type ?? member.DeclaringType)!.Assembly;
        if (assembly.IsDynamic || assembly.GetName().Name?.StartsWith('ℛ') == true) return "(no documentation: declared in a script)";
        var xml = XmlDocumentation.For(assembly);
        return xml.Found ? "(no documentation)" : $"(no XML documentation file found: looked for {xml.Location})";
    }

    private static string HelpType(Type type)
    {
        var sb = new StringBuilder();
        string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : typeof(Delegate).IsAssignableFrom(type) ? "delegate" : "class";
        sb.Append(DocMembers.TypeDisplayName(type)).Append("  (").Append(kind).Append(type.Namespace is null ? " in the global namespace" : " in namespace " + type.Namespace).Append(")\n\n");
        sb.Append(Signatures.Of(type)).Append('\n');
        var doc = XmlDocumentation.Of(type);
        sb.Append(doc is null ? "    " + MissingDocs(type) + "\n" : DocText.Render(doc, "    "));
        var ctors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        if (ctors.Length > 0 && !type.IsAbstract)
        {
            sb.Append("\nConstructors:\n");
            foreach (var ctor in ctors)
            {
                sb.Append("    ").Append(Signatures.Of(ctor)).Append('\n');
                string summary = DocText.FirstSentence(XmlDocumentation.Of(ctor));
                foreach (var line in DocText.Wrap(summary, "        ", "        ")) sb.Append(line).Append('\n');
            }
        }
        var groups = DocMembers.Members(type).GroupBy(m => m.Name).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (groups.Count > 0)
        {
            sb.Append('\n').Append(type.IsEnum ? "Values and members:" : "Members:").Append('\n');
            int width = Math.Min(28, groups.Max(g => g.Key.Length) + 2);
            foreach (var group in groups)
            {
                var first = group.First();
                string summary = DocText.FirstSentence(XmlDocumentation.Of(first.Member));
                string head = "    " + group.Key.PadRight(width);
                if (head.Length > width + 4) { sb.Append(head.TrimEnd()).Append('\n'); head = new string(' ', width + 4); }
                foreach (var line in DocText.Wrap(summary.Length > 0 ? summary : "(no documentation)", head, new string(' ', width + 4))) sb.Append(line).Append('\n');
            }
            sb.Append($"\nDocs.Help(\"{DocMembers.TypeDisplayName(type)}.<name>\") shows a member's overloads and full documentation.\n");
        }
        return sb.ToString();
    }

    private static string HelpNamespace(string ns)
    {
        var sb = new StringBuilder();
        sb.Append("namespace ").Append(ns).Append("\n\n");
        var types = DocMembers.PublicTypes().Where(t => t.Namespace == ns && !t.IsNested).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        int width = Math.Min(28, types.Select(t => DocMembers.TypeDisplayName(t).Length).DefaultIfEmpty(0).Max() + 2);
        foreach (var type in types)
        {
            string head = "    " + DocMembers.TypeDisplayName(type).PadRight(width);
            foreach (var line in DocText.Wrap(DocText.FirstSentence(XmlDocumentation.Of(type)), head, new string(' ', width + 4))) sb.Append(line).Append('\n');
        }
        return sb.ToString();
    }

    private static string SourceOf(IEnumerable<DocMember> members)
    {
        var sb = new StringBuilder();
        var seen = new HashSet<string>();
        foreach (var member in members)
        {
            var snippet = MemberSource.Of(member, out var problem);
            if (snippet is not { } s)
            {
                sb.Append("// ").Append(member.Member is Type ? DocMembers.TypeDisplayName((Type)member.Member) : member.QualifiedName)
                  .Append(": source not available: ").Append(problem).Append('\n');
                continue;
            }
            if (!seen.Add(s.Path + ":" + s.FirstLine)) continue;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append("// ").Append(s.Path).Append(", line").Append(s.FirstLine == s.LastLine ? " " + s.FirstLine : "s " + s.FirstLine + "-" + s.LastLine).Append('\n');
            sb.Append(s.Text).Append('\n');
        }
        return sb.ToString();
    }
}
