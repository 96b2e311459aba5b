using System.Text.RegularExpressions;

namespace Nabla;

/// <summary>
/// Just enough C# lexing to cut one member out of a source file: comments, string and character
/// literals (regular, verbatim, raw, interpolated) are blanked out so that braces, parentheses and
/// semicolons can be matched on what is left, and declarations can be found by pattern.
/// </summary>
internal sealed class CSharpText
{
    /// <summary>The original text.</summary>
    public string Text { get; }

    /// <summary>The text with comments and literals replaced by spaces (newlines kept), same length.</summary>
    public string Code { get; }

    private readonly int[] lineStarts;
    private int[]? depths;

    /// <summary>Scans <paramref name="text"/>.</summary>
    public CSharpText(string text)
    {
        Text = text;
        var mask = text.ToCharArray();
        int i = 0;
        ScanCode(text, mask, ref i, untilBrace: false);
        Code = new string(mask);
        var starts = new List<int> { 0 };
        for (int k = 0; k < text.Length; k++) if (text[k] == '\n') starts.Add(k + 1);
        lineStarts = [.. starts];
    }

    /// <summary>The number of lines.</summary>
    public int LineCount => lineStarts.Length;

    /// <summary>The offset of a 1-based line and column.</summary>
    public int Offset(int line, int column) =>
        Math.Min(Text.Length, lineStarts[Math.Clamp(line - 1, 0, lineStarts.Length - 1)] + Math.Max(0, column - 1));

