using System.Reflection;
using System.Text.RegularExpressions;

namespace Nabla;

/// <summary>What a name given to <see cref="Docs"/> stands for: members (all overloads), a type or a namespace.</summary>
internal sealed record Resolution(
    string Query,
    IReadOnlyList<DocMember> Members,
    Type? Type = null,
    string? Namespace = null,
    string? PyTorchName = null,
    string? Note = null)
{
    /// <summary>True when the name stands for something.</summary>
    public bool Found => Members.Count > 0 || Type is not null || Namespace is not null;

    /// <summary>The Nabla name of what was found: <c>Tensor.Ones</c>, <c>Tensor</c>, <c>Nabla.Distributions</c>.</summary>
    public string NablaName => Namespace ?? (Type is not null ? DocMembers.TypeDisplayName(Type)
        : string.Join(", ", Members.Select(m => m.QualifiedName).Distinct()));

    /// <summary>Nothing found.</summary>
    public static Resolution None(string query) => new(query, []);
}

/// <summary>Resolves names (<c>Tensor.Ones</c>, <c>Ones</c>, <c>Nabla.Tensor.Ones</c>, <c>torch.ones</c>) and suggests near misses.</summary>
internal static class NameResolver
{
    /// <summary>Resolves a Nabla name, else a PyTorch name, else a Nabla name ignoring case.</summary>
    public static Resolution Resolve(string query)
    {
        string name = Normalize(query);
        if (name.Length == 0) return Resolution.None(query);
        var nabla = ResolveNabla(name, StringComparison.Ordinal);
        if (nabla.Found) return nabla with { Query = query };
        // A PyTorch-looking name (torch.*, or a lower-case last part such as Tensor.sum) is looked up
        // as PyTorch first; a Nabla name with a slip of case (tensor.ONES) as Nabla first.
        string last = name[(name.LastIndexOf('.') + 1)..];
        bool pythonic = name.StartsWith("torch.", StringComparison.Ordinal) || last == last.ToLowerInvariant();
        if (pythonic && PyTorchNames.Lookup(name) is { } torch) return torch with { Query = query };
        var loose = ResolveNabla(name, StringComparison.OrdinalIgnoreCase);
        if (loose.Found) return loose with { Query = query, Note = "(matched ignoring case)" };
        if (!pythonic && PyTorchNames.Lookup(name) is { } other) return other with { Query = query };
        return Resolution.None(query);
    }

    /// <summary>Cleans a name up: <c>typeof(X)</c>, <c>global::</c>, a trailing argument list, generic arguments, operator spacing.</summary>
    public static string Normalize(string query)
    {
        string name = query.Trim().TrimEnd(';').Trim();
        var wrapped = Regex.Match(name, @"^(typeof|nameof)\s*\((.*)\)$", RegexOptions.Singleline);
        if (wrapped.Success) name = wrapped.Groups[2].Value.Trim();
        if (name.Length >= 2 && name[0] == '"' && name[^1] == '"') name = name[1..^1];
        name = name.Replace("global::", "");
        if (name.Contains("operator", StringComparison.Ordinal))
            return Regex.Replace(name, @"\boperator\s*([^\w\s(]+|true|false|checked\s*\S+)\s*(\(.*\))?$", m => "operator " + Regex.Replace(m.Groups[1].Value, @"\s+", " ")).Trim();
        // A call such as torch.ones(2, 3) or Tensor.Sum() names the function.
        var call = Regex.Match(name, @"^([\w.<>,\s\[\]]+?)\s*\(.*\)$", RegexOptions.Singleline);
        if (call.Success) name = call.Groups[1].Value;
        name = Regex.Replace(name, @"<[^<>]*>", "");
        name = Regex.Replace(name, @"<[^<>]*>", "");
        name = Regex.Replace(name, @"\s+", "");
        if (name.EndsWith("[]", StringComparison.Ordinal) && !name.EndsWith("this[]", StringComparison.Ordinal)) name = name[..^2] + ".this[]";
        return name.Trim('.');
    }

