package io.github.divergencesql.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A newcomer finds each measure's tests in a class named after it: {@code KL_DIVERGENCE} (and
 * {@code KL_DIVERGENCE_BY}) in {@code KlDivergenceTest}; the binned forms in {@code BinnedTest}, the sketch-based
 * {@code APPROX_} forms in {@code ApproxTest}, the association measures in
 * {@code AssociationTest}, the two-sample tests scipy has (Mann–Whitney, Welch, Anderson–Darling,
 * Cramér–von Mises, energy distance) in {@code TwoSampleTestsTest}. Declaring a function without its test
 * class fails here; a two-sided one must extend {@link AbstractPairMeasureTest} for its own
 * constant, so it inherits the whole contract.
 */
class EveryFunctionHasItsTestTest {
  @ParameterizedTest
  @EnumSource(DivergenceFunction.class)
  void hasATestClassNamedAfterIt(DivergenceFunction f) throws Exception {
    // the keyed forms live in their measure's test, the binned ones together in BinnedTest
    String plain = f.name().startsWith("APPROX_") ? "APPROX"
        : f.shape() == DivergenceFunction.Shape.BINNED ? "BINNED"
        : f.shape() == DivergenceFunction.Shape.ASSOCIATION ? "ASSOCIATION"
        : f.name().matches("(MANN_WHITNEY_U|WELCH_T|ANDERSON_DARLING|CRAMER_VON_MISES)_.*"
            + "|ENERGY_DISTANCE") ? "TWO_SAMPLE_TESTS"
        : f.name().replaceFirst("_BY$", "");
    StringBuilder camel = new StringBuilder();
    for (String word : plain.split("_")) {
      camel.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
    }
    // in the package of its measure: core, or a room of its own
    List<Class<?>> found = new ArrayList<>();
    for (String room : new String[] {"", ".twosample", ".association"}) {
      try {
        found.add(Class.forName(getClass().getPackageName() + room + "." + camel + "Test"));
      } catch (ClassNotFoundException e) {
        // not in this room
      }
    }
    assertThat(found).as("%sTest", camel).hasSize(1);
    Class<?> test = found.get(0);
    if (f.shape() == DivergenceFunction.Shape.PAIR
        || f.shape() == DivergenceFunction.Shape.KEYED_PAIR) {
      assertThat(AbstractPairMeasureTest.class).isAssignableFrom(test);
      var constructor = test.getDeclaredConstructor();
      constructor.setAccessible(true);
      AbstractPairMeasureTest instance = (AbstractPairMeasureTest) constructor.newInstance();
      assertThat(instance.function().name()).isEqualTo(plain);
      // a function with references in homogeneity.txt runs them (each such class declares it)
      boolean runsThem = java.util.Arrays.stream(test.getMethods()).anyMatch(m ->
          m.getName().equals("agreesWithTheHomogeneityReferences"))
          || java.util.Arrays.stream(test.getDeclaredMethods()).anyMatch(m ->
          m.getName().equals("agreesWithTheHomogeneityReferences"))
          || AbstractHomogeneityTest.class.isAssignableFrom(test);
      assertThat(runsThem).as("%s runs the homogeneity.txt references", test.getSimpleName())
          .isEqualTo(io.github.divergencesql.testing.HomogeneityCases.FUNCTIONS.contains(plain));
    }
  }
}
