#!/usr/bin/env python3
"""Independent reference values for the drift statistics (stdlib only: scipy is not installed on the build
machines). Each statistic is computed by a different route than the C# code:

- KS D: exact rational arithmetic (fractions.Fraction) with bisect-based CDFs at every pooled value,
  which is what scipy.stats.ks_2samp does (searchsorted side='right'); rounded once to float.
- KS p-value: the asymptotic Kolmogorov survival 2*sum((-1)^(k-1) exp(-2 k^2 lam^2)) with Stephens'
  correction lam = (sqrt(ne) + 0.12 + 0.11/sqrt(ne)) * D, summed to 200 terms.
- Wasserstein-1: scipy's definition, the integral of |F_a - F_b| between consecutive pooled values,
  in exact rationals.
- PSI, Jensen-Shannon (log base 2), chi-square homogeneity (2 x K, no Yates correction): direct
  formulas; chi-square p-values from the closed forms for 2 (exp(-x/2)) and 3 degrees of freedom
  (erfc(sqrt(x/2)) + sqrt(2x/pi) exp(-x/2)).

Run: python3 drift_reference.py  (prints the constants embedded in DriftReferenceTests.cs)
"""
import bisect
import math
import random
from fractions import Fraction

random.seed(20240501)
A = [round(random.gauss(10.0, 2.0), 3) for _ in range(40)] + [10.0, 10.0, 12.5]
B = [round(random.gauss(10.8, 2.5), 3) for _ in range(31)] + [10.0, 12.5]


def ks_d(a, b):
    sa, sb = sorted(a), sorted(b)
    best = Fraction(0)
    for x in sorted(set(a) | set(b)):
        fa = Fraction(bisect.bisect_right(sa, x), len(a))
        fb = Fraction(bisect.bisect_right(sb, x), len(b))
        best = max(best, abs(fa - fb))
    return float(best)


def kolmogorov_q(lam):
    if lam <= 0:
        return 1.0
    s = 0.0
    for k in range(1, 201):
        s += (-1) ** (k - 1) * math.exp(-2.0 * k * k * lam * lam)
    return min(1.0, max(0.0, 2.0 * s))


def ks_p(d, n, m):
    ne = math.sqrt(n * m / (n + m))
    return kolmogorov_q((ne + 0.12 + 0.11 / ne) * d)


def wasserstein(a, b):
    sa, sb = sorted(a), sorted(b)
    xs = sorted(set(a) | set(b))
    total = Fraction(0)
    for x0, x1 in zip(xs, xs[1:]):
        fa = Fraction(bisect.bisect_right(sa, x0), len(a))
        fb = Fraction(bisect.bisect_right(sb, x0), len(b))
        total += abs(fa - fb) * (Fraction(x1) - Fraction(x0))
    return float(total)


def psi(p, q, eps=1e-4):
    return sum((max(qi, eps) - max(pi, eps)) * math.log(max(qi, eps) / max(pi, eps)) for pi, qi in zip(p, q))


def js(p, q):
    def kl(x, y):
        return sum(xi * math.log2(xi / yi) for xi, yi in zip(x, y) if xi > 0)
    m = [(pi + qi) / 2 for pi, qi in zip(p, q)]
    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


def chi2(a, b):
    na, nb = sum(a), sum(b)
    n = na + nb
    stat = 0.0
    for x, y in zip(a, b):
        col = x + y
        ea, eb = na * col / n, nb * col / n
        stat += (x - ea) ** 2 / ea + (y - eb) ** 2 / eb
    return stat


def chi2_sf(x, dof):
    if dof == 2:
        return math.exp(-x / 2)
    if dof == 3:
        return math.erfc(math.sqrt(x / 2)) + math.sqrt(2 * x / math.pi) * math.exp(-x / 2)
    raise ValueError(dof)


def show(name, value):
    print(f"{name} = {value!r}")


print("A =", A)
print("B =", B)
d = ks_d(A, B)
show("KsStatistic", d)
show("KsPValue", ks_p(d, len(A), len(B)))
show("Wasserstein", wasserstein(A, B))
P = [0.1, 0.2, 0.3, 0.4, 0.0]
Q = [0.15, 0.25, 0.2, 0.3, 0.1]
show("Psi", psi(P, Q))
show("JensenShannon", js(P, Q))
T1 = ([30, 50, 20], [25, 40, 45])
x1 = chi2(*T1)
show("ChiSquare3", x1)
show("ChiSquare3P", chi2_sf(x1, 2))
T2 = ([12, 7, 30, 1], [10, 15, 22, 9])
x2 = chi2(*T2)
show("ChiSquare4", x2)
show("ChiSquare4P", chi2_sf(x2, 3))
