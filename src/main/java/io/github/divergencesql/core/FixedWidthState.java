package io.github.divergencesql.core;

/**
 * {@code KL_DIVERGENCE}, {@code CROSS_ENTROPY}, {@code HELLINGER_DISTANCE}, {@code PSI} and
 * {@code ENTROPY} with the state of a group in a fixed number of doubles, for engines that keep
 * aggregate buffers as fixed-width rows (Spark generates code only for those): {@link #add},
 * {@link #merge} and {@link #result} work on a {@code double[]} of {@link Measure#width()}
 * numbers, starting from all zeros. The checks, the NULL-free row rules and the results are the
 * accumulators' ({@link KlDivergence} and the others), the results to within a few ulps.
 *
 * <p>Why a second form. The accumulators keep up to 256 rows of a group and fold them into the
 * state as one block (see {@link StreamingPairMeasure}); a fixed-width state cannot hold rows.
 * It keeps a reference ratio ρ instead and adds one non-negative term a row against it. For any
 * ρ &gt; 0, expanding φ(t) = t ln t − t + 1,
 * <pre>
 *   A·KL = Σ aᵢ ln(aᵢ/bᵢ) − A ln(A/B) = Σ bᵢρ φ(aᵢ/(bᵢρ)) − Bρ φ(A/(Bρ)),
 * </pre>
 * so the state sums T = Σ bᵢρ φ(aᵢ/(bᵢρ)) (one logarithm a row, φ's series near 1 from
 * aᵢ − bᵢρ taken with one rounding by a fused multiply-add) and subtracts S = Bρ φ(A/(Bρ)) when
 * read. T is at most a few times A·KL as long as ρ is the ratio of the totals (A₀, B₀) of rows
 * that hold at least half of each side's weight: to first order S = (A/A₀)·(the two-outcome
 * divergence between the rows before and after ρ was set, times A), which A·KL contains. So a
 * stage ends before either total would pass twice its value at the stage's start: the state then
 * computes V = A·KL, sets ρ to the new ratio and T to V + Bρ φ(A/(Bρ)) (a few times in a group
 * of millions of rows). The other measures have the same shape: T = Σ bᵢρ(√(aᵢ/(bᵢρ)) − 1)² and
 * S = (√A − √(Bρ))² for Hellinger (√(AB)·H² = (T − S)/(2√ρ)); for PSI a second sum
 * Σ bᵢ ψ(aᵢ/(bᵢρ)) with ψ(r) = r − 1 − ln r and S = B ψ(A/(Bρ)) for the reverse direction, from
 * the same logarithm; cross-entropy and entropy need no subtraction: with a reference total
 * B₀ ≤ B, A·H(P, Q) = Σ aᵢ ln(B₀/bᵢ) + A ln(B/B₀), both sums non-negative.
 *
 * <p>The first 32 rows of a group, a row that would more than double a total, rows with a weight
 * outside 2^±300 (and every later row of that group) and merges go through the accumulators' own
 * pooling step ({@link StreamingPairMeasure}, {@link Entropy}) on the same numbers, so a small
 * group gives exactly the accumulators' bits and any finite weights keep their guarantees.
 */
public final class FixedWidthState {
  private FixedWidthState() {}

  // a two-sided state: StreamingPairMeasure#saveTo's eleven numbers, then the stage's
  private static final int A_HI = 0;
  private static final int A_LO = 1;
  private static final int B_HI = 4;
  private static final int B_LO = 5;
  private static final int V_HI = 8;
  private static final int V_LO = 9;
  private static final int INFINITE = 10;
  /** 0 while rows are pooled; else a stage runs, with ratio ρ (1 for cross-entropy). */
  private static final int RHO = 11;
  /** The totals at the stage's start (the reference B₀ in hi, lo for cross-entropy). */
  private static final int REF_A = 12;
  private static final int REF_B = 13;
  private static final int REF_B_LO = 14;
  /** Rows pooled so far, counted up to {@link #POOLED_ROWS}. */
  private static final int ROWS = 15;
  /** 1 once a weight outside 2^±300 was seen: every later row is pooled. */
  private static final int WIDE = 16;
  private static final int PAIR_WIDTH = 17;

  // ENTROPY: Entropy#saveTo's six numbers, then the stage's
  private static final int S_HI = 0;
  private static final int S_LO = 1;
  private static final int T_HI = 4;
  private static final int T_LO = 5;
  private static final int U_STAGE = 6;
  private static final int U_REF = 7;
  private static final int U_REF_LO = 8;
  private static final int U_ROWS = 9;
  private static final int U_WIDE = 10;
  private static final int UNARY_WIDTH = 11;

