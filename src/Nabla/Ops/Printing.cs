using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nabla;

/// <summary>
/// PyTorch's tensor repr (torch/_tensor_str.py with the default print options), reproduced
/// character for character: the same formatter decisions (int mode, scientific mode, width),
/// the same nesting, line wrapping, summarisation and suffix placement.
/// </summary>
internal static class Printing
{
    // PyTorch's default PRINT_OPTS.
    private const int Precision = 4;
    private const long Threshold = 1000;
    private const int EdgeItems = 3;
    private const int LineWidth = 80;
    private const string Prefix = "tensor(";

    /// <summary>repr(t): the data, then the suffixes (", dtype=torch.int32", ...) in the given order.</summary>
    public static string Repr(Tensor t, IReadOnlyList<string> suffixes)
    {
        string body = t.Numel == 0 ? "[]" : Body(t, Prefix.Length);
        return AddSuffixes(Prefix + body, suffixes, Prefix.Length);
    }

    /// <summary>A shape as Python prints a tuple: <c>(0, 3)</c>, <c>(0,)</c>, <c>()</c>.</summary>
    public static string PythonTuple(ReadOnlySpan<long> sizes) =>
        sizes.Length == 1 ? $"({sizes[0]},)" : "(" + string.Join(", ", sizes.ToArray()) + ")";

    // _tensor_str: past the threshold only the edge items of each long dimension are printed,
    // and (as in PyTorch) the formatter only sees those, so a hidden outlier changes nothing.
    private static string Body(Tensor t, int indent)
    {
        bool summarize = t.Numel > Threshold;
        var sizes = t.Shape.Sizes;
        var elided = new bool[sizes.Length];
        for (int d = 0; d < sizes.Length; d++)
            elided[d] = summarize && sizes[d] > 2 * EdgeItems;
        var shown = summarize ? Summarize(t, 0) : t;
        string[] cells = Cells(shown, out int width);
        var sb = new StringBuilder();
        int next = 0;
        Append(sb, shown.Shape.Sizes, elided, 0, indent, cells, width, ref next);
        return sb.ToString();
    }

    // get_summarized_data: the first and last EdgeItems entries of every long dimension. Each
    // Cat joins views already narrowed in all later dimensions, so only edge elements are copied,
    // never the whole tensor.
    private static Tensor Summarize(Tensor t, int dim)
    {
        if (dim == t.Rank) return t;
        long size = t.Shape.Sizes[dim];
        if (size <= 2 * EdgeItems) return Summarize(t, dim + 1);
        return Tensor.Cat([Summarize(t.Narrow(dim, 0, EdgeItems), dim + 1),
                           Summarize(t.Narrow(dim, size - EdgeItems, EdgeItems), dim + 1)], dim);
    }

    // _tensor_str_with_formatter and _vector_str, walking the shown elements in row-major order.
    private static void Append(StringBuilder sb, ReadOnlySpan<long> sizes, bool[] elided, int dim, int indent,
                               string[] cells, int width, ref int next)
    {
        int rank = sizes.Length;
        if (dim == rank)
        {
            Pad(sb, cells[next++], width);  // a 0-d tensor
            return;
        }
        int count = (int)sizes[dim];
        sb.Append('[');
        if (dim == rank - 1)
        {
            // Python floors (80 - indent) / (width + 2); for a negative numerator both give < 1.
            int perLine = Math.Max(1, (LineWidth - indent) / (width + 2));
            int items = count + (elided[dim] ? 1 : 0);
            for (int j = 0; j < items; j++)
            {
                if (j > 0)
                {
                    if (j % perLine == 0) sb.Append(",\n").Append(' ', indent + 1);
                    else sb.Append(", ");
                }
                // " ..." counts as one element when PyTorch splits the row into lines.
                if (elided[dim] && j == EdgeItems) sb.Append(" ...");
                else Pad(sb, cells[next++], width);
            }
        }
        else
        {
            string separator = "," + new string('\n', rank - dim - 1) + new string(' ', indent + 1);
            for (int i = 0; i < count; i++)
            {
                if (i > 0) sb.Append(separator);
                if (elided[dim] && i == EdgeItems) sb.Append("...").Append(separator);
                Append(sb, sizes, elided, dim + 1, indent + 1, cells, width, ref next);
            }
        }
        sb.Append(']');
    }

    private static void Pad(StringBuilder sb, string cell, int width)
    {
        if (cell.Length < width) sb.Append(' ', width - cell.Length);
        sb.Append(cell);
    }

