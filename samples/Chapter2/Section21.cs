namespace Nabla.Samples;

/// <summary>Section 2.1, Data Manipulation: creating tensors, indexing and slicing, saving memory, conversion.</summary>
internal static class Section21
{
    public static void Run()
    {
        Tour.Heading("2.1.1 Getting Started");
        var x = Tensor.Arange(12, dtype: DType.Float32);
        Tour.Show("x = Tensor.Arange(12, dtype: DType.Float32)", x);
        Tour.Show("x.Numel", x.Numel);
        Tour.Show("x.Shape", x.Shape);
        var X = x.Reshape(3, 4);
        Tour.Show("X = x.Reshape(3, 4)", X);
        Tour.Show("x.Reshape(-1, 4)", x.Reshape(-1, 4));
        Tour.Show("Tensor.Zeros(2, 3, 4)", Tensor.Zeros(2, 3, 4));
        Tour.Show("Tensor.Ones(2, 3, 4)", Tensor.Ones(2, 3, 4));
        Tour.Show("Tensor.From(new[,] { { 2, 1, 4, 3 }, { 1, 2, 3, 4 }, { 4, 3, 2, 1 } })",
            Tensor.From(new[,] { { 2, 1, 4, 3 }, { 1, 2, 3, 4 }, { 4, 3, 2, 1 } }));

        Tour.Heading("2.1.2 Indexing and Slicing");
        Tour.Show("X[^1]", X[^1]);
        Tour.Show("X[1..3]", X[1..3]);
        X[1, 2] = 17;
        Tour.Show("X[1, 2] = 17; X", X);
        X[..2, ..] = 12;
        Tour.Show("X[..2, ..] = 12; X", X);
        Tour.Show("x (X is a view of x, so the writes show through)", x);

        Tour.Heading("2.1.3 Concatenation");
        var Y = Tensor.From(new float[,] { { 2, 1, 4, 3 }, { 1, 2, 3, 4 }, { 4, 3, 2, 1 } });
        Tour.Show("Tensor.Cat([X, Y], dim: 0)", Tensor.Cat([X, Y], dim: 0));
        Tour.Show("Tensor.Cat([X, Y], dim: 1)", Tensor.Cat([X, Y], dim: 1));

        Tour.Heading("2.1.6 Conversion to Other C# Objects");
        float[] flat = X.ToArray<float>();
        Tour.Show("X.ToArray<float>()", "float[" + flat.Length + "] { " + string.Join(", ", flat) + " }");
        var a = Tensor.From(new[] { 3.5f });
        Tour.Show("a", a);
        Tour.Show("a.Item<float>(), (float)a, (int)a", $"{a.Item<float>()}, {(float)a}, {(int)a}");
    }
}
