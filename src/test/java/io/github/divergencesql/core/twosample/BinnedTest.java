package io.github.divergencesql.core.twosample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.testing.NumericDriftCases;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The binned forms ({@code <MEASURE>_BINNED}): the five measures against mpmath from the bin
 * counts of numeric_drift.py, with the default 10 bins and with 4 bins and α = 0.5; the binning
 * itself against numpy by hand.
 */
class BinnedTest extends AbstractTwoSampleTest {
  /** Each measure with the default 10 bins and with 4 bins and α = 0.5 (PSI: 4 bins only). */
  @Override
  Stream<Form> forms() {
    Object[][] measures = {
        {DivergenceFunction.KL_DIVERGENCE_BINNED, "KL", true},
        {DivergenceFunction.PSI_BINNED, "PSI", false},
        {DivergenceFunction.JS_DIVERGENCE_BINNED, "JS", true},
        {DivergenceFunction.HELLINGER_DISTANCE_BINNED, "HELLINGER", true},
        {DivergenceFunction.TOTAL_VARIATION_DISTANCE_BINNED, "TV", true}};
    List<Form> forms = new ArrayList<>();
    for (Object[] m : measures) {
      DivergenceFunction f = (DivergenceFunction) m[0];
      if ((Boolean) m[2]) {
        forms.add(new Form(f, List.of(), m[1] + "_BINNED(10,0.0)", 1e-12, 0.0));
      }
      forms.add(new Form(f, List.of(4, 0.5), m[1] + "_BINNED(4,0.5)", 1e-12, 0.0));
    }
    return forms.stream();
  }

  @Test
  void edgesAreNumpysLinearQuantilesAndTiesCollapse() {
    // x = 0..9: q = j/4 at positions 2.25, 4.5, 6.75 (numpy.quantile(range(10), [.25,.5,.75]))
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    assertThat(Binned.edges(x, 4)).containsExactly(2.25, 4.5, 6.75);
    // 60 % zeros: the 10 % .. 60 % quantiles are all 0 and collapse to one edge; the others to
    // the last bit as numpy 1.24 gives them: numpy.unique(numpy.quantile([0]*6 + [1, 2, 3, 4],
    // [j / 10 for j in range(1, 10)], method='linear'))
    double[] zeros = new double[10];
    zeros[6] = 1;
    zeros[7] = 2;
    zeros[8] = 3;
    zeros[9] = 4;
    assertThat(Binned.edges(zeros, 10)).containsExactly(0.0, 0.39999999999999947,
        1.2999999999999998, 2.2, 3.0999999999999996);
    // a value on an edge belongs to the bin below it: (e[i-1], e[i]]
    assertThat(Binned.counts(new double[] {2.25, 4.5}, new double[] {2.25, 2.5, 4.5, 5}))
        .containsExactly(1.0, 2.0, 1.0);
    // a one-valued reference has one edge: two bins, at or below it and above it
    assertThat(Binned.edges(new double[] {5, 5, 5}, 10)).containsExactly(5.0);
  }

  @Test
  void twoBinsByHand() {
    // x = (1, 2, 3, 4), y = (1, 1, 1, 4), 2 bins: the one edge is x's median 2.5, so
    // P = (2, 2)/4 and Q = (3, 1)/4: KL = ½ ln(2/3) + ½ ln 2 = ½ ln(4/3), TV = ¼,
    // PSI = (½ − ¾) ln(2/3) + (½ − ¼) ln 2 = ¼ ln 3
    double[][] rows = {{1, 1}, {2, 1}, {3, 1}, {4, 4}};
    double[] expected = {0.5 * Math.log(4.0 / 3), 0.25, 0.25 * Math.log(3)};
    DivergenceFunction[] fs = {DivergenceFunction.KL_DIVERGENCE_BINNED,
        DivergenceFunction.TOTAL_VARIATION_DISTANCE_BINNED, DivergenceFunction.PSI_BINNED};
    for (int i = 0; i < fs.length; i++) {
      Accumulator<?> a = fs[i].newAccumulator(3);
      for (double[] r : rows) {
        fs[i].addRow(a, r[0], r[1], 2);
      }
      assertThat((Double) a.result()).as(fs[i].name())
          .isCloseTo(expected[i], org.assertj.core.api.Assertions.within(1e-15));
    }
  }

  @Test
  void binsMustBeAnIntegerOfAtLeastTwoAndTheSameOnEveryRow() {
    DivergenceFunction f = DivergenceFunction.PSI_BINNED;
    for (Object bad : new Object[] {1, 2.5, -3, Double.NaN}) {
      assertThatThrownBy(() -> f.addRow(f.newAccumulator(3), 1.0, 2.0, bad))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("PSI_BINNED: bins must be an integer >= 2, got");
    }
    assertThatThrownBy(() -> f.addRow(f.newAccumulator(3), 1.0, 2.0, null))
        .hasMessage("PSI_BINNED: bins must not be NULL (omit the argument for 10 bins)");
    Accumulator<?> a = f.newAccumulator(3);
    f.addRow(a, 1.0, 2.0, 4);
    assertThatThrownBy(() -> f.addRow(a, 1.0, 2.0, 5)).hasMessage(
        "PSI_BINNED: bins must be the same on every row of a group (first was 4), got 5.0");
    // a row with both values NULL is no row: its bins and alpha are not read
    Accumulator<?> b = f.newAccumulator(4);
    f.addRow(b, null, null, null, null);
    assertThat(b.result()).isNull();
  }

  @Test
  void binsBeyondTheHeapAreBlamedOnBins() {
    // was: "need more memory than the JVM has to sort 1 + 1 values", which named the values
    DivergenceFunction f = DivergenceFunction.PSI_BINNED;
    Accumulator<?> a = f.newAccumulator(3);
    f.addRow(a, 1.0, 2.0, 1_000_000_000);
    assertThatThrownBy(a::result).isInstanceOf(InvalidArgumentException.class)
        .hasMessage("PSI_BINNED: bins needs more memory than the JVM has (about 56 bytes a bin): "
            + "use fewer bins or give the JVM more heap (-Xmx), got 1.0E9");
  }

  @Test
  void theReferenceTableCoversEveryCase() {
    assertThat(NumericDriftCases.CASES).hasSize(8);
  }
}