  /** Rows pooled one by one before the first stage (the accumulators' smallest block). */
  private static final int POOLED_ROWS = StreamingPairMeasure.BLOCK_FOLD_MIN;
  /** Weights a stage takes: products and ratios of these stay far inside the double range. */
  private static final double LOW = 0x1p-300;
  private static final double HIGH = 0x1p300;

  /** The measures with a fixed-width form, each named as its SQL function. */
  public enum Measure {
    KL_DIVERGENCE(PAIR_WIDTH),
    CROSS_ENTROPY(PAIR_WIDTH),
    HELLINGER_DISTANCE(PAIR_WIDTH),
    PSI(2 * PAIR_WIDTH),
    ENTROPY(UNARY_WIDTH);

    private final int width;

    Measure(int width) {
      this.width = width;
    }

    /** The number of doubles in the state. */
    public int width() {
      return width;
    }

    /** True for ENTROPY, whose rows are one weight. */
    public boolean unary() {
      return this == ENTROPY;
    }

    /** The fixed-width form of a function's plain (unsmoothed, unkeyed) call, or null. */
    public static Measure of(DivergenceFunction f) {
      return switch (f) {
        case KL_DIVERGENCE -> KL_DIVERGENCE;
        case CROSS_ENTROPY -> CROSS_ENTROPY;
        case HELLINGER_DISTANCE -> HELLINGER_DISTANCE;
        case PSI -> PSI;
        case ENTROPY -> ENTROPY;
        default -> null;
      };
    }
  }

  /** Adds a row (p, q) of a two-sided measure; throws {@link InvalidArgumentException}. */
  public static void add(Measure m, double[] s, double p, double q) {
    double x = InvalidArgumentException.weight(m.name(), "p", p);
    double y = InvalidArgumentException.weight(m.name(), "q", q);
    if (x == 0 && y == 0) {
      return;
    }
    if (s[RHO] > 0 && inStage(x) && inStage(y) && s[A_HI] + x <= 2 * s[REF_A]
        && s[B_HI] + y <= 2 * s[REF_B] && addTerm(m, s, x, y)) {
      ddAdd(s, A_HI, x);
      ddAdd(s, B_HI, y);
      return;
    }
    poolRow(m, s, x, y);
  }

  /** Adds a row of ENTROPY; throws {@link InvalidArgumentException}. */
  public static void add(Measure m, double[] s, double w) {
    double x = InvalidArgumentException.weight(m.name(), "p", w);
    if (x == 0) {
      return;
    }
    double ref = s[U_REF];
    if (s[U_STAGE] > 0 && inStage(x) && s[S_HI] + x <= 2 * ref) {
      // x ≤ S₀ here: ln(S₀/x) ≥ 0, from S₀ − x exactly where x is near S₀
      ddAdd(s, T_HI, x * (x <= 0.5 * ref ? Math.log(ref / x)
          : Numerics.log1p(Math.max(0, (ref - x) + s[U_REF_LO]) / x)));
      ddAdd(s, S_HI, x);
      return;
    }
    endStage(m, s);
    Entropy e = new Entropy();
    e.restore(s, 0);
    e.absorbRow(x);
    e.saveTo(s, 0);
    if (!inStage(x)) {
      s[U_WIDE] = 1;
    }
    s[U_ROWS] = Math.min(POOLED_ROWS, s[U_ROWS] + 1);
    startStage(m, s);
  }

  /** Merges state {@code o} into {@code s} ({@code o} is changed too: its stage is ended). */
  public static void merge(Measure m, double[] s, double[] o) {
    endStage(m, s);
    endStage(m, o);
    if (m.unary()) {
      Entropy e = new Entropy();
      e.restore(s, 0);
      Entropy other = new Entropy();
      other.restore(o, 0);
      e.merge(other).saveTo(s, 0);
      s[U_ROWS] = Math.min(POOLED_ROWS, s[U_ROWS] + o[U_ROWS]);
      s[U_WIDE] = Math.max(s[U_WIDE], o[U_WIDE]);
    } else {
      for (int off = 0; off < m.width(); off += PAIR_WIDTH) {
        StreamingPairMeasure<?> a = pooling(m, s, off);
        mergeInto(a, pooling(m, o, off));
        a.saveTo(s, off);
      }
      s[ROWS] = Math.min(POOLED_ROWS, s[ROWS] + o[ROWS]);
      s[WIDE] = Math.max(s[WIDE], o[WIDE]);
    }
    startStage(m, s);
  }

  /** The measure's value for the state (NULL where the accumulator's is); s is unchanged. */
  public static Double result(Measure m, double[] s) {
    double[] c = s.clone();
    endStage(m, c);
    if (m.unary()) {
      Entropy e = new Entropy();
      e.restore(c, 0);
      return e.stateResult();
    }
    if (m == Measure.PSI) {
      Double f = pooling(m, c, 0).stateResult();
      Double r = pooling(m, c, PAIR_WIDTH).stateResult();
      return f == null || r == null ? null : f + r;
    }
    return pooling(m, c, 0).stateResult();
  }

