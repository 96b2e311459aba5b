using Nabla.Distributions;
using Nabla.Plot;

namespace Nabla.Samples;

/// <summary>Section 2.6, Probability and Statistics: rolling a die, running estimates, Bayes' theorem, expectations.</summary>
internal static class Section26
{
    public static void Run()
    {
        Tensor.ManualSeed(0);

        Tour.Heading("2.6.1 A Simple Example: Tossing Dice");
        var fair = Tensor.Ones(6) / 6;
        Tour.Show("fair = Tensor.Ones(6) / 6", fair);
        Tour.Show("new Multinomial(1, fair).Sample()   (one roll, one-hot)", new Multinomial(1, fair).Sample());
        Tour.Show("new Multinomial(10, fair).Sample()  (ten rolls, counted)", new Multinomial(10, fair).Sample());
        var counts = new Multinomial(1000, fair).Sample();
        Tour.Show("new Multinomial(1000, fair).Sample() / 1000   (relative frequencies)", counts / 1000);

        // 500 groups of 10 rolls; the running estimates converge to 1/6.
        var groups = new Multinomial(10, fair).Sample(500);
        var cumulative = groups.Cumsum(0);
        var estimates = cumulative / cumulative.Sum(1, keepDim: true);
        Tour.Show("groups = new Multinomial(10, fair).Sample(500); groups.Shape", groups.Shape);
        foreach (int row in new[] { 0, 9, 99, 499 })
            Tour.Show($"estimates[{row}]   (after {(row + 1) * 10} rolls)", estimates[row]);
        var figure = new Figure { XLabel = "Groups of experiments", YLabel = "Estimated probability" };
        var groupAxis = Tensor.Arange(1.0, 501.0);
        for (int face = 0; face < 6; face++) figure.Add(groupAxis, estimates[.., face], label: $"P(die={face + 1})");
        Tour.Show("the running estimates, plotted against the true 1/6 and saved to", figure.HLine(0.167, "k--").SavePng(Tour.Figure("2.6-dice.png")));
        var error = (estimates[^1] - 1.0 / 6).Abs().Max();
        Tour.Show("(estimates[^1] - 1/6).Abs().Max()", error);

        Tour.Heading("2.6.2 Axioms and Random Variables: sampling through a distribution object");
        Distribution die = new Categorical(probs: fair);
        Tour.Show("die = new Categorical(probs: fair); die.Sample(10)", die.Sample(10));
        Tour.Show("die.LogProb(Tensor.From(new long[] { 2 })).Exp()", die.LogProb(Tensor.From(new long[] { 2 })).Exp());
        Tour.Show("die.Entropy()   (log 6)", die.Entropy());

        Tour.Heading("2.6.5 Bayes' Theorem: an HIV test");
        // P(D1 = 1 | H) for H = 0, 1, and the prior P(H).
        var pD1GivenH = Tensor.From(new[] { 0.01, 1.0 });
        var pH = Tensor.From(new[] { 1 - 0.0015, 0.0015 });
        var pD1 = (pD1GivenH * pH).Sum();
        Tour.Show("P(D1 = 1) = sum over H of P(D1 = 1 | H) P(H)   (0.011485)", pD1.Item<double>());
        var posterior = pD1GivenH[1] * pH[1] / pD1;
        Tour.Show("P(H = 1 | D1 = 1)   (0.1306)", posterior);
        // A second, independent test: P(D2 = 1 | H).
        var pD2GivenH = Tensor.From(new[] { 0.03, 0.98 });
        var pBoth = (pD1GivenH * pD2GivenH * pH).Sum();
        Tour.Show("P(D1 = 1, D2 = 1)   (0.00176955)", pBoth.Item<double>());
        Tour.Show("P(H = 1 | D1 = 1, D2 = 1)   (0.8307)", pD1GivenH[1] * pD2GivenH[1] * pH[1] / pBoth);

        Tour.Heading("2.6.6 Expectations: an investment");
        // It fails (return 0) with probability 0.5, returns 2x with 0.4, 10x with 0.1.
        var outcomes = Tensor.From(new[] { 0.0, 2.0, 10.0 });
        var probs = Tensor.From(new[] { 0.5, 0.4, 0.1 });
        var expectation = (outcomes * probs).Sum();
        Tour.Show("E[X] = sum of x p(x)   (1.8)", expectation);
        Tour.Show("Var[X] = E[X^2] - E[X]^2   (8.36)", (outcomes.Square() * probs).Sum() - expectation.Square());
        var draws = Tensor.Multinomial(probs, 100_000, replacement: true);
        var simulated = outcomes[draws];
        Tour.Show("the same by simulation: mean and variance of 100000 draws", $"{simulated.Mean().Item<double>():F3}, {simulated.Var().Item<double>():F3}");
    }
}
