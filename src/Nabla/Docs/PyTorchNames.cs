using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Nabla;

/// <summary>
/// PyTorch name → Nabla member. The mapping comes from the XML summaries, which name the PyTorch
/// op in parentheses (<c>(torch.ones)</c>, <c>(torch.Tensor.view)</c>), plus the explicit table in
/// <see cref="PyTorchTable"/> for names that differ and for in-place and dunder names. Members
/// with no counterpart say so: "no PyTorch equivalent" in their docs, or the table's list.
/// </summary>
internal static partial class PyTorchNames
{
    /// <summary>One PyTorch name's Nabla target.</summary>
    internal sealed record Target(DocMember? Member, Type? Type, string? Namespace, string? Note, bool FromSummary)
    {
        /// <summary>The Nabla name of the target.</summary>
        public string NablaName => Member?.QualifiedName ?? (Type is not null ? DocMembers.TypeDisplayName(Type) : Namespace!);
    }

    private sealed record Map(Dictionary<string, List<Target>> Entries, List<string> Problems);

    private static readonly Lock Gate = new();
    private static Map? cached;
    private static int cachedAssemblies;

    [GeneratedRegex(@"\btorch(?:\.[A-Za-z_][A-Za-z0-9_]*)+")]
    private static partial Regex TorchName();

    [GeneratedRegex(@"(?<![\w)])\((?:[a-z_][a-z0-9_]*\.)?([a-z_][a-z0-9_]*)[);]")]
    private static partial Regex BareName();

