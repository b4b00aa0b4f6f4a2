"""References for groups whose weights span more than the double range (issue: wide range).

Run: python3 src/test/resources/reference/wide_range.py
mpmath at 800 digits (ratios down to 2^-2100 need more than 600), fed the exact binary value of
every double (mpf(float) is exact; the decimal literals below are read by Python as the same
doubles Java reads). Prints one line per case: name, then KL, CROSS_ENTROPY, PSI, JS, HELLINGER,
TV, ENTROPY(p) to 20 significant digits, 'inf' for +Infinity. WideRangeTest holds these values.
"""
from mpmath import mp, mpf, nstr

# the definitions of the measures are references.py's (beside this file)
from references import kl, ce, js, hellinger, tv, entropy

mp.dps = 800

CASES = {
    # the first case, both row orders give the same values
    "halves_1e300_1e-300": [(1.0, 1e300), (1.0, 1e-300)],
    "four_rows_subnormal_to_1e308": [(4.9e-324, 1e308), (1e308, 4.9e-324), (1.0, 1.0),
                                     (2.5e-310, 3e-200)],
    "tiny_q_then_1e30": [(1.0, 1e-300), (1.0, 1e30)],
    "subnormal_q_then_1e10": [(1.0, 4.9e-324), (8.0, 1e10)],
    "q_1e-200_then_1e200": [(1.0, 1e-200), (8.0, 1e200)],
    "near_max_and_ordinary": [(1.3759093557920317e308, 1.3759093557917092e308),
                              (2.100049359862939, 2.1000493598620045)],
    # a p-side that spans the range while q is ordinary, and a state that is 2^-1100 of its part
    "p_spans_q_ordinary": [(1e-300, 0.25), (1e300, 0.5), (1.0, 0.25)],
    "both_sides_tiny_parts": [(1.0, 1.0), (3e-200, 1e-200), (1e-250, 2e-250)],
}


def fmt(v):
    return "inf" if v == mp.inf else nstr(v, 20)


for name, rows in CASES.items():
    p = [mpf(a) for a, _ in rows]
    q = [mpf(b) for _, b in rows]
    vals = [kl(p, q), ce(p, q), kl(p, q) + kl(q, p), js(p, q), hellinger(p, q), tv(p, q),
            entropy(p)]
    print(name, *[fmt(v) for v in vals])
