namespace Nabla;

/// <summary>
/// Scalar special functions in double precision, for the distributions and samplers: log-gamma,
/// digamma, trigamma, erf and its inverse, the regularised incomplete gamma function and the
/// derivative of a gamma sample with respect to its shape (implicit reparameterisation).
/// </summary>
internal static class Special
{
    private const double HalfLog2Pi = 0.91893853320467274178;  // log(2π)/2

    /// <summary>log |Γ(x)| (torch.lgamma): Stirling's series above 10, the recurrence below, the reflection formula for x &lt; 0.5.</summary>
    public static double Lgamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (double.IsInfinity(x)) return double.PositiveInfinity;
        if (x <= 0 && x == Math.Floor(x)) return double.PositiveInfinity;
        if (x < 0.5)
            return Math.Log(Math.PI / Math.Abs(SinPi(x))) - Lgamma(1 - x);
        if (x == 1 || x == 2) return 0;
        double shift = 0;
        // Γ(x) = Γ(x + k) / (x (x + 1) ... (x + k - 1)); the product stays far from overflow for x ≥ 0.5.
        if (x < 10)
        {
            double product = 1;
            while (x < 10)
            {
                product *= x;
                x += 1;
            }
            shift = Math.Log(product);
        }
        return Stirling(x) - shift;
    }

    /// <summary>log Γ(x) for x ≥ 10: (x - ½) log x - x + ½ log 2π + Σ B₂ₖ / (2k (2k - 1) x^(2k - 1)).</summary>
    private static double Stirling(double x)
    {
        double inv = 1 / x, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 * (1.0 / 1188 - inv2 * (691.0 / 360360))))));
        return (x - 0.5) * Math.Log(x) - x + HalfLog2Pi + series;
    }

    /// <summary>log(1 + x), accurate near 0 (Goldberg's trick: log(u)·x/(u - 1) with u = 1 + x rounded).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : double.IsPositiveInfinity(u) ? u : Math.Log(u) * x / (u - 1);
    }

    /// <summary>sin(πx), exact at integers.</summary>
    private static double SinPi(double x)
    {
        double r = x - 2 * Math.Floor(x / 2);  // [0, 2)
        return r == 0 || r == 1 ? 0 : Math.Sin(Math.PI * r);
    }

    /// <summary>ψ(x) = d/dx log Γ(x) (torch.digamma): ±∞ at ±0 and NaN at negative integers, as PyTorch.</summary>
    public static double Digamma(double x)
    {
        if (double.IsNaN(x) || double.IsNegativeInfinity(x)) return double.NaN;
        if (x == 0) return double.IsNegative(x) ? double.PositiveInfinity : double.NegativeInfinity;
        if (x < 0)
        {
            if (x == Math.Floor(x)) return double.NaN;
            // ψ(1 - x) - ψ(x) = π cot(πx)
            return Digamma(1 - x) - Math.PI / Math.Tan(Math.PI * (x - Math.Floor(x)));
        }
        double result = 0;
        while (x < 10)
        {
            result -= 1 / x;
            x += 1;
        }
        double inv2 = 1 / (x * x);
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
        return result + Math.Log(x) - 0.5 / x - series;
    }

    /// <summary>ψ₁(x) = d²/dx² log Γ(x) (torch.polygamma(1, x)).</summary>
    public static double Trigamma(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x <= 0 && x == Math.Floor(x)) return double.PositiveInfinity;
        if (x < 0)
        {
            // ψ₁(1 - x) + ψ₁(x) = π² / sin²(πx)
            double s = Math.Sin(Math.PI * (x - Math.Floor(x)));
            return -Trigamma(1 - x) + Math.PI * Math.PI / (s * s);
        }
        double result = 0;
        while (x < 10)
        {
            result += 1 / (x * x);
            x += 1;
        }
        double inv = 1 / x, inv2 = inv * inv;
        double series = inv + inv2 / 2 + inv * inv2 * (1.0 / 6 - inv2 * (1.0 / 30 - inv2 * (1.0 / 42 - inv2 * (1.0 / 30 - inv2 * (5.0 / 66)))));
        return result + series;
    }

    /// <summary>
    /// The error function (torch.erf): for |x| &lt; 3 the everywhere-positive series
    /// (2/√π) e^(-x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)); beyond, 1 - erfc(x).
    /// </summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return x;
        double a = Math.Abs(x);
        if (a >= 3) return Math.CopySign(1 - ErfcContinuedFraction(a), x);
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 200; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (Math.Abs(term) <= 1e-17 * Math.Abs(sum)) break;
        }
        return 2 / Math.Sqrt(Math.PI) * Math.Exp(-x2) * sum;
    }

    /// <summary>The complementary error function 1 - erf(x) (torch.erfc), accurate in the right tail.</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return x;
        if (x < 0.5) return 1 - Erf(x);
        return x < 3 ? ErfcFromGammaQ(x) : ErfcContinuedFraction(x);
    }

    /// <summary>erfc(x) = Q(½, x²): the incomplete-gamma continued fraction keeps relative accuracy where 1 - erf would cancel.</summary>
    private static double ErfcFromGammaQ(double x) => GammaQ(0.5, x * x);

    /// <summary>erfc(x) for x ≥ 3 by the Laplace continued fraction e^(-x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))), evaluated by Lentz's method.</summary>
    private static double ErfcContinuedFraction(double x)
    {
        if (x > 27) return 0;
        const double Tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int n = 1; n < 500; n++)
        {
            double an = n / 2.0;
            d = x + an * d;
            d = d == 0 ? Tiny : d;
            c = x + an / c;
            c = c == 0 ? Tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    /// <summary>The inverse error function (torch.erfinv) on [-1, 1]: a closed-form first guess refined by Halley steps on erf (or erfc near ±1).</summary>
    public static double Erfinv(double y)
    {
        if (double.IsNaN(y) || y < -1 || y > 1) return double.NaN;
        if (y == 1) return double.PositiveInfinity;
        if (y == -1) return double.NegativeInfinity;
        if (y == 0) return y;
        double a = Math.Abs(y);
        // Winitzki's approximation (relative error about 2e-3).
        const double K = 0.147;
        double l = Math.Log((1 - a) * (1 + a)), t = 2 / (Math.PI * K) + l / 2;
        double x = Math.Sqrt(Math.Sqrt(t * t - l / K) - t);
        for (int i = 0; i < 4; i++)
        {
            // f = erf(x) - a, written with erfc for x > 0.5 so that f keeps its digits when a is near 1.
            double f = x > 0.5 ? (1 - a) - Erfc(x) : Erf(x) - a;
            double slope = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x);
            if (slope == 0) break;
            double step = f / (slope + x * f);  // Halley: f'' = -2x f'
            x -= step;
            if (Math.Abs(step) <= 1e-16 * x) break;
        }
        return Math.CopySign(x, y);
    }

    /// <summary>The regularised lower incomplete gamma function P(a, x) (torch.special.gammainc).</summary>
    public static double GammaP(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x) || a <= 0 || x < 0) return double.NaN;
        if (x == 0) return 0;
        if (double.IsPositiveInfinity(x)) return 1;
        return x < a + 1 ? GammaSeries(a, x) : 1 - GammaContinuedFraction(a, x);
    }

    /// <summary>The regularised upper incomplete gamma function Q(a, x) = 1 - P(a, x) (torch.special.gammaincc).</summary>
    public static double GammaQ(double a, double x)
    {
        if (double.IsNaN(a) || double.IsNaN(x) || a <= 0 || x < 0) return double.NaN;
        if (x == 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        return x < a + 1 ? 1 - GammaSeries(a, x) : GammaContinuedFraction(a, x);
    }

    /// <summary>P(a, x) = x^a e^(-x) / Γ(a + 1) · Σ xⁿ / ((a + 1)…(a + n)), for x &lt; a + 1.</summary>
    private static double GammaSeries(double a, double x)
    {
        double term = 1, sum = 1;
        for (int n = 1; n < 10000; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (term < sum * 1e-17) break;
        }
        return Math.Exp(a * Math.Log(x) - x - Lgamma(a + 1)) * sum;
    }

    /// <summary>Q(a, x) by the Legendre continued fraction (modified Lentz), for x ≥ a + 1.</summary>
    private static double GammaContinuedFraction(double a, double x)
    {
        const double Tiny = 1e-300;
        double b = x + 1 - a, c = 1 / Tiny, d = 1 / b, h = d;
        for (int i = 1; i < 10000; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < Tiny) d = Tiny;
            c = b + an / c;
            if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return Math.Exp(a * Math.Log(x) - x - Lgamma(a)) * h;
    }

    /// <summary>
    /// dx/dα of a Gamma(α, 1) sample x with its CDF held fixed (torch._standard_gamma_grad):
    /// -∂P(α, x)/∂α / p(x; α). Below α + 1 the α-derivative of the series is summed exactly
    /// (each term times log x - ψ(α + n + 1)); above, log Q is differentiated numerically, where the
    /// continued fraction is accurate to a few ulps.
    /// </summary>
    public static double StandardGammaGrad(double alpha, double x)
    {
        if (!(alpha > 0) || !(x > 0) || double.IsInfinity(x)) return 0;
        double logDensity = (alpha - 1) * Math.Log(x) - x - Lgamma(alpha);
        double grad;
        if (x < alpha + 1)
        {
            double logX = Math.Log(x), psi = Digamma(alpha + 1);
            double term = 1, sum = logX - psi;
            for (int n = 1; n < 10000; n++)
            {
                psi += 1 / (alpha + n);
                term *= x / (alpha + n);
                double next = term * (logX - psi);
                sum += next;
                if (Math.Abs(next) < 1e-17 * Math.Abs(sum) && term < 1e-17) break;
            }
            // dP/dα = e^(α log x - x - lgamma(α + 1)) · sum; dx/dα = -dP/dα / p(x).
            double logScale = alpha * logX - x - Lgamma(alpha + 1);
            grad = -sum * Math.Exp(logScale - logDensity);
        }
        else
        {
            double h = 1e-4 * Math.Min(alpha, 1);
            double dLogQ = (Math.Log(GammaContinuedFraction(alpha + h, x)) - Math.Log(GammaContinuedFraction(alpha - h, x))) / (2 * h);
            // dP/dα = -Q · dlogQ/dα.
            grad = Math.Exp(Math.Log(GammaContinuedFraction(alpha, x)) - logDensity) * dLogQ;
        }
        return double.IsFinite(grad) ? grad : 0;
    }
}
