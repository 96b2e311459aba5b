using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace Nabla;

/// <summary>
/// Cuts a member's declaration out of its source file: the PDB's sequence points say which file
/// and where the body is; the declaration is then found above that point and followed to its end,
/// doc comment and attributes included.
/// </summary>
internal static class MemberSource
{
    /// <summary>One extracted declaration.</summary>
    public readonly record struct Snippet(string Path, int FirstLine, int LastLine, string Text);

    /// <summary>The source of <paramref name="member"/>, or null with <paramref name="problem"/> saying why not.</summary>
    public static Snippet? Of(DocMember member, out string? problem)
    {
        problem = null;
        var type = member.Member as Type ?? member.Member.DeclaringType!;
        var sources = PdbSources.For(type.Assembly);
        if (!sources.Found)
        {
            problem = "no portable PDB found for " + type.Assembly.GetName().Name + " (looked for " + sources.Location + ")";
            return null;
        }
        Snippet? result = member.Member switch
        {
            Type t => OfType(sources, t),
            _ when member.BodyMethod is { } body && Anchor(sources, body) is { } anchor => FromAnchor(sources, member, anchor),
            _ => OfBodiless(sources, member),
        };
        if (result is null) problem = "its declaration was not found in the sources recorded in " + sources.Location;
        return result;
    }

    /// <summary>Where to start looking: a constructor's last sequence point (its first ones may be field initializers), else the first.</summary>
    private static PdbSources.Position? Anchor(PdbSources sources, MethodBase body)
    {
        var points = sources.SequencePoints(body);
        if (points.Count == 0) return null;
        return body is ConstructorInfo ? points[^1] : points[0];
    }

    private static Snippet? FromAnchor(PdbSources sources, DocMember member, PdbSources.Position anchor)
    {
        var text = anchor.Text;
        var pattern = DeclarationPattern(member);
        int anchorDepth = text.Depth(anchor.Offset);
        // The anchor may be at the start of an expression body (after the name) or inside a block body.
        var match = text.LastMatchBefore(pattern, anchor.Offset + 1, m =>
            text.Depth(m.Index) <= anchorDepth && !text.PrecededByNew(m.Index) && m.Index != anchor.Offset);
        match ??= text.LastMatchBefore(pattern, anchor.Offset + 1, m => text.Depth(m.Index) <= anchorDepth && !text.PrecededByNew(m.Index));
        // A positional record's property is declared by its parameter: show the record's declaration.
        if (match is null && member.Member is PropertyInfo)
            return MakeSnippet(sources, anchor.Document, text, text.DeclarationStart(anchor.Offset), text.LineEnd(anchor.Offset));
        if (match is null) return null;
        return Cut(sources, anchor.Document, text, match.Index, enumMember: false);
    }

    private static Snippet? OfBodiless(PdbSources sources, DocMember member)
    {
        var declaring = member.Member.DeclaringType!;
        bool enumMember = declaring.IsEnum;
        var pattern = DeclarationPattern(member);
        foreach (var (handle, text) in sources.Documents(declaring))
        {
            foreach (var body in TypeBodies(text, declaring))
            {
                int depth = text.Depth(body.Open + 1);
                for (var m = pattern.Match(text.Code, body.Open + 1); m.Success && m.Index < body.Close; m = m.NextMatch())
                    if (text.Depth(m.Index) == depth && !text.PrecededByNew(m.Index))
                        return Cut(sources, handle, text, m.Index, enumMember);
            }
        }
        return null;
    }

    private static Snippet? OfType(PdbSources sources, Type type)
    {
        var parts = new List<(Snippet Snippet, bool Documented)>();
        foreach (var (handle, text) in sources.Documents(type))
            foreach (var body in TypeBodies(text, type))
            {
                int start = text.DeclarationStart(body.Keyword);
                bool documented = text.Text[start..body.Keyword].Contains("///", StringComparison.Ordinal);
                int end = body.Close < 0 ? text.DeclarationEnd(body.Keyword) : body.Close + 1;
                parts.Add((MakeSnippet(sources, handle, text, start, end), documented));
            }
        if (parts.Count == 0) return null;
        var main = parts.FirstOrDefault(p => p.Documented).Snippet;
        if (main.Text is null) main = parts[0].Snippet;
        var others = parts.Select(p => p.Snippet).Where(s => s != main).ToList();
        if (others.Count == 0) return main;
        var sb = new StringBuilder(main.Text);
        sb.Append("\n\n// partial ").Append(DocMembers.TypeDisplayName(type)).Append(" is also declared in:");
        foreach (var other in others) sb.Append("\n//   ").Append(other.Path).Append(", lines ").Append(other.FirstLine).Append('-').Append(other.LastLine);
        return main with { Text = sb.ToString() };
    }

