package io.github.divergencesql.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.core.Accumulator;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

/**
 * Every method the engines' generated code calls resolves when {@link CoreMethod} loads: a
 * rename would fail here (and at start-up) rather than when a query is first compiled.
 */
class CoreMethodTest {
  @Test
  void everyNamedMethodResolvesAndIsPublic() {
    for (CoreMethod m : CoreMethod.values()) {
      assertThat(m.method).as(m.name()).isNotNull();
      assertThat(Modifier.isPublic(m.method.getModifiers())).as(m.name()).isTrue();
    }
    assertThat(CoreMethod.NEW_ACCUMULATOR.method.getReturnType()).isEqualTo(Accumulator.class);
    assertThat(CoreMethod.RESULT.method.getReturnType()).isEqualTo(Double.class);
  }

  @Test
  void everyFunctionHasOneAddNullablePerArityTakingItsArguments() {
    int resolved = 0;
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.shape() == DivergenceFunction.Shape.SCALAR) {
        continue;
      }
      for (int arity : f.arities()) {
        Method add = CoreMethod.addNullable(f, arity);
        assertThat(add.getParameterCount()).as("%s/%d", f, arity).isEqualTo(arity);
        assertThat(add.getDeclaringClass()).as("%s/%d", f, arity)
            .isAssignableFrom(f.accumulatorClass(arity));
        resolved++;
      }
    }
    assertThat(resolved).isGreaterThan(DivergenceFunction.values().length);
    assertThatThrownBy(() -> CoreMethod.addNullable(DivergenceFunction.KL_DIVERGENCE, 7))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no 7 arguments");
  }

  @Test
  void aMethodThatIsNotThereIsAnErrorNamingIt() {
    assertThatThrownBy(() -> CoreMethod.resolve(DivergenceFunction.class, "newAccumulatr",
        int.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DivergenceFunction.newAccumulatr");
  }
}
