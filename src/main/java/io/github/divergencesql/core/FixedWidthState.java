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
 * so the state sums T = Σ bᵢρ φ(aᵢ/(bᵢρ)) (one logarithm a row) and subtracts S = Bρ φ(A/(Bρ))
 * when read. ρ is the ratio A₀/B₀ of the totals when the stage began, exactly: each row's
 * aᵢ/(bᵢρ) − 1 is taken with one rounding from A₀ and B₀ in double-double, as a block's rows
 * against its totals (a ρ rounded to a double would put its own rounding, squared about 1e-32,
 * into T and S, and T − S would cancel to noise wherever KL is below that). T is then at most a
 * few times A·KL while the rows before ρ was set hold at least half of each side's weight: to
 * first order S = (A/A₀)·(the two-outcome divergence between the rows before and after, times
 * A), which A·KL contains. So a stage ends before either total would pass twice its value at the
 * stage's start: V = T − S, with A·B₀ − B·A₀ = X·B₀ − Y·A₀ from the stage's own totals X, Y
 * (kept apart for that), and the next stage begins with T = V (about 15 stages in a group of a
 * million rows). The other measures have the same shape: T = Σ bᵢρ(√(aᵢ/(bᵢρ)) − 1)² and
 * S = (√A − √(Bρ))² for Hellinger (√(AB)·H² = (T − S)/(2√ρ)); for PSI a second sum
 * Σ bᵢ ψ(aᵢ/(bᵢρ)) with ψ(r) = r − 1 − ln r and S = B ψ(A/(Bρ)) for the reverse direction, from
 * the same logarithm; cross-entropy and entropy need no subtraction: with a reference total
 * B₀ ≤ B, A·H(P, Q) = Σ aᵢ ln(B₀/bᵢ) + A ln(B/B₀), both sums non-negative.
 *
 * <p>The first 32 rows of a group, a row that would more than double a total, rows with a weight
 * outside 2^±300 (and every later row of that group) and merges go through the accumulators' own
 * pooling step ({@link StreamingPairMeasure}, {@link Entropy}) on the same numbers, so a small
 * group gives exactly the accumulators' bits and any finite weights keep their guarantees.
 *
 * <p>Layout (an engine copies every number on every row, so there are few): a two-sided state is
 * A, B and V as hi/lo pairs (during a stage X, Y and T), a mode, and B₀, A₀ (hi, lo): the mode
 * is ρ &gt; 0 during a stage; otherwise −(the flags, rows counted and unit exponents, packed in
 * an integer) — a stage implies them all. KL and Hellinger take 11 numbers, cross-entropy 9
 * (no A₀: its A stays whole), PSI 13 (the reverse direction's V; its totals are the forward ones
 * swapped), ENTROPY 7 (S or the stage's W, T, the mode, S₀).
 */
public final class FixedWidthState {
  private FixedWidthState() {}

  // a two-sided state
  private static final int A_HI = 0;
  private static final int A_LO = 1;
  private static final int B_HI = 2;
  private static final int B_LO = 3;
  private static final int V_HI = 4;
  private static final int V_LO = 5;
  /** ρ &gt; 0 during a stage, else −(packed flags, see {@link #pack}). */
  private static final int MODE = 6;
  /**
   * The totals B₀, A₀ at the stage's start (hi, lo each); during a stage the A and B slots hold
   * the stage's own totals X and Y, so A = A₀ + X and A·B₀ − B·A₀ = X·B₀ − Y·A₀ exactly. ρ
   * stands for A₀/B₀ exactly (see {@link #addTerm}). Cross-entropy keeps B₀ only (and A whole).
   */
  private static final int REF_B = 7;
  private static final int REF_B_LO = 8;
  private static final int REF_A = 9;
  private static final int REF_A_LO = 10;
  /** PSI's reverse direction's V (its T during a stage). */
  private static final int R_HI = 11;
  private static final int R_LO = 12;

  // ENTROPY
  private static final int S_HI = 0;
  private static final int S_LO = 1;
  private static final int T_HI = 2;
  private static final int T_LO = 3;
  private static final int U_MODE = 4;
  /** S₀ during a stage, when S_HI, S_LO hold the stage's own total W (S = S₀ + W). */
  private static final int U_REF = 5;
  private static final int U_REF_LO = 6;

  // the packed flags of a state outside a stage: bits, rows counted, exponents
  private static final long A_MASS = 1;
  private static final long B_MASS = 2;
  private static final long INFINITE = 4;
  private static final long REVERSE_INFINITE = 8;
  /** A weight outside 2^±300 was seen: every later row is pooled. */
  private static final long WIDE = 16;
  private static final int ROWS_SHIFT = 5;
  private static final int A_EXP_SHIFT = 12;
  private static final int B_EXP_SHIFT = 24;

  /** Rows pooled one by one before the first stage (the accumulators' smallest block). */
  private static final int POOLED_ROWS = StreamingPairMeasure.BLOCK_FOLD_MIN;
  /** What a stage implies: both sides with mass, the first rows counted, nothing else. */
  private static final long IN_STAGE = A_MASS | B_MASS | ((long) POOLED_ROWS << ROWS_SHIFT);
  /** Weights a stage takes: products and ratios of these stay far inside the double range. */
  private static final double LOW = 0x1p-300;
  private static final double HIGH = 0x1p300;

  /** The measures with a fixed-width form, each named as its SQL function. */
  public enum Measure {
    KL_DIVERGENCE(11),
    CROSS_ENTROPY(9),
    HELLINGER_DISTANCE(11),
    PSI(13),
    ENTROPY(7);

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
    if (s[MODE] > 0 && inStage(x) && inStage(y) && addTerm(m, s, x, y)) {
      ddAdd(s, A_HI, x);
      ddAdd(s, B_HI, y);
      return;
    }
    poolRow(m, s, x, y);
  }

  /**
   * Adds a row as the engine delivers it, a flag standing for SQL NULL: the accumulators' pivot
   * rule ({@link PairMeasure#addNullable}: both NULL is no row, one NULL side is zero mass).
   */
  public static void addNullable(Measure m, double[] s, boolean pNull, double p, boolean qNull,
      double q) {
    if (PairMeasure.isOutcome(pNull, qNull)) {
      add(m, s, pNull ? 0 : p, qNull ? 0 : q);
    }
  }

  /** Adds a row of ENTROPY as delivered: a NULL row is ignored, as the accumulator ignores it. */
  public static void addNullable(Measure m, double[] s, boolean wNull, double w) {
    if (!wNull) {
      add(m, s, w);
    }
  }

  /** Adds a row of ENTROPY; throws {@link InvalidArgumentException}. */
  public static void add(Measure m, double[] s, double w) {
    double x = InvalidArgumentException.weight(m.name(), "p", w);
    if (x == 0) {
      return;
    }
    double ref = s[U_REF];
    if (s[U_MODE] > 0 && inStage(x) && s[S_HI] + x <= ref) {
      // x ≤ S₀ here: ln(S₀/x) ≥ 0, from S₀ − x exactly where x is near S₀
      ddAdd(s, T_HI, x * (x <= 0.5 * ref ? Math.log(ref / x)
          : Numerics.log1p(Math.max(0, (ref - x) + s[U_REF_LO]) / x)));
      ddAdd(s, S_HI, x);
      return;
    }
    endStage(m, s);
    long f = flags(s, U_MODE);
    Entropy e = entropy(s, f);
    e.absorbRow(x);
    f = rowPooled(f, x, x);
    fromEntropy(e, s, f);
    startStage(m, s);
  }

  /** Merges state {@code o} into {@code s} ({@code o} is changed too: its stage is ended). */
  public static void merge(Measure m, double[] s, double[] o) {
    endStage(m, s);
    endStage(m, o);
    if (m.unary()) {
      long fs = flags(s, U_MODE);
      long fo = flags(o, U_MODE);
      Entropy e = entropy(s, fs);
      e.merge(entropy(o, fo));
      fromEntropy(e, s, mergedFlags(fs, fo));
    } else {
      long fs = flags(s, MODE);
      long fo = flags(o, MODE);
      StreamingPairMeasure<?> a = pooling(m, s, fs, false);
      StreamingPairMeasure<?> r = m == Measure.PSI ? pooling(m, s, fs, true) : null;
      mergeInto(a, pooling(m, o, fo, false));
      long f = mergedFlags(fs, fo);
      if (r != null) {
        mergeInto(r, pooling(m, o, fo, true));
        f = fromPooling(r, s, f, true);
      }
      s[MODE] = -fromPooling(a, s, f, false);
    }
    startStage(m, s);
  }

  /** The measure's value for the state (NULL where the accumulator's is); s is unchanged. */
  public static Double result(Measure m, double[] s) {
    double[] c = s.clone();
    endStage(m, c);
    if (m.unary()) {
      return entropy(c, flags(c, U_MODE)).stateResult();
    }
    long f = flags(c, MODE);
    Double forward = pooling(m, c, f, false).stateResult();
    if (m != Measure.PSI) {
      return forward;
    }
    Double reverse = pooling(m, c, f, true).stateResult();
    return forward == null || reverse == null ? null : forward + reverse;
  }

  private static boolean inStage(double w) {
    return w == 0 || (w >= LOW && w <= HIGH);
  }

  /**
   * Adds the row's terms to T (and PSI's reverse sum) and returns true; false, with nothing
   * changed, for a row the stage cannot take: one that would more than double a total, p &gt; 0
   * = q where the measure is infinite, PSI's zero bins.
   */
  private static boolean addTerm(Measure m, double[] s, double x, double y) {
    double rho = s[MODE];
    if (m == Measure.CROSS_ENTROPY) {
      double ref = s[REF_B]; // B₀; y ≤ B₀ in a stage
      if (s[B_HI] + y > ref || (y == 0 && x > 0)) {
        return false;
      }
      if (x > 0) {
        ddAdd(s, V_HI, x * (y <= 0.5 * ref ? Math.log(ref / y)
            : Numerics.log1p(Math.max(0, (ref - y) + s[REF_B_LO]) / y)));
      }
      return true;
    }
    if (s[A_HI] + x > s[REF_A] || s[B_HI] + y > s[REF_B]) { // A, B would pass 2A₀, 2B₀
      return false;
    }
    double yr = y * rho;
    if (x == 0 || y == 0) {
      if (m == Measure.HELLINGER_DISTANCE) {
        ddAdd(s, V_HI, x + yr); // (√x − √(yρ))² with one side 0
        return true;
      }
      if (m == Measure.KL_DIVERGENCE && y > 0) {
        ddAdd(s, V_HI, yr); // φ(0) = 1
        return true;
      }
      return false; // KL's p > 0 = q, PSI's zero bins: infinite
    }
    // r = (x/y)/(A₀/B₀) and d = r − 1 from the double-double A₀, B₀ with one rounding, as a
    // block's rows against its totals: a rounded ρ would put ρ's own rounding (1e-16) into every
    // term, and T − S would then cancel to noise wherever KL is below about 1e-30
    double ya = y * s[REF_A];
    double r = x * s[REF_B] / ya;
    double d = Numerics.blockRatioMinusOne(x, y, s[REF_A], s[REF_A_LO], s[REF_B], s[REF_B_LO],
        ya);
    if (m == Measure.HELLINGER_DISTANCE) {
      double u = d / (Math.sqrt(r) + 1); // √r − 1
      ddAdd(s, V_HI, yr * u * u);
      return true;
    }
    double log = Math.log(r);
    ddAdd(s, V_HI, yr * Numerics.blockPhi(r, log, d));
    if (m == Measure.PSI) {
      ddAdd(s, R_HI, y * Numerics.blockPsi(r, log, d));
    }
    return true;
  }

  /** Pools one row as the accumulators do, ending the stage first and starting one after. */
  private static void poolRow(Measure m, double[] s, double x, double y) {
    endStage(m, s);
    long f = flags(s, MODE);
    StreamingPairMeasure<?> a = pooling(m, s, f, false);
    a.absorbRow(x, y);
    long g = rowPooled(f, x, y);
    if (m == Measure.PSI) {
      StreamingPairMeasure<?> r = pooling(m, s, f, true);
      r.absorbRow(y, x);
      g = fromPooling(r, s, g, true);
    }
    s[MODE] = -fromPooling(a, s, g, false);
    startStage(m, s);
  }

  /** The flags of a state outside a stage. */
  private static long flags(double[] s, int mode) {
    return (long) -s[mode];
  }

  /** Flags after pooling a row: one more row counted, WIDE for a weight outside 2^±300. */
  private static long rowPooled(long f, double x, double y) {
    long rows = Math.min(POOLED_ROWS, ((f >>> ROWS_SHIFT) & 63) + 1);
    f = (f & ~(63L << ROWS_SHIFT)) | (rows << ROWS_SHIFT);
    return inStage(x) && inStage(y) ? f : f | WIDE;
  }

  /** The flags of two merged states, before the accumulators set mass, infinity and units. */
  private static long mergedFlags(long a, long b) {
    long rows = Math.min(POOLED_ROWS, ((a >>> ROWS_SHIFT) & 63) + ((b >>> ROWS_SHIFT) & 63));
    return ((a | b) & WIDE) | (rows << ROWS_SHIFT);
  }

  /** A unit exponent, 12 bits two's complement (they stay within ±1100). */
  private static int exponent(long f, int shift) {
    return (int) ((f >>> shift) & 4095) << 20 >> 20;
  }

  private static long exponentBits(double e, int shift) {
    return ((long) e & 4095) << shift;
  }

  /**
   * An accumulator holding the pooled state (no stage running): the forward direction, or for
   * PSI's reverse its V with the totals swapped.
   */
  private static StreamingPairMeasure<?> pooling(Measure m, double[] s, long f, boolean reverse) {
    StreamingPairMeasure<?> a = switch (m) {
      case KL_DIVERGENCE, PSI -> new KlDivergence();
      case CROSS_ENTROPY -> new CrossEntropy();
      case HELLINGER_DISTANCE -> new HellingerDistance();
      default -> throw new IllegalArgumentException(m.name());
    };
    double[] side = {s[A_HI], s[A_LO], exponent(f, A_EXP_SHIFT), (f & A_MASS) != 0 ? 1 : 0};
    double[] other = {s[B_HI], s[B_LO], exponent(f, B_EXP_SHIFT), (f & B_MASS) != 0 ? 1 : 0};
    double[] state = new double[StreamingPairMeasure.STATE_WIDTH];
    System.arraycopy(reverse ? other : side, 0, state, 0, 4);
    System.arraycopy(reverse ? side : other, 0, state, 4, 4);
    state[8] = s[reverse ? R_HI : V_HI];
    state[9] = s[reverse ? R_LO : V_LO];
    state[10] = (f & (reverse ? REVERSE_INFINITE : INFINITE)) != 0 ? 1 : 0;
    a.restore(state, 0);
    return a;
  }

  /** Writes an accumulator's pooled state back; returns the flags with its own set. */
  private static long fromPooling(StreamingPairMeasure<?> a, double[] s, long f,
      boolean reverse) {
    double[] state = new double[StreamingPairMeasure.STATE_WIDTH];
    a.saveTo(state, 0);
    int side = reverse ? 4 : 0;
    int other = reverse ? 0 : 4;
    s[A_HI] = state[side];
    s[A_LO] = state[side + 1];
    s[B_HI] = state[other];
    s[B_LO] = state[other + 1];
    s[reverse ? R_HI : V_HI] = state[8];
    s[reverse ? R_LO : V_LO] = state[9];
    long infinite = reverse ? REVERSE_INFINITE : INFINITE;
    f = (f & ~(infinite | A_MASS | B_MASS | (4095L << A_EXP_SHIFT) | (4095L << B_EXP_SHIFT)))
        | (state[10] != 0 ? infinite : 0)
        | (state[side + 3] != 0 ? A_MASS : 0) | (state[other + 3] != 0 ? B_MASS : 0)
        | exponentBits(state[side + 2], A_EXP_SHIFT)
        | exponentBits(state[other + 2], B_EXP_SHIFT);
    return f;
  }

  private static Entropy entropy(double[] s, long f) {
    Entropy e = new Entropy();
    e.restore(new double[] {s[S_HI], s[S_LO], exponent(f, A_EXP_SHIFT),
        (f & A_MASS) != 0 ? 1 : 0, s[T_HI], s[T_LO]}, 0);
    return e;
  }

  private static void fromEntropy(Entropy e, double[] s, long f) {
    double[] state = new double[Entropy.STATE_WIDTH];
    e.saveTo(state, 0);
    s[S_HI] = state[0];
    s[S_LO] = state[1];
    s[T_HI] = state[4];
    s[T_LO] = state[5];
    s[U_MODE] = -((f & ~(A_MASS | (4095L << A_EXP_SHIFT)))
        | (state[3] != 0 ? A_MASS : 0) | exponentBits(state[2], A_EXP_SHIFT));
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
      if (flags(s, U_MODE) == (IN_STAGE & ~B_MASS) && total >= LOW && total <= 0x1p398) {
        s[U_MODE] = 1;
        s[U_REF] = total;
        s[U_REF_LO] = s[S_LO]; // T = Σ wᵢ ln(S₀/wᵢ) = S·H now: nothing to convert
        s[S_HI] = 0;
        s[S_LO] = 0;
      }
      return;
    }
    double a = s[A_HI];
    double b = s[B_HI];
    if (flags(s, MODE) != IN_STAGE
        || !(a >= LOW && a <= 0x1p398 && b >= LOW && b <= 0x1p398)) {
      return;
    }
    double rho = a / b;
    if (!(rho >= 0x1p-200 && rho <= 0x1p200)) {
      return;
    }
    s[REF_B] = b;
    s[REF_B_LO] = s[B_LO];
    s[B_HI] = 0;
    s[B_LO] = 0;
    if (m == Measure.CROSS_ENTROPY) { // a stage ends when B would double; A stays whole
      s[MODE] = 1;
      return;
    }
    s[REF_A] = a;
    s[REF_A_LO] = s[A_LO];
    s[A_HI] = 0;
    s[A_LO] = 0;
    s[MODE] = rho;
    // A/B = A₀/B₀ exactly now: S = 0 and T = V (times 2√ρ for Hellinger)
    if (m == Measure.HELLINGER_DISTANCE) {
      double k = 2 * Math.sqrt(rho);
      s[V_HI] *= k;
      s[V_LO] *= k;
    }
  }

  /** Ends a running stage: V from T, the flags a stage implies. */
  private static void endStage(Measure m, double[] s) {
    if (m.unary()) {
      if (s[U_MODE] > 0) {
        double ref = s[U_REF];
        double w = s[S_HI] + s[S_LO];
        ddAdd(s, S_HI, ref); // S = S₀ + W
        s[S_LO] += s[U_REF_LO];
        // S·H = T + S ln(S/S₀) = T + S ln(1 + W/S₀)
        ddAdd(s, T_HI, s[S_HI] * Numerics.log1p(w / (ref + s[U_REF_LO])));
        s[U_MODE] = -(IN_STAGE & ~B_MASS);
      }
      return;
    }
    double rho = s[MODE];
    if (rho <= 0) {
      return;
    }
    s[MODE] = -IN_STAGE;
    double xh = s[A_HI];
    double xl = s[A_LO];
    double yh = s[B_HI];
    double yl = s[B_LO];
    ddAdd(s, B_HI, s[REF_B]); // B = B₀ + Y
    s[B_LO] += s[REF_B_LO];
    if (m == Measure.CROSS_ENTROPY) { // A·H(P, Q) = T + A ln(B/B₀) = T + A ln(1 + Y/B₀)
      ddAdd(s, V_HI, s[A_HI] * Numerics.log1p((yh + yl) / (s[REF_B] + s[REF_B_LO])));
      return;
    }
    // A/(Bρ) − 1 = (A·B₀ − B·A₀)/(B·A₀) = (X·B₀ − Y·A₀)/(B·A₀): one rounding from the stage's
    // own totals (A and B themselves carry their sums' rounding, as large as a tiny KL)
    double e = Numerics.crossDifference(s[REF_B], s[REF_B_LO], s[REF_A], s[REF_A_LO], yh, yl,
        xh, xl) / (s[B_HI] * s[REF_A]);
    ddAdd(s, A_HI, s[REF_A]); // A = A₀ + X
    s[A_LO] += s[REF_A_LO];
    subtract(s, V_HI, offset(m, s, rho, e));
    if (m == Measure.HELLINGER_DISTANCE) {
      double k = 2 * Math.sqrt(rho);
      s[V_HI] /= k;
      s[V_LO] /= k;
    }
    if (m == Measure.PSI) {
      subtract(s, R_HI, s[B_HI] * reversePhi(e));
    }
  }

  /** S, what T exceeds V by: Bρ φ(A/(Bρ)), or (√A − √(Bρ))² for Hellinger. */
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
