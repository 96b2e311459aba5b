"""Golden cases for torch.distributions (issue 6), replayed by tests/Nabla.Tests/DistributionGoldenTests.cs
and KlTests.cs.

Groups:
  dist  one distribution built from "args", with its repr, batch/event shapes, and every statistic
        PyTorch defines: mean, mode, variance, stddev, entropy, log_prob(value), cdf(value),
        icdf(prob) (null where PyTorch raises NotImplementedError)
  kl    kl_divergence(p, q) for two distributions given as {dist, args}
An argument is {name, number: x, kind: int|float} (a Python number, i.e. a weak C# scalar) or
{name, tensor} (common.tensor). Parameters broadcast; values broadcast against batch + event shapes.
Run with Debian's PyTorch (and its mpmath): /usr/bin/python3 tests/golden/generate_distributions.py
"""
import os
import sys

import mpmath  # noqa: E402  (Debian: python3-mpmath, a dependency of python3-torch)
import torch
from torch.distributions import (Bernoulli, Beta, Binomial, Categorical, Dirichlet, Exponential, Gamma,
                                 Geometric, Laplace, Multinomial, MultivariateNormal, Normal, Poisson, Uniform,
                                 kl_divergence)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import tensor, write  # noqa: E402

F64, F32 = torch.float64, torch.float32
gen = torch.Generator().manual_seed(2026)
mpmath.mp.dps = 40
cases = []
names = set()


def rnd(shape, low, high, dtype=F64):
    """Uniform values in [low, high), rounded to 1/1024 (short in JSON, exact in float32)."""
    t = torch.rand(shape, generator=gen, dtype=F64) * (high - low) + low
    return (t * 1024).round().div(1024).clamp(min=low, max=high).to(dtype)


def t(data, dtype=F64):
    return torch.tensor(data, dtype=dtype)


def spd(n, batch=(), dtype=F64):
    a = torch.randn(batch + (n, n), generator=gen, dtype=F64)
    return (a @ a.mT + n * torch.eye(n, dtype=F64)).round(decimals=3).to(dtype)


CLASSES = {c.__name__: c for c in [Bernoulli, Beta, Binomial, Categorical, Dirichlet, Exponential, Gamma,
                                   Geometric, Laplace, Multinomial, MultivariateNormal, Normal, Poisson, Uniform]}


def arg_json(name, v):
    if isinstance(v, torch.Tensor):
        return {"name": name, "tensor": tensor(v)}
    return {"name": name, "number": v, "kind": "int" if isinstance(v, int) else "float"}


def build(dist, args):
    return CLASSES[dist](**args)


def stat(f):
    try:
        return tensor(f())
    except NotImplementedError:
        return None


def add_dist(name, dist, args, value=None, prob=None, rtol=None):
    assert name not in names, name
    names.add(name)
    d = build(dist, args)
    case = {
        "group": "dist", "name": name, "dist": dist,
        "args": [arg_json(k, v) for k, v in args.items()],
        "repr": repr(d),
        "batch_shape": list(d.batch_shape), "event_shape": list(d.event_shape),
        "mean": stat(lambda: d.mean), "mode": stat(lambda: d.mode), "variance": stat(lambda: d.variance),
        "stddev": stat(lambda: d.stddev), "entropy": stat(d.entropy),
        "support": repr(d.support),
    }
    if value is not None:
        case["value"] = tensor(value)
        case["log_prob"] = tensor(d.log_prob(value))
        case["cdf"] = stat(lambda: d.cdf(value))
    if prob is not None:
        case["prob"] = tensor(prob)
        case["icdf"] = stat(lambda: d.icdf(prob))
    if rtol is not None:
        case["rtol"] = rtol
    cases.append(case)


