"""KL divergence of group 0 of the Spark scale run (SparkBenchmark, 100M rows, 1,000 groups),
with mpmath at 40 digits, from the very doubles Spark computes:
p = 0.5 + (7919*i mod 1000)/1000, q = 0.5 + (104729*i mod 997)/997 for i = 0, 1000, ..., 99,999,000.
Prints 0.045278624527943189002 (quoted in README, "Spark scale run")."""
from mpmath import mp, mpf, log

mp.dps = 40
A = B = S = mpf(0)
for i in range(0, 100_000_000, 1000):
    p = mpf(0.5 + float((i * 7919) % 1000) / 1000)  # Python floats round as Java doubles do
    q = mpf(0.5 + float((i * 104729) % 997) / 997)
    A += p
    B += q
    S += p * log(p / q)
print(mp.nstr(S / A - log(A / B), 20))
