package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.testing.ReferenceCases;

import org.junit.jupiter.api.Test;

/** The shared numerics near their branch points, against mpmath (60 digits). */
class NumericsTest {
  @Test
  void phi1pOnBothSidesOfTheSeriesLimit() {
    // mpmath: (1+x)*log(1+x) - x for x = mpf(float) below
    double[][] cases = {
        {1e-10, 4.9999999998333336977e-21},
        {-1e-10, 5.000000000166667031e-21},
        {0.0624, 1.9076029238103719982e-3},
        {0.0626, 1.9197278478783882636e-3},
        {-0.0626, 2.0015956191637569362e-3},
        {-0.9999, 9.9897896596280248316e-1},
        {1e6, 1.2815525373475332068e7},
    };
    for (double[] c : cases) {
      assertThat(ReferenceCases.relativeError(Numerics.phi1p(c[0]), c[1]))
          .as("phi1p(%s)", c[0]).isLessThanOrEqualTo(2e-14);
    }
    assertThat(Numerics.phi1p(-1)).isEqualTo(1.0);
    assertThat(Numerics.phi1p(0)).isEqualTo(0.0);
  }

  @Test
  void expm1MinusXOnBothSidesOfTheSeriesLimit() {
    // mpmath: exp(v) - 1 - v
    double[][] cases = {
        {1e-8, 5.0000000166666669176e-17},
        {-0.0624, 1.9070088169790203505e-3},
        {0.0626, 2.0009136864009304593e-3},
        {-50, 4.9000000000000000000e1},
        {3, 1.6085536923187667741e1},
    };
    for (double[] c : cases) {
      assertThat(ReferenceCases.relativeError(Numerics.expm1MinusX(c[0]), c[1]))
          .as("expm1MinusX(%s)", c[0]).isLessThanOrEqualTo(2e-14);
    }
  }

  @Test
  void productDifferenceIsExactForEqualProducts() {
    assertThat(Numerics.productDifference(0.1, 0.3, 0.3, 0.1)).isEqualTo(0.0);
    // 0.1·0.1 − 0.01 as doubles: the exact difference is the rounding error of 0.1·0.1
    double exact = new java.math.BigDecimal(0.1).multiply(new java.math.BigDecimal(0.1))
        .subtract(new java.math.BigDecimal(0.01)).doubleValue();
    assertThat(Numerics.productDifference(0.1, 0.1, 0.01, 1)).isEqualTo(exact);
  }
}