    /// <summary>The 1-based line of an offset.</summary>
    public int LineOf(int offset)
    {
        int index = Array.BinarySearch(lineStarts, offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>The offset where the line holding <paramref name="offset"/> starts.</summary>
    public int LineStart(int offset) => lineStarts[LineOf(offset) - 1];

    /// <summary>The offset just past the end of the line holding <paramref name="offset"/> (before its newline).</summary>
    public int LineEnd(int offset)
    {
        int line = LineOf(offset);
        int end = line < lineStarts.Length ? lineStarts[line] - 1 : Text.Length;
        return end > 0 && Text[end - 1] == '\r' ? end - 1 : end;
    }

    /// <summary>The text of the 1-based line <paramref name="line"/>, without its newline.</summary>
    public string Line(int line) => Text[lineStarts[line - 1]..LineEnd(lineStarts[line - 1])];

    /// <summary>Brace depth before each offset (code braces only).</summary>
    public int Depth(int offset)
    {
        if (depths is null)
        {
            depths = new int[Code.Length + 1];
            int d = 0;
            for (int k = 0; k < Code.Length; k++)
            {
                depths[k] = d;
                if (Code[k] == '{') d++;
                else if (Code[k] == '}') d--;
            }
            depths[Code.Length] = d;
        }
        return depths[Math.Clamp(offset, 0, Code.Length)];
    }

    /// <summary>The last match of <paramref name="pattern"/> (on code) starting before <paramref name="before"/> that passes <paramref name="accept"/>.</summary>
    public Match? LastMatchBefore(Regex pattern, int before, Func<Match, bool> accept)
    {
        Match? best = null;
        for (var m = pattern.Match(Code); m.Success && m.Index < before; m = m.NextMatch())
            if (accept(m)) best = m;
        return best;
    }

    /// <summary>True when the code just before <paramref name="offset"/> is the keyword <c>new</c> (a constructor call, not a declaration).</summary>
    public bool PrecededByNew(int offset)
    {
        int k = offset - 1;
        while (k >= 0 && char.IsWhiteSpace(Code[k])) k--;
        return k >= 2 && Code.AsSpan(k - 2, 3).SequenceEqual("new") && (k < 3 || !IsIdentifierChar(Code[k - 3]));
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    /// <summary>
    /// The end (exclusive) of the declaration whose name is at <paramref name="start"/>: through the
    /// closing brace of a block body (and a property initializer after it), or the <c>;</c> of an
    /// expression-bodied member or a field; for an enum member, up to its comma.
    /// </summary>
    public int DeclarationEnd(int start, bool enumMember = false)
    {
        int parens = 0, braces = 0;
        for (int k = start; k < Code.Length; k++)
        {
            char c = Code[k];
            switch (c)
            {
                case '(' or '[': parens++; break;
                case ')' or ']': parens--; break;
                case ',' when enumMember && parens == 0 && braces == 0: return k + 1;
                case '}' when enumMember && braces == 0: return k;
                case '{' when parens == 0 && braces == 0 && !enumMember:
                    int close = MatchingBrace(k);
                    if (close < 0) return Code.Length;
                    int next = SkipSpace(close + 1);
                    if (next < Code.Length && Code[next] == '=' && (next + 1 >= Code.Length || Code[next + 1] != '>'))
                        return StatementEnd(next);
                    return close + 1;
                case '{': braces++; break;
                case '}': braces--; break;
                case '=' when parens == 0 && braces == 0 && k + 1 < Code.Length && Code[k + 1] == '>':
                    return StatementEnd(k + 2);
                case ';' when parens == 0 && braces == 0: return k + 1;
            }
        }
        return Code.Length;
    }

    /// <summary>The offset just past the next <c>;</c> at nesting depth 0 from <paramref name="k"/>.</summary>
    private int StatementEnd(int k)
    {
        int depth = 0;
        for (; k < Code.Length; k++)
        {
            char c = Code[k];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if (c == ';' && depth <= 0) return k + 1;
            if (depth < 0) return k;
        }
        return Code.Length;
    }

    /// <summary>The offset of the brace that closes the one at <paramref name="open"/>, or -1.</summary>
    public int MatchingBrace(int open)
    {
        int depth = 0;
        for (int k = open; k < Code.Length; k++)
        {
            if (Code[k] == '{') depth++;
            else if (Code[k] == '}' && --depth == 0) return k;
        }
        return -1;
    }

    private int SkipSpace(int k)
    {
        while (k < Code.Length && char.IsWhiteSpace(Code[k])) k++;
        return k;
    }

    /// <summary>
    /// Moves a declaration's start up over the lines that belong to it: its doc comment, comments
    /// and attributes directly above, and modifiers wrapped onto a line of their own.
    /// </summary>
    public int DeclarationStart(int nameOffset)
    {
        int line = LineOf(nameOffset);
        while (line > 1)
        {
            string above = Line(line - 1).Trim();
            if (above.Length == 0 || above.StartsWith('#')) break;
            bool attach = above.StartsWith("//", StringComparison.Ordinal) || above.StartsWith('[')
                || !(above.EndsWith(';') || above.EndsWith(',') || above.EndsWith('{') || above.EndsWith('}') || above.EndsWith("*/", StringComparison.Ordinal));
            if (!attach) break;
            line--;
        }
        return lineStarts[line - 1];
    }

    // ---- lexing ----

    private static void ScanCode(string s, char[] mask, ref int i, bool untilBrace)
    {
        int depth = 0;
        while (i < s.Length)
        {
            char c = s[i];
            char next = i + 1 < s.Length ? s[i + 1] : '\0';
            if (c == '/' && next == '/')
            {
                int start = i;
                while (i < s.Length && s[i] != '\n') i++;
                Blank(mask, start, i);
                continue;
            }
            if (c == '/' && next == '*')
            {
                int start = i;
                int end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? s.Length : end + 2;
                Blank(mask, start, i);
                continue;
            }
            if (c == '\'')
            {
                int start = i++;
                while (i < s.Length && s[i] != '\'' && s[i] != '\n') i += s[i] == '\\' ? 2 : 1;
                i = Math.Min(s.Length, i + 1);
                Blank(mask, start, i);
                continue;
            }
            if (c is '"' or '$' or '@' && (i == 0 || !IsIdentifierChar(s[i - 1])))
            {
                int j = i, dollars = 0;
                bool verbatim = false;
                while (j < s.Length && (s[j] == '$' || s[j] == '@'))
                {
                    if (s[j] == '$') dollars++; else verbatim = true;
                    j++;
                }
                if (j < s.Length && s[j] == '"')
                {
                    int start = i;
                    i = SkipString(s, mask, j, dollars, verbatim);
                    Blank(mask, start, i);
                    continue;
                }
            }
            if (untilBrace)
            {
                if (c == '{') depth++;
                else if (c == '}')
                {
                    if (depth == 0) return;
                    depth--;
                }
            }
            i++;
        }
    }

    /// <summary>Skips a string literal whose first quote is at <paramref name="quote"/>; returns the offset after it.</summary>
    private static int SkipString(string s, char[] mask, int quote, int dollars, bool verbatim)
    {
        int quotes = 0;
        while (quote + quotes < s.Length && s[quote + quotes] == '"') quotes++;
        if (quotes >= 3)
        {
            // Raw string: ends at the same number of quotes; holes open with `dollars` braces.
            string close = new('"', quotes);
            int k = quote + quotes;
            while (k < s.Length)
            {
                if (s[k] == '"' && string.CompareOrdinal(s, k, close, 0, quotes) == 0) return k + quotes;
                if (dollars > 0 && s[k] == '{' && Run(s, k, '{') >= dollars)
                {
                    k += Run(s, k, '{');
                    ScanCode(s, mask, ref k, untilBrace: true);
                    k += Math.Max(1, Math.Min(dollars, Run(s, k, '}')));
                    continue;
                }
                k++;
            }
            return s.Length;
        }
        if (quotes == 2 && !(dollars > 0 || verbatim)) return quote + 2; // ""
        int i = quote + 1;
        while (i < s.Length)
        {
            char c = s[i];
            if (verbatim)
            {
                if (c == '"')
                {
                    if (i + 1 < s.Length && s[i + 1] == '"') { i += 2; continue; }
                    return i + 1;
                }
            }
            else
            {
                if (c == '\\') { i += 2; continue; }
                if (c == '"') return i + 1;
                if (c == '\n') return i;
            }
            if (dollars > 0 && c == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{') { i += 2; continue; }
                i++;
                ScanCode(s, mask, ref i, untilBrace: true);
                i++;
                continue;
            }
            i++;
        }
        return s.Length;
    }

    private static int Run(string s, int k, char c)
    {
        int n = 0;
        while (k + n < s.Length && s[k + n] == c) n++;
        return n;
    }

    private static void Blank(char[] mask, int start, int end)
    {
        for (int k = start; k < end && k < mask.Length; k++)
            if (mask[k] != '\n' && mask[k] != '\r') mask[k] = ' ';
    }
}
