namespace Nabla.Data;

/// <summary>
/// How <see cref="Csv"/> reads a file: the field separator and the texts that mean "missing".
/// The defaults are those of pandas' <c>read_csv</c>.
/// </summary>
/// <example><c>var frame = Csv.Read("data.tsv", new CsvOptions { Separator = '\t' });</c></example>
public sealed record CsvOptions
{
    /// <summary>
    /// pandas' default <c>na_values</c>: the empty field, <c>NA</c>, <c>N/A</c>, <c>NaN</c>,
    /// <c>null</c>, <c>None</c> and their usual spellings. Compared case-sensitively, as pandas does.
    /// </summary>
    public static IReadOnlySet<string> DefaultMissingValues { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    };

    /// <summary>The options <see cref="Csv"/> uses when none are given.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>The character between fields; a comma by default. It cannot be a quote or a line break.</summary>
    public char Separator { get; init; } = ',';

    /// <summary>
    /// Field texts read as missing values (nulls in the frame), quoted or not. Defaults to
    /// <see cref="DefaultMissingValues"/>; give <c>new HashSet&lt;string&gt; { "" }</c> to treat
    /// only empty fields as missing.
    /// </summary>
    public IReadOnlySet<string> MissingValues { get; init; } = DefaultMissingValues;
}

/// <summary>
/// A CSV text that cannot be read as a table: a row with more or fewer fields than the header, a
/// quoted field that is never closed (a truncated file), or text after a closing quote.
/// Nothing is loaded when it is thrown.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception for a problem found on <paramref name="lineNumber"/>.</summary>
    /// <param name="message">What is wrong; the line number is already part of it.</param>
    /// <param name="lineNumber">The 1-based line of the text where the faulty row starts.</param>
    public CsvFormatException(string message, long lineNumber) : base(message) => LineNumber = lineNumber;

    /// <summary>The 1-based line of the text where the faulty row (or unclosed quoted field) starts.</summary>
    public long LineNumber { get; }
}