  private static boolean inStage(double w) {
    return w == 0 || (w >= LOW && w <= HIGH);
  }

  /**
   * Adds the row's terms to T (and PSI's reverse sum); false, with nothing changed, for a row
   * the stage cannot take (p &gt; 0 = q where the measure is infinite, PSI's zero bins).
   */
  private static boolean addTerm(Measure m, double[] s, double x, double y) {
    double rho = s[RHO];
    switch (m) {
      case KL_DIVERGENCE -> {
        if (y == 0) {
          return false;
        }
        double yr = y * rho;
        if (x == 0) {
          ddAdd(s, V_HI, yr); // φ(0) = 1
          return true;
        }
        double r = x / yr;
        double d = Math.fma(-y, rho, x) / yr;
        ddAdd(s, V_HI, yr * Numerics.blockPhi(r, Math.log(r), d));
        return true;
      }
      case PSI -> {
        if (x == 0 || y == 0) {
          return false;
        }
        double yr = y * rho;
        double r = x / yr;
        double log = Math.log(r);
        double d = Math.fma(-y, rho, x) / yr;
        ddAdd(s, V_HI, yr * Numerics.blockPhi(r, log, d));
        ddAdd(s, PAIR_WIDTH + V_HI, y * Numerics.blockPsi(r, log, d));
        return true;
      }
      case HELLINGER_DISTANCE -> {
        double yr = y * rho;
        if (x == 0 || y == 0) {
          ddAdd(s, V_HI, x + yr); // (√x − √(yρ))² with one side 0
          return true;
        }
        double r = x / yr;
        double u = Math.fma(-y, rho, x) / yr / (Math.sqrt(r) + 1); // √r − 1
        ddAdd(s, V_HI, yr * u * u);
        return true;
      }
      case CROSS_ENTROPY -> {
        if (x == 0) {
          return true;
        }
        if (y == 0) {
          return false;
        }
        double ref = s[REF_B]; // y ≤ B₀ in a stage
        ddAdd(s, V_HI, x * (y <= 0.5 * ref ? Math.log(ref / y)
            : Numerics.log1p(Math.max(0, (ref - y) + s[REF_B_LO]) / y)));
        return true;
      }
      default -> throw new IllegalArgumentException(m.name());
    }
  }

  /** Pools one row as the accumulators do, ending the stage first and starting one after. */
  private static void poolRow(Measure m, double[] s, double x, double y) {
    endStage(m, s);
    StreamingPairMeasure<?> a = pooling(m, s, 0);
    a.absorbRow(x, y);
    a.saveTo(s, 0);
    if (m == Measure.PSI) {
      StreamingPairMeasure<?> r = pooling(m, s, PAIR_WIDTH);
      r.absorbRow(y, x);
      r.saveTo(s, PAIR_WIDTH);
    }
    if (!inStage(x) || !inStage(y)) {
      s[WIDE] = 1;
    }
    s[ROWS] = Math.min(POOLED_ROWS, s[ROWS] + 1);
    startStage(m, s);
  }