def add_kl(name, p, q):
    name = "kl_" + name
    assert name not in names, name
    names.add(name)
    (dp, ap), (dq, aq) = p, q
    kl = kl_divergence(build(dp, ap), build(dq, aq))
    cases.append({
        "group": "kl", "name": name,
        "p": {"dist": dp, "args": [arg_json(k, v) for k, v in ap.items()]},
        "q": {"dist": dq, "args": [arg_json(k, v) for k, v in aq.items()]},
        "kl": tensor(kl),
    })


# ----------------------------------------------------------------------------- continuous

add_dist("normal_numbers", "Normal", {"loc": 0.0, "scale": 1.0}, value=t([-1.5, 0.0, 0.25, 2.0], F32), prob=t([0.025, 0.5, 0.9], F32))
add_dist("normal_broadcast", "Normal", {"loc": rnd((3,), -2, 2), "scale": rnd((2, 1), 0.5, 3)},
         value=rnd((4, 2, 3), -4, 4), prob=rnd((2, 3), 0.01, 0.99))
add_dist("normal_tensor_number", "Normal", {"loc": rnd((3,), -1, 1, F32), "scale": 2.0}, value=rnd((3,), -3, 3, F32), prob=rnd((3,), 0.1, 0.9, F32))
add_dist("uniform_numbers", "Uniform", {"low": 0.0, "high": 1.0}, value=t([0.0, 0.25, 0.999, 1.0], F32), prob=t([0.0, 0.3, 1.0], F32))
low = rnd((2, 3), -2, 0)
add_dist("uniform_broadcast", "Uniform", {"low": low, "high": rnd((3,), 0.5, 4)}, value=rnd((5, 2, 3), 0, 0.5), prob=rnd((2, 3), 0, 1))
add_dist("exponential", "Exponential", {"rate": rnd((2, 3), 0.2, 4)}, value=rnd((4, 1, 3), 0, 5), prob=rnd((2, 3), 0, 0.99))
add_dist("exponential_number", "Exponential", {"rate": 2.0}, value=t([0.0, 0.5, 3.0], F32), prob=t([0.1, 0.5], F32))
add_dist("laplace", "Laplace", {"loc": rnd((3,), -1, 1), "scale": rnd((2, 1), 0.5, 2)}, value=rnd((2, 3), -3, 3), prob=rnd((2, 3), 0.01, 0.99))
add_dist("laplace_numbers", "Laplace", {"loc": 1.0, "scale": 0.5}, value=t([-1.0, 1.0, 2.5], F32), prob=t([0.2, 0.5, 0.8], F32))
add_dist("gamma", "Gamma", {"concentration": t([0.5, 1.0, 2.5, 10.0]), "rate": rnd((3, 1), 0.5, 3)},
         value=rnd((3, 4), 0.05, 6))
add_dist("gamma_numbers", "Gamma", {"concentration": 2.0, "rate": 3.0}, value=t([0.0, 0.1, 1.0], F32))
add_dist("beta", "Beta", {"concentration1": t([0.5, 1.0, 2.0, 5.0]), "concentration0": rnd((2, 1), 0.5, 4)},
         value=rnd((2, 4), 0.05, 0.95))
add_dist("beta_numbers", "Beta", {"concentration1": 2.0, "concentration0": 3.0}, value=t([0.1, 0.5, 0.9], F32))
conc = rnd((2, 3), 0.3, 4)
add_dist("dirichlet", "Dirichlet", {"concentration": conc},
         value=torch.distributions.Dirichlet(rnd((4, 2, 3), 1, 3)).sample().to(F64))
add_dist("dirichlet_f32", "Dirichlet", {"concentration": t([1.0, 2.0, 3.0], F32)}, value=t([[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]], F32))
cov = spd(3)
add_dist("mvn_covariance", "MultivariateNormal", {"loc": rnd((3,), -1, 1), "covariance_matrix": cov}, value=rnd((4, 3), -2, 2))
add_dist("mvn_precision", "MultivariateNormal", {"loc": rnd((2, 3), -1, 1), "precision_matrix": cov}, value=rnd((4, 1, 3), -2, 2), rtol=1e-6)
add_dist("mvn_scale_tril", "MultivariateNormal", {"loc": rnd((3,), -1, 1), "scale_tril": torch.linalg.cholesky(spd(3, (2,)))},
         value=rnd((2, 3), -2, 2))
