package io.github.divergencesql.core.twosample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code KS_STATISTIC}: scipy's ks_2samp statistic on the reference cases; D by hand. */
class KsStatisticTest extends AbstractTwoSampleTest {
  @Override
  Stream<Form> forms() {
    return Stream.of(new Form(DivergenceFunction.KS_STATISTIC, "KS_STATISTIC"));
  }

  @Test
  void dWithTiesByHand() {
    // x = (1, 2, 2, 3), y = (2, 4): after 2, F_x = 3/4 and F_y = 1/2; after 1, 1/4 and 0;
    // after 3, 1 and 1/2: D = 1/2
    KsStatistic ks = new KsStatistic();
    double[][] rows = {{1, 2}, {2, 4}, {2, Double.NaN}, {3, Double.NaN}};
    for (double[] r : rows) {
      ks.addNullable(r[0], Double.isNaN(r[1]) ? null : r[1]);
    }
    assertThat(ks.result()).isEqualTo(0.5);
    assertThat(KsStatistic.statistic(new double[] {1}, new double[] {1})).isEqualTo(0.0);
  }
}
