package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.it.Jar.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code java -jar target/divergence-sql-<version>.jar} as a user or a script runs it. */
class CliIT {
  private static final String SEED_KL = "0.0980829253011726"; // 0.1 ln(8/3), by hand

  @Test
  void helpListsTheOptionsAndExitsZero() throws Exception {
    Run r = Jar.run("--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Usage:", "-e", "--url", "--pg", "FILE.sql", "Exit codes");
    // the jar as it is built and as the user typed its path (was: divergence-sql-all.jar)
    assertThat(r.out()).startsWith("Usage: java -jar target/divergence-sql-")
        .contains("Example: java -jar target/divergence-sql-").contains("-all.jar -e");
    assertThat(r.out().lines().filter(l -> l.contains(".jar")))
        .allMatch(l -> l.contains(Jar.path().getFileName().toString()));
  }

  @Test
  void executeQueryPrintsTheTable() throws Exception {
    Run r = Jar.run("-e", "SELECT KL_DIVERGENCE(class_a, class_b) AS kl FROM grades");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("KL").contains(SEED_KL);
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void anSqlErrorExitsOneWithOurMessageAndNoStackTrace() throws Exception {
    Run r = Jar.run("-e", "SELECT PSI(n, -1) FROM traffic");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("divergence-sql: -e, line 1: PSI: q must be a finite "
        + "non-negative weight, got -1.0 (SQLSTATE 22023)\n");
  }

  @Test
  void wrongArgumentsExitTwo() throws Exception {
    assertThat(Jar.run("--no-such-option").exitCode()).isEqualTo(2);
    Run missing = Jar.run("no/such/file.sql");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("cannot read no/such/file.sql");
    Run notOurs = Jar.run("--url", "jdbc:h2:mem:x", "-e", "SELECT 1");
    assertThat(notOurs.exitCode()).isEqualTo(2);
    assertThat(notOurs.err()).contains("--url must start with jdbc:divergence:");
    assertThat(Jar.run("--pg").exitCode()).isEqualTo(2); // missing PORT
  }

  static Stream<String> examples() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("examples"))) {
      return files.map(Path::toString).filter(f -> f.endsWith(".sql")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleRunsThroughTheJar(String file) throws Exception {
    // the two weeks of events are CSV files: the file says how it runs
    Run r = file.endsWith("weeks_drift.sql") ? Jar.run("--csv", "examples/weeks", file)
        : Jar.run(file);
    assertThat(r.exitCode()).as("%s: %s", file, r.err()).isZero();
    if (!file.endsWith("tables.sql")) {
      assertThat(r.out()).as(file).contains("+--");
    }
  }

  @Test
  void aFailingStatementStopsTheFileWithExitOne(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("bad.sql");
    Files.writeString(f, "SELECT 1 AS one;\nSELECT VAE_KL(1, CAST('NaN' AS DOUBLE));\n"
        + "SELECT 2 AS two;\n");
    Run r = Jar.run(f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("ONE").doesNotContain("TWO");
    assertThat(r.err()).contains("VAE_KL: log_var must be finite, got NaN");
  }

  @Test
  void calciteOverCsvFilesThroughUrl() throws Exception {
    Run r = Jar.run("--url", "jdbc:divergence:calcite:model=examples/csv-model.json",
        "examples/csv_query.sql");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // mpmath (references.py): bands ranking kl, ab ranking psi_laplace
    assertThat(r.out()).contains("ranking").contains("0.29249128927897").contains("0.60263721207257");
  }

  @Test
  void calciteErrorsCarrySqlState22() throws Exception {
    Run r = Jar.run("--url", "jdbc:divergence:calcite:", "-e",
        "SELECT HELLINGER_DISTANCE(p, q) FROM (VALUES (1, -2)) AS t(p, q)");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("HELLINGER_DISTANCE: q must be a finite non-negative weight, "
        + "got -2.0 (SQLSTATE 22023)");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void interactiveShellHasTheExampleTables() throws Exception {
    Run r = Jar.run("SELECT ENTROPY_BY(band, n) AS h FROM traffic WHERE wk = 1;\n!quit\n",
        Map.of());
    assertThat(r.exitCode()).as(r.err()).isZero();
    // week 1: (100, 200, 400, 200, 100)/1000: −Σ p ln p = 0.2 ln 10 + 0.4 ln 5 + 0.4 ln 2.5
    double h = 0.2 * Math.log(10) + 0.4 * Math.log(5) + 0.4 * Math.log(2.5);
    assertThat(r.out()).contains(String.valueOf(h).substring(0, 15));
    assertThat(List.of(r.out().split("\n")))
        .anyMatch(l -> l.startsWith("0: jdbc:divergence:h2:mem:divergence>"));
  }

  @Test
  void formatsPipeIntoOtherTools() throws Exception {
    String sql = "SELECT class_a, KL_DIVERGENCE(class_a, class_b) OVER () AS kl, 'a,b' AS s "
        + "FROM grades ORDER BY class_a FETCH FIRST 1 ROW ONLY";
    Run csv = Jar.run("--format", "csv", "-e", sql);
    assertThat(csv.exitCode()).as(csv.err()).isZero();
    String[] lines = csv.out().strip().split("\n");
    assertThat(lines).hasSize(2);
    // numbers unquoted, text quoted only where it must be (was: every field quoted)
    assertThat(lines[0]).isEqualTo("CLASS_A,KL,S");
    assertThat(lines[1]).matches("0\\.1," + SEED_KL + "\\d*,\"a,b\"");
    Run tsv = Jar.run("--format", "tsv", "-e", sql);
    assertThat(tsv.out().strip().split("\n")[1]).matches("0\\.1\t" + SEED_KL + "\\d*\ta,b");
    // json: a plain array of row objects (was: {"resultset":[...]})
    Run json = Jar.run("--format", "json", "-e", sql);
    assertThat(json.out()).matches("\\[\\{\"CLASS_A\":0\\.1,\"KL\":" + SEED_KL
        + "\\d*,\"S\":\"a,b\"}]\n");
    Run bad = Jar.run("--format", "xml", "-e", sql);
    assertThat(bad.exitCode()).isEqualTo(2);
  }

  @Test
  void aFileDatabaseGetsUserSaUnlessNamed(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // was: the empty user became the new database's admin, locking out tools that default to sa
    String url = "jdbc:divergence:h2:" + dir.resolve("mine");
    Run r = Jar.run("--url", url, "-e", "CREATE TABLE T(P DOUBLE PRECISION)");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // a new file database keeps names in lower case: plain H2 opens it so with DATABASE_TO_LOWER
    try (var c = java.sql.DriverManager.getConnection("jdbc:h2:" + dir.resolve("mine")
            + ";DATABASE_TO_LOWER=TRUE", "sa", "");
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM T")) {
      assertThat(rs.next()).isTrue();
    }
    Run named = Jar.run("--url", url, "-n", "nobody", "-e", "SELECT 1");
    assertThat(named.exitCode()).isEqualTo(1); // the database's only user is sa
  }

  @Test
  void aRelativeModelPathAndItsDirectoryResolveAsWritten(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // was: model=csv-model.json resolved its "data" directory against /, and "." listed /
    String jar = Jar.path().toAbsolutePath().toString();
    Run fromExamples = Jar.java(List.of("-jar", jar, "--url",
        "jdbc:divergence:calcite:model=csv-model.json", "-e", "SELECT COUNT(*) AS n FROM RESULTS"),
        null, Map.of(), Path.of("examples"));
    assertThat(fromExamples.exitCode()).as(fromExamples.err()).isZero();
    assertThat(fromExamples.out()).contains("| 23 |"); // examples/data/RESULTS.csv has 23 rows
    Files.writeString(dir.resolve("here.json"), "{\"version\":\"1.0\",\"defaultSchema\":\"CSV\","
        + "\"schemas\":[{\"name\":\"CSV\",\"type\":\"custom\",\"factory\":"
        + "\"org.apache.calcite.adapter.file.FileSchemaFactory\",\"operand\":{\"directory\":\".\"}}]}");
    Files.copy(Path.of("examples/data/GRADES.csv"), dir.resolve("GRADES.csv"));
    Run dot = Jar.java(List.of("-jar", jar, "--url", "jdbc:divergence:calcite:model=here.json",
        "-e", "SELECT COUNT(*) AS n FROM GRADES"), null, Map.of(), dir);
    assertThat(dot.exitCode()).as(dot.err()).isZero();
    assertThat(dot.out()).contains("| 4 |");
  }

  @Test
  void csvFilesWithPlainHeadersAreTypedTables(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // as pandas.DataFrame.to_csv(index=False) writes it: no types in the header, an empty cell
    // for a missing value; 'value' is an SQL keyword and 'period' was a parse error in Calcite
    Files.writeString(dir.resolve("drift.csv"), "week,period,value,n,share\n"
        + "1,ref,1,10,0.1\n1,ref,2,20,0.2\n1,ref,3,70,0.7\n"
        + "2,cur,1,20,0.2\n2,cur,2,20,0.2\n2,cur,3,60,0.6\n2,cur,4,,\n");
    Run r = Jar.run("--csv", dir.toString(), "--format", "csv", "-e",
        "SELECT KL_DIVERGENCE_BY(value, CASE WHEN period = 'ref' THEN n END, "
            + "CASE WHEN period = 'cur' THEN n END) AS kl, "
            + "KL_DIVERGENCE_BY(value, CASE WHEN period = 'ref' THEN share END, "
            + "CASE WHEN period = 'cur' THEN share END) AS kl_shares, "
            + "SUM(week) AS weeks, MAX(n) + 1 AS n_plus_1 FROM drift");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // by hand: p = (.1, .2, .7), q = (.2, .2, .6): KL = .1 ln .5 + .7 ln(7/6)
    double kl = 0.1 * Math.log(0.5) + 0.7 * Math.log(7.0 / 6);
    String[] row = r.out().strip().split("\n")[1].replace("\"", "").split(",");
    assertThat(Double.parseDouble(row[0])).isCloseTo(kl,
        org.assertj.core.api.Assertions.within(1e-15));
    assertThat(Double.parseDouble(row[1])).isCloseTo(kl,
        org.assertj.core.api.Assertions.within(1e-15));
    assertThat(row[2]).isEqualTo("11"); // week is an integer column: 1+1+1+2+2+2+2
    assertThat(row[3]).isEqualTo("71");
    Run both = Jar.run("--csv", dir.toString(), "--url", "jdbc:divergence:h2:mem:x", "-e",
        "SELECT 1");
    assertThat(both.exitCode()).isEqualTo(2);

    // the same file through Calcite: CsvSchemaFactory types the columns from the data (Calcite's
    // file adapter made them text: "p must be numeric, got VARCHAR"), the Babel parser takes
    // period and value as names, and the model's relative directory is the model's folder
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(dir.resolve("models/drift.json"), "{\"version\": \"1.0\", "
        + "\"defaultSchema\": \"CSV\", \"schemas\": [{\"name\": \"CSV\", \"type\": "
        + "\"custom\", \"factory\": \"io.github.divergencesql.calcite.CsvSchemaFactory\", "
        + "\"operand\": {\"directory\": \"..\"}}]}");
    Run calcite = Jar.java(List.of("-jar", Jar.path().toAbsolutePath().toString(), "--url",
        "jdbc:divergence:calcite:model=models/drift.json", "--format", "csv", "-e",
        "SELECT KL_DIVERGENCE_BY(value, CASE WHEN period = 'ref' THEN n END, "
            + "CASE WHEN period = 'cur' THEN n END) AS kl, "
            + "KL_DIVERGENCE_BY(value, CASE WHEN period = 'ref' THEN share END, "
            + "CASE WHEN period = 'cur' THEN share END) AS kl_shares, "
            + "SUM(week) AS weeks, MAX(n) + 1 AS n_plus_1 FROM drift"), null, Map.of(), dir);
    assertThat(calcite.exitCode()).as(calcite.err()).isZero();
    String[] viaCalcite = calcite.out().strip().split("\n")[1].replace("\"", "").split(",");
    assertThat(Double.parseDouble(viaCalcite[0])).isCloseTo(kl,
        org.assertj.core.api.Assertions.within(1e-15));
    assertThat(Double.parseDouble(viaCalcite[1])).isCloseTo(kl,
        org.assertj.core.api.Assertions.within(1e-15));
    assertThat(viaCalcite[2]).isEqualTo("11");
    assertThat(viaCalcite[3]).isEqualTo("71");
  }

  @Test
  void aCsvFileThatCannotBeReadIsOneLineAndExitOne(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // was: a stack trace (a.csv beside A.csv), or a raw OutOfMemoryError for a file larger than
    // the heap
    // --csv streams each file into its table (no copy of the file in memory); a table that
    // cannot fit in the heap is one line naming the file
    Path huge = Files.createDirectory(dir.resolve("huge"));
    StringBuilder letters = new StringBuilder("x\n"); // random: H2 compresses repeats
    java.util.Random random = new java.util.Random(1);
    for (int line = 0; line < 96; line++) {
      for (int i = 0; i < 1 << 20; i++) {
        letters.append((char) ('a' + random.nextInt(26)));
      }
      letters.append('\n');
    }
    Files.writeString(huge.resolve("wide.csv"), letters);
    Run r = Jar.run(List.of("-Xmx32m"), null, Map.of(), "--csv", huge.toString(), "-e",
        "SELECT COUNT(*) FROM wide");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("divergence-sql: " + huge.resolve("wide.csv")
        + " (96 MB) does not fit in memory as a table: this JVM has 32 MB of heap (give java a "
        + "larger -Xmx)");
    Path same = Files.createDirectory(dir.resolve("same"));
    Files.writeString(same.resolve("a.csv"), "x\n1\n");
    Files.writeString(same.resolve("A.csv"), "x\n2\n");
    Run s = Jar.run("--csv", same.toString(), "-e", "SELECT 1");
    assertThat(s.exitCode()).isEqualTo(1);
    assertThat(s.err().strip()).isEqualTo("divergence-sql: A.csv and a.csv in " + same
        + " would both be table A (names are upper-cased): rename one");
  }

  @Test
  void csvIdsBeyondBigintStayExactAndDistinct(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // was: DOUBLE, so 2^53 + 1 and 2^53 were one key
    Files.writeString(dir.resolve("ids.csv"), "id,p,q\n9007199254740993,1,0\n"
        + "9007199254740992,0,1\n99999999999999999999,1,1\n");
    Run r = Jar.run("--csv", dir.toString(), "--format", "csv", "-e",
        "SELECT COUNT(DISTINCT id) AS n, KL_DIVERGENCE_BY(id, p, q) AS kl, MAX(id) AS m FROM ids");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out().strip().split("\n")[1].replace("\"", ""))
        .isEqualTo("3,Infinity,99999999999999999999");
  }

  @Test
  void anUnbalancedStatementFailsInOneLineAndExitsOne(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // was: nothing printed and exit 0 (sqlline waited for the ')' or quote, then dropped it)
    Run paren = Jar.run("-e", "SELECT KL_DIVERGENCE(class_a, class_b FROM grades");
    assertThat(paren.exitCode()).isEqualTo(1);
    assertThat(paren.err().strip()).isEqualTo("divergence-sql: -e: the statement at line 1 is "
        + "not complete: '(' at line 1, column 21 is never closed");
    Run quote = Jar.run("-e", "SELECT 'abc");
    assertThat(quote.exitCode()).isEqualTo(1);
    assertThat(quote.err()).contains("string literal opened at line 1, column 8 is never closed");
    Path f = dir.resolve("open.sql");
    Files.writeString(f, "SELECT (1;\nSELECT 2 AS two;\n");
    Run file = Jar.run(f.toString());
    assertThat(file.exitCode()).isEqualTo(1);
    assertThat(file.out()).isEmpty();
    assertThat(file.err().strip()).isEqualTo("divergence-sql: " + f + ": the statement at line "
        + "1 is not complete: '(' at line 1, column 8 is never closed");
  }

  @Test
  void continueOnErrorRunsEveryStatementAndStillExitsOne(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.sql");
    Files.writeString(f, "SELECT 1 AS one;\nSELECT VAE_KL(1, CAST('NaN' AS DOUBLE));\n"
        + "SELECT 2 AS two;\n");
    Run r = Jar.run("--continue-on-error", f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("ONE").contains("TWO");
    assertThat(r.err()).contains("VAE_KL: log_var must be finite, got NaN")
        .doesNotContain("Aborting command set");
    // without it the run stops at the error, and sqlline's note about "force" is not printed
    Run stop = Jar.run(f.toString());
    assertThat(stop.out()).doesNotContain("TWO");
    assertThat(stop.err()).doesNotContain("Aborting command set");
  }

  @Test
  void severalStatementsGiveOneResultEachInEveryFormat() throws Exception {
    String sql = "SELECT 1 AS a, 'x' AS b UNION ALL SELECT 2, NULL ORDER BY a; "
        + "CREATE TABLE t(n INT); SELECT CAST('NaN' AS DOUBLE) AS d, TRUE AS ok, '' AS e, "
        + "'tab\there' AS f";
    assertThat(Jar.run("--format", "csv", "-e", sql).out())
        .isEqualTo("A,B\n1,x\n2,\n\nD,OK,E,F\nNaN,TRUE,\"\",tab\there\n");
    assertThat(Jar.run("--format", "tsv", "-e", sql).out())
        .isEqualTo("A\tB\n1\tx\n2\t\n\nD\tOK\tE\tF\nNaN\tTRUE\t\ttab\\there\n");
    assertThat(Jar.run("--format", "json", "-e", sql).out()).isEqualTo(
        "[{\"A\":1,\"B\":\"x\"},{\"A\":2,\"B\":null}]\n"
        + "[{\"D\":\"NaN\",\"OK\":true,\"E\":\"\",\"F\":\"tab\\there\"}]\n");
    assertThat(Jar.run("--format", "jsonl", "-e", sql).out()).isEqualTo(
        "{\"A\":1,\"B\":\"x\"}\n{\"A\":2,\"B\":null}\n"
        + "{\"D\":\"NaN\",\"OK\":true,\"E\":\"\",\"F\":\"tab\\there\"}\n");
    // the table format reads as sqlline's did: NULL empty in a text column, null in a number's
    assertThat(Jar.run("-e", "SELECT CAST(NULL AS INT) AS n, CAST(NULL AS VARCHAR) AS s").out())
        .isEqualTo("+------+---+\n|  N   | S |\n+------+---+\n| null |   |\n+------+---+\n");
    // a value with a line break is as wide as its widest line, as in sqlline
    assertThat(Jar.run("-e", "SELECT 'ab' || CHAR(10) || 'c' AS s, 1 AS n").out())
        .isEqualTo("+----+---+\n| S  | N |\n+----+---+\n| ab\nc | 1 |\n+----+---+\n");
  }

  @Test
  void aMisspelledFunctionNamesTheNearestOfOurs() throws Exception {
    Run h2 = Jar.run("-e", "SELECT KL_DIVERGENCEE(class_a, class_b) FROM grades");
    assertThat(h2.exitCode()).isEqualTo(1);
    assertThat(h2.err()).isEqualTo("divergence-sql: -e, line 1: Function \"KL_DIVERGENCEE\" "
        + "not found (did you mean KL_DIVERGENCE?) (SQLSTATE 90022)\n");
    Run calcite = Jar.run("--url", "jdbc:divergence:calcite:", "-e",
        "SELECT JS_DISTANSE(p, q) FROM (VALUES (1, 2)) AS t(p, q)");
    assertThat(calcite.exitCode()).isEqualTo(1);
    assertThat(calcite.err()).contains("No match found for function signature JS_DISTANSE(")
        .endsWith("(did you mean JS_DISTANCE?)\n").doesNotContain("Error while executing");
    assertThat(calcite.err().lines()).hasSize(1);
    // far from every name of ours: no guess
    assertThat(Jar.run("-e", "SELECT FOO(1)").err()).doesNotContain("did you mean");
  }

  @Test
  void aStatementThatFailsInAFileNamesItsLine(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("job.sql");
    Files.writeString(f, "-- nightly\nSELECT 1 AS one;\n\nSELECT *\n  FROM no_such_table;\n");
    Run r = Jar.run(f.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("divergence-sql: " + f + ", line 4: Table \"NO_SUCH_TABLE\" "
        + "not found (SQLSTATE 42S02)\n");
  }

  @Test
  void sqllineCommandsInAScriptAreAnErrorSayingWhere() throws Exception {
    Run r = Jar.run("-e", "SELECT 1 AS one;\n!set outputformat csv\nSELECT 2 AS two;");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("ONE").doesNotContain("TWO");
    assertThat(r.err()).isEqualTo("divergence-sql: -e, line 2: sqlline commands such as !set "
        + "work in the interactive shell only\n");
  }

  @Test
  void whatIsMissingOrDownIsSaidInWords(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    // was: "Error: java.io.FileNotFoundException: ... (state=,code=0)" and "No current connection"
    Run missing = Jar.run("--url", "jdbc:divergence:calcite:model=" + dir.resolve("none.json"),
        "-e", "SELECT 1");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("divergence-sql: cannot connect to "
        + "jdbc:divergence:calcite:model=" + dir.resolve("none.json") + ": no such file: "
        + dir.resolve("none.json") + "\n");
    // a model whose database is down (was: RuntimeException: ... Cannot create
    // PoolableConnectionFactory)
    Path model = dir.resolve("down.json");
    Files.writeString(model, "{\"version\":\"1.0\",\"defaultSchema\":\"PG\",\"schemas\":[{"
        + "\"name\":\"PG\",\"type\":\"jdbc\",\"jdbcUrl\":\"jdbc:postgresql://127.0.0.1:9/none\","
        + "\"jdbcUser\":\"x\",\"jdbcPassword\":\"y\"}]}");
    Run down = Jar.run("--url", "jdbc:divergence:calcite:model=" + model, "-e",
        "SELECT COUNT(*) FROM t");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.err().lines()).hasSize(1);
    assertThat(down.err()).startsWith("divergence-sql: ").contains("127.0.0.1:9")
        .contains("refused").doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Za-z]+(Exception|Error)")
        .doesNotContain("PoolableConnectionFactory", "No current connection");
  }

  @Test
  void aNewFileDatabaseHasLowerCaseNamesAndKeywordColumns(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    // was: a syntax error at "value", and scores stored as SCORES
    String url = "jdbc:divergence:h2:" + dir.resolve("fresh");
    Run make = Jar.run("--url", url, "-e", "CREATE TABLE scores(value DOUBLE PRECISION, "
        + "key INT, year INT, month INT, day INT, period VARCHAR); "
        + "INSERT INTO scores VALUES (1.5, 1, 2026, 12, 4, 'ref')");
    assertThat(make.exitCode()).as(make.err()).isZero();
    Run read = Jar.run("--url", url, "--format", "csv", "-e",
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'; "
            + "SELECT value, key, year, month, day, period FROM scores");
    assertThat(read.out()).isEqualTo("table_name\nscores\n\nvalue,key,year,month,day,period\n"
        + "1.5,1,2026,12,4,ref\n");
    // quoted upper case is now a different name, as in PostgreSQL
    assertThat(Jar.run("--url", url, "-e", "SELECT * FROM \"SCORES\"").exitCode()).isEqualTo(1);

    // a database made upper case (by H2 itself, or by us before) keeps its naming
    try (var c = java.sql.DriverManager.getConnection("jdbc:h2:" + dir.resolve("old"), "sa", "");
        var s = c.createStatement()) {
      s.execute("CREATE TABLE scores(p DOUBLE PRECISION)");
      s.execute("INSERT INTO scores VALUES (0.25)");
    }
    Run old = Jar.run("--url", "jdbc:divergence:h2:" + dir.resolve("old"), "--format", "csv",
        "-e", "SELECT p, value FROM scores CROSS JOIN (SELECT 1 AS value) v");
    assertThat(old.out()).as(old.err()).isEqualTo("P,VALUE\n0.25,1\n");
    // and the URL decides when it says
    Run upper = Jar.run("--url", "jdbc:divergence:h2:" + dir.resolve("up")
        + ";DATABASE_TO_UPPER=TRUE", "--format", "csv", "-e",
        "CREATE TABLE t(v INT); SELECT table_name FROM information_schema.tables "
            + "WHERE table_schema = 'PUBLIC'");
    assertThat(upper.out()).as(upper.err()).isEqualTo("TABLE_NAME\nT\n");
  }
}
