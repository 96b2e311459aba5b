using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace Nabla;

/// <summary>Renders XML documentation elements as plain, wrapped text for a console.</summary>
internal static class DocText
{
    /// <summary>The width help text is wrapped to.</summary>
    public const int Width = 100;

    private enum Kind { Paragraph, Code, Item }

    private readonly record struct Block(Kind Kind, string Text);

    /// <summary>The full rendering of a <c>&lt;member&gt;</c> element: summary, parameters, returns, exceptions, remarks, example.</summary>
    public static string Render(XElement doc, string indent)
    {
        var sb = new StringBuilder();
        void Section(string? title, IEnumerable<Block> blocks)
        {
            var lines = Format(blocks, title is null ? indent : indent + "    ");
            if (lines.Count == 0) return;
            if (sb.Length > 0) sb.Append('\n');
            if (title is not null) sb.Append(indent).Append(title).Append('\n');
            foreach (var line in lines) sb.Append(line).Append('\n');
        }
        void Table(string title, IEnumerable<XElement> rows, string attribute)
        {
            var items = rows.Select(e => (Name: Label(e.Attribute(attribute)?.Value ?? ""), Blocks: Blocks(e))).ToList();
            if (items.Count == 0) return;
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(indent).Append(title).Append('\n');
            foreach (var (name, blocks) in items)
            {
                string head = indent + "    " + name + ": ";
                var lines = Format(blocks, indent + "        ", Width, firstPrefix: head);
                if (lines.Count == 0) sb.Append(head.TrimEnd()).Append('\n');
                foreach (var line in lines) sb.Append(line).Append('\n');
            }
        }
        Section(null, Blocks(doc.Element("summary")));
        Table("Type parameters:", doc.Elements("typeparam"), "name");
        Table("Parameters:", doc.Elements("param"), "name");
        if (doc.Element("returns") is { } returns) Section("Returns:", Blocks(returns));
        if (doc.Element("value") is { } value) Section("Value:", Blocks(value));
        Table("Throws:", doc.Elements("exception"), "cref");
        if (doc.Element("remarks") is { } remarks) Section("Remarks:", Blocks(remarks));
        foreach (var example in doc.Elements("example")) Section("Example:", Blocks(example));
        var seeAlso = doc.Elements("seealso").Select(e => e.Attribute("cref") is { } c ? Label(c.Value) : e.Value.Trim()).Where(s => s.Length > 0).ToList();
        if (seeAlso.Count > 0) Section("See also:", [new Block(Kind.Paragraph, string.Join(", ", seeAlso))]);
        return sb.ToString();
    }

    /// <summary>The summary as one line of plain text (whitespace collapsed).</summary>
    public static string Summary(XElement? doc) =>
        doc?.Element("summary") is { } summary ? string.Join(" ", Blocks(summary).Select(b => b.Text.Replace('\n', ' '))).Trim() : "";

    /// <summary>The first sentence of the summary (up to the first ". " outside parentheses), for one-line listings.</summary>
    public static string FirstSentence(XElement? doc)
    {
        string text = Summary(doc);
        int depth = 0;
        for (int i = 0; i < text.Length - 1; i++)
        {
            char c = text[i];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth = Math.Max(0, depth - 1);
            else if (c == '.' && depth == 0 && text[i + 1] == ' ' && !IsAbbreviation(text, i))
                return text[..(i + 1)];
        }
        return text;
    }

    /// <summary>True when the period at <paramref name="dot"/> ends "e.g." or "i.e." (or sits in "1. 2") rather than a sentence.</summary>
    private static bool IsAbbreviation(string text, int dot) =>
        (dot >= 3 && (text.AsSpan(dot - 3, 3).SequenceEqual("e.g") || text.AsSpan(dot - 3, 3).SequenceEqual("i.e")))
        || (dot >= 1 && char.IsDigit(text[dot - 1]) && dot + 2 < text.Length && char.IsDigit(text[dot + 2]));

    /// <summary>All plain text of an element (for searching, e.g. for "no PyTorch equivalent").</summary>
    public static string PlainText(XElement? element) =>
        element is null ? "" : string.Join(" ", Blocks(element).Select(b => b.Text));

