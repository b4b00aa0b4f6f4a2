"""References for the association measures (AssociationTest, divergence.iq): mpmath at 80 digits
from the exact integer counts, never our own output; scipy 1.17 (python3) printed beside them as
comments where it computes the same thing, to show where its float sums agree and where they
cancel.

Run: python3 src/test/resources/reference/association.py > src/test/resources/reference/association.txt

Each case is a contingency table of observations (x, y), printed first as its cells
"cell NAME x y count" (x and y are labels; NULL is the NULL category) so the tests read the very
same table. With n_ij the cells, a_i and b_j the margins, N the total, r and c the numbers of
distinct x and y values:
  MUTUAL_INFORMATION        I = sum n_ij/N ln(n_ij N/(a_i b_j)) (nats)
  THEILS_U                  U(X|Y) = I / H(X), H(X) = -sum a_i/N ln(a_i/N); NULL if H(X) = 0
                            (ClickHouse's theilsU(x, y) returns -U(X|Y))
  CRAMERS_V                 sqrt(phi2 / min(r - 1, c - 1)), phi2 = chi2/N, chi2 = sum over all
                            r x c cells of (n - e)^2/e, e = a_i b_j/N; NULL if min(r, c) = 1
                            (scipy.stats.contingency.association(table, method='cramer'))
  CRAMERS_V_BIAS_CORRECTED  Bergsma: phi2c = max(0, phi2 - (r-1)(c-1)/(N-1)),
                            rc = r - (r-1)^2/(N-1), cc = c - (c-1)^2/(N-1),
                            sqrt(phi2c / min(rc - 1, cc - 1)); NULL if N < 2 or min(rc, cc) <= 1
  CONTINGENCY_COEFFICIENT   sqrt(chi2/(chi2 + N)) (association(table, method='pearson'))
"""
import numpy as np
import scipy
from mpmath import mp, mpf, log, sqrt, fsum
from scipy.stats import contingency

mp.dps = 80

CASES = []


def case(name, cells):
    CASES.append((name, cells))


def grid(name, counts, xs=None, ys=None):
    xs = xs or ["x%d" % i for i in range(len(counts))]
    ys = ys or ["y%d" % j for j in range(len(counts[0]))]
    case(name, [(xs[i], ys[j], c) for i, row in enumerate(counts) for j, c in enumerate(row) if c])


grid("two_by_two", [[10, 20], [30, 5]])
grid("three_by_four", [[3, 0, 7, 1], [2, 9, 0, 4], [6, 1, 2, 8]])
# u_i v_j: exactly independent (every statistic 0)
grid("independent", [[1 * v for v in (1, 2, 3)], [2 * v for v in (1, 2, 3)]])
# the same, 10^6 times larger, one cell plus 1: I about 1e-13, where the sum of n ln(nN/ab) over
# the cells cancels to no digit in doubles
grid("near_independent", [[1000000, 2000000, 3000001], [2000000, 4000000, 6000000]])
grid("functional", [[5, 0, 0], [0, 7, 0], [0, 0, 2]])
case("with_nulls", [("a", "NULL", 3), ("NULL", "NULL", 2), ("NULL", "u", 1), ("a", "u", 4),
                    ("b", "v", 5)])
grid("one_x", [[4, 1, 3]])
grid("one_row", [[1]])
grid("two_rows", [[1, 0], [0, 1]])
# ClickHouse's documentation example, SELECT theilsU(a, b) ... FROM (SELECT number % 10 AS a,
# number % 4 AS b FROM numbers(150)): current ClickHouse gives U(a|b) 0.30195720557678835,
# cramersV 0.5798088336225179, cramersVBiasCorrected 0.5305112825189076, contingency
# 0.7086075401040771 (before its PR #89760, theilsU was the negative of this)
counts = {}
for v in range(150):
    counts[(v % 10, v % 4)] = counts.get((v % 10, v % 4), 0) + 1
case("clickhouse_docs", [("a%d" % a, "b%d" % b, c) for (a, b), c in sorted(counts.items())])
# a 6 x 5 table from an integer formula, some cells empty
grid("wide", [[(i * 7 + j * 3) % 5 for j in range(5)] for i in range(6)])


def measures(cells):
    xs, ys = {}, {}
    for x, y, c in cells:
        xs[x] = xs.get(x, 0) + c
        ys[y] = ys.get(y, 0) + c
    n = sum(c for _, _, c in cells)
    N = mpf(n)
    r, k = len(xs), len(ys)
    mi = fsum(mpf(c) / N * log(mpf(c) * N / (mpf(xs[x]) * ys[y])) for x, y, c in cells)
    hx = -fsum(mpf(a) / N * log(mpf(a) / N) for a in xs.values())
    hy = -fsum(mpf(b) / N * log(mpf(b) / N) for b in ys.values())
    obs = {(x, y): c for x, y, c in cells}
    chi2 = fsum((mpf(obs.get((x, y), 0)) - mpf(a) * b / N) ** 2 / (mpf(a) * b / N)
                for x, a in xs.items() for y, b in ys.items())
    phi2 = chi2 / N
    out = {"MUTUAL_INFORMATION": mi,
           "THEILS_U": None if hx == 0 else mi / hx,
           "THEILS_U_Y_GIVEN_X": None if hy == 0 else mi / hy,
           "CRAMERS_V": None if min(r, k) == 1 else sqrt(phi2 / (min(r, k) - 1)),
           "CONTINGENCY_COEFFICIENT": sqrt(chi2 / (chi2 + N))}
    if n < 2:
        out["CRAMERS_V_BIAS_CORRECTED"] = None
    else:
        m = N - 1
        p2 = max(mpf(0), phi2 - mpf(r - 1) * (k - 1) / m)
        rc = r - mpf(r - 1) ** 2 / m
        kc = k - mpf(k - 1) ** 2 / m
        q = min(rc, kc) - 1
        out["CRAMERS_V_BIAS_CORRECTED"] = None if q <= 0 else sqrt(p2 / q)
    return out, xs, ys


print("# scipy", scipy.__version__, "numpy", np.__version__, "mpmath dps", mp.dps)
for name, cells in CASES:
    for x, y, c in cells:
        print("cell", name, x, y, c)
    out, xs, ys = measures(cells)
    table = np.array([[sum(c for x2, y2, c in cells if x2 == x and y2 == y) for y in ys]
                      for x in xs], dtype=np.int64)
    for measure, value in out.items():
        print(name, measure, "NULL" if value is None else mp.nstr(value, 25))
    if min(table.shape) > 1:
        print("#", name, "scipy cramer", repr(float(contingency.association(table, method="cramer"))),
              "pearson", repr(float(contingency.association(table, method="pearson"))))
