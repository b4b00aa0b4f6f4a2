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
 *
 * <p>This class is the entry point and what both layouts share (the packed flags, the
 * double-double slots); {@link FixedWidthPair} holds the two-sided layout, {@link
 * FixedWidthEntropy} ENTROPY's. Each row's term is the measure's own ({@link
 * KlDivergence#rowTerm}, {@link Psi#reverseRowTerm}, {@link CrossEntropy#rowTerm}, {@link
 * Entropy#rowTerm}), the one its accumulator's block fold uses.
 */
public final class FixedWidthState {
  private FixedWidthState() {}

  // the packed flags of a state outside a stage: bits, rows counted, exponents
  static final long A_MASS = 1;
  static final long B_MASS = 2;
  static final long INFINITE = 4;
  static final long REVERSE_INFINITE = 8;
  /** A weight outside 2^±300 was seen: every later row is pooled. */
  static final long WIDE = 16;
  static final int ROWS_SHIFT = 5;
  static final int A_EXP_SHIFT = 12;
  static final int B_EXP_SHIFT = 24;

  /** Rows pooled one by one before the first stage (the accumulators' smallest block). */
  static final int POOLED_ROWS = StreamingPairMeasure.BLOCK_FOLD_MIN;
  /** What a stage implies: both sides with mass, the first rows counted, nothing else. */
  static final long IN_STAGE = A_MASS | B_MASS | ((long) POOLED_ROWS << ROWS_SHIFT);
  /** Weights a stage takes: products and ratios of these stay far inside the double range. */
  static final double LOW = 0x1p-300;
  static final double HIGH = 0x1p300;

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

    /**
     * The fixed-width form of the plain (unsmoothed, unkeyed) call of the SQL function named
     * {@code function}, or null: each constant bears its function's name.
     */
    public static Measure of(String function) {
      for (Measure m : values()) {
        if (m.name().equals(function)) {
          return m;
        }
      }
      return null;
    }
  }

  /** Adds a row (p, q) of a two-sided measure; throws {@link InvalidArgumentException}. */
  public static void add(Measure m, double[] s, double p, double q) {
    FixedWidthPair.add(m, s, p, q);
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
    FixedWidthEntropy.add(m, s, w);
  }

  /** Merges state {@code o} into {@code s} ({@code o} is changed too: its stage is ended). */
  public static void merge(Measure m, double[] s, double[] o) {
    if (m.unary()) {
      FixedWidthEntropy.merge(s, o);
    } else {
      FixedWidthPair.merge(m, s, o);
    }
  }

  /** The measure's value for the state (NULL where the accumulator's is); s is unchanged. */
  public static Double result(Measure m, double[] s) {
    return m.unary() ? FixedWidthEntropy.result(s) : FixedWidthPair.result(m, s);
  }

  static boolean inStage(double w) {
    return w == 0 || (w >= LOW && w <= HIGH);
  }

  /** The flags of a state outside a stage. */
  static long flags(double[] s, int mode) {
    return (long) -s[mode];
  }

  /** Flags after pooling a row: one more row counted, WIDE for a weight outside 2^±300. */
  static long rowPooled(long f, double x, double y) {
    long rows = Math.min(POOLED_ROWS, ((f >>> ROWS_SHIFT) & 63) + 1);
    f = (f & ~(63L << ROWS_SHIFT)) | (rows << ROWS_SHIFT);
    return inStage(x) && inStage(y) ? f : f | WIDE;
  }

  /** The flags of two merged states, before the accumulators set mass, infinity and units. */
  static long mergedFlags(long a, long b) {
    long rows = Math.min(POOLED_ROWS, ((a >>> ROWS_SHIFT) & 63) + ((b >>> ROWS_SHIFT) & 63));
    return ((a | b) & WIDE) | (rows << ROWS_SHIFT);
  }

  /** A unit exponent, 12 bits two's complement (they stay within ±1100). */
  static int exponent(long f, int shift) {
    return (int) ((f >>> shift) & 4095) << 20 >> 20;
  }

  static long exponentBits(double e, int shift) {
    return ((long) e & 4095) << shift;
  }

  /** T − S into V, never below 0 (T ≥ S exactly; rounding may cross). */
  static void subtract(double[] s, int i, double offset) {
    ddAdd(s, i, -offset);
    if (s[i] + s[i + 1] < 0) {
      s[i] = 0;
      s[i + 1] = 0;
    }
  }

  /** s[i] + s[i + 1] += x, as {@link DoubleDouble#add(double)}. */
  static void ddAdd(double[] s, int i, double x) {
    double hi = s[i];
    double t = hi + x;
    s[i + 1] += Numerics.twoSumError(hi, x, t);
    s[i] = t;
  }
}