    /// <summary>The brace-delimited bodies of <paramref name="type"/>'s declarations in one file (several for a partial type).</summary>
    private static IEnumerable<(int Keyword, int Open, int Close)> TypeBodies(CSharpText text, Type type)
    {
        string name = Regex.Escape(Strip(type.Name));
        var pattern = new Regex(@"\b(class|struct|interface|enum|record(?:\s+class|\s+struct)?)\s+" + name + @"\b|\b(delegate)\b[^;{}()=]*?(?<![\w.])" + name + @"\s*[<(]",
            RegexOptions.CultureInvariant);
        for (var m = pattern.Match(text.Code); m.Success; m = m.NextMatch())
        {
            int open = -1;
            for (int k = m.Index + m.Length; k < text.Code.Length; k++)
            {
                if (text.Code[k] == '{') { open = k; break; }
                if (text.Code[k] == ';') break;
            }
            // A delegate, or a record without a body (record struct P(int X);), ends at its semicolon.
            if (m.Groups[2].Success || open < 0)
            {
                if (m.Groups[2].Success || m.Groups[1].Value.StartsWith("record", StringComparison.Ordinal)) yield return (m.Index, -1, -1);
                continue;
            }
            // A nested type must sit inside its declaring type's body.
            if (type.DeclaringType is { } outer && !TypeBodies(text, outer).Any(b => b.Open < m.Index && m.Index < b.Close)) continue;
            yield return (m.Index, open, text.MatchingBrace(open));
        }
    }

    private static string Strip(string name) => name.IndexOf('`') is var tick and >= 0 ? name[..tick] : name;

    /// <summary>The pattern of the name part of a member's declaration.</summary>
    private static Regex DeclarationPattern(DocMember member)
    {
        const string generic = @"(\s*<[^<>(){};]*(<[^<>(){};]*>[^<>(){};]*)*>)?";
        string pattern = member.Member switch
        {
            ConstructorInfo ctor => @"(?<![\w.])" + Regex.Escape(Strip(ctor.DeclaringType!.Name)) + @"\s*\(",
            MethodInfo { Name: "op_Implicit" } => @"\bimplicit\s+operator\b",
            MethodInfo { Name: "op_Explicit" } => @"\bexplicit\s+operator\b",
            MethodInfo method when method.IsSpecialName && DocMembers.OperatorName(method) is { } op =>
                @"\boperator\s*" + Regex.Escape(op["operator ".Length..]).Replace(@"\ ", @"\s+") + @"\s*\(",
            MethodInfo method => @"(?<![\w.])" + Regex.Escape(method.Name) + generic + @"\s*\(",
            PropertyInfo property when property.GetIndexParameters().Length > 0 => @"\bthis\s*\[",
            PropertyInfo property => @"(?<![\w.])" + Regex.Escape(property.Name) + @"\s*(\{|=>)",
            EventInfo e => @"(?<![\w.])" + Regex.Escape(e.Name) + @"\s*(;|=|\{|,)",
            FieldInfo field when field.DeclaringType!.IsEnum => @"(?<![\w.])" + Regex.Escape(field.Name) + @"\s*(=|,|\}|$)",
            FieldInfo field => @"(?<![\w.])" + Regex.Escape(field.Name) + @"\s*(=|;|,)",
            _ => @"(?<![\w.])" + Regex.Escape(member.Member.Name) + @"\b",
        };
        return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline);
    }

    private static Snippet Cut(PdbSources sources, System.Reflection.Metadata.DocumentHandle handle, CSharpText text, int nameOffset, bool enumMember)
    {
        int start = text.DeclarationStart(nameOffset);
        int end = text.DeclarationEnd(nameOffset, enumMember);
        return MakeSnippet(sources, handle, text, start, end);
    }

    private static Snippet MakeSnippet(PdbSources sources, System.Reflection.Metadata.DocumentHandle handle, CSharpText text, int start, int end)
    {
        end = Math.Max(start, Math.Min(text.Text.Length, text.LineEnd(Math.Max(start, end - 1))));
        int first = text.LineOf(start), last = text.LineOf(Math.Max(start, end - 1));
        return new Snippet(sources.DisplayPath(handle), first, last, Dedent(text.Text[start..end]));
    }

    /// <summary>Removes the indentation all lines share, so a member reads from column 0.</summary>
    private static string Dedent(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        int common = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= common ? l[common..] : l.TrimStart())).TrimEnd();
    }
}
