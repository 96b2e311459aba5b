using System.Globalization;
using Microsoft.Data.Analysis;

namespace Nabla.Data;

/// <summary>
/// The pandas operations of d2l section 2.2 that <see cref="DataFrame"/> lacks: selecting columns
/// by position range or names (<c>iloc[:, 0:2]</c>), one-hot encoding (<c>get_dummies</c>) and
/// filling missing values with column means (<c>fillna(mean())</c>). Each returns a new frame
/// and leaves its input unchanged.
/// </summary>
/// <example>
/// <code>
/// DataFrame data = Csv.Read("house_tiny.csv");
/// DataFrame inputs = data.SelectColumns(0..2);             // data.iloc[:, 0:2]
/// DataFrameColumn targets = data.Columns[2];               // data.iloc[:, 2]
/// inputs = inputs.GetDummies(dummyNa: true);               // pd.get_dummies(inputs, dummy_na=True)
/// inputs = inputs.FillNaWithMean();                        // inputs.fillna(inputs.mean())
/// </code>
/// </example>
public static class DataFrameExtensions
{
    /// <summary>The columns at the positions in <paramref name="columns"/>, copied (pandas' <c>frame.iloc[:, start:end]</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range reaches outside the frame's columns.</exception>
    /// <example><c>data.SelectColumns(0..2)</c> holds columns 0 and 1; <c>data.SelectColumns(^1..)</c> the last.</example>
    public static DataFrame SelectColumns(this DataFrame frame, Range columns)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int count = frame.Columns.Count;
        int start = columns.Start.GetOffset(count), end = columns.End.GetOffset(count);
        if (start < 0 || end > count || start > end)
            throw new ArgumentOutOfRangeException(nameof(columns), $"Column range {columns} is outside the frame's {count} columns.");
        return new DataFrame(Enumerable.Range(start, end - start).Select(i => frame.Columns[i].Clone()));
    }

    /// <summary>The named columns in the order given, copied (pandas' <c>frame[["a", "b"]]</c>).</summary>
    /// <exception cref="ArgumentException">A name is not a column of the frame (the message lists the columns).</exception>
    public static DataFrame SelectColumns(this DataFrame frame, params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(names);
        return new DataFrame(names.Select(name => frame.Columns[IndexOf(frame, name)].Clone()));
    }

    /// <summary>
    /// One-hot encodes categorical columns, like pandas' <c>get_dummies</c>: each encoded column
    /// <c>C</c> is replaced by one Boolean column <c>C_value</c> per distinct value (sorted ordinally),
    /// plus <c>C_nan</c> marking the missing values when <paramref name="dummyNa"/> is set. The other
    /// columns come first, in their order, then the indicator columns (in the order of <paramref name="columns"/>).
    /// </summary>
    /// <param name="frame">The frame to encode.</param>
    /// <param name="dummyNa">Add a <c>_nan</c> column per encoded column (pandas' <c>dummy_na</c>), even when nothing is missing.</param>
    /// <param name="columns">The columns to encode; by default every string column (pandas' object columns).</param>
    /// <param name="prefixSeparator">Between the column name and the value (pandas' <c>prefix_sep</c>).</param>
    /// <remarks>
    /// The indicators are Boolean columns, as pandas 2 gives (<c>False</c>/<c>True</c> in the book's
    /// printout), so the frame prints as the book does; <see cref="TensorConversion.ToTensor(DataFrame, DType)"/>
    /// turns them into 0 and 1. A numeric column named in <paramref name="columns"/> has its values
    /// written as Python does (<c>NumRooms_2.0</c>).
    /// </remarks>
    /// <example><c>inputs.GetDummies(dummyNa: true)</c> turns RoofType into RoofType_Slate and RoofType_nan.</example>
    public static DataFrame GetDummies(this DataFrame frame, bool dummyNa = false, IEnumerable<string>? columns = null, string prefixSeparator = "_")
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(prefixSeparator);
        var encode = (columns is null
            ? Enumerable.Range(0, frame.Columns.Count).Where(i => frame.Columns[i] is StringDataFrameColumn or ArrowStringDataFrameColumn)
            : columns.Select(name => IndexOf(frame, name))).Distinct().ToList();

        var result = new List<DataFrameColumn>();
        for (int i = 0; i < frame.Columns.Count; i++)
            if (!encode.Contains(i)) result.Add(frame.Columns[i].Clone());
        foreach (int i in encode)
            result.AddRange(Indicators(frame.Columns[i], dummyNa, prefixSeparator));
        return new DataFrame(result);
    }

    /// <summary>
    /// Fills the missing values of every numeric column with that column's mean, like pandas'
    /// <c>frame.fillna(frame.mean())</c>; other columns are copied unchanged.
    /// </summary>
    /// <remarks>
    /// Missing means null, and for floating columns also NaN (pandas makes no difference). An
    /// integer column with nulls becomes a Double column, since its mean is rarely whole (pandas would
    /// have read it as float64 in the first place). A column with no values at all stays missing.
    /// </remarks>
    /// <example><c>inputs.FillNaWithMean()</c> fills NumRooms' two gaps with 3, the mean of 2 and 4.</example>
    public static DataFrame FillNaWithMean(this DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return new DataFrame(frame.Columns.Select(FillNaWithMean));
    }

    /// <summary>A copy of the column with its missing values (nulls, and NaN in floating columns) replaced by its mean.</summary>
    /// <exception cref="ArgumentException">The column is not numeric.</exception>
    public static DataFrameColumn FillNaWithMean(this DataFrameColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (!Columns.IsNumeric(column))
            return column is PrimitiveDataFrameColumn<bool> or StringDataFrameColumn or ArrowStringDataFrameColumn
                ? column.Clone()
                : throw new ArgumentException($"Column '{column.Name}' holds {column.DataType.Name} values, which have no mean.");
        bool floating = Columns.IsFloating(column);
        if (column.NullCount == 0 && !floating) return column.Clone();

        var values = new double[column.Length];
        Columns.ReadDoubles(column, values, 0, 1, DType.Float64);
        double mean = Columns.Mean(values);
        if (double.IsNaN(mean) || !values.Any(double.IsNaN)) return column.Clone();
        if (column is PrimitiveDataFrameColumn<float> single)
        {
            var filled = single.Clone();
            for (long r = 0; r < filled.Length; r++)
                if (filled[r] is not { } v || float.IsNaN(v)) filled[r] = (float)mean;
            return filled;
        }
        for (int r = 0; r < values.Length; r++)
            if (double.IsNaN(values[r])) values[r] = mean;
        return Columns.Create<double>(column.Name, values);
    }

    private static int IndexOf(DataFrame frame, string name)
    {
        int index = frame.Columns.IndexOf(name);
        return index >= 0 ? index : throw new ArgumentException(
            $"There is no column '{name}'; the columns are {string.Join(", ", frame.Columns.Select(c => $"'{c.Name}'"))}.", nameof(name));
    }

    private static IEnumerable<DataFrameColumn> Indicators(DataFrameColumn column, bool dummyNa, string separator)
    {
        int rows = checked((int)column.Length);
        var codes = new int[rows];  // index into categories, -1 for missing
        var categories = new List<object>();
        var index = new Dictionary<object, int>();
        for (int r = 0; r < rows; r++)
        {
            object? cell = column[r];
            if (cell is null || cell is double d && double.IsNaN(d) || cell is float f && float.IsNaN(f)) { codes[r] = -1; continue; }
            if (!index.TryGetValue(cell, out codes[r])) { codes[r] = index[cell] = categories.Count; categories.Add(cell); }
        }
        var order = Enumerable.Range(0, categories.Count).ToArray();
        if (categories.All(c => c is string)) Array.Sort(order, (a, b) => string.CompareOrdinal((string)categories[a], (string)categories[b]));
        else Array.Sort(order, (a, b) => Comparer<object>.Default.Compare(categories[a], categories[b]));
        var flags = new bool[rows];
        foreach (int code in order)
        {
            for (int r = 0; r < rows; r++) flags[r] = codes[r] == code;
            yield return Columns.Create<bool>($"{column.Name}{separator}{Label(categories[code])}", flags);
        }
        if (dummyNa)
        {
            for (int r = 0; r < rows; r++) flags[r] = codes[r] < 0;
            yield return Columns.Create<bool>($"{column.Name}{separator}nan", flags);
        }
    }

    /// <summary>A category's text in a column name, as Python's str() writes it (2.0 for a whole double, True for true).</summary>
    private static string Label(object value) => value switch
    {
        double d when double.IsInteger(d) && Math.Abs(d) < 1e16 => d.ToString("0.0", CultureInfo.InvariantCulture),
        float f when float.IsInteger(f) && Math.Abs(f) < 1e16f => f.ToString("0.0", CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
