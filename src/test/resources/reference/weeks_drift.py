"""References for examples/weeks_drift.sql (ExamplesTest), computed from examples/weeks/events.csv
with scipy 1.17.1, numpy 2.4.6 and mpmath 1.4.1, independently of our code:

    python weeks_drift.py examples/weeks/events.csv

events.csv itself is made-up data, printed by make_events() below (Python's random module,
seed 24; md5 33aab1c5cc5ee57ce5107c38b642b555): in the current week more requests come from IN
and BR, and every country is 8 % slower.
"""
import csv
import sys


def make_events():
    import datetime, math, random
    rng = random.Random(24)
    countries = ["US", "DE", "GB", "FR", "IN", "BR", "JP", "CA"]
    shares = {"baseline": [0.30, 0.18, 0.14, 0.12, 0.10, 0.08, 0.05, 0.03],
              "current": [0.26, 0.15, 0.13, 0.11, 0.16, 0.11, 0.05, 0.03]}
    median = {"US": 95, "DE": 110, "GB": 105, "FR": 115, "IN": 210, "BR": 190, "JP": 160, "CA": 100}
    slower = {"baseline": 1.00, "current": 1.08}
    start = datetime.date(2025, 3, 3)
    lines = ["day,week,country,latency_ms"]
    for d in range(14):
        day = start + datetime.timedelta(days=d)
        week = "baseline" if d < 7 else "current"
        for _ in range(220 + rng.randrange(41)):
            c = rng.choices(countries, weights=shares[week])[0]
            ms = median[c] * slower[week] * math.exp(rng.gauss(0, 0.35))
            lines.append(f"{day.isoformat()},{week},{c},{ms:.1f}")
    print("\n".join(lines))


def references(path):
    import numpy as np
    import mpmath
    from scipy import stats
    mpmath.mp.dps = 50
    rows = list(csv.DictReader(open(path)))
    base = [r for r in rows if r["week"] == "baseline"]
    cur = [r for r in rows if r["week"] == "current"]
    countries = sorted({r["country"] for r in rows})
    a = [sum(r["country"] == c for r in base) for c in countries]
    b = [sum(r["country"] == c for r in cur) for c in countries]

    def psi(p, q):
        P, Q = sum(p), sum(q)
        return sum((mpmath.mpf(x) / P - mpmath.mpf(y) / Q)
                   * mpmath.log((mpmath.mpf(x) / P) / (mpmath.mpf(y) / Q)) for x, y in zip(p, q))

    x = np.array([float(r["latency_ms"]) for r in base])
    y = np.array([float(r["latency_ms"]) for r in cur])
    # the reference's deciles as PSI_BINNED takes them (numpy's linear quantiles; bin = edges < v)
    edges = sorted(set(np.quantile(x, j / 10, method="linear") for j in range(1, 10)))

    def bins(v):
        c = [0] * (len(edges) + 1)
        for t in v:
            c[sum(e < t for e in edges)] += 1
        return c

    ks = stats.ks_2samp(x, y)
    print("country_psi", mpmath.nstr(psi(a, b), 20))
    N = sum(a) + sum(b)
    chi2 = mpmath.mpf(0)
    for i in range(len(countries)):
        for row, tot in ((a, sum(a)), (b, sum(b))):
            e = mpmath.mpf(tot) * (a[i] + b[i]) / N
            chi2 += (row[i] - e) ** 2 / e
    print("country_p", mpmath.nstr(mpmath.gammainc(mpmath.mpf(len(countries) - 1) / 2, chi2 / 2,
                                                   mpmath.inf, regularized=True), 20),
          "(chi2", mpmath.nstr(chi2, 20), "; scipy chi2_contingency",
          repr(stats.chi2_contingency([a, b], correction=False).pvalue) + ")")
    print("latency_psi", mpmath.nstr(psi(bins(x), bins(y)), 20))
    print("latency_ks", repr(ks.statistic), "latency_p", repr(ks.pvalue))
    print("latency_shift_ms", repr(stats.wasserstein_distance(x, y)))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--make":
        make_events()
    else:
        references(sys.argv[1] if len(sys.argv) > 1 else "examples/weeks/events.csv")
