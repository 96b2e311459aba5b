using System.Globalization;
using Microsoft.Data.Analysis;

namespace Nabla.Data;

/// <summary>
/// Reads comma-separated text into a <see cref="DataFrame"/> the way pandas' <c>read_csv</c>
/// does: the first row names the columns, <c>NA</c> and empty fields (and the other
/// <see cref="CsvOptions.DefaultMissingValues"/>) are missing values, and each column gets the
/// narrowest type that holds all its values.
/// </summary>
/// <remarks>
/// <para>Column types, as pandas infers them: whole numbers with no missing value give an
/// <see cref="Int64DataFrameColumn"/>; numbers with a missing value or a fraction give a
/// <see cref="DoubleDataFrameColumn"/> (a column with nothing but missing values too);
/// <c>True</c>/<c>False</c> give a <see cref="BooleanDataFrameColumn"/>; anything else a
/// <see cref="StringDataFrameColumn"/>. Missing values are the frame's nulls.</para>
/// <para>Quoting follows RFC 4180: a field in double quotes may hold separators, line breaks and
/// doubled quotes (<c>""</c> for one <c>"</c>). Blank lines are skipped. Numbers are read with
/// the invariant culture.</para>
/// <para>Unlike pandas, a row with fewer fields than the header is an error rather than padded
/// with missing values: a cut-off last line is far more often a truncated file than intent.
/// The whole text is checked before any column is built, so a malformed file loads nothing.</para>
/// </remarks>
/// <example>
/// <code>
/// DataFrame data = Csv.Read("../data/house_tiny.csv");    // pd.read_csv(data_file)
/// DataFrame same = Csv.Parse("NumRooms,RoofType,Price\nNA,NA,127500\n");
/// </code>
/// </example>
public static class Csv
{
    /// <summary>Reads the CSV file at <paramref name="path"/> (UTF-8, with or without a byte-order mark).</summary>
    /// <exception cref="CsvFormatException">The file is malformed; the message names the file and the 1-based line.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static DataFrame Read(string path, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text = File.ReadAllText(path);
        try
        {
            return Parse(text, options);
        }
        catch (CsvFormatException e)
        {
            throw new CsvFormatException($"{path}: {e.Message}", e.LineNumber);
        }
    }

    /// <summary>Reads CSV text from <paramref name="reader"/> to its end.</summary>
    /// <exception cref="CsvFormatException">The text is malformed; the message names the 1-based line.</exception>
    public static DataFrame Read(TextReader reader, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Parse(reader.ReadToEnd(), options);
    }

    /// <summary>Reads CSV from a string holding the whole text.</summary>
    /// <exception cref="CsvFormatException">The text is malformed; the message names the 1-based line.</exception>
    /// <example><c>var frame = Csv.Parse("a,b\n1,x\nNA,y\n");</c> has a Double column a (1, null) and a String column b.</example>
    public static DataFrame Parse(string text, CsvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CsvOptions.Default;
        if (options.Separator is '"' or '\n' or '\r')
            throw new ArgumentException($"The separator cannot be {(options.Separator == '"' ? "a quote" : "a line break")}.", nameof(options));

        var fields = new List<Field>();
        int width = Tokenize(text, options.Separator, fields);
        if (width == 0)
            throw new CsvFormatException("No columns to parse: the text is empty.", 1);

        var isMissing = new HashSet<string>(options.MissingValues, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        string[] names = ColumnNames(text, fields, width);
        int rows = fields.Count / width - 1;
        var columns = new DataFrameColumn[width];
        for (int c = 0; c < width; c++)
            columns[c] = BuildColumn(names[c], new Cells(text, fields, width, c, rows), isMissing);
        return new DataFrame(columns);
    }

    /// <summary>One field of the text: where its content lies, and whether it holds doubled quotes to undo.</summary>
    private readonly record struct Field(int Start, int Length, bool Escaped);

    /// <summary>Column <see cref="Column"/> of the data rows (the header excluded).</summary>
    private readonly record struct Cells(string Text, List<Field> Fields, int Width, int Column, int Rows)
    {
        public Field this[int row] => Fields[(row + 1) * Width + Column];

        public ReadOnlySpan<char> Raw(int row)
        {
            var f = this[row];
            return Text.AsSpan(f.Start, f.Length);
        }

        public string String(int row)
        {
            var f = this[row];
            string s = Text.Substring(f.Start, f.Length);
            return f.Escaped ? s.Replace("\"\"", "\"", StringComparison.Ordinal) : s;
        }
    }

    /// <summary>
    /// Splits the text into fields, appending them row by row, and checks that every row has as
    /// many fields as the first (the header). Returns that count, or 0 for a text with no rows.
    /// </summary>
    private static int Tokenize(string text, char separator, List<Field> fields)
    {
        int n = text.Length, pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0, width = 0;
        long line = 1;
        var stops = System.Buffers.SearchValues.Create([separator, '\n', '\r']);
        while (pos < n)
        {
            char first = text[pos];
            if (first is '\n' or '\r')  // a blank line
            {
                pos += first == '\r' && pos + 1 < n && text[pos + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }
            long rowLine = line;
            int count = 0;
            while (true)
            {
                if (pos < n && text[pos] == '"')
                {
                    long quoteLine = line;
                    int start = ++pos;
                    bool escaped = false;
                    while (true)
                    {
                        int q = text.AsSpan(pos).IndexOf('"');
                        if (q < 0)
                            throw new CsvFormatException(
                                $"The quoted field that starts in line {quoteLine} is never closed (is the file truncated?).", quoteLine);
                        line += CountLineBreaks(text.AsSpan(pos, q));
                        pos += q + 1;
                        if (pos < n && text[pos] == '"') { escaped = true; pos++; continue; }
                        break;
                    }
                    fields.Add(new Field(start, pos - 1 - start, escaped));
                    if (pos < n && text[pos] != separator && text[pos] is not ('\n' or '\r'))
                        throw new CsvFormatException(
                            $"Unexpected character '{text[pos]}' after the closing quote of field {count + 1} in line {line}.", line);
                }
                else
                {
                    int stop = text.AsSpan(pos).IndexOfAny(stops);
                    int end = stop < 0 ? n : pos + stop;
                    fields.Add(new Field(pos, end - pos, false));
                    pos = end;
                }
                count++;
                if (pos < n && text[pos] == separator) { pos++; continue; }
                break;
            }
            if (pos < n)
            {
                pos += text[pos] == '\r' && pos + 1 < n && text[pos + 1] == '\n' ? 2 : 1;
                line++;
            }
            if (width == 0) width = count;
            else if (count != width)
            {
                bool last = pos >= n || text.AsSpan(pos).TrimStart("\r\n").IsEmpty;
                throw new CsvFormatException(
                    $"Expected {width} fields in line {rowLine}, saw {count}" +
                    (count < width && last ? " (the last line is short: is the file truncated?)." : "."), rowLine);
            }
        }
        return width;
    }

    private static int CountLineBreaks(ReadOnlySpan<char> span)
    {
        int lf = span.Count('\n');
        if (span.IndexOf('\r') < 0) return lf;
        int lone = 0;  // a '\r' not followed by '\n' is a line break of its own
        for (int i = 0; i < span.Length; i++)
            if (span[i] == '\r' && (i + 1 == span.Length || span[i + 1] != '\n')) lone++;
        return lf + lone;
    }

    /// <summary>The header's names, made unique and non-empty as pandas does ("a", "a.1"; "Unnamed: 2").</summary>
    private static string[] ColumnNames(string text, List<Field> fields, int width)
    {
        var names = new string[width];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int c = 0; c < width; c++)
        {
            var f = fields[c];
            string name = text.Substring(f.Start, f.Length);
            if (f.Escaped) name = name.Replace("\"\"", "\"", StringComparison.Ordinal);
            if (name.Length == 0) name = $"Unnamed: {c}";
            string unique = name;
            for (int k = 1; !seen.Add(unique); k++) unique = $"{name}.{k}";
            names[c] = unique;
        }
        return names;
    }

    /// <summary>Infers the column's type from its cells (Int64, Double, Boolean, else String) and builds it.</summary>
    private static DataFrameColumn BuildColumn(string name, Cells cells, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> isMissing)
    {
        int rows = cells.Rows, missingCount = 0;
        var missing = new bool[rows];
        for (int r = 0; r < rows; r++)
            if (isMissing.Contains(cells.Raw(r))) { missing[r] = true; missingCount++; }

        if (rows > 0 && missingCount == rows)
            return Columns.Create<double>(name, new double[rows], missing);

        if (rows > 0 && missingCount == 0 && TryParseAll(cells, missing, static (ReadOnlySpan<char> s, out long v) =>
                long.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite,
                              CultureInfo.InvariantCulture, out v), out long[]? longs))
            return Columns.Create<long>(name, longs);

        if (rows > 0 && TryParseAll(cells, missing, TryParseDouble, out double[]? doubles))
            return Columns.Create<double>(name, doubles, missing);

        if (rows > 0 && TryParseAll(cells, missing, TryParseBool, out bool[]? bools))
            return Columns.Create<bool>(name, bools, missing);

        var column = new StringDataFrameColumn(name, rows);
        for (int r = 0; r < rows; r++)
            if (!missing[r]) column[r] = cells.String(r);
        return column;
    }

    private delegate bool SpanParser<T>(ReadOnlySpan<char> text, out T value);

    private static bool TryParseAll<T>(Cells cells, bool[] missing, SpanParser<T> parse, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T[]? values)
    {
        values = new T[cells.Rows];
        for (int r = 0; r < values.Length; r++)
            if (!missing[r] && !parse(cells.Raw(r), out values[r]))
            {
                values = null;
                return false;
            }
        return true;
    }

    /// <summary>A number as pandas reads one: invariant culture, exponents allowed, <c>inf</c>/<c>-inf</c>/<c>Infinity</c> too.</summary>
    internal static bool TryParseDouble(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        var t = text.Trim();
        if (t.Length > 0 && t[0] is '+' or '-')
        {
            bool negative = t[0] == '-';
            if (t[1..].Equals("inf", StringComparison.OrdinalIgnoreCase) || t[1..].Equals("infinity", StringComparison.OrdinalIgnoreCase))
            {
                value = negative ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
            }
        }
        else if (t.Equals("inf", StringComparison.OrdinalIgnoreCase) || t.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        return false;
    }

    /// <summary>pandas' default true and false values: <c>True</c>, <c>TRUE</c>, <c>true</c> and the same for false.</summary>
    private static bool TryParseBool(ReadOnlySpan<char> text, out bool value)
    {
        value = text is "True" or "TRUE" or "true";
        return value || text is "False" or "FALSE" or "false";
    }
}