add_dist("mvn_batch_f32", "MultivariateNormal", {"loc": rnd((2,), -1, 1, F32), "covariance_matrix": spd(2, (3,), F32)}, value=rnd((3, 2), -2, 2, F32))

# ----------------------------------------------------------------------------- discrete

add_dist("bernoulli_number", "Bernoulli", {"probs": 0.3}, value=t([0.0, 1.0, 1.0], F32))
add_dist("bernoulli_probs", "Bernoulli", {"probs": t([0.0, 0.2, 0.5, 1.0])}, value=t([[0.0, 1.0, 1.0, 1.0], [1.0, 0.0, 0.0, 0.0]]))
add_dist("bernoulli_logits", "Bernoulli", {"logits": rnd((2, 3), -4, 4)}, value=t([1.0, 0.0, 1.0]))
add_dist("geometric_probs", "Geometric", {"probs": t([0.1, 0.5, 1.0])}, value=t([[0.0, 3.0, 0.0], [5.0, 1.0, 0.0]]))
add_dist("geometric_logits", "Geometric", {"logits": rnd((3,), -2, 2)}, value=t([0.0, 1.0, 4.0]))
add_dist("geometric_number", "Geometric", {"probs": 0.25}, value=t([0.0, 2.0, 7.0], F32))
add_dist("poisson", "Poisson", {"rate": t([0.0, 0.5, 4.0, 30.0])}, value=t([[0.0, 1.0, 3.0, 25.0], [0.0, 0.0, 7.0, 40.0]]))
add_dist("poisson_number", "Poisson", {"rate": 3.0}, value=t([0.0, 2.0, 9.0], F32))
add_dist("binomial_probs", "Binomial", {"total_count": 10, "probs": t([0.0, 0.3, 0.5, 1.0])}, value=t([[0.0, 3.0, 5.0, 10.0], [0.0, 10.0, 1.0, 10.0]]))
add_dist("binomial_logits", "Binomial", {"total_count": t([5.0, 12.0, 20.0]), "logits": rnd((2, 1), -2, 2)}, value=t([1.0, 6.0, 20.0]))
add_dist("binomial_number", "Binomial", {"total_count": 8, "probs": 0.25}, value=t([0.0, 2.0, 8.0], F32))
add_dist("categorical_probs", "Categorical", {"probs": rnd((2, 4), 0, 1)}, value=torch.tensor([[0, 3], [2, 1], [1, 1]]))
add_dist("categorical_zero_prob", "Categorical", {"probs": t([0.5, 0.0, 0.25, 0.25])}, value=torch.tensor([0, 1, 3]))
add_dist("categorical_logits", "Categorical", {"logits": rnd((3, 5), -3, 3)}, value=torch.tensor([4, 0, 2]))
add_dist("categorical_fair_f32", "Categorical", {"probs": torch.ones(6) / 6}, value=torch.tensor([2]))
# PyTorch's Multinomial.entropy takes lgamma(n + 1) of an int64 tensor, in float32: 1e-6 covers that rounding.
add_dist("multinomial_probs", "Multinomial", {"total_count": 5, "probs": rnd((2, 3), 0.1, 1)},
         value=t([[[5.0, 0.0, 0.0], [1.0, 2.0, 2.0]], [[0.0, 3.0, 2.0], [2.0, 2.0, 1.0]]]), rtol=1e-6)
add_dist("multinomial_logits", "Multinomial", {"total_count": 10, "logits": rnd((4,), -2, 2)}, value=t([1.0, 2.0, 3.0, 4.0]), rtol=1e-6)
add_dist("multinomial_fair_f32", "Multinomial", {"total_count": 10, "probs": torch.ones(6) / 6}, value=t([1.0, 1.0, 2.0, 2.0, 2.0, 2.0], F32))
add_dist("multinomial_zero_prob", "Multinomial", {"total_count": 4, "probs": t([0.5, 0.0, 0.5])}, value=t([2.0, 0.0, 2.0]), rtol=1e-6)