  /** An accumulator holding the pooled state at s[off] (no stage running). */
  private static StreamingPairMeasure<?> pooling(Measure m, double[] s, int off) {
    StreamingPairMeasure<?> a = switch (m) {
      case KL_DIVERGENCE, PSI -> new KlDivergence();
      case CROSS_ENTROPY -> new CrossEntropy();
      case HELLINGER_DISTANCE -> new HellingerDistance();
      default -> throw new IllegalArgumentException(m.name());
    };
    a.restore(s, off);
    return a;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void mergeInto(StreamingPairMeasure a, StreamingPairMeasure b) {
    a.merge(b);
  }

  /**
   * Starts a stage where the pooled state allows one: past the first rows, no weight outside
   * 2^±300 seen, both sides with mass, not infinite, units 2^0, totals and their ratio far inside
   * the range. V becomes T.
   */
  private static void startStage(Measure m, double[] s) {
    if (m.unary()) {
      double total = s[S_HI];
      if (s[U_ROWS] >= POOLED_ROWS && s[U_WIDE] == 0 && s[2] == 0 && total >= LOW
          && total <= 0x1p398) {
        s[U_STAGE] = 1;
        s[U_REF] = total;
        s[U_REF_LO] = s[S_LO]; // T = Σ wᵢ ln(S₀/wᵢ) = S·H now: nothing to convert
      }
      return;
    }
    double a = s[A_HI];
    double b = s[B_HI];
    if (s[ROWS] < POOLED_ROWS || s[WIDE] != 0 || s[INFINITE] != 0
        || (m == Measure.PSI && s[PAIR_WIDTH + INFINITE] != 0) || s[2] != 0 || s[6] != 0
        || !(a >= LOW && a <= 0x1p398 && b >= LOW && b <= 0x1p398)) {
      return;
    }
    double rho = a / b;
    if (!(rho >= 0x1p-200 && rho <= 0x1p200)) {
      return;
    }
    s[REF_A] = a;
    s[REF_B] = b;
    s[REF_B_LO] = s[B_LO];
    if (m == Measure.CROSS_ENTROPY) {
      s[REF_A] = Double.POSITIVE_INFINITY; // a stage ends when B would double; A is free
      s[RHO] = 1;
      return;
    }
    s[RHO] = rho;
    double e = ratioMinusOne(s, rho);
    if (m == Measure.HELLINGER_DISTANCE) { // T = 2√ρ·V + S
      double k = 2 * Math.sqrt(rho);
      s[V_HI] *= k;
      s[V_LO] *= k;
    }
    ddAdd(s, V_HI, offset(m, s, rho, e));
    if (m == Measure.PSI) {
      ddAdd(s, PAIR_WIDTH + V_HI, s[B_HI] * reversePhi(e));
    }
  }

  /** Ends a running stage: V from T, the pooled state as the accumulators keep it. */
  private static void endStage(Measure m, double[] s) {
    if (m.unary()) {
      if (s[U_STAGE] > 0) {
        double ref = s[U_REF];
        // S·H = T + S ln(S/S₀), S ≥ S₀
        ddAdd(s, T_HI, s[S_HI] * Numerics.log1p(
            Math.max(0, (s[S_HI] - ref) + (s[S_LO] - s[U_REF_LO])) / ref));
        s[U_STAGE] = 0;
      }
      return;
    }
    double rho = s[RHO];
    if (rho == 0) {
      return;
    }
    s[RHO] = 0;
    if (m == Measure.CROSS_ENTROPY) {
      double ref = s[REF_B];
      ddAdd(s, V_HI, s[A_HI] * Numerics.log1p(
          Math.max(0, (s[B_HI] - ref) + (s[B_LO] - s[REF_B_LO])) / ref));
      return;
    }
    double e = ratioMinusOne(s, rho);
    subtract(s, V_HI, offset(m, s, rho, e));
    if (m == Measure.HELLINGER_DISTANCE) {
      double k = 2 * Math.sqrt(rho);
      s[V_HI] /= k;
      s[V_LO] /= k;
    }
    if (m == Measure.PSI) {
      subtract(s, PAIR_WIDTH + V_HI, s[B_HI] * reversePhi(e));
      // the reverse state's totals are the forward's, sides swapped
      for (int i = 0; i < 4; i++) {
        s[PAIR_WIDTH + i] = s[4 + i];
        s[PAIR_WIDTH + 4 + i] = s[i];
      }
    }
  }

  /** A/(Bρ) − 1, from the double-double totals with about one rounding. */
  private static double ratioMinusOne(double[] s, double rho) {
    double br = s[B_HI] * rho;
    return (Math.fma(-s[B_HI], rho, s[A_HI]) + (s[A_LO] - s[B_LO] * rho)) / br;
  }

  /** S, what T exceeds V by (in V's units): Bρ φ(A/(Bρ)), or (√A − √(Bρ))² for Hellinger. */
  private static double offset(Measure m, double[] s, double rho, double e) {
    double br = s[B_HI] * rho;
    if (m == Measure.HELLINGER_DISTANCE) {
      double root = e * br / (Math.sqrt(s[A_HI]) + Math.sqrt(br)); // √A − √(Bρ)
      return root * root;
    }
    return br * Numerics.phi1p(e);
  }

  /** ψ(R) = R − 1 − ln R = R φ(1/R) for R = 1 + e: PSI's reverse offset, per unit of B. */
  private static double reversePhi(double e) {
    return (1 + e) * Numerics.phi1p(-e / (1 + e));
  }

  /** T − S into V, never below 0 (T ≥ S exactly; rounding may cross). */
  private static void subtract(double[] s, int i, double offset) {
    ddAdd(s, i, -offset);
    if (s[i] + s[i + 1] < 0) {
      s[i] = 0;
      s[i + 1] = 0;
    }
  }

  /** s[i] + s[i + 1] += x, as {@link DoubleDouble#add(double)}. */
  private static void ddAdd(double[] s, int i, double x) {
    double hi = s[i];
    double t = hi + x;
    s[i + 1] += Numerics.twoSumError(hi, x, t);
    s[i] = t;
  }
}
