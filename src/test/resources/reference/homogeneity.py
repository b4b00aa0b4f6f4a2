"""References for the homogeneity tests and the distances of HomogeneityTest, LInfinityDistance
and JsDistance (HomogeneityReferenceTest, EngineContract): mpmath at 80 digits from the exact
binary value of every count, never our own output; scipy 1.10 (Debian's python3-scipy) printed
beside them as comments, to show where it agrees and where its float sums lose digits.

Run: /usr/bin/python3 src/test/resources/reference/homogeneity.py > src/test/resources/reference/homogeneity.txt

For each case (the counts p and q of k outcomes, printed first so the tests read the very same
doubles):
  G_TEST_STATISTIC      2 sum O ln(O/E) over the 2 x k table, E = row total * column total / N
                        (scipy.stats.chi2_contingency(table, correction=False,
                        lambda_="log-likelihood")); outcomes where both counts are 0 dropped
  CHI_SQUARE_STATISTIC  sum (O - E)^2 / E (chi2_contingency(table, correction=False))
  *_PVALUE              the chi-squared survival function at the statistic, df = k - 1:
                        mpmath.gammainc(df/2, x/2, inf, regularized=True)
  L_INFINITY_DISTANCE   max |p_i/P - q_i/Q|
  JS_DISTANCE           sqrt(JS / ln 2), JS = (D(p||m) + D(q||m))/2, m = (p/P + q/Q)/2
                        (scipy.spatial.distance.jensenshannon(p, q, base=2))
"""
import numpy as np
import scipy
from mpmath import mp, mpf, log, sqrt, gammainc, fsum
from scipy import stats
from scipy.spatial import distance

mp.dps = 80

CASES = []


def case(name, p, q):
    CASES.append((name, [float(x) for x in p], [float(x) for x in q]))


# the seed's score bands (examples/bands_pivot.sql): banner's NULL is a 0
case("checkout", [120, 340, 410, 130], [130, 310, 420, 140])
case("banner", [300, 400, 300, 0], [280, 420, 290, 10])
case("ranking", [50, 200, 500, 250], [210, 380, 330, 80])
case("tiny_ab", [5, 2, 1], [2, 4, 6])
case("two_categories", [520, 480], [470, 530])
case("identical", [10, 20, 30, 40], [10, 20, 30, 40])
case("proportional", [10, 20, 30, 40], [30, 60, 90, 120])
case("zero_one_side", [10, 0, 5, 7], [3, 8, 4, 0])
case("both_zero_outcome", [10, 0, 5], [3, 0, 4])
case("fractional", [0.5, 1.25, 2.75], [1.5, 0.75, 1.0])
# p-values near the bottom of the double range: normal, subnormal, and underflowing to 0
case("far_apart", [875, 125], [125, 875])
case("near_min_normal", [892, 108], [108, 892])
case("subnormal", [899, 101], [101, 899])
case("underflow", [1000, 0], [0, 1000])
# nearly proportional counts around 10^6: the statistics are tiny, scipy's sums cancel
base = [1_000_003, 999_989, 1_000_037, 1_000_081, 999_961, 1_000_019, 999_907, 1_000_049]
case("near_identical", base, [b + (1 if i % 2 else -1) for i, b in enumerate(base)])
case("near_identical_scaled", base, [2 * b + (i % 3) - 1 for i, b in enumerate(base)])
# 200 categories
case("categories_200", [(i * 37) % 101 + 50 for i in range(200)],
     [(i * 37) % 101 + 50 + (i * 13) % 41 - 20 for i in range(200)])
case("categories_200_far", [(i * 37) % 101 + 1 for i in range(200)],
     [(i * 53) % 97 + 3 for i in range(200)])


def table(p, q):
    keep = [i for i in range(len(p)) if p[i] != 0 or q[i] != 0]
    return [mpf(p[i]) for i in keep], [mpf(q[i]) for i in keep]


def statistics(p, q):
    a, b = table(p, q)
    A, B = fsum(a), fsum(b)
    N = A + B
    g = mpf(0)
    chi2 = mpf(0)
    for x, y in zip(a, b):
        ea, eb = A * (x + y) / N, B * (x + y) / N
        if x:
            g += x * log(x / ea)
        if y:
            g += y * log(y / eb)
        chi2 += (x - ea) ** 2 / ea + (y - eb) ** 2 / eb
    return 2 * g, chi2, len(a) - 1


def survival(x, df):
    return gammainc(mpf(df) / 2, x / 2, mp.inf, regularized=True)


def distances(p, q):
    a, b = [mpf(x) for x in p], [mpf(x) for x in q]
    A, B = fsum(a), fsum(b)
    u, v = [x / A for x in a], [y / B for y in b]
    linf = max(abs(x - y) for x, y in zip(u, v))
    js = mpf(0)
    for x, y in zip(u, v):
        m = (x + y) / 2
        if x:
            js += x * log(x / m) / 2
        if y:
            js += y * log(y / m) / 2
    return linf, sqrt(js / log(2))


def show(x):
    return "+inf" if x == mp.inf else mp.nstr(x, 20, min_fixed=-5, max_fixed=5)


print("# scipy", scipy.__version__, "numpy", np.__version__, "mpmath dps", mp.dps)
for name, p, q in CASES:
    print(name, "P", ",".join(repr(x) for x in p))
    print(name, "Q", ",".join(repr(x) for x in q))
    g, chi2, df = statistics(p, q)
    print(name, "G_TEST_STATISTIC", show(g))
    print(name, "G_TEST_PVALUE", show(survival(g, df)) if df > 0 else "null")
    print(name, "CHI_SQUARE_STATISTIC", show(chi2))
    print(name, "CHI_SQUARE_PVALUE", show(survival(chi2, df)) if df > 0 else "null")
    linf, jsd = distances(p, q)
    print(name, "L_INFINITY_DISTANCE", show(linf))
    print(name, "JS_DISTANCE", show(jsd))
    t = np.array([p, q])
    t = t[:, (t[0] != 0) | (t[1] != 0)]
    if df > 0 and name not in ("identical", "proportional"):
        sg = stats.chi2_contingency(t, correction=False, lambda_="log-likelihood")
        sc = stats.chi2_contingency(t, correction=False)
        print("# scipy", name, "G", repr(sg[0]), "p", repr(sg[1]), "chi2", repr(sc[0]),
              "p", repr(sc[1]))
    print("# scipy", name, "jensenshannon", repr(distance.jensenshannon(p, q, base=2)))