# ----------------------------------------------------------------------------- KL

add_kl("normal_normal", ("Normal", {"loc": rnd((3,), -1, 1), "scale": rnd((2, 1), 0.5, 2)}), ("Normal", {"loc": rnd((3,), -1, 1), "scale": rnd((3,), 0.5, 2)}))
add_kl("normal_normal_numbers", ("Normal", {"loc": 0.0, "scale": 1.0}), ("Normal", {"loc": 1.0, "scale": 2.0}))
add_kl("bernoulli_bernoulli", ("Bernoulli", {"probs": t([0.0, 0.3, 1.0, 0.5, 0.2])}), ("Bernoulli", {"probs": t([0.5, 0.0, 0.7, 1.0, 0.2])}))
add_kl("bernoulli_logits", ("Bernoulli", {"logits": rnd((2, 3), -3, 3)}), ("Bernoulli", {"logits": rnd((2, 3), -3, 3)}))
add_kl("categorical_categorical", ("Categorical", {"probs": rnd((2, 4), 0, 1)}), ("Categorical", {"probs": rnd((4,), 0.1, 1)}))
add_kl("categorical_zeros", ("Categorical", {"probs": t([[0.5, 0.0, 0.5], [0.2, 0.3, 0.5]])}), ("Categorical", {"probs": t([[0.5, 0.5, 0.0], [0.3, 0.3, 0.4]])}))
add_kl("uniform_uniform", ("Uniform", {"low": t([0.0, -1.0, 0.0]), "high": t([1.0, 1.0, 2.0])}), ("Uniform", {"low": t([-1.0, 0.0, 0.0]), "high": t([2.0, 1.0, 1.5])}))
add_kl("exponential_exponential", ("Exponential", {"rate": rnd((2, 3), 0.2, 3)}), ("Exponential", {"rate": rnd((3,), 0.2, 3)}))
add_kl("gamma_gamma", ("Gamma", {"concentration": rnd((3,), 0.3, 5), "rate": rnd((2, 1), 0.5, 2)}), ("Gamma", {"concentration": rnd((3,), 0.3, 5), "rate": 1.5}))
add_kl("beta_beta", ("Beta", {"concentration1": rnd((3,), 0.3, 5), "concentration0": rnd((3,), 0.3, 5)}), ("Beta", {"concentration1": rnd((2, 1), 0.3, 5), "concentration0": 2.0}))
add_kl("dirichlet_dirichlet", ("Dirichlet", {"concentration": rnd((2, 4), 0.3, 4)}), ("Dirichlet", {"concentration": rnd((4,), 0.3, 4)}))
add_kl("laplace_laplace", ("Laplace", {"loc": rnd((3,), -1, 1), "scale": rnd((3,), 0.5, 2)}), ("Laplace", {"loc": rnd((2, 1), -1, 1), "scale": 1.0}))
add_kl("poisson_poisson", ("Poisson", {"rate": rnd((4,), 0.5, 10)}), ("Poisson", {"rate": rnd((2, 4), 0.5, 10)}))
add_kl("geometric_geometric", ("Geometric", {"probs": rnd((3,), 0.1, 0.9)}), ("Geometric", {"probs": rnd((2, 3), 0.1, 0.9)}))
add_kl("binomial_binomial", ("Binomial", {"total_count": 10, "probs": rnd((3,), 0.1, 0.9)}), ("Binomial", {"total_count": t([10.0, 10.0, 7.0]), "probs": rnd((3,), 0.1, 0.9)}))
add_kl("mvn_mvn", ("MultivariateNormal", {"loc": rnd((3,), -1, 1), "covariance_matrix": spd(3)}),
       ("MultivariateNormal", {"loc": rnd((2, 3), -1, 1), "scale_tril": torch.linalg.cholesky(spd(3, (2,)))}))
