namespace Nabla.Plot;

/// <summary>
/// The values of one axis of a curve: a copy of a 1-D tensor or an array, converted to double.
/// Tensors, <c>double[]</c>, <c>float[]</c> and <c>List&lt;double&gt;</c> convert to it implicitly,
/// so <c>Figure.Plot</c> and <see cref="Figure.Add(PlotData, PlotData, string?, string?)"/> take any of them.
/// </summary>
public readonly struct PlotData
{
    private readonly double[]? values;

    /// <summary>A copy of <paramref name="values"/>.</summary>
    public PlotData(ReadOnlySpan<double> values) => this.values = values.ToArray();

    private PlotData(double[] owned, bool _) => values = owned;

    /// <summary>The number of values.</summary>
    public int Length => Values.Length;

    /// <summary>The values, read-only.</summary>
    public ReadOnlySpan<double> Span => Values;

    internal double[] Values => values ?? [];

    /// <summary>
    /// A tensor's values as doubles, without its autograd history (no <c>.detach()</c> needed). Any
    /// shape with at most one dimension longer than 1 is accepted ([n], [n, 1], [1, n]).
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has two or more dimensions longer than 1.</exception>
    public static implicit operator PlotData(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        int longDims = 0;
        for (int d = 0; d < tensor.Rank; d++)
            if (tensor.Shape[d] > 1) longDims++;
        if (longDims > 1)
            throw new ArgumentException($"A curve needs a 1-D tensor, got shape {tensor.Shape}; pass one row or column at a time.", nameof(tensor));
        return new PlotData(tensor.Detach().ToArray<double>(), true);
    }

    /// <summary>A copy of the array.</summary>
    public static implicit operator PlotData(double[] values) => new(values ?? throw new ArgumentNullException(nameof(values)));

    /// <summary>A copy of the array, widened to double.</summary>
    public static implicit operator PlotData(float[] values) =>
        new(Array.ConvertAll(values ?? throw new ArgumentNullException(nameof(values)), v => (double)v), true);

    /// <summary>A copy of the list.</summary>
    public static implicit operator PlotData(List<double> values) =>
        new(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(values ?? throw new ArgumentNullException(nameof(values))));

    /// <summary>The values 0, 1, ..., <paramref name="count"/> − 1: the x of matplotlib's <c>plot(y)</c>.</summary>
    public static PlotData Indices(int count)
    {
        var x = new double[count];
        for (int i = 0; i < count; i++) x[i] = i;
        return new PlotData(x, true);
    }
}

/// <summary>How an axis maps values to positions (matplotlib's <c>xscale</c>/<c>yscale</c>).</summary>
public enum Scale
{
    /// <summary>Evenly spaced values ("linear").</summary>
    Linear,
    /// <summary>Evenly spaced powers of ten ("log"): ticks at 10ⁿ, minor ticks between; values ≤ 0 are left out, as matplotlib masks them.</summary>
    Log,
}
