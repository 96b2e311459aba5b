using Microsoft.Data.Analysis;

namespace Nabla.Data;

/// <summary>
/// Data frames to tensors and back: d2l's <c>torch.tensor(inputs.to_numpy(dtype=float))</c> is
/// <c>inputs.ToTensor()</c>, and <c>pd.DataFrame(X)</c> is <c>X.ToDataFrame()</c>.
/// </summary>
/// <example>
/// <code>
/// Tensor X = inputs.ToTensor();                 // Float64 [rows, columns]; Boolean columns give 0 and 1
/// Tensor y = data.Columns["Price"].ToTensor();  // Float64 [rows]
/// DataFrame back = X.ToDataFrame(["NumRooms", "RoofType_Slate", "RoofType_nan"]);
/// </code>
/// </example>
public static class TensorConversion
{
    /// <summary>
    /// The frame's values as a tensor of shape [rows, columns] and type <paramref name="dtype"/>
    /// (Float64 by default, as <c>to_numpy(dtype=float)</c> gives). Booleans become 0 and 1; text
    /// cells that are numbers are parsed; for floating dtypes a missing value becomes NaN.
    /// </summary>
    /// <exception cref="FormatException">
    /// A cell cannot be converted: text that is not a number, or (for an integer or Bool dtype) a
    /// missing or non-finite value. The message names the row (0-based, the frame's row index) and the column.
    /// </exception>
    /// <exception cref="ArgumentException">A column's type (dates, say) has no numeric value.</exception>
    public static Tensor ToTensor(this DataFrame frame, DType dtype = DType.Float64)
    {
        ArgumentNullException.ThrowIfNull(frame);
        int rows = checked((int)frame.Rows.Count), cols = frame.Columns.Count;
        var values = new double[checked(rows * cols)];
        for (int c = 0; c < cols; c++)
            Columns.ReadDoubles(frame.Columns[c], values, c, cols, dtype);
        return Build(values, [rows, cols], dtype, frame.Columns);
    }

    /// <summary>The column's values as a 1-D tensor of type <paramref name="dtype"/>; the same rules as for a frame.</summary>
    /// <exception cref="FormatException">A cell cannot be converted (the message names its row and the column).</exception>
    /// <exception cref="ArgumentException">The column's type has no numeric value.</exception>
    public static Tensor ToTensor(this DataFrameColumn column, DType dtype = DType.Float64)
    {
        ArgumentNullException.ThrowIfNull(column);
        var values = new double[checked((int)column.Length)];
        Columns.ReadDoubles(column, values, 0, 1, dtype);
        return Build(values, [values.Length], dtype, [column]);
    }

    /// <summary>
    /// A frame holding a 1-D tensor as one column or a 2-D tensor's columns as columns (like
    /// <c>pd.DataFrame(X.numpy())</c>), each of the .NET type of the tensor's dtype (Float64 gives
    /// Double columns, Bool gives Boolean columns, ...).
    /// </summary>
    /// <param name="tensor">A 1-D or 2-D tensor.</param>
    /// <param name="columnNames">One name per column; by default "0", "1", ... as pandas numbers them.</param>
    /// <exception cref="ArgumentException">The tensor is not 1-D or 2-D, or the names do not match its columns.</exception>
    public static DataFrame ToDataFrame(this Tensor tensor, IReadOnlyList<string>? columnNames = null)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank is not (1 or 2))
            throw new ArgumentException($"ToDataFrame needs a 1-D or 2-D tensor, got shape {tensor.Shape}.", nameof(tensor));
        int rows = checked((int)tensor.Shape[0]), cols = tensor.Rank == 1 ? 1 : checked((int)tensor.Shape[1]);
        if (columnNames is not null && columnNames.Count != cols)
            throw new ArgumentException($"{columnNames.Count} column names given for a tensor with {cols} columns (shape {tensor.Shape}).", nameof(columnNames));
        var columns = new DataFrameColumn[cols];
        for (int c = 0; c < cols; c++)
        {
            string name = columnNames?[c] ?? c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            columns[c] = tensor.DType switch
            {
                DType.Float64 => Column<double>(tensor, name, c, rows, cols),
                DType.Float32 => Column<float>(tensor, name, c, rows, cols),
                DType.Int64 => Column<long>(tensor, name, c, rows, cols),
                DType.Int32 => Column<int>(tensor, name, c, rows, cols),
                DType.UInt8 => Column<byte>(tensor, name, c, rows, cols),
                DType.Bool => Column<bool>(tensor, name, c, rows, cols),
                var other => throw new ArgumentException($"No data frame column type for dtype {other}.", nameof(tensor)),
            };
        }
        return new DataFrame(columns);
    }

    /// <summary>A 1-D tensor as a named column (like <c>pd.Series(x.numpy(), name=...)</c>).</summary>
    /// <exception cref="ArgumentException">The tensor is not 1-D.</exception>
    public static DataFrameColumn ToColumn(this Tensor tensor, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Rank != 1)
            throw new ArgumentException($"ToColumn needs a 1-D tensor, got shape {tensor.Shape}.", nameof(tensor));
        return tensor.ToDataFrame([name]).Columns[0];
    }

    private static DataFrameColumn Column<T>(Tensor tensor, string name, int column, int rows, int cols) where T : unmanaged
    {
        T[] flat = tensor.ToArray<T>();
        if (cols == 1) return Columns.Create<T>(name, flat);
        var values = new T[rows];
        for (int r = 0; r < rows; r++) values[r] = flat[r * cols + column];
        return Columns.Create<T>(name, values);
    }

    /// <summary>Makes the tensor, checking first that an integer or Bool dtype gets only finite values.</summary>
    private static Tensor Build(double[] values, long[] shape, DType dtype, IReadOnlyList<DataFrameColumn> columns)
    {
        var tensor = Tensor.From<double>(values, shape);
        if (dtype == DType.Float64) return tensor;
        if (!dtype.IsFloatingPoint)
        {
            int cols = columns.Count;
            for (int i = 0; i < values.Length; i++)
                if (!double.IsFinite(values[i]))
                {
                    var column = columns[i % cols];
                    long row = i / cols;
                    string what = double.IsNaN(values[i]) ? "a missing value" : $"the non-finite value {values[i]}";
                    throw new FormatException(
                        $"Cannot convert {what} in row {row}, column '{column.Name}' to {dtype}; fill missing values first (FillNaWithMean) or use a floating dtype.");
                }
            if (dtype == DType.Bool) return tensor != 0;
            if (dtype == DType.Int64)  // exact for whole numbers up to 2^53; larger Int64 columns are read exactly below
                return Tensor.From<long>(Exact(values, columns), shape);
        }
        return tensor.To(dtype);
    }

    /// <summary>The values as long, truncated toward zero, re-reading Int64 columns directly so values beyond 2^53 stay exact.</summary>
    private static long[] Exact(double[] values, IReadOnlyList<DataFrameColumn> columns)
    {
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = (long)values[i];
        int cols = columns.Count;
        for (int c = 0; c < cols; c++)
            if (columns[c] is PrimitiveDataFrameColumn<long> longs)
            {
                long row = 0;
                foreach (var chunk in longs.GetReadOnlyDataBuffers())
                    foreach (long v in chunk.Span) result[row++ * cols + c] = v;
            }
        return result;
    }
}
