package io.github.divergencesql.testing;

import io.github.divergencesql.core.CrossEntropy;
import io.github.divergencesql.core.Entropy;
import io.github.divergencesql.core.HellingerDistance;
import io.github.divergencesql.core.JsDivergence;
import io.github.divergencesql.core.KlDivergence;
import io.github.divergencesql.core.Psi;
import io.github.divergencesql.core.TotalVariationDistance;

import java.util.List;
import java.util.function.BiFunction;

/**
 * The high-precision reference cases shared by the core and engine tests. Every expected value was
 * computed with mpmath 1.3.0 at 60 significant digits by
 * {@code src/test/resources/reference/references.py} from the very doubles listed here, and is
 * quoted to 20 digits; none comes from this project's code.
 */
public final class ReferenceCases {
  private ReferenceCases() {}

  /** One pair of weight vectors and the reference value of each measure (NaN: not checked). */
  public record Case(String name, double[] p, double[] q, double kl, double klReverse, double js,
      double crossEntropy, double entropy, double psi, double hellinger, double tv) {}

  public static final double INF = Double.POSITIVE_INFINITY;

  public static double[] nearIdenticalP() {
    double[] a = new double[1000];
    for (int i = 0; i < a.length; i++) {
      a[i] = (1000 + i) + ((i * 37) % 11 - 5) * 0x1p-22;
    }
    return a;
  }

  public static double[] nearIdenticalQ() {
    double[] b = new double[1000];
    for (int i = 0; i < b.length; i++) {
      b[i] = 1000 + i;
    }
    return b;
  }

  public static final List<Case> CASES = List.of(
      // The seed's grades example: the source's 0.057 and 0.048 are wrong.
      new Case("seed", new double[] {0.2, 0.3, 0.4, 0.1}, new double[] {0.1, 0.4, 0.3, 0.2},
          9.8082925301172643645e-2, 9.8082925301172643645e-2, 2.415725678117131021e-2,
          1.3779371511348401129, 1.2798542258336674693, 1.9616585060234528729e-1,
          1.5600309130857015744e-1, 2.0000000000000003331e-1),
      // Raw counts with very different totals (100 vs 10000).
      new Case("counts", new double[] {10, 20, 30, 40}, new double[] {1500, 2500, 3000, 3000},
          2.9897607907053981625e-2, 3.0301032309242818007e-2, 7.4923766362418303625e-3,
          1.3097518337407214488, 1.2798542258336674672, 6.0198640216296799631e-2,
          8.6651910521849815379e-2, 1.0e-1),
      new Case("zeroBins", new double[] {0.5, 0.5, 0.0}, new double[] {0.25, 0.25, 0.5},
          6.9314718055994530942e-1, INF, 2.1576155433883569558e-1,
          1.3862943611198906188, 6.9314718055994530942e-1, INF,
          5.411961001461969844e-1, 5.0e-1),
      new Case("tiny", new double[] {1e-300, 2e-300, 3e-300}, new double[] {3e-300, 2e-300, 1e-300},
          3.6620409622270326912e-1, 3.6620409622270326912e-1, 8.7208023960757981546e-2,
          1.377608360930054979, 1.0114042647073517098, 7.3240819244540653824e-1,
          2.9885849072268452344e-1, 3.3333333333333335175e-1),
      new Case("huge", new double[] {1e15, 2e15 + 1, 3e15}, new double[] {3e15, 2e15, 1e15 + 7},
          3.662040962227008361e-1, 3.6620409622270152151e-1, 8.7208023960757510278e-2,
          1.3776083609300525693, 1.0114042647073517332, 7.3240819244540235761e-1,
          2.9885849072268369398e-1, 3.3333333333333277778e-1),
      new Case("dominant", new double[] {1.0, 1e-15, 2e-15, 3e-15},
          new double[] {1.0, 3e-15, 2e-15, 1e-15},
          2.1972245773362056739e-15, 2.1972245773362056739e-15, 5.2324814376454457776e-16,
          2.1074775171967486679e-13, 2.0855052714233866111e-13, 4.3944491546724113478e-15,
          2.3149479148832745876e-8, 1.999999999999987761e-15),
      // 1000 outcomes, p and q equal up to ~2e-9 relative; scipy 1.17.1 entropy(q, p) gives
      // -2.36e-18 here, entropy(p, q) gives 2.6e-18 (20 times too large).
      new Case("nearIdentical", nearIdenticalP(), nearIdenticalQ(),
          1.3154117783179772927e-19, 1.315411778318655046e-19, 3.2885294457957904232e-20,
          6.8890115252299918291, 6.889011525229991829, 2.6308235566366323386e-19,
          1.8134302980252068192e-10, 2.1688863010932830786e-10));

  /** A measure as a function of two weight vectors, for tables of tests. */
  public record Measure(String name, BiFunction<double[], double[], Double> of) {}

  public static final List<Measure> MEASURES = List.of(
      new Measure("KL_DIVERGENCE", KlDivergence::of),
      new Measure("KL_DIVERGENCE reversed", (p, q) -> KlDivergence.of(q, p)),
      new Measure("JS_DIVERGENCE", JsDivergence::of),
      new Measure("CROSS_ENTROPY", CrossEntropy::of),
      new Measure("ENTROPY", (p, q) -> Entropy.of(p)),
      new Measure("PSI", Psi::of),
      new Measure("HELLINGER_DISTANCE", HellingerDistance::of),
      new Measure("TOTAL_VARIATION_DISTANCE", TotalVariationDistance::of));

  public static double expected(Case c, String measure) {
    return switch (measure) {
      case "KL_DIVERGENCE" -> c.kl();
      case "KL_DIVERGENCE reversed" -> c.klReverse();
      case "JS_DIVERGENCE" -> c.js();
      case "CROSS_ENTROPY" -> c.crossEntropy();
      case "ENTROPY" -> c.entropy();
      case "PSI" -> c.psi();
      case "HELLINGER_DISTANCE" -> c.hellinger();
      case "TOTAL_VARIATION_DISTANCE" -> c.tv();
      default -> throw new IllegalArgumentException(measure);
    };
  }

  public static double relativeError(double actual, double expected) {
    if (actual == expected) {
      return 0;
    }
    return Math.abs(actual - expected) / Math.abs(expected);
  }
}
