"""High-precision references for the core tests (mpmath, 60 significant digits).

Run: python3 src/test/resources/reference/references.py
Each case is defined from inputs that are exact binary doubles (or decimal literals whose double
value mpmath reads exactly via mpf(float)), so the references are for the very doubles the Java
tests feed in. The printed values are pasted into CoreReferenceTest with this file named as source.
"""
from mpmath import mp, mpf, log, sqrt, exp, fsum

mp.dps = 60


def norm(w):
    t = fsum(w)
    return [x / t for x in w]


def kl(p, q):
    p, q = norm(p), norm(q)
    s = mpf(0)
    for a, b in zip(p, q):
        if a == 0:
            continue
        if b == 0:
            return mp.inf
        s += a * log(a / b)
    return s


def ce(p, q):
    p, q = norm(p), norm(q)
    s = mpf(0)
    for a, b in zip(p, q):
        if a == 0:
            continue
        if b == 0:
            return mp.inf
        s -= a * log(b)
    return s


def entropy(p):
    p = norm(p)
    return -fsum(a * log(a) for a in p if a != 0)


def js(p, q):
    p, q = norm(p), norm(q)
    m = [(a + b) / 2 for a, b in zip(p, q)]
    s = mpf(0)
    for a, b, c in zip(p, q, m):
        if a != 0:
            s += a * log(a / c) / 2
        if b != 0:
            s += b * log(b / c) / 2
    return s


def hellinger(p, q):
    p, q = norm(p), norm(q)
    return sqrt(fsum((sqrt(a) - sqrt(b)) ** 2 for a, b in zip(p, q)) / 2)


def tv(p, q):
    p, q = norm(p), norm(q)
    return fsum(abs(a - b) for a, b in zip(p, q)) / 2


def psi(p, q):
    return kl(p, q) + kl(q, p)


def gaussian_kl(m1, s1, m2, s2):
    m1, s1, m2, s2 = mpf(m1), mpf(s1), mpf(m2), mpf(s2)
    return log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - mpf(1) / 2


def vae_kl(mus, lvs):
    return fsum((mpf(m) ** 2 + exp(mpf(v)) - 1 - mpf(v)) / 2 for m, v in zip(mus, lvs))


def near_identical():
    # b_i = 1000 + i, a_i = b_i + k_i * 2^-22 with k_i in [-5, 5]: exact doubles in Java and Python
    b = [float(1000 + i) for i in range(1000)]
    a = [float(1000 + i) + ((i * 37) % 11 - 5) * 2.0 ** -22 for i in range(1000)]
    return a, b

def recipes():
    """References for the files in examples/ (their data repeated here)."""
    out = {}
    bands = {
        "banner": ([300, 400, 300, 0], [280, 420, 290, 10]),
        "checkout": ([120, 340, 410, 130], [130, 310, 420, 140]),
        "ranking": ([50, 200, 500, 250], [210, 380, 330, 80]),
    }
    for name, (a, b) in bands.items():
        a = [mpf(x) for x in a]
        b = [mpf(x) for x in b]
        out["bands " + name] = [kl(a, b), kl(b, a), js(a, b), psi(a, b), hellinger(a, b), tv(a, b)]
        a1 = [x + 1 for x in a]
        b1 = [x + 1 for x in b]
        out["ab " + name] = [kl(b, a), kl(b1, a1), psi(a, b), psi(a1, b1), sqrt(js(a, b) / log(2))]
    traffic = {
        1: [100, 200, 400, 200, 100], 2: [105, 195, 410, 190, 100], 3: [98, 205, 395, 205, 97],
        4: [102, 198, 400, 202, 98], 5: [90, 190, 390, 220, 110], 6: [80, 180, 380, 240, 120],
        7: [70, 170, 360, 260, 140], 8: [60, 150, 350, 280, 160],
    }
    for wk in range(2, 9):
        n = [mpf(x) for x in traffic[wk]]
        base = [mpf(x) for x in traffic[1]]
        out["baseline %d" % wk] = [psi(n, base), js(n, base), kl(n, base)]
    for wk in range(5, 9):
        n = [mpf(x) for x in traffic[wk]]
        prev = [fsum(mpf(traffic[w][i]) for w in range(wk - 4, wk)) for i in range(5)]
        out["window %d" % wk] = [psi(n, prev), js(n, prev), kl(n, prev)]
    latents = {1: [(0.5, -0.2), (-1.0, 0.3), (0.0, 0.0)], 2: [(2.0, -1.0), (0.1, 0.05), (-0.3, 0.4)]}
    for sid, rows in latents.items():
        out["vae %d" % sid] = [vae_kl([r[0] for r in rows], [r[1] for r in rows])]
    return out


CASES = {
    "seed": ([0.2, 0.3, 0.4, 0.1], [0.1, 0.4, 0.3, 0.2]),
    "counts": ([10, 20, 30, 40], [1500, 2500, 3000, 3000]),
    "zeroBins": ([0.5, 0.5, 0.0], [0.25, 0.25, 0.5]),
    "tiny": ([1e-300, 2e-300, 3e-300], [3e-300, 2e-300, 1e-300]),
    "huge": ([1e15, 2e15 + 1, 3e15], [3e15, 2e15, 1e15 + 7]),
    "dominant": ([1.0, 1e-15, 2e-15, 3e-15], [1.0, 3e-15, 2e-15, 1e-15]),
    "nearIdentical": near_identical(),
}


def show(x):
    return mp.nstr(x, 20, min_fixed=-400, max_fixed=-400) if x != mp.inf else "inf"


if __name__ == "__main__":
    for name, (p, q) in CASES.items():
        p = [mpf(x) for x in p]
        q = [mpf(x) for x in q]
        print(name)
        print("  KL(P||Q)   ", show(kl(p, q)))
        print("  KL(Q||P)   ", show(kl(q, p)))
        print("  JS         ", show(js(p, q)))
        print("  CE(P,Q)    ", show(ce(p, q)))
        print("  H(P)       ", show(entropy(p)))
        print("  PSI        ", show(psi(p, q)))
        print("  Hellinger  ", show(hellinger(p, q)))
        print("  TV         ", show(tv(p, q)))
    for name, values in recipes().items():
        print(name, ", ".join(show(v) for v in values))
    print("gaussian(0.5, 1.5, -0.25, 2.0)  ", show(gaussian_kl(0.5, 1.5, -0.25, 2.0)))
    print("gaussian(1, 1, 1, 1.0000001)    ", show(gaussian_kl(1, 1, 1, 1.0000001)))
    print("gaussian(0, 1e-300, 0, 1)       ", show(gaussian_kl(0, 1e-300, 0, 1)))
    print("vae([0.5,-1,0.001],[0.2,-0.5,1e-6])", show(vae_kl([0.5, -1, 0.001], [0.2, -0.5, 1e-6])))
