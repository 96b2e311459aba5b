using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.Data.Analysis;

namespace Nabla.Data;

/// <summary>
/// Fast paths into and out of <see cref="DataFrameColumn"/>s: building a typed column over an array
/// (the enumerable constructors append one value at a time: ~100× slower here) and reading a
/// column as numbers through its data buffers (the indexer of a buffer-backed column is as slow).
/// </summary>
internal static class Columns
{
    /// <summary>
    /// A column of the .NET type matching <typeparamref name="T"/> (DoubleDataFrameColumn for double, ...)
    /// over a copy of <paramref name="values"/>; <paramref name="missing"/> marks the nulls.
    /// </summary>
    public static DataFrameColumn Create<T>(string name, ReadOnlySpan<T> values, ReadOnlySpan<bool> missing = default) where T : unmanaged
    {
        byte[] buffer = MemoryMarshal.AsBytes(values).ToArray();
        var validity = new byte[(values.Length + 7) / 8];
        int nulls = 0;
        if (missing.IsEmpty) validity.AsSpan().Fill(0xFF);
        else
            for (int i = 0; i < values.Length; i++)
                if (missing[i]) nulls++;
                else validity[i >> 3] |= (byte)(1 << (i & 7));
        int n = values.Length;
        return typeof(T) switch
        {
            var t when t == typeof(double) => new DoubleDataFrameColumn(name, buffer, validity, n, nulls),
            var t when t == typeof(float) => new SingleDataFrameColumn(name, buffer, validity, n, nulls),
            var t when t == typeof(long) => new Int64DataFrameColumn(name, buffer, validity, n, nulls),
            var t when t == typeof(int) => new Int32DataFrameColumn(name, buffer, validity, n, nulls),
            var t when t == typeof(byte) => new ByteDataFrameColumn(name, buffer, validity, n, nulls),
            var t when t == typeof(bool) => new BooleanDataFrameColumn(name, buffer, validity, n, nulls),
            _ => throw new NotSupportedException($"No data frame column type for {typeof(T).Name}."),
        };
    }

    /// <summary>
    /// Writes the column's values as doubles to <c>destination[offset + row * stride]</c>: booleans as 0/1,
    /// nulls as NaN, strings parsed with the invariant culture.
    /// </summary>
    /// <exception cref="FormatException">A string cell is not a number (naming the row and column).</exception>
    /// <exception cref="ArgumentException">The column's type is not numeric, boolean or string.</exception>
    public static void ReadDoubles(DataFrameColumn column, Span<double> destination, int offset, int stride, DType target)
    {
        switch (column)
        {
            case PrimitiveDataFrameColumn<double> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<float> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<long> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<int> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<short> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<byte> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<sbyte> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<ushort> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<uint> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<ulong> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<decimal> c: ReadNumbers(c, destination, offset, stride); break;
            case PrimitiveDataFrameColumn<bool> c:
            {
                long row = 0;
                using var validity = c.GetReadOnlyNullBitMapBuffers().GetEnumerator();
                foreach (var chunk in c.GetReadOnlyDataBuffers())
                {
                    validity.MoveNext();
                    var values = chunk.Span;
                    var bits = validity.Current.Span;
                    for (int i = 0; i < values.Length; i++, row++)
                        destination[(int)(offset + row * stride)] = IsValid(bits, i) ? (values[i] ? 1.0 : 0.0) : double.NaN;
                }
                break;
            }
            default:
                for (long row = 0; row < column.Length; row++)
                    destination[(int)(offset + row * stride)] = CellAsDouble(column, row, target);
                break;
        }
    }

    /// <summary>The mean of the values that are not NaN (missing); NaN when there are none.</summary>
    public static double Mean(ReadOnlySpan<double> values)
    {
        double sum = 0;
        long count = 0;
        foreach (double v in values)
            if (!double.IsNaN(v)) { sum += v; count++; }
        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>True for columns of numbers (not booleans, strings or dates).</summary>
    public static bool IsNumeric(DataFrameColumn column) => column.IsNumericColumn() && column is not PrimitiveDataFrameColumn<bool>;

    /// <summary>True for floating columns, whose NaN values count as missing like nulls (as in pandas).</summary>
    public static bool IsFloating(DataFrameColumn column) =>
        column is PrimitiveDataFrameColumn<double> or PrimitiveDataFrameColumn<float>;

    private static void ReadNumbers<T>(PrimitiveDataFrameColumn<T> column, Span<double> destination, int offset, int stride)
        where T : unmanaged, INumberBase<T>
    {
        long row = 0;
        using var validity = column.GetReadOnlyNullBitMapBuffers().GetEnumerator();
        foreach (var chunk in column.GetReadOnlyDataBuffers())
        {
            validity.MoveNext();
            var values = chunk.Span;
            var bits = validity.Current.Span;
            if (stride == 1 && column.NullCount == 0 && typeof(T) == typeof(double))
            {
                MemoryMarshal.Cast<T, double>(values).CopyTo(destination.Slice((int)(offset + row), values.Length));
                row += values.Length;
                continue;
            }
            for (int i = 0; i < values.Length; i++, row++)
                destination[(int)(offset + row * stride)] = IsValid(bits, i) ? double.CreateTruncating(values[i]) : double.NaN;
        }
    }

    private static bool IsValid(ReadOnlySpan<byte> bits, int i) => (bits[i >> 3] & (1 << (i & 7))) != 0;

    private static double CellAsDouble(DataFrameColumn column, long row, DType target)
    {
        object? cell = column[row];
        switch (cell)
        {
            case null: return double.NaN;
            case string s:
                if (CsvOptions.DefaultMissingValues.Contains(s)) return double.NaN;
                if (Csv.TryParseDouble(s, out double v)) return v;
                throw new FormatException(
                    $"Cannot convert the value '{s}' in row {row}, column '{column.Name}' to {target}: it is not a number. " +
                    "Encode text columns first, e.g. with GetDummies.");
            case bool b: return b ? 1 : 0;
            case IConvertible c when column.IsNumericColumn(): return c.ToDouble(CultureInfo.InvariantCulture);
            default:
                throw new ArgumentException(
                    $"Column '{column.Name}' holds {column.DataType.Name} values, which have no numeric value for a tensor " +
                    $"(row {row}: '{cell}').");
        }
    }
}
