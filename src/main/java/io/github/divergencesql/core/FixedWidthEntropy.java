package io.github.divergencesql.core;

import static io.github.divergencesql.core.FixedWidthState.A_EXP_SHIFT;
import static io.github.divergencesql.core.FixedWidthState.A_MASS;
import static io.github.divergencesql.core.FixedWidthState.B_MASS;
import static io.github.divergencesql.core.FixedWidthState.IN_STAGE;
import static io.github.divergencesql.core.FixedWidthState.LOW;
import static io.github.divergencesql.core.FixedWidthState.ddAdd;
import static io.github.divergencesql.core.FixedWidthState.exponent;
import static io.github.divergencesql.core.FixedWidthState.exponentBits;
import static io.github.divergencesql.core.FixedWidthState.flags;
import static io.github.divergencesql.core.FixedWidthState.inStage;
import static io.github.divergencesql.core.FixedWidthState.mergedFlags;
import static io.github.divergencesql.core.FixedWidthState.rowPooled;

import io.github.divergencesql.core.FixedWidthState.Measure;

/**
 * The fixed-width state of ENTROPY: S (or the stage's W), T, the mode and S₀, as
 * {@link FixedWidthState} describes it. Not thread-safe: a state is one group's.
 */
final class FixedWidthEntropy {
  private FixedWidthEntropy() {}

  private static final int S_HI = 0;
  private static final int S_LO = 1;
  private static final int T_HI = 2;
  private static final int T_LO = 3;
  private static final int U_MODE = 4;
  /** S₀ during a stage, when S_HI, S_LO hold the stage's own total W (S = S₀ + W). */
  private static final int U_REF = 5;
  private static final int U_REF_LO = 6;

  /** Adds a row of ENTROPY; throws {@link InvalidArgumentException}. */
  static void add(Measure m, double[] s, double w) {
    double x = InvalidArgumentException.weight(m.name(), "p", w);
    if (x == 0) {
      return;
    }
    double ref = s[U_REF];
    if (s[U_MODE] > 0 && inStage(x) && s[S_HI] + x <= ref) {
      // x ≤ S₀ here: ln(S₀/x) ≥ 0, from S₀ − x exactly where x is near S₀
      ddAdd(s, T_HI, Entropy.rowTerm(x, ref, s[U_REF_LO]));
      ddAdd(s, S_HI, x);
      return;
    }
    endStage(s);
    long f = flags(s, U_MODE);
    Entropy e = entropy(s, f);
    e.absorbRow(x);
    f = rowPooled(f, x, x);
    fromEntropy(e, s, f);
    startStage(s);
  }

  /** Merges state {@code o} into {@code s} ({@code o} is changed too: its stage is ended). */
  static void merge(double[] s, double[] o) {
    endStage(s);
    endStage(o);
    long fs = flags(s, U_MODE);
    long fo = flags(o, U_MODE);
    Entropy e = entropy(s, fs);
    e.merge(entropy(o, fo));
    fromEntropy(e, s, mergedFlags(fs, fo));
    startStage(s);
  }

  /** ENTROPY's value for the state; s is unchanged. */
  static Double result(double[] s) {
    double[] c = s.clone();
    endStage(c);
    return entropy(c, flags(c, U_MODE)).stateResult();
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

  /** Starts a stage where the pooled state allows one: S₀ is the total so far. */
  private static void startStage(double[] s) {
    double total = s[S_HI];
    if (flags(s, U_MODE) == (IN_STAGE & ~B_MASS) && total >= LOW && total <= 0x1p398) {
      s[U_MODE] = 1;
      s[U_REF] = total;
      s[U_REF_LO] = s[S_LO]; // T = Σ wᵢ ln(S₀/wᵢ) = S·H now: nothing to convert
      s[S_HI] = 0;
      s[S_LO] = 0;
    }
  }

  /** Ends a running stage: S and T from the stage's W and T. */
  private static void endStage(double[] s) {
    if (s[U_MODE] > 0) {
      double ref = s[U_REF];
      double w = s[S_HI] + s[S_LO];
      ddAdd(s, S_HI, ref); // S = S₀ + W
      s[S_LO] += s[U_REF_LO];
      // S·H = T + S ln(S/S₀) = T + S ln(1 + W/S₀)
      ddAdd(s, T_HI, s[S_HI] * Numerics.log1p(w / (ref + s[U_REF_LO])));
      s[U_MODE] = -(IN_STAGE & ~B_MASS);
    }
  }
}