add_kl("mvn_mvn_precision", ("MultivariateNormal", {"loc": rnd((2,), -1, 1), "precision_matrix": spd(2)}),
       ("MultivariateNormal", {"loc": rnd((2,), -1, 1), "covariance_matrix": spd(2)}))
add_kl("normal_normal_f32", ("Normal", {"loc": rnd((3,), -1, 1, F32), "scale": 1.0}), ("Normal", {"loc": 0.5, "scale": rnd((3,), 0.5, 2, F32)}))

# ----------------------------------------------------------------------------- special functions (float64)


EXACT = {
    "lgamma": lambda x: mpmath.log(abs(mpmath.gamma(x))) if x != int(x) or x > 0 else mpmath.inf,
    "digamma": lambda x: mpmath.psi(0, x) if x != 0 else -mpmath.inf,
    "trigamma": lambda x: mpmath.psi(1, x),
    "erf": mpmath.erf, "erfc": mpmath.erfc,
    "erfinv": lambda p: mpmath.erfinv(p) if abs(p) < 1 else mpmath.inf * p,
    "gammainc": lambda a, x: mpmath.gammainc(a, 0, x, regularized=True),
    "gammaincc": lambda a, x: mpmath.gammainc(a, x, mpmath.inf, regularized=True),
}


def add_special(fn, y, *xs):
    """y from PyTorch; "exact" from mpmath at 40 digits (PyTorch's own values are off by up to ~1e-9 in places)."""
    name = "special_" + fn
    assert name not in names, name
    names.add(name)
    exact = [float(EXACT[fn](*(mpmath.mpf(float(v)) for v in args))) for args in zip(*(x.tolist() for x in xs))]
    cases.append({"group": "special", "name": name, "fn": fn, "x": [tensor(x) for x in xs], "y": tensor(y),
                  "exact": tensor(torch.tensor(exact, dtype=F64))})


grid = torch.cat([t([-4.5, -2.5, -1.5, -0.5, -0.25, 1e-8, 0.01, 0.1, 0.5, 1.0, 1.4616321449683622, 1.5, 2.0, 2.5, 3.0,
                     4.5, 7.25, 9.99, 10.0, 10.5, 25.0, 100.0, 1234.5, 1e6]), rnd((40,), 0.01, 60)])
add_special("lgamma", torch.lgamma(grid), grid)
add_special("digamma", torch.digamma(grid), grid)
add_special("trigamma", torch.polygamma(1, grid), grid)
z = torch.cat([t([-27.0, -6.0, -3.0, -2.0, -1.0, -0.5, -1e-9, 0.0, 1e-9, 0.3, 0.5, 0.84, 1.0, 1.25, 2.0, 2.9, 3.0,
                  3.5, 4.0, 5.0, 6.0, 10.0]), rnd((30,), -5, 5)])
add_special("erf", torch.erf(z), z)
add_special("erfc", torch.erfc(z), z)
p = torch.cat([t([-1.0, -0.999999, -0.9, -0.5, -1e-6, 0.0, 1e-6, 0.1, 0.5, 0.75, 0.9, 0.99, 0.999, 0.9999999, 1.0]), rnd((30,), -1, 1)])
add_special("erfinv", torch.erfinv(p), p)
a = torch.cat([t([0.01, 0.5, 0.5, 1.0, 1.0, 2.5, 2.5, 10.0, 10.0, 100.0, 100.0, 1000.0]), rnd((30,), 0.05, 40)])
x = torch.cat([t([0.5, 0.1, 4.0, 1.0, 10.0, 1.0, 3.5, 5.0, 30.0, 90.0, 120.0, 1010.0]), rnd((30,), 0.01, 60)])
add_special("gammainc", torch.special.gammainc(a, x), a, x)
add_special("gammaincc", torch.special.gammaincc(a, x), a, x)

write("distributions", "generate_distributions.py", cases)
