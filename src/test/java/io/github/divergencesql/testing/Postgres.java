package io.github.divergencesql.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for the tests: Debian's {@code postgresql} package (.ci/run installs
 * it), a fresh cluster in a temporary directory, listening on 127.0.0.1 at a free port with
 * password authentication, stopped and deleted by {@link #close}. As root (CI) the server runs
 * as the {@code postgres} user, since PostgreSQL refuses to run as root. Without the package the
 * test is skipped locally and fails in CI.
 */
public final class Postgres implements AutoCloseable {
  public static final String USER = "divergence_test";
  public static final String PASSWORD = "pg-test-secret";

  private final Path dir;
  private final Process server;
  private final int port;

  private Postgres(Path dir, Process server, int port) {
    this.dir = dir;
    this.server = server;
    this.port = port;
  }

  /** Starts a server; returns when it accepts connections. */
  public static Postgres start() throws Exception {
    Path bin = findBin();
    if (System.getenv("CI") == null) {
      assumeTrue(bin != null, "PostgreSQL server binaries not installed");
    }
    assertThat(bin).as("PostgreSQL must be installed in CI (.ci/run installs it)").isNotNull();
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory(Path.of("/tmp"), "divergence-pg");
    Path pwfile = dir.resolve("pw");
    Files.writeString(pwfile, PASSWORD + "\n", StandardCharsets.UTF_8);
    if (root) {
      run(List.of("chown", "-R", "postgres", dir.toString()), false);
    }
    run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(),
        "-U", USER, "--auth=scram-sha-256", "--pwfile=" + pwfile, "-E", "UTF8", "--no-sync"),
        root);
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(bin.resolve("postgres").toString(),
        "-D", dir.resolve("data").toString(), "-p", String.valueOf(port),
        "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
        "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
    ProcessBuilder pb = new ProcessBuilder(asUser(command, root))
        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    Postgres pg = new Postgres(dir, pb.start(), port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try (Connection c = pg.connect()) {
        return pg;
      } catch (SQLException e) {
        if (System.nanoTime() > deadline || !pg.server.isAlive()) {
          String log = Files.readString(dir.resolve("server.log"));
          pg.close();
          throw new IllegalStateException("PostgreSQL did not start: " + log, e);
        }
        Thread.sleep(100);
      }
    }
  }

  public int port() {
    return port;
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}. */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url(), USER, PASSWORD);
  }

  /** A Calcite model: schema {@code pg} (the default) over this server's {@code public}. */
  public String model() {
    return "{\"version\": \"1.0\", \"defaultSchema\": \"pg\", \"schemas\": [{\"name\": \"pg\", "
        + "\"type\": \"jdbc\", \"jdbcUrl\": \"" + url() + "\", \"jdbcUser\": \"" + USER + "\", "
        + "\"jdbcPassword\": \"" + PASSWORD + "\", \"jdbcSchema\": \"public\"}]}";
  }

  @Override
  public void close() throws Exception {
    server.destroy(); // SIGTERM: PostgreSQL's smart shutdown; clients are gone by now
    if (!server.waitFor(30, TimeUnit.SECONDS)) {
      server.destroyForcibly().waitFor();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }

  private static Path findBin() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return null;
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("postgres")))
          .max(Comparator.comparing(Path::toString)).orElse(null);
    }
  }

  private static List<String> asUser(List<String> command, boolean root) {
    if (!root) {
      return command;
    }
    List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
    c.addAll(command);
    return c;
  }

  private static void run(List<String> command, boolean asPostgres) throws Exception {
    Process p = new ProcessBuilder(asUser(command, asPostgres)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
