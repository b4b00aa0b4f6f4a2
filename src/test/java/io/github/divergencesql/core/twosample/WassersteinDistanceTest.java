package io.github.divergencesql.core.twosample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code WASSERSTEIN_DISTANCE}: scipy's wasserstein_distance on the reference cases; by hand. */
class WassersteinDistanceTest extends AbstractTwoSampleTest {
  @Override
  Stream<Form> forms() {
    return Stream.of(new Form(DivergenceFunction.WASSERSTEIN_DISTANCE, "WASSERSTEIN_DISTANCE"));
  }

  @Test
  void aShiftIsItsDistance() {
    // y = x + 3: every unit of mass moves 3
    WassersteinDistance w = new WassersteinDistance();
    for (double v : new double[] {0, 1, 1, 7.5}) {
      w.addNullable(v, v + 3);
    }
    assertThat(w.result()).isEqualTo(3.0);
  }
}
