package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.divergencesql.pg.PgUsers;
import io.github.divergencesql.pg.PgWireServer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * node-postgres and pg-query-stream (versions pinned in src/test/clients/node/package-lock.json;
 * .ci/run installs them with {@code npm ci}) against our PostgreSQL-protocol server over a
 * Calcite connection: a parameter sent as text with no declared type, a query without
 * parameters, an error's SQLSTATE, rows streamed through a portal three at a time.
 */
class PgNodeClientIT {
  @Test
  void nodePostgresBindsTextAndStreamsRows() throws Exception {
    Path dir = Path.of("src/test/clients/node").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules/pg"))) {
      assertThat(System.getenv("CI")).as("npm ci must have run in " + dir + " (.ci/run)").isNull();
      return;
    }
    try (PgWireServer server = new PgWireServer(new PgWireServer.Config(
        InetAddress.getLoopbackAddress(), 0, "jdbc:divergence:calcite:", new Properties(),
        PgUsers.parse("node:node-secret", "test"), 8, 10, 60, 0))) {
      ProcessBuilder pb = new ProcessBuilder("node", "clients.js").directory(dir.toFile())
          .redirectErrorStream(true);
      pb.environment().putAll(java.util.Map.of("PGHOST", "127.0.0.1",
          "PGPORT", String.valueOf(server.port()), "PGUSER", "node",
          "PGPASSWORD", "node-secret", "PGDATABASE", "drift"));
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      String[] lines = out.strip().split("\n");
      // by hand, as TextBoundConstantsTest: the seed example smoothed by 1, and plain 0.1 ln(8/3)
      double smoothed = 1.2 / 5 * Math.log(1.2 / 1.1) + 1.3 / 5 * Math.log(1.3 / 1.4)
          + 1.4 / 5 * Math.log(1.4 / 1.3) + 1.1 / 5 * Math.log(1.1 / 1.2);
      assertThat(lines[0]).startsWith("smoothed ");
      assertThat(Double.parseDouble(lines[0].substring(9))).isCloseTo(smoothed, within(1e-15));
      assertThat(Double.parseDouble(lines[1].substring(6)))
          .isCloseTo(0.1 * Math.log(8.0 / 3), within(1e-16));
      // -1 bound as text is a weight: refused as text, 22018 (weights are never read from text)
      assertThat(lines[2]).startsWith("error 22018 ").contains("KL_DIVERGENCE: q must be numeric");
      assertThat(lines[3]).isEqualTo("stream 55"); // 1 + 2 + ... + 10
    }
  }
}