    // _add_suffixes: a suffix goes on a new line when it would pass the line width. The
    // "+ 1" (PyTorch counts two characters more than the last line holds) is PyTorch's own.
    private static string AddSuffixes(string tensorString, IReadOnlyList<string> suffixes, int indent)
    {
        var sb = new StringBuilder(tensorString);
        int lastLineLength = tensorString.Length - tensorString.LastIndexOf('\n') + 1;
        foreach (string suffix in suffixes)
        {
            if (lastLineLength + suffix.Length + 2 > LineWidth)
            {
                sb.Append(",\n").Append(' ', indent).Append(suffix);
                lastLineLength = indent + suffix.Length;
            }
            else
            {
                sb.Append(", ").Append(suffix);
                lastLineLength += suffix.Length + 2;
            }
        }
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// Every shown element formatted without padding, and the column width (_Formatter): each
    /// element is formatted once, in the mode the formatter chose from all of them.
    /// </summary>
    private static string[] Cells(Tensor shown, out int width)
    {
        if (shown.DType.IsFloatingPoint) return FloatCells(shown.ToArray<double>(), out width);
        string[] cells = shown.DType == DType.Bool
            ? Array.ConvertAll(shown.ToArray<bool>(), b => b ? "True" : "False")
            : Array.ConvertAll(shown.ToArray<long>(), v => v.ToString(CultureInfo.InvariantCulture));
        // Integers and bools: the widest of all values, at least 1.
        width = 1;
        foreach (string cell in cells) width = Math.Max(width, cell.Length);
        return cells;
    }

    private enum FloatMode { Integer, Fixed, Scientific }

    /// <summary>
    /// _Formatter for floating tensors. Float32 values arrive widened to double, which is what
    /// Python formats after <c>tolist()</c>/<c>item()</c>, so one code path serves both dtypes.
    /// </summary>
    internal static string[] FloatCells(double[] values, out int width)
    {
        // Only non-zero finite values decide the mode and the width; zeros, NaN and infinities
        // are printed in whatever mode results (possibly wider than the column, as in PyTorch).
        bool any = false, integral = true;
        double min = double.PositiveInfinity, max = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v) || v == 0) continue;
            any = true;
            double a = Math.Abs(v);
            min = Math.Min(min, a);
            max = Math.Max(max, a);
            if (v != Math.Ceiling(v)) integral = false;
        }
        var mode = !any ? FloatMode.Integer
            : integral ? (max / min > 1000.0 || max > 1.0e8 ? FloatMode.Scientific : FloatMode.Integer)
            : (max / min > 1000.0 || max > 1.0e8 || min < 1.0e-4 ? FloatMode.Scientific : FloatMode.Fixed);

        var cells = new string[values.Length];
        width = 1;
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            cells[i] = mode switch
            {
                FloatMode.Scientific => PythonFormat.Exponential(v, Precision),
                FloatMode.Fixed => PythonFormat.Fixed(v, Precision),
                // "{:.0f}" plus a "." that marks the tensor as floating (not after nan or inf).
                _ => double.IsFinite(v) ? PythonFormat.Fixed(v, 0) + "." : PythonFormat.Fixed(v, 0),
            };
            if (any && double.IsFinite(v) && v != 0) width = Math.Max(width, cells[i].Length);
        }
        return cells;
    }
}

/// <summary>
/// Python's <c>'{:.Nf}'</c> and <c>'{:.Ne}'</c> for doubles: correctly rounded from the exact
/// binary value, ties to even (Python: <c>'{:.4f}'.format(0.03125) == '0.0312'</c>), the sign of
/// negative zero kept, at least two exponent digits (<c>1.0000e+09</c>), and <c>nan</c>,
/// <c>inf</c>, <c>-inf</c>. .NET's "F4"/"E4" differ in exponent style (<c>E+009</c>) and
/// do not promise ties-to-even, so the digits are computed here with exact integer arithmetic.
/// </summary>
internal static class PythonFormat
{
    /// <summary><c>'{:.{precision}f}'.format(value)</c>.</summary>
    public static string Fixed(double value, int precision)
    {
        if (NonFinite(value) is { } special) return special;
        string digits = ScaledRound(Math.Abs(value), precision).ToString(CultureInfo.InvariantCulture);
        if (digits.Length <= precision) digits = new string('0', precision + 1 - digits.Length) + digits;
        string text = precision == 0 ? digits : digits[..^precision] + "." + digits[^precision..];
        return double.IsNegative(value) ? "-" + text : text;
    }

    /// <summary><c>'{:.{precision}e}'.format(value)</c>.</summary>
    public static string Exponential(double value, int precision)
    {
        if (NonFinite(value) is { } special) return special;
        double a = Math.Abs(value);
        int exponent = 0;
        BigInteger q = BigInteger.Zero;
        if (a != 0)
        {
            // q = round(a / 10^(exponent - precision)) must have precision + 1 digits. The
            // estimate from Log10 can be one off, and rounding can carry into a new digit
            // (9.99999e-05 → 1.0000e-04): both are fixed by moving the exponent and redoing it.
            exponent = (int)Math.Floor(Math.Log10(a));
            var low = BigInteger.Pow(10, precision);
            var high = low * 10;
            for (int guard = 0; guard < 4; guard++)
            {
                q = ScaledRound(a, precision - exponent);
                if (q >= high) exponent++;
                else if (q < low) exponent--;
                else break;
            }
        }
        string digits = q.IsZero ? new string('0', precision + 1) : q.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(precision + 8);
        if (double.IsNegative(value)) sb.Append('-');
        sb.Append(digits[0]);
        if (precision > 0) sb.Append('.').Append(digits, 1, precision);
        sb.Append(exponent < 0 ? "e-" : "e+").Append(Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string? NonFinite(double value) =>
        double.IsNaN(value) ? "nan" : double.IsPositiveInfinity(value) ? "inf" : double.IsNegativeInfinity(value) ? "-inf" : null;

    /// <summary>round(a · 10^scale) for a finite a ≥ 0, exactly, ties to even; scale may be negative.</summary>
    private static BigInteger ScaledRound(double a, int scale)
    {
        // a = mantissa · 2^exponent exactly (subnormals have no implicit bit).
        long bits = BitConverter.DoubleToInt64Bits(a);
        int biased = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (biased == 0) biased = 1;
        else mantissa |= 1L << 52;
        int exponent = biased - 1075;

        BigInteger numerator = mantissa, denominator = BigInteger.One;
        if (exponent > 0) numerator <<= exponent;
        else denominator <<= -exponent;
        if (scale >= 0) numerator *= BigInteger.Pow(10, scale);
        else denominator *= BigInteger.Pow(10, -scale);

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        int half = (remainder << 1).CompareTo(denominator);
        if (half > 0 || (half == 0 && !quotient.IsEven)) quotient += BigInteger.One;
        return quotient;
    }
}