    private static List<Block> Blocks(XElement? element)
    {
        var blocks = new List<Block>();
        if (element is null) return blocks;
        var current = new StringBuilder();
        void Flush()
        {
            string text = Collapse(current.ToString());
            if (text.Length > 0) blocks.Add(new Block(Kind.Paragraph, text));
            current.Clear();
        }
        void Walk(XElement parent)
        {
            foreach (var node in parent.Nodes())
            {
                if (node is XText text) { current.Append(text.Value); continue; }
                if (node is not XElement e) continue;
                switch (e.Name.LocalName)
                {
                    case "para":
                        Flush(); Walk(e); Flush();
                        break;
                    case "br":
                        Flush();
                        break;
                    case "code":
                        Flush();
                        blocks.Add(new Block(Kind.Code, Dedent(e.Value)));
                        break;
                    case "list":
                        Flush();
                        int number = 1;
                        bool numbered = e.Attribute("type")?.Value == "number";
                        foreach (var item in e.Elements("item").Concat(e.Elements("listheader")))
                        {
                            string term = Inline(item.Element("term")), description = Inline(item.Element("description"));
                            string body = term.Length > 0 && description.Length > 0 ? term + ": " + description
                                : term.Length > 0 ? term : description.Length > 0 ? description : Inline(item);
                            blocks.Add(new Block(Kind.Item, (numbered ? number++ + ". " : "- ") + body));
                        }
                        break;
                    default:
                        current.Append(InlineElement(e));
                        break;
                }
            }
        }
        Walk(element);
        Flush();
        return blocks;
    }

    private static string Inline(XElement? element) =>
        element is null ? "" : Collapse(string.Concat(element.Nodes().Select(n => n switch
        {
            XText t => t.Value,
            XElement e => InlineElement(e),
            _ => "",
        })));

    private static string InlineElement(XElement e) => e.Name.LocalName switch
    {
        "c" => e.Value,
        "paramref" or "typeparamref" => e.Attribute("name")?.Value ?? "",
        "see" or "seealso" when e.Attribute("langword") is { } word => word.Value,
        "see" or "seealso" when e.Attribute("href") is { } href => e.IsEmpty || e.Value.Trim().Length == 0 ? href.Value : Inline(e) + " (" + href.Value + ")",
        "see" or "seealso" when !e.IsEmpty && e.Value.Trim().Length > 0 => Inline(e),
        "see" or "seealso" => Label(e.Attribute("cref")?.Value ?? ""),
        _ => Inline(e),
    };

    /// <summary>A cref as a reader would write it: <c>M:Nabla.Tensor.Pow(Nabla.Tensor)</c> becomes <c>Tensor.Pow</c>.</summary>
    public static string Label(string cref)
    {
        if (cref.Length > 2 && cref[1] == ':') cref = cref[2..];
        int paren = cref.IndexOf('(');
        if (paren >= 0) cref = cref[..paren];
        int tilde = cref.IndexOf('~');
        if (tilde >= 0) cref = cref[..tilde];
        cref = System.Text.RegularExpressions.Regex.Replace(cref, "`+[0-9]+", "");
        foreach (var ns in KnownNamespaces().OrderByDescending(n => n.Length))
            if (cref.StartsWith(ns + ".", StringComparison.Ordinal) && char.IsUpper(cref[ns.Length + 1]))
                return Member(cref[(ns.Length + 1)..]);
        return Member(cref);

        static string Member(string name) => name.Replace("#ctor", "new").Replace(".op_", ".operator ");
    }

    private static IEnumerable<string> KnownNamespaces() =>
        DocMembers.Namespaces().Concat(["System", "System.Collections.Generic", "System.Numerics", "System.Linq", "System.Reflection"]);

    private static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c)) { space = sb.Length > 0; continue; }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string Dedent(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n').ToList();
        while (lines.Count > 0 && lines[0].Trim().Length == 0) lines.RemoveAt(0);
        while (lines.Count > 0 && lines[^1].Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        int common = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= common ? l[common..] : l.TrimStart()));
    }

    private static List<string> Format(IEnumerable<Block> blocks, string indent, int width = Width, string? firstPrefix = null)
    {
        var lines = new List<string>();
        Kind? previous = null;
        foreach (var block in blocks)
        {
            if (previous is not null && !(previous == Kind.Item && block.Kind == Kind.Item)) lines.Add("");
            string? prefix = lines.Count == 0 ? firstPrefix : null;
            switch (block.Kind)
            {
                case Kind.Code:
                    if (prefix is not null) lines.Add(prefix.TrimEnd());
                    lines.AddRange(block.Text.Split('\n').Select(l => (indent + l).TrimEnd()));
                    break;
                case Kind.Item:
                    lines.AddRange(Wrap(block.Text, prefix ?? indent, indent + "  ", width));
                    break;
                default:
                    lines.AddRange(Wrap(block.Text, prefix ?? indent, indent, width));
                    break;
            }
            previous = block.Kind;
        }
        return lines;
    }

    /// <summary>Greedy word wrap: the first line starts with <paramref name="first"/>, the rest with <paramref name="rest"/>.</summary>
    public static IEnumerable<string> Wrap(string text, string first, string rest, int width = Width)
    {
        var line = new StringBuilder(first);
        int start = first.Length;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > start && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear().Append(rest);
                start = rest.Length;
            }
            if (line.Length > start) line.Append(' ');
            line.Append(word);
        }
        if (line.Length > start) yield return line.ToString();
    }

    /// <summary>True when <paramref name="member"/> has a non-empty summary in its assembly's XML documentation.</summary>
    public static bool IsDocumented(MemberInfo member) => Summary(XmlDocumentation.Of(member)).Length > 0;
}