    /// <summary>The base-class member an override overrides (a property for a property), or null.</summary>
    public static MemberInfo? BaseMember(MemberInfo member)
    {
        switch (member)
        {
            case MethodInfo method when method.GetBaseDefinition() is var root && root != method && root.DeclaringType != typeof(object):
                return root;
            case PropertyInfo property when (property.GetMethod ?? property.SetMethod) is { } accessor
                && accessor.GetBaseDefinition() is var rootAccessor && rootAccessor != accessor:
                return rootAccessor.DeclaringType!.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static)
                    .FirstOrDefault(p => p.GetMethod == rootAccessor || p.SetMethod == rootAccessor);
            default:
                return null;
        }
    }

    /// <summary>True when <paramref name="member"/> belongs to the same overload group as <paramref name="other"/>.</summary>
    private static bool SameGroup(DocMember? member, MemberInfo other) =>
        member is not null && member.Member.DeclaringType == other.DeclaringType && member.Member.Name == other.Name;

    /// <summary>The PyTorch names a piece of documentation text mentions.</summary>
    public static IEnumerable<string> NamesIn(string text) => TorchName().Matches(text).Select(m => m.Value).Distinct();

    private static Map Current()
    {
        lock (Gate)
        {
            int assemblies = DocMembers.Assemblies().Count();
            if (cached is null || cachedAssemblies != assemblies)
            {
                cached = Build();
                cachedAssemblies = assemblies;
            }
            return cached;
        }
    }

    /// <summary>The members each public type declares (its own and its extension members), as listed by <c>dir()</c>.</summary>
    public static IEnumerable<DocMember> DeclaredMembers(Type type) =>
        DocMembers.Members(type).Where(m => m.Owner == type && (m.IsExtension || m.Member.DeclaringType == type));

    private static Map Build()
    {
        var entries = new Dictionary<string, List<Target>>(StringComparer.Ordinal);
        var problems = new List<string>();
        void Add(string torch, Target target)
        {
            if (!entries.TryGetValue(torch, out var list)) entries[torch] = list = [];
            int same = list.FindIndex(t => t.NablaName == target.NablaName && t.Member?.Member == target.Member?.Member);
            if (same < 0) list.Add(target);
            else if (!target.FromSummary) list[same] = target; // the explicit table's entry (and note) wins
        }
        var overrides = new List<(DocMember Member, MemberInfo Base, string? TorchClass)>();
        foreach (var type in DocMembers.PublicTypes())
        {
            var typeNames = NamesIn(DocText.Summary(XmlDocumentation.Of(type))).ToList();
            foreach (var torch in typeNames) Add(torch, new Target(null, type, null, null, FromSummary: true));
            // A class mapped to a PyTorch class (torch.distributions.Bernoulli) may name its members'
            // PyTorch attributes bare, when the name is the member's own in snake case: "(log_prob)", "(probs)".
            string? torchClass = typeNames.FirstOrDefault(n => char.IsUpper(n[(n.LastIndexOf('.') + 1)])) ?? typeNames.FirstOrDefault();
            foreach (var member in DeclaredMembers(type))
            {
                string summary = DocText.Summary(XmlDocumentation.Of(member.Member));
                var names = NamesIn(summary).ToList();
                if (names.Count == 0 && torchClass is not null)
                    names.AddRange(BareName().Matches(summary).Select(m => m.Groups[1].Value)
                        .Where(bare => Squash(bare) == Squash(member.Name)).Select(bare => torchClass + "." + bare).Take(1));
                foreach (var torch in names) Add(torch, new Target(member, null, null, null, FromSummary: true));
                if (names.Count == 0 && BaseMember(member.Member) is { } baseMember) overrides.Add((member, baseMember, torchClass));
            }
        }
        // An override without a name of its own is the PyTorch class's attribute of the same name
        // (Bernoulli.Mean overrides Distribution.Mean, which is "(mean)": torch.distributions.Bernoulli.mean).
        foreach (var (member, baseMember, torchClass) in overrides)
        {
            if (torchClass is null) continue;
            var baseNames = entries.Where(e => e.Value.Any(t => t.Member?.Member == baseMember || SameGroup(t.Member, baseMember))).Select(e => e.Key).ToList();
            foreach (var name in baseNames) Add(torchClass + name[name.LastIndexOf('.')..], new Target(member, null, null, null, FromSummary: true));
        }
        foreach (var (torch, nabla, note) in PyTorchTable.Entries)
        {
            var resolution = NameResolver.ResolveNabla(nabla, StringComparison.Ordinal);
            if (!resolution.Found) { problems.Add($"{torch} -> {nabla}: '{nabla}' does not resolve"); continue; }
            if (resolution.Namespace is not null) Add(torch, new Target(null, null, resolution.Namespace, note, false));
            else if (resolution.Type is not null) Add(torch, new Target(null, resolution.Type, null, note, false));
            else foreach (var member in resolution.Members) Add(torch, new Target(member, null, null, note, false));
        }
        foreach (var nabla in PyTorchTable.NoEquivalent)
            if (!NameResolver.ResolveNabla(nabla, StringComparison.Ordinal).Found)
                problems.Add($"no-equivalent entry '{nabla}' does not resolve");
        return new Map(entries, problems);
    }

    /// <summary>Every PyTorch name with a mapping, sorted.</summary>
    public static IReadOnlyList<string> Names() => [.. Current().Entries.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Entries of the explicit table that no longer resolve (a renamed or removed member).</summary>
    public static IReadOnlyList<string> Problems() => Current().Problems;

    /// <summary>The targets of one PyTorch name, as mapped (no guessing).</summary>
    public static IReadOnlyList<Target> TargetsOf(string torch) =>
        Current().Entries.TryGetValue(torch, out var list) ? list : [];

    /// <summary>Resolves a PyTorch name (<c>torch.ones</c>, <c>Tensor.add_</c>, <c>torch.Tensor.sum</c>, <c>linalg.vector_norm</c>) to Nabla.</summary>
    public static Resolution? Lookup(string name)
    {
        var map = Current().Entries;
        foreach (var candidate in Candidates(name))
            if (map.TryGetValue(candidate, out var targets)) return Make(name, candidate, targets, null);
        foreach (var candidate in Candidates(name))
        {
            var key = map.Keys.FirstOrDefault(k => string.Equals(k, candidate, StringComparison.OrdinalIgnoreCase));
            if (key is not null) return Make(name, key, map[key], null);
        }
        string torch = Candidates(name).First();
        // torch.Tensor.sum is the method form of torch.sum: the same Nabla name, preferably an instance member.
        if (torch.StartsWith("torch.Tensor.", StringComparison.Ordinal) && map.TryGetValue("torch." + torch["torch.Tensor.".Length..], out var function))
        {
            var instance = function.Where(t => t.Member is { } m && m.Owner == typeof(Tensor))
                .SelectMany(t => NameResolver.MembersNamed(typeof(Tensor), t.Member!.Name, StringComparison.Ordinal))
                .Where(m => m.Member is MethodInfo { IsStatic: false } or PropertyInfo).DistinctBy(m => m.Member).ToList();
            if (instance.Count > 0) return new Resolution(name, instance, PyTorchName: torch);
            return Make(name, torch, function, null);
        }
        // In-place variants: x.exp_() is Tensor.Exp(x, destination: x).
        string last = torch[(torch.LastIndexOf('.') + 1)..];
        if (last.EndsWith('_') && !last.EndsWith("__", StringComparison.Ordinal) && Lookup(torch[..^1]) is { Found: true } outOfPlace)
        {
            bool destination = outOfPlace.Members.Any(m => m.Member is MethodInfo method && method.GetParameters().Any(p => p.Name == "destination"));
            string nabla = outOfPlace.NablaName;
            string note = destination
                ? $"In place: pass the tensor as destination, e.g. {nabla.Split(", ")[0]}(x, ..., destination: x) for x.{last}(...)."
                : $"Nabla has no in-place form of {nabla}: assign the result (x = ...) or write into x with x[..] = ....";
            return outOfPlace with { Query = name, PyTorchName = torch, Note = note };
        }
        return ByName(name, torch);
    }

    /// <summary>The keys a name may be filed under: itself, with <c>torch.</c> in front, or as a Tensor method.</summary>
    private static IEnumerable<string> Candidates(string name)
    {
        if (name.StartsWith("torch.", StringComparison.Ordinal)) { yield return name; yield break; }
        if (name.StartsWith("Tensor.", StringComparison.Ordinal)) { yield return "torch." + name; yield break; }
        if (name.StartsWith("F.", StringComparison.Ordinal)) { yield return "torch.nn.functional." + name[2..]; yield break; }
        if (name.StartsWith("x.", StringComparison.Ordinal)) { yield return "torch.Tensor." + name[2..]; yield break; }
        yield return "torch." + name;
        yield return name;
        if (!name.Contains('.')) yield return "torch.Tensor." + name;
    }

    private static Resolution Make(string query, string torch, List<Target> targets, string? note)
    {
        // The explicit table overrides a name that a summary merely mentions.
        if (targets.Any(t => !t.FromSummary)) targets = [.. targets.Where(t => !t.FromSummary)];
        note ??= targets.Select(t => t.Note).FirstOrDefault(n => n is not null);
        if (targets.FirstOrDefault(t => t.Namespace is not null) is { } ns)
            return new Resolution(query, [], Namespace: ns.Namespace, PyTorchName: torch, Note: note);
        var members = targets.Where(t => t.Member is not null).Select(t => t.Member!).ToList();
        if (members.Count == 0 && targets.FirstOrDefault(t => t.Type is not null) is { } type)
            return new Resolution(query, [], Type: type.Type, PyTorchName: torch, Note: note);
        // All overloads of each member named, so Help shows the whole group.
        var groups = members.Select(m => m.QualifiedName).Distinct().ToList();
        var all = groups.SelectMany(g => NameResolver.ResolveNabla(g, StringComparison.Ordinal).Members).DistinctBy(m => m.Member).ToList();
        // A member whose own name matches the PyTorch name first (torch.Tensor.view: View before Reshape).
        string wanted = Squash(torch[(torch.LastIndexOf('.') + 1)..]);
        all = [.. all.OrderBy(m => Squash(m.Name) == wanted ? 0 : 1).ThenBy(m => groups.IndexOf(m.QualifiedName))];
        return new Resolution(query, all, PyTorchName: torch, Note: note);
    }

    private static string Squash(string name) => name.Replace("_", "").ToLowerInvariant();

    /// <summary>A last resort: <c>torch.zeros_like</c> → a member called ZerosLike, found by name alone.</summary>
    private static Resolution? ByName(string query, string torch)
    {
        var parts = torch.Split('.');
        if (parts.Length < 2 || parts[0] != "torch") return null;
        string last = Squash(parts[^1]);
        IEnumerable<Type> owners = parts.Length switch
        {
            2 => DocMembers.PublicTypes().OrderBy(t => t == typeof(Tensor) ? 0 : 1),
            _ when parts[1] == "Tensor" => [typeof(Tensor)],
            _ => DocMembers.PublicTypes().Where(t => Squash(t.Name) == Squash(parts[^2]) || Squash(t.Namespace ?? "").EndsWith(Squash(parts[^2]), StringComparison.Ordinal)),
        };
        foreach (var owner in owners)
        {
            if (parts.Length > 2 && Squash(owner.Name) == last) return new Resolution(query, [], Type: owner, PyTorchName: torch, Note: "(matched by name)");
            var members = DeclaredMembers(owner).Where(m => Squash(m.Name) == last).ToList();
            if (parts[1] == "Tensor") members = [.. members.OrderBy(m => m.Member is MethodInfo { IsStatic: true } ? 1 : 0)];
            if (members.Count > 0) return new Resolution(query, members, PyTorchName: torch, Note: "(matched by name: no documented mapping)");
        }
        return null;
    }

    /// <summary>True when <paramref name="member"/>'s group has a PyTorch name, or is marked as having none.</summary>
    public static bool IsMapped(DocMember member)
    {
        string qualified = member.QualifiedName;
        if (PyTorchTable.NoEquivalent.Contains(qualified)) return true;
        if (Current().Entries.Values.Any(list => list.Any(t => t.Member?.QualifiedName == qualified))) return true;
        // An override is mapped when what it overrides is.
        foreach (var overload in NameResolver.MembersNamed(member.Owner, member.Name, StringComparison.Ordinal))
            if (BaseMember(overload.Member) is { DeclaringType: { } baseType } baseMember
                && DeclaredMembers(baseType).FirstOrDefault(m => m.Member == baseMember) is { } baseDoc && IsMapped(baseDoc))
                return true;
        return NameResolver.MembersNamed(member.Owner, member.Name, StringComparison.Ordinal).Any(m =>
            XmlDocumentation.Of(m.Member) is { } doc
            && (DocText.PlainText(doc.Element("summary")) + " " + DocText.PlainText(doc.Element("remarks")))
                .Contains("no PyTorch equivalent", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The public types of the Nabla assembly itself: what the table and the completeness check cover, whatever else is loaded.</summary>
    private static IEnumerable<Type> CoreTypes() => DocMembers.PublicTypes().Where(t => t.Assembly == typeof(Docs).Assembly);

    private static bool InCore(Target target) =>
        (target.Member?.Owner ?? target.Type)?.Assembly is not { } assembly || assembly == typeof(Docs).Assembly;

    /// <summary>The public members (by qualified name) that have neither a PyTorch name nor a "no PyTorch equivalent" marker.</summary>
    public static IReadOnlyList<string> Unmapped() =>
        [.. CoreTypes().SelectMany(DeclaredMembers).Where(RequiresMapping).Where(m => !IsMapped(m))
            .Select(m => m.QualifiedName).Distinct().Order(StringComparer.Ordinal)];

    /// <summary>Nested types, constructors and object's Equals, GetHashCode and ToString overrides need no PyTorch name.</summary>
    private static bool RequiresMapping(DocMember member) =>
        member.Member is not (Type or ConstructorInfo)
        && !(member.Member is MethodInfo { Name: "Equals" or "GetHashCode" or "ToString" } method && method.GetBaseDefinition().DeclaringType == typeof(object));

    /// <summary>The generated <c>docs/pytorch-to-nabla.md</c>: PyTorch name, Nabla member, one-line summary (the Nabla assembly's members only).</summary>
    public static string Markdown()
    {
        var sb = new StringBuilder();
        sb.Append("# PyTorch → Nabla\n\n");
        sb.Append("Generated from the XML documentation of the Nabla assembly (the PyTorch names in the summaries)\n");
        sb.Append("and the explicit table in `src/Nabla/Docs/PyTorchTable.cs`; do not edit by hand. Regenerate with\n\n");
        sb.Append("```sh\n").Append(RegenerateCommand).Append("\n```\n\n");
        sb.Append("`Docs.Help(\"torch.ones\")` (or `torch.ones?` in the `nabla` shell) shows the Nabla member's full documentation.\n\n");
        sb.Append("| PyTorch | Nabla | Summary |\n|---|---|---|\n");
        foreach (var (torch, all) in Current().Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var targets = all.Where(InCore).ToList();
            if (targets.Any(t => !t.FromSummary)) targets = [.. targets.Where(t => !t.FromSummary)];
            if (targets.Count == 0) continue;
            var names = targets.Select(t => t.NablaName).Distinct().ToList();
            string summary = targets.Select(t => t.Note).FirstOrDefault(n => n is not null) ?? OneLine(torch, targets);
            sb.Append("| `").Append(Cell(torch)).Append("` | ").Append(string.Join(", ", names.Select(n => "`" + Cell(n) + "`")))
              .Append(" | ").Append(Cell(summary)).Append(" |\n");
        }
        var mapped = Current().Entries.Values.SelectMany(l => l).Select(t => t.Member?.QualifiedName).ToHashSet();
        var none = CoreTypes().SelectMany(DeclaredMembers).Where(RequiresMapping)
            .Where(m => !mapped.Contains(m.QualifiedName) && IsMapped(m))
            .GroupBy(m => m.QualifiedName).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (none.Count > 0)
        {
            sb.Append("\n## Nabla members with no PyTorch equivalent\n\n| Nabla | Summary |\n|---|---|\n");
            foreach (var group in none)
                sb.Append("| `").Append(Cell(group.Key)).Append("` | ").Append(Cell(DocText.FirstSentence(XmlDocumentation.Of(group.First().Member)))).Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>The command that rewrites <c>docs/pytorch-to-nabla.md</c>.</summary>
    public const string RegenerateCommand = "NABLA_REGENERATE_DOCS=1 dotnet test tests/Nabla.Tests --filter FullyQualifiedName~Docs";

    private static string OneLine(string torch, List<Target> targets)
    {
        foreach (var target in targets)
        {
            var members = target.Member is { } m ? NameResolver.MembersNamed(m.Owner, m.Name, StringComparison.Ordinal).Select(x => x.Member)
                : target.Type is not null ? [target.Type] : [];
            foreach (var member in members)
                if (XmlDocumentation.Of(member) is { } doc && DocText.Summary(doc).Contains(torch, StringComparison.Ordinal))
                    return DocText.FirstSentence(doc);
        }
        var first = targets[0];
        if (first.Member is null && first.Type is null) return "The namespace " + first.Namespace + ".";
        return DocText.FirstSentence(XmlDocumentation.Of((MemberInfo?)first.Member?.Member ?? first.Type!));
    }

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
