namespace Nabla.Samples;

/// <summary>Section 2.1, Data Manipulation: creating tensors, indexing, operations, broadcasting, saving memory, conversion.</summary>
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

        Tour.Heading("2.1.3 Operations");
        Tour.Show("Tensor.Exp(x)", Tensor.Exp(x));
        var u = Tensor.From(new[] { 1.0f, 2, 4, 8 });
        var v = Tensor.From(new[] { 2.0f, 2, 2, 2 });
        Tour.Show("u + v", u + v);
        Tour.Show("u - v", u - v);
        Tour.Show("u * v", u * v);
        Tour.Show("u / v", u / v);
        Tour.Show("u.Pow(v)   (C#'s ^ is xor, so powers are a method)", u.Pow(v));
        X = Tensor.Arange(12, dtype: DType.Float32).Reshape(3, 4);
        var Y = Tensor.From(new float[,] { { 2, 1, 4, 3 }, { 1, 2, 3, 4 }, { 4, 3, 2, 1 } });
        Tour.Show("Tensor.Cat([X, Y], dim: 0)", Tensor.Cat([X, Y], dim: 0));
        Tour.Show("Tensor.Cat([X, Y], dim: 1)", Tensor.Cat([X, Y], dim: 1));
        Tour.Show("X == Y", X == Y);
        Tour.Show("X.Sum()", X.Sum());

        Tour.Heading("2.1.4 Broadcasting");
        var a = Tensor.Arange(3).Reshape(3, 1);
        var b = Tensor.Arange(2).Reshape(1, 2);
        Tour.Show("a = Tensor.Arange(3).Reshape(3, 1)", a);
        Tour.Show("b = Tensor.Arange(2).Reshape(1, 2)", b);
        Tour.Show("a + b", a + b);

        Tour.Heading("2.1.5 Saving Memory");
        var before = Y;
        long bytes = Memory.TotalAllocatedBytes;
        Y = Y + X;
        Tour.Show("var before = Y; Y = Y + X; ReferenceEquals(Y, before)", ReferenceEquals(Y, before));
        Tour.Show("storage bytes allocated by Y = Y + X", Memory.TotalAllocatedBytes - bytes);
        var Z = Tensor.ZerosLike(Y);
        var zStorage = Z.Storage;
        Z[..] = X + Y;
        Tour.Show("Z[..] = X + Y; ReferenceEquals(Z.Storage, zStorage)   (X + Y is one temporary, then copied in)", ReferenceEquals(Z.Storage, zStorage));
        before = X;
        bytes = Memory.TotalAllocatedBytes;
        X += Y;
        Tour.Show("before = X; X += Y; ReferenceEquals(X, before)", ReferenceEquals(X, before));
        Tour.Show("storage bytes allocated by X += Y", Memory.TotalAllocatedBytes - bytes);
        bytes = Memory.TotalAllocatedBytes;
        Tensor.Add(X, Y, destination: Z);
        Tour.Show("Tensor.Add(X, Y, destination: Z): storage bytes allocated", Memory.TotalAllocatedBytes - bytes);

        Tour.Heading("2.1.6 Conversion to Other C# Objects");
        float[] A = X.ToArray<float>();
        Tour.Show("float[] A = X.ToArray<float>()", "float[" + A.Length + "] { " + string.Join(", ", A) + " }");
        var B = Tensor.From(A, [3, 4]);
        Tour.Show("Tensor.From(A, [3, 4])", B);
        var t = Tensor.From(new[] { 3.5f });
        Tour.Show("t = Tensor.From(new[] { 3.5f })", t);
        Tour.Show("t.Item<float>(), (float)t, (int)t", $"{t.Item<float>()}, {(float)t}, {(int)t}");
    }
}
