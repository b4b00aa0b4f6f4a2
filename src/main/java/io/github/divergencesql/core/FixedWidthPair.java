package io.github.divergencesql.core;

import static io.github.divergencesql.core.FixedWidthState.A_EXP_SHIFT;
import static io.github.divergencesql.core.FixedWidthState.A_MASS;
import static io.github.divergencesql.core.FixedWidthState.B_EXP_SHIFT;
import static io.github.divergencesql.core.FixedWidthState.B_MASS;
import static io.github.divergencesql.core.FixedWidthState.INFINITE;
import static io.github.divergencesql.core.FixedWidthState.IN_STAGE;
import static io.github.divergencesql.core.FixedWidthState.LOW;
import static io.github.divergencesql.core.FixedWidthState.REVERSE_INFINITE;
import static io.github.divergencesql.core.FixedWidthState.ddAdd;
import static io.github.divergencesql.core.FixedWidthState.exponent;
import static io.github.divergencesql.core.FixedWidthState.exponentBits;
import static io.github.divergencesql.core.FixedWidthState.flags;
import static io.github.divergencesql.core.FixedWidthState.inStage;
import static io.github.divergencesql.core.FixedWidthState.mergedFlags;
import static io.github.divergencesql.core.FixedWidthState.rowPooled;
import static io.github.divergencesql.core.FixedWidthState.subtract;

import io.github.divergencesql.core.FixedWidthState.Measure;

/**
 * The fixed-width state of the two-sided measures (KL, cross-entropy, Hellinger, PSI): its layout
 * and stages, as {@link FixedWidthState} describes them. Not thread-safe: a state is one group's.
 */
final class FixedWidthPair {
  private FixedWidthPair() {}

  // a two-sided state
  private static final int A_HI = 0;
  private static final int A_LO = 1;
  private static final int B_HI = 2;
  private static final int B_LO = 3;
  private static final int V_HI = 4;
  private static final int V_LO = 5;
  /** ρ &gt; 0 during a stage, else −(packed flags, see {@link FixedWidthState}). */
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

  /** Adds a row (p, q); throws {@link InvalidArgumentException}. */
  static void add(Measure m, double[] s, double p, double q) {
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

  /** Merges state {@code o} into {@code s} ({@code o} is changed too: its stage is ended). */
  static void merge(Measure m, double[] s, double[] o) {
    endStage(m, s);
    endStage(m, o);
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
    startStage(m, s);
  }

  /** The measure's value for the state; s is unchanged. */
  static Double result(Measure m, double[] s) {
    double[] c = s.clone();
    endStage(m, c);
    long f = flags(c, MODE);
    Double forward = pooling(m, c, f, false).stateResult();
    if (m != Measure.PSI) {
      return forward;
    }
    Double reverse = pooling(m, c, f, true).stateResult();
    return forward == null || reverse == null ? null : forward + reverse;
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
        ddAdd(s, V_HI, CrossEntropy.rowTerm(x, y, ref, s[REF_B_LO]));
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
    ddAdd(s, V_HI, KlDivergence.rowTerm(yr, r, log, d));
    if (m == Measure.PSI) {
      ddAdd(s, R_HI, Psi.reverseRowTerm(y, r, log, d));
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

}
