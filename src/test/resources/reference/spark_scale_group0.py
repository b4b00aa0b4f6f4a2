"""The measures of group 0 of the Spark scale run (SparkBenchmark, 100M rows, 1,000 groups), with
mpmath at 40 digits, from the very doubles Spark computes:
p = 0.5 + (7919*i mod 1000)/1000, q = 0.5 + (104729*i mod 997)/997 for i = 0, 1000, ..., 99,999,000.
Prints KL_DIVERGENCE 0.045278624527943189002 (quoted in docs/performance.md, "Spark scale run") and the values
SparkFixedAggregateTest checks for KL_DIVERGENCE, PSI, CROSS_ENTROPY, ENTROPY and
HELLINGER_DISTANCE. Run with Debian's /usr/bin/python3 (mpmath 1.2)."""
from mpmath import mp, mpf, log, sqrt

mp.dps = 40
A = B = S = R = C = E = H = mpf(0)
for i in range(0, 100_000_000, 1000):
    p = mpf(0.5 + float((i * 7919) % 1000) / 1000)  # Python floats round as Java doubles do
    q = mpf(0.5 + float((i * 104729) % 997) / 997)
    A += p
    B += q
    S += p * log(p / q)   # sum p ln(p/q)
    R += q * log(p / q)   # sum q ln(p/q)
    C += p * log(q)       # sum p ln q
    E += p * log(p)       # sum p ln p
    H += sqrt(p * q)
print("KL_DIVERGENCE", mp.nstr(S / A - log(A / B), 20))
print("PSI", mp.nstr(S / A - R / B, 20))
print("CROSS_ENTROPY", mp.nstr(log(B) - C / A, 20))
print("ENTROPY", mp.nstr(log(A) - E / A, 20))
print("HELLINGER_DISTANCE", mp.nstr(sqrt(1 - H / sqrt(A * B)), 20))
