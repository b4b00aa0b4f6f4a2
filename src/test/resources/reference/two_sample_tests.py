"""References for the two-sample tests (TwoSampleTestsTest, divergence.iq): scipy 1.17.1
(python3), which these functions reproduce, method choice included; each case's values are
printed first ("x NAME v" / "y NAME v", repr of each double) so the tests read the very same
samples. Where scipy returns nan (too few values, no variance) the functions give NULL.

Run: python3 src/test/resources/reference/two_sample_tests.py > src/test/resources/reference/two_sample_tests.txt

  MANN_WHITNEY_U_STATISTIC/_PVALUE  scipy.stats.mannwhitneyu(x, y) (two-sided, continuity
                                    correction, method 'auto': exact iff min(n, m) <= 8 and no
                                    ties in the pooled sample)
  WELCH_T_STATISTIC/_PVALUE         scipy.stats.ttest_ind(x, y, equal_var=False)
  ANDERSON_DARLING_STATISTIC/_PVALUE scipy.stats.anderson_ksamp([x, y], variant='midrank'):
                                    the normalised statistic; p interpolated from the table and
                                    capped to [0.001, 0.25]
  CRAMER_VON_MISES_STATISTIC/_PVALUE scipy.stats.cramervonmises_2samp(x, y) (exact iff
                                    max(n, m) <= 20)
  ENERGY_DISTANCE                   scipy.stats.energy_distance(x, y)
"""
import math
import warnings

import numpy as np
import scipy
from scipy import stats

warnings.simplefilter("ignore")
CASES = {}


def case(name, x, y):
    CASES[name] = ([float(v) for v in x], [float(v) for v in y])


case("five_four", [19, 22, 16, 29, 24], [20, 11, 17, 12])
case("three_twenty", [0.5, 2.5, 4.5], range(20))
case("nine_nine", range(1, 18, 2), range(2, 19, 2))
case("ties", [1, 2, 2, 3, 4], [2, 3, 3, 5, 6])
case("eight_hundred", range(8), range(8, 108))
case("shift", [0.3 * i for i in range(25)], [0.5 * i + 2 for i in range(10)])
case("twenty_twentyone", range(20), [0.5 + i for i in range(21)])
case("separated", range(1, 6), range(6, 11))
case("interleaved", [1, 3, 5, 7, 9], [2, 4, 6, 8, 10])
case("midranks", [1, 2, 2, 3, 3, 4], [2, 3, 3, 4, 5, 5, 6])
case("two_two", [1, 2], [3, 4])
case("one_each", [1], [2])
case("constant", [5, 5, 5], [5, 5])
case("constant_apart", [1, 1, 1], [2, 2])
case("large", [((i * 7919) % 1000) / 10.0 for i in range(3000)],
     [((i * 104729) % 1000) / 10.0 + 1.5 for i in range(2500)])
case("far_apart", [i / 100.0 for i in range(200)], [5 + i / 100.0 for i in range(150)])


def nan_null(v):
    v = float(v)
    return "NULL" if math.isnan(v) else repr(v)


print("# scipy", scipy.__version__, "numpy", np.__version__)
for name, (x, y) in CASES.items():
    for v in x:
        print("x", name, repr(v))
    for v in y:
        print("y", name, repr(v))
    out = {}
    mw = stats.mannwhitneyu(x, y)
    out["MANN_WHITNEY_U_STATISTIC"] = mw.statistic
    out["MANN_WHITNEY_U_PVALUE"] = mw.pvalue
    tt = stats.ttest_ind(x, y, equal_var=False)
    out["WELCH_T_STATISTIC"] = tt.statistic
    out["WELCH_T_PVALUE"] = tt.pvalue
    try:
        ad = stats.anderson_ksamp([x, y], variant="midrank")
        out["ANDERSON_DARLING_STATISTIC"] = ad.statistic
        out["ANDERSON_DARLING_PVALUE"] = ad.pvalue
    except (ValueError, IndexError):
        out["ANDERSON_DARLING_STATISTIC"] = float("nan")
        out["ANDERSON_DARLING_PVALUE"] = float("nan")
    cv = stats.cramervonmises_2samp(x, y)
    out["CRAMER_VON_MISES_STATISTIC"] = cv.statistic
    out["CRAMER_VON_MISES_PVALUE"] = cv.pvalue
    out["ENERGY_DISTANCE"] = stats.energy_distance(x, y)
    for k, v in out.items():
        print(name, k, nan_null(v))
