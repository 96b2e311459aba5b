namespace Nabla.Samples;

/// <summary>Section 2.3, Linear Algebra: scalars to tensors, arithmetic, reductions, products, norms.</summary>
internal static class Section23
{
    public static void Run()
    {
        Tour.Heading("2.3.1 Scalars");
        var x = Tensor.Scalar(3.0f);
        var y = Tensor.Scalar(2.0f);
        Tour.Show("x + y, x * y, x / y, x.Pow(y)", $"{x + y}, {x * y}, {x / y}, {x.Pow(y)}");

        Tour.Heading("2.3.2 Vectors");
        var v = Tensor.Arange(3);
        Tour.Show("v = Tensor.Arange(3)", v);
        Tour.Show("v[2]", v[2]);
        Tour.Show("v.Shape[0], v.Shape", $"{v.Shape[0]}, {v.Shape}");

        Tour.Heading("2.3.3 Matrices");
        var A = Tensor.Arange(6).Reshape(3, 2);
        Tour.Show("A = Tensor.Arange(6).Reshape(3, 2)", A);
        Tour.Show("A.T", A.T);
        var S = Tensor.From(new[,] { { 1, 2, 3 }, { 2, 0, 4 }, { 3, 4, 5 } });
        Tour.Show("S == S.T   (a symmetric matrix)", S == S.T);

        Tour.Heading("2.3.4 Tensors");
        Tour.Show("Tensor.Arange(24).Reshape(2, 3, 4)", Tensor.Arange(24).Reshape(2, 3, 4));

        Tour.Heading("2.3.5 Basic Properties of Tensor Arithmetic");
        A = Tensor.Arange(6, dtype: DType.Float32).Reshape(2, 3);
        var B = A.Clone();
        Tour.Show("A, A + B", $"{A}\n{A + B}");
        Tour.Show("A * B   (Hadamard product)", A * B);
        var X = Tensor.Arange(24).Reshape(2, 3, 4);
        Tour.Show("2 + X", 2 + X);
        Tour.Show("(2 * X).Shape", (2 * X).Shape);

        Tour.Heading("2.3.6 Reduction");
        var xs = Tensor.Arange(3, dtype: DType.Float32);
        Tour.Show("xs, xs.Sum()", $"{xs}, {xs.Sum()}");
        Tour.Show("A.Shape, A.Sum()", $"{A.Shape}, {A.Sum()}");
        Tour.Show("A.Sum(dim: 0), its shape", $"{A.Sum(dim: 0)}, {A.Sum(dim: 0).Shape}");
        Tour.Show("A.Sum(dim: 1), its shape", $"{A.Sum(dim: 1)}, {A.Sum(dim: 1).Shape}");
        Tour.Show("A.Sum(dim: [0, 1]) == A.Sum()", A.Sum(dim: [0, 1]) == A.Sum());
        Tour.Show("A.Mean(), A.Sum() / A.Numel", $"{A.Mean()}, {A.Sum() / A.Numel}");
        Tour.Show("A.Mean(dim: 0), A.Sum(dim: 0) / A.Shape[0]", $"{A.Mean(dim: 0)}, {A.Sum(dim: 0) / A.Shape[0]}");

        Tour.Heading("2.3.7 Non-Reduction Sum");
        var sumA = A.Sum(dim: 1, keepDim: true);
        Tour.Show("sumA = A.Sum(dim: 1, keepDim: true), its shape", $"{sumA}, {sumA.Shape}");
        Tour.Show("A / sumA", A / sumA);
        Tour.Show("A.Cumsum(dim: 0)", A.Cumsum(dim: 0));

        Tour.Heading("2.3.8 Dot Products");
        var ones = Tensor.Ones(3);
        Tour.Show("xs, ones, Tensor.Dot(xs, ones)", $"{xs}, {ones}, {Tensor.Dot(xs, ones)}");
        Tour.Show("(xs * ones).Sum()", (xs * ones).Sum());

        Tour.Heading("2.3.9 Matrix-Vector Products");
        Tour.Show("A.Shape, xs.Shape, Tensor.Mv(A, xs), A.Matmul(xs)", $"{A.Shape}, {xs.Shape}, {Tensor.Mv(A, xs)}, {A.Matmul(xs)}");

        Tour.Heading("2.3.10 Matrix-Matrix Multiplication");
        var M = Tensor.Ones(3, 4);
        Tour.Show("Tensor.Mm(A, M), A.Matmul(M)", $"{Tensor.Mm(A, M)}\n{A.Matmul(M)}");

        Tour.Heading("2.3.11 Norms");
        var u = Tensor.From(new[] { 3.0f, -4.0f });
        Tour.Show("Tensor.Norm(u)   (the l2 norm)", Tensor.Norm(u));
        Tour.Show("u.Abs().Sum()    (the l1 norm)", u.Abs().Sum());
        Tour.Show("Tensor.Norm(Tensor.Ones(4, 9))   (Frobenius)", Tensor.Norm(Tensor.Ones(4, 9)));
        Tour.Show("Linalg.VectorNorm(u, ord: double.PositiveInfinity)", Linalg.VectorNorm(u, ord: double.PositiveInfinity));
        Tour.Show("Linalg.MatrixNorm(A, \"nuc\"), Linalg.MatrixNorm(A, 2)", $"{Linalg.MatrixNorm(A, "nuc")}, {Linalg.MatrixNorm(A, 2)}");
        Tour.Show("Linalg.VectorNorm(Tensor.From(new[] { 1e30f, 1e30f }))   (no overflow)", Linalg.VectorNorm(Tensor.From(new[] { 1e30f, 1e30f })));

        Tour.Heading("Exercises");
        Tour.Show("1. A.T.T == A", (A.T.T == A).All());
        Tour.Show("2. A.T + B.T == (A + B).T", (A.T + B.T == (A + B).T).All());
        Tour.Show("4. X.Shape[0] for X of shape [2, 3, 4]", X.Shape[0]);
        try
        {
            _ = A / A.Sum(dim: 1);
        }
        catch (ArgumentException e)
        {
            Tour.Show("6. A / A.Sum(dim: 1) fails: shapes [2, 3] and [2] do not broadcast", e.Message);
        }
        var T = Tensor.Arange(24, dtype: DType.Float32).Reshape(2, 3, 4);
        Tour.Show("8. T.Sum(dim: 0).Shape, T.Sum(dim: 1).Shape, T.Sum(dim: 2).Shape", $"{T.Sum(dim: 0).Shape}, {T.Sum(dim: 1).Shape}, {T.Sum(dim: 2).Shape}");
        Tour.Show("9. Linalg.Norm of a [2, 3, 4] tensor (all elements)", Linalg.VectorNorm(T));
        Tour.Show("12. Tensor.Einsum(\"ij,jk->ik\", A, M) == A.Matmul(M)", (Tensor.Einsum("ij,jk->ik", A, M) == A.Matmul(M)).All());
    }
}
