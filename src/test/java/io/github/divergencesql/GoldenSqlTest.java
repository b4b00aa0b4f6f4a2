package io.github.divergencesql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.h2.H2Functions;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import net.hydromatic.quidem.Quidem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code src/test/resources/sql/divergence.iq} (Quidem) against each engine; the file's
 * expected tables are the same for both, so a pass means the engines agree. On a mismatch the
 * actual output is written to {@code target/golden/<engine>/divergence.iq} and the diff shown.
 */
class GoldenSqlTest {
  private static final Path FILE = Path.of("src/test/resources/sql/divergence.iq");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"h2", "calcite"})
  void goldenFileHoldsInEngine(String engine) throws Exception {
    String expected = Files.readString(FILE, StandardCharsets.UTF_8);
    StringWriter out = new StringWriter();
    try (Reader in = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
      Quidem.Config config = Quidem.configBuilder()
          .withReader(in)
          .withWriter(out)
          .withConnectionFactory((name, reference) -> name.equals("divergence") ? connect(engine) : null)
          .build();
      new Quidem(config).execute();
    }
    String actual = out.toString();
    if (!actual.equals(expected)) {
      Path dump = Path.of("target/golden", engine, "divergence.iq");
      Files.createDirectories(dump.getParent());
      Files.writeString(dump, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).as("golden output of %s (written to target/golden/%s)", engine, engine)
        .isEqualTo(expected);
  }

  private static Connection connect(String engine) throws Exception {
    if (engine.equals("h2")) {
      Connection c = DriverManager.getConnection("jdbc:h2:mem:");
      H2Functions.install(c);
      return c;
    }
    return DriverManager.getConnection("jdbc:calcite:model=sql/calcite/model.json");
  }

}