    /// <summary>Resolves a Nabla name: a namespace, a type, or <c>Type.Member</c> / <c>Member</c>.</summary>
    public static Resolution ResolveNabla(string name, StringComparison comparison)
    {
        var ns = DocMembers.Namespaces().FirstOrDefault(n => string.Equals(n, name, comparison));
        if (ns is not null) return new Resolution(name, [], Namespace: ns);
        if (FindType(name, comparison) is { } type) return new Resolution(name, [], Type: type);
        // Split at each dot from the right: Nabla.Distributions.Normal.Sample, Autograd.GradScope.Dispose.
        for (int dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
        {
            if (FindType(name[..dot], comparison) is { } owner)
            {
                var members = MembersNamed(owner, name[(dot + 1)..], comparison);
                return members.Count > 0 ? new Resolution(name, members) : Resolution.None(name);
            }
        }
        if (!name.Contains('.'))
        {
            // A bare name: Tensor's member if it has one (Ones, Sum), else every type's, overrides
            // left out when the member they override is listed (Sample: Distribution.Sample only).
            var tensor = MembersNamed(typeof(Tensor), name, comparison).Where(m => m.Owner == typeof(Tensor) && m.Member.DeclaringType == typeof(Tensor)).ToList();
            if (tensor.Count > 0) return new Resolution(name, tensor);
            var all = DocMembers.PublicTypes().OrderBy(t => t.FullName, StringComparer.Ordinal)
                .SelectMany(t => MembersNamed(t, name, comparison).Where(m => m.Owner == t && (m.Member.DeclaringType == t || m.IsExtension)))
                .ToList();
            all = [.. all.Where(m => PyTorchNames.BaseMember(m.Member) is not { } baseMember || !all.Any(o => o.Member == baseMember))];
            if (all.Count > 0) return new Resolution(name, all);
        }
        return Resolution.None(name);
    }

    /// <summary>A public type by full name (<c>Nabla.Tensor</c>), nested name (<c>Autograd.GradScope</c>) or simple name.</summary>
    public static Type? FindType(string name, StringComparison comparison)
    {
        var types = DocMembers.PublicTypes().ToList();
        return types.FirstOrDefault(t => string.Equals(t.FullName?.Replace('+', '.'), name, comparison))
            ?? types.FirstOrDefault(t => string.Equals(DocMembers.TypeDisplayName(t), name, comparison))
            ?? types.FirstOrDefault(t => string.Equals(StripArity(t.FullName?.Replace('+', '.') ?? ""), name, comparison))
            ?? types.FirstOrDefault(t => string.Equals(StripArity(DocMembers.TypeDisplayName(t)), name, comparison));
    }

    private static string StripArity(string name) => Regex.Replace(name, @"(`\d+|<[^<>]*>)", "");

    /// <summary>The members of <paramref name="type"/> called <paramref name="name"/>: by display name, metadata name, or the type's own name for constructors.</summary>
    public static IReadOnlyList<DocMember> MembersNamed(Type type, string name, StringComparison comparison)
    {
        string compact = name.Replace(" ", "");
        var found = DocMembers.Members(type).Where(m =>
            string.Equals(m.Name.Replace(" ", ""), compact, comparison) || string.Equals(m.Member.Name, name, comparison)
            || (m.Name == "this[]" && name is "this" or "Item" or "indexer")).ToList();
        if (found.Count == 0 && (string.Equals(StripArity(type.Name), name, comparison) || name is "new" or "ctor" or ".ctor" or "#ctor"))
            found = [.. type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).Select(c => new DocMember(c, type, StripArity(type.Name)))];
        return found;
    }

    /// <summary>Every name a user could ask for: namespaces, types, <c>Type.Member</c>, and PyTorch names.</summary>
    public static IEnumerable<string> AllNames()
    {
        foreach (var ns in DocMembers.Namespaces()) yield return ns;
        foreach (var type in DocMembers.PublicTypes())
        {
            yield return DocMembers.TypeDisplayName(type);
            foreach (var member in DocMembers.Members(type)) yield return member.QualifiedName;
        }
        foreach (var torch in PyTorchNames.Names()) yield return torch;
    }

    /// <summary>The closest names to <paramref name="query"/>, best first.</summary>
    public static IReadOnlyList<string> Suggestions(string query, int max = 6)
    {
        string q = Normalize(query).ToLowerInvariant();
        if (q.Length == 0) return [];
        string qLast = q[(q.LastIndexOf('.') + 1)..];
        string qPrefix = q.Contains('.') ? q[..q.LastIndexOf('.')] : "";
        var scored = new List<(string Name, double Score)>();
        foreach (var candidate in AllNames().Distinct(StringComparer.Ordinal))
        {
            string c = candidate.ToLowerInvariant();
            string cLast = c[(c.LastIndexOf('.') + 1)..];
            string cPrefix = c.Contains('.') ? c[..c.LastIndexOf('.')] : "";
            double score = Distance(q, c);
            double penalty = qPrefix.Length == 0 || qPrefix == cPrefix || cPrefix.EndsWith("." + qPrefix, StringComparison.Ordinal) ? 0 : 1.5;
            score = Math.Min(score, Distance(qLast, cLast) + penalty);
            if (qLast.Length >= 4 && cLast.Contains(qLast, StringComparison.Ordinal)) score = Math.Min(score, 1 + penalty + (cLast.Length - qLast.Length) / 8.0);
            double limit = Math.Max(1, Math.Min(3, qLast.Length / 3));
            if (score <= limit + penalty) scored.Add((candidate, score));
        }
        return [.. scored.OrderBy(s => s.Score).ThenBy(s => s.Name.Length).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => s.Name).Distinct().Take(max)];
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }

    /// <summary>The message for a name that resolves to nothing, with the closest matches.</summary>
    public static string NotFound(string query)
    {
        var suggestions = Suggestions(query);
        string message = $"No Nabla namespace, type or member, and no PyTorch name, matches '{query.Trim()}'.";
        return suggestions.Count == 0 ? message : message + " Did you mean: " + string.Join(", ", suggestions) + "?";
    }
}
