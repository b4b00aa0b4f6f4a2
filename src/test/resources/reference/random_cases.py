"""Random cases with mpmath references (60 digits) for RandomReferenceTest.

Run: python3 src/test/resources/reference/random_cases.py > src/test/resources/reference/random_cases.csv
Each line: kind;p-list;q-list;KL;JS;CE;H(P);PSI;Hellinger;TV  (values repr'd Python floats, exact
doubles; references printed to 20 digits; 'inf' where infinite).
Kinds: counts with very different totals, probabilities with zero bins, near-identical pairs
(relative differences 1e-12..1e-4) at scales 1e-300..1e300, one dominant outcome.
"""
import random
from mpmath import mp, mpf
from references import kl, js, ce, entropy, psi, hellinger, tv, show

mp.dps = 60
rnd = random.Random(20261126)


def case(kind):
    n = rnd.randint(2, 60)
    if kind == "counts":
        p = [float(rnd.randint(0, 1000)) for _ in range(n)]
        q = [float(rnd.randint(1, 100000)) for _ in range(n)]
    elif kind == "zeros":
        p = [0.0 if rnd.random() < 0.3 else rnd.random() for _ in range(n)]
        q = [0.0 if rnd.random() < 0.2 else rnd.random() for _ in range(n)]
    elif kind == "near":
        scale = 10.0 ** rnd.choice([-300, -100, 0, 15, 100, 300])
        eps = 10.0 ** rnd.uniform(-12, -4)
        q = [rnd.random() * scale for _ in range(n)]
        p = [x * (1 + eps * rnd.uniform(-1, 1)) for x in q]
    else:  # dominant
        p = [1.0] + [rnd.random() * 10.0 ** rnd.uniform(-16, -10) for _ in range(n - 1)]
        q = [1.0] + [rnd.random() * 10.0 ** rnd.uniform(-16, -10) for _ in range(n - 1)]
    if sum(p) == 0 or sum(q) == 0:
        return None
    return p, q


print("# kind;p;q;KL;JS;CE;H;PSI;Hellinger;TV")
for kind in ["counts", "zeros", "near", "dominant"]:
    made = 0
    while made < 50:
        c = case(kind)
        if c is None:
            continue
        p, q = c
        P = [mpf(x) for x in p]
        Q = [mpf(x) for x in q]
        vals = [kl(P, Q), js(P, Q), ce(P, Q), entropy(P), psi(P, Q), hellinger(P, Q), tv(P, Q)]
        print(";".join([kind, ",".join(repr(x) for x in p), ",".join(repr(x) for x in q)]
                       + [show(v) for v in vals]))
        made += 1
