namespace Nabla.Samples;

/// <summary>
/// What comes next in the book (section 3.4): linear regression from scratch, using only what the
/// chapter built — random tensors, matrix products, autograd and in-place SGD updates.
/// </summary>
internal static class WhatsNext
{
    public static void Run()
    {
        Tour.Heading("Linear regression from scratch");
        Tensor.ManualSeed(42);
        var trueW = Tensor.From(new[] { 2.0f, -3.4f });
        const float trueB = 4.2f;
        var features = Tensor.Randn(1000, 2);
        var labels = features.Matmul(trueW) + trueB + 0.01 * Tensor.Randn(1000);
        Tour.Show("features.Shape, labels.Shape", $"{features.Shape}, {labels.Shape}");

        var w = Tensor.Normal(0.0, 0.01, [2]);
        w.RequiresGrad = true;
        var b = Tensor.Zeros([1], DType.Float32, requiresGrad: true);
        const double learningRate = 0.03;
        const int batchSize = 10;
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            var order = Tensor.RandPerm(features.Shape[0]);
            for (long start = 0; start < features.Shape[0]; start += batchSize)
            {
                var batch = order[TensorIndex.Slice(start, start + batchSize)];
                var loss = Tensor.MseLoss(features[batch].Matmul(w) + b, labels[batch], reduction: "sum") / (2 * batchSize);
                loss.Backward();
                using (Autograd.NoGrad())
                {
                    w -= learningRate * w.Grad!;
                    b -= learningRate * b.Grad!;
                }
                w.Grad!.Clear();
                b.Grad!.Clear();
            }
            using (Autograd.NoGrad())
            {
                var trainLoss = Tensor.MseLoss(features.Matmul(w) + b, labels) / 2;
                Console.WriteLine($"epoch {epoch}, loss {trainLoss.Item<float>():F6}");
            }
        }
        Tour.Show("error in estimating w: trueW - w", trueW - w.Detach());
        Tour.Show("error in estimating b: trueB - b", trueB - b.Detach());
    }
}
