package io.github.divergencesql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file database opened through the driver keeps every commit it acknowledged when its process
 * is killed (kill -9, no shutdown hook): H2's default 500 ms write delay lost 12,500 rows so.
 * A child JVM inserts rows in autocommit, printing each id after its commit returned; the test
 * kills it mid-workload, reopens the database and finds every printed id. Three rounds.
 */
class DurableCommitsTest {
  @TempDir
  Path dir;

  /** The workload: {@code java … DurableCommitsTest$Workload URL FIRST_ID}. */
  public static final class Workload {
    public static void main(String[] args) throws SQLException {
      try (Connection c = DriverManager.getConnection(args[0], "sa", "")) {
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TABLE IF NOT EXISTS ACKED(ID INT PRIMARY KEY, P DOUBLE PRECISION)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO ACKED VALUES (?, ?)")) {
          for (int id = Integer.parseInt(args[1]); ; id++) {
            insert.setInt(1, id);
            insert.setDouble(2, id * 0.5);
            insert.executeUpdate(); // autocommit: acknowledged when it returns
            System.out.println(id);
            System.out.flush();
          }
        }
      }
    }
  }

  @Test
  void acknowledgedCommitsSurviveKill9() throws Exception {
    String url = "jdbc:divergence:h2:" + dir.resolve("crash");
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Set<Integer> acknowledged = new HashSet<>();
    int next = 0;
    for (int round = 0; round < 3; round++) {
      Process p = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classpath,
          Workload.class.getName(), url, String.valueOf(next)))
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      int seen = 0;
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        // kill it mid-stream: after 2,000 commits of this round, at an arbitrary point
        while (seen < 2000 + 137 * round && System.nanoTime() < deadline
            && (line = out.readLine()) != null) {
          int id = Integer.parseInt(line.trim());
          acknowledged.add(id);
          next = Math.max(next, id + 1);
          seen++;
        }
        p.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook, no close; our end stays open
        p.waitFor(30, TimeUnit.SECONDS);
        while ((line = out.readLine()) != null) { // acknowledged before the kill landed
          int id = Integer.parseInt(line.trim());
          acknowledged.add(id);
          next = Math.max(next, id + 1);
        }
      }
      assertThat(seen).as("round %d committed rows", round).isGreaterThan(100);
      Set<Integer> stored = new HashSet<>();
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT ID FROM ACKED")) {
        while (rs.next()) {
          stored.add(rs.getInt(1));
        }
      }
      Set<Integer> lost = new HashSet<>(acknowledged);
      lost.removeAll(stored);
      assertThat(lost).as("round %d: acknowledged commits lost (of %d)", round,
          acknowledged.size()).isEmpty();
      next = Math.max(next, stored.stream().mapToInt(Integer::intValue).max().orElse(-1) + 1);
    }
    assertThat(new File(dir.resolve("crash.mv.db").toString())).exists();
  }
}
