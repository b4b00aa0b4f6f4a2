package io.github.divergencesql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.registry.DivergenceFunction;
import io.github.divergencesql.h2.H2Aggregate;
import io.github.divergencesql.h2.H2Functions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lists of functions outside the enum, {@code sql/h2/install.sql}, the H2 classes and
 * {@code sql/calcite/model.json}, name exactly the functions {@link DivergenceFunction} declares,
 * each to the class that implements it: a function added to the enum and forgotten in one of
 * them fails here.
 */
class RegistrationListsTest {
  private static final List<String> ALL =
      Arrays.stream(DivergenceFunction.values()).map(Enum::name).toList();

  @Test
  void installScriptRegistersEveryFunctionToItsClass() throws Exception {
    String script = Files.readString(Path.of("sql/h2/install.sql"));
    Map<String, String> aggregates = new LinkedHashMap<>();
    Matcher m = Pattern.compile("CREATE AGGREGATE IF NOT EXISTS (\\w+) FOR '([\\w.$]+)';")
        .matcher(script);
    while (m.find()) {
      aggregates.put(m.group(1), m.group(2));
    }
    Matcher alias = Pattern.compile("CREATE ALIAS IF NOT EXISTS (\\w+) DETERMINISTIC FOR")
        .matcher(script);
    List<String> aliases = alias.results().map(r -> r.group(1)).toList();
    assertThat(aggregates.keySet()).containsExactlyElementsOf(ALL.stream()
        .filter(n -> DivergenceFunction.valueOf(n).isAggregate()).toList());
    assertThat(aliases).containsExactlyElementsOf(ALL.stream()
        .filter(n -> !DivergenceFunction.valueOf(n).isAggregate()).toList());
    for (var e : aggregates.entrySet()) {
      H2Aggregate a = (H2Aggregate) Class.forName(e.getValue()).getConstructor().newInstance();
      assertThat(a.function().name()).as(e.getValue()).isEqualTo(e.getKey());
    }
  }

  @Test
  void everyH2ClassIsInTheInstallScript() throws IOException {
    String script = Files.readString(Path.of("sql/h2/install.sql"));
    List<String> classes = Arrays.stream(H2Functions.class.getClasses())
        .filter(H2Aggregate.class::isAssignableFrom).map(Class::getName).toList();
    assertThat(classes).hasSize((int) Arrays.stream(DivergenceFunction.values())
        .filter(DivergenceFunction::isAggregate).count());
    for (String c : classes) {
      assertThat(script).contains("'" + c + "'");
    }
  }

  @Test
  void calciteModelDeclaresEveryFunction() throws IOException {
    String model = Files.readString(Path.of("sql/calcite/model.json"));
    String list = model.substring(model.indexOf("\"functions\""));
    list = list.substring(list.indexOf('[') + 1, list.indexOf(']'));
    List<String> names = Arrays.stream(list.split(","))
        .map(s -> s.trim().replace("\"", "")).collect(Collectors.toList());
    assertThat(names).containsExactlyElementsOf(ALL);
  }
}
