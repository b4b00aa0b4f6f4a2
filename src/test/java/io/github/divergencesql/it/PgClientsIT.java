package io.github.divergencesql.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.divergencesql.testing.Postgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PostgreSQL clients of issue 23 against {@code --pg} through the {@code -all} jar, on three
 * served databases: an H2 file database with H2's upper-case names, one made with lower-case
 * names, and a Calcite model over the tests' real PostgreSQL. Each reads the catalog the server
 * builds from the database's own metadata (psql's \d commands, SQLAlchemy's inspector and
 * pandas, psqlODBC through pyodbc, pgjdbc's DatabaseMetaData, DBD::Pg, node-postgres,
 * postgres.js, knex, ruby-pg) and binds parameters as text, as arrays and as float8. The tables
 * are made here, so every expected name, type and key is known; the KL values are derived by
 * hand in {@link #klOfGroupA}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgClientsIT {
  private static final String PASSWORD = "clients-secret";
  private static final String SCHEMA = String.join("\n",
      "CREATE TABLE scores(id INTEGER, grp VARCHAR(10) NOT NULL, p DOUBLE PRECISION, "
          + "q DOUBLE PRECISION, CONSTRAINT scores_pkey PRIMARY KEY(id));",
      "CREATE TABLE grades(id INTEGER, score_id INTEGER, note VARCHAR(40), created DATE, "
          + "CONSTRAINT grades_pkey PRIMARY KEY(id), CONSTRAINT grades_score_id_fkey "
          + "FOREIGN KEY(score_id) REFERENCES scores(id));",
      "CREATE INDEX grades_score ON grades(score_id);",
      "CREATE VIEW v_scores AS SELECT grp, p, q FROM scores;",
      "COMMENT ON TABLE scores IS 'score bands';",
      "INSERT INTO scores VALUES (1, 'a', 0.1, 0.2), (2, 'a', 0.4, 0.3), (3, 'b', 0.5, 0.5), "
          + "(4, 'c', NULL, 0.9);",
      "INSERT INTO grades VALUES (1, 1, 'first', DATE '2024-01-15'), "
          + "(2, 1, 'again', DATE '2024-02-01'), (3, 3, NULL, DATE '2024-03-10');");

  private Path dir;
  private Postgres postgres;
  private final Map<String, Served> servers = new java.util.HashMap<>();

  /** A running server: the process and its port. */
  private record Served(Process process, int port, String database) {}

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    dir = temp;
    Path users = dir.resolve("users");
    Files.writeString(users, "analyst:" + PASSWORD + "\n");
    for (String naming : List.of("upper", "lower")) {
      String url = "jdbc:divergence:h2:" + dir.resolve(naming + "/demo")
          + (naming.equals("lower") ? ";DATABASE_TO_LOWER=TRUE" : "");
      try (Connection c = DriverManager.getConnection(url, "sa", "");
          Statement s = c.createStatement()) {
        for (String statement : SCHEMA.split(";\n")) {
          s.execute(statement.replaceAll(";$", ""));
        }
      }
      servers.put(naming, serve(url, users, "demo", "--user", "sa"));
    }
    postgres = Postgres.start();
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      for (String statement : SCHEMA.split(";\n")) {
        s.execute(statement.replaceAll(";$", ""));
      }
    }
    // the model's schema is named public, as the tools' catalog SQL asks for it
    Path model = dir.resolve("pg.json");
    Files.writeString(model, "{\"version\": \"1.0\", \"defaultSchema\": \"public\", "
        + "\"schemas\": [{\"name\": \"public\", \"type\": \"jdbc\", \"jdbcUrl\": \""
        + postgres.url() + "\", \"jdbcUser\": \"" + Postgres.USER + "\", \"jdbcPassword\": \""
        + Postgres.PASSWORD + "\", \"jdbcSchema\": \"public\"}]}");
    servers.put("calcite", serve("jdbc:divergence:calcite:model=" + model, users, "demo"));
  }

  private Served serve(String url, Path users, String database, String... more)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Jar.javaExecutable(), "-jar",
        Jar.path().toString(), "--pg", "0", "--url", url, "--pg-users", users.toString()));
    command.addAll(List.of(more));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8));
    String banner = out.readLine();
    assertThat(banner).as("the server's first line").isNotNull();
    Matcher m = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+) \\(users from ").matcher(banner);
    assertThat(m.find()).as(banner).isTrue();
    Jar.drain(p.getInputStream());
    return new Served(p, Integer.parseInt(m.group(1)), database);
  }

  @AfterAll
  void stop() throws Exception {
    for (Served s : servers.values()) {
      s.process().destroy();
      if (!s.process().waitFor(20, TimeUnit.SECONDS)) {
        s.process().destroyForcibly().waitFor();
      }
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  /** KL(P || Q) of group a with Laplace smoothing alpha = 1: P = (1.1, 1.4)/2.5, Q = (1.2, 1.3)/2.5. */
  private static double klOfGroupA() {
    return 0.44 * Math.log(1.1 / 1.2) + 0.56 * Math.log(1.4 / 1.3);
  }

  private static boolean h2(String served) {
    return !served.equals("calcite");
  }

  private String schema(String served) {
    return "public";
  }

  /** Runs a client program; its standard output. */
  private static String run(List<String> command, Path workingDir) throws Exception {
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    if (workingDir != null) {
      b.directory(workingDir.toFile());
    }
    b.environment().put("PGPASSWORD", PASSWORD);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"upper", "lower", "calcite"})
  void psqlDescribesTheDatabase(String served) throws Exception {
    Served s = servers.get(served);
    String out = run(List.of("psql", "-X", "-h", "127.0.0.1", "-p", String.valueOf(s.port()),
        "-U", "analyst", "-d", s.database(), "-v", "ON_ERROR_STOP=1", "--pset=pager=off",
        "-c", "\\dt", "-c", "\\d scores", "-c", "\\d grades", "-c", "\\dn", "-c", "\\l",
        "-c", "\\du", "-c", "\\dv", "-c", "\\di", "-c", "\\dt+ scores", "-c", "\\d+ grades",
        "-c", "\\df kl_divergence", "-c", "\\copy (SELECT id, grp FROM scores ORDER BY id) "
            + "to stdout csv header",
        "-c", "SELECT grp, KL_DIVERGENCE(p, q, 1) AS kl FROM scores GROUP BY grp ORDER BY grp"),
        null);
    String schema = schema(served);
    assertThat(out).containsPattern(schema + "\\s+\\| grades \\| table")
        .containsPattern(schema + "\\s+\\| scores \\| table")
        .containsPattern("grp\\s+\\| character varying\\(10\\) \\|\\s+\\| not null")
        .containsPattern("p\\s+\\| double precision")
        .containsPattern("kl_divergence \\| double precision \\| p double precision, "
            + "q double precision, alpha double precision")
        .contains("id,grp\n1,a\n2,a\n3,b\n4,c\n")
        .containsPattern(" demo +\\| analyst +\\| UTF8") // \\l
        .containsPattern(" analyst +\\|") // \\du
        .containsPattern(schema + "\\s+\\| v_scores \\| view") // \\dv
        .containsPattern("score_id +\\| integer +\\|.*\\| plain"); // \\d+ grades
    Matcher kl = Pattern.compile("\n a\\s+\\|\\s+(\\S+)").matcher(out);
    assertThat(kl.find()).as(out).isTrue();
    assertThat(Double.parseDouble(kl.group(1))).isCloseTo(klOfGroupA(), within(1e-15));
    if (h2(served)) { // keys and indexes: H2 knows them; Calcite's JDBC schema does not say
      assertThat(out).containsPattern("public \\| scores_pkey +\\| index \\| analyst \\| scores")
          .containsPattern("public \\| scores +\\| table \\| analyst .*\\| score bands")
          .contains("\"scores_pkey\" PRIMARY KEY, btree (id)")
          .contains("\"grades_score\" btree (score_id)")
          .contains("FOREIGN KEY (score_id) REFERENCES scores(id)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"upper", "lower", "calcite"})
  void pythonClientsReadTheCatalogAndBindArrays(String served) throws Exception {
    Served s = servers.get(served);
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
        : "python3";
    JsonNode out = new ObjectMapper().readTree(run(List.of(python,
        Path.of("src/test/clients/python/catalog_clients.py").toAbsolutePath().toString(),
        String.valueOf(s.port()), "analyst", PASSWORD, s.database(),
        "arrays"), null));
    assertThat(out.get("table_names").toString()).isEqualTo("[\"grades\",\"scores\"]");
    assertThat(out.get("view_names").toString()).isEqualTo("[\"v_scores\"]");
    assertThat(out.get("columns").get("scores").toString()).isEqualTo(
        "[[\"id\",\"INTEGER\",false],[\"grp\",\"VARCHAR(10)\",false],"
            + "[\"p\",\"DOUBLE_PRECISION\",true],[\"q\",\"DOUBLE_PRECISION\",true]]");
    assertThat(out.get("pandas").toString()).isEqualTo("[[1,\"a\"],[2,\"a\"],[3,\"b\"],[4,\"c\"]]");
    assertThat(out.get("odbc_tables").toString()).isEqualTo("[\"grades\",\"scores\"]");
    assertThat(out.get("odbc_columns").toString()).isEqualTo(
        "[[\"id\",\"int4\"],[\"grp\",\"varchar\"],[\"p\",\"float8\"],[\"q\",\"float8\"]]");
    assertThat(out.get("odbc_bound").toString()).isEqualTo("[[2,\"a\"]]");
    assertThat(out.get("odbc_kl").asDouble()).isCloseTo(klOfGroupA(), within(1e-15));
    if (h2(served)) {
      assertThat(out.get("pk").toString()).isEqualTo("{\"scores\":[\"id\"],\"grades\":[\"id\"]}");
      assertThat(out.get("fks").toString()).isEqualTo("[[[\"score_id\"],\"scores\",[\"id\"]]]");
      assertThat(out.get("indexes").toString()).contains("\"grades_score\"");
      assertThat(out.get("comment").asText()).isEqualTo("score bands");
      assertThat(out.get("odbc_pk").toString()).isEqualTo("[\"id\"]");
      assertThat(out.get("odbc_statistics").toString()).isEqualTo("[\"scores_pkey\"]");
      assertThat(out.get("odbc_fks").toString())
          .isEqualTo("[[\"grades\",\"score_id\",\"scores\",\"id\"]]");
    }
    // an array bound to = ANY(%s) gives the rows the same list as literals gives (over a model
    // too, where the server writes the array as an IN list)
    assertThat(out.get("any")).isEqualTo(out.get("literal"));
    assertThat(out.get("any").toString()).isEqualTo("[[1],[3],[4]]");
    assertThat(out.get("any_text").toString()).isEqualTo("[[1],[2],[4]]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"upper", "lower", "calcite"})
  void metabaseAndDbeaverCatalogSqlFindsTablesColumnsKeysAndIndexes(String served)
      throws Exception {
    Served s = servers.get(served);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port()
        + "/" + s.database() + "?user=analyst&password=" + PASSWORD)) {
      for (String tool : List.of("metabase.steps", "dbeaver.steps")) {
        String all = String.join("\n", io.github.divergencesql.testing.CatalogSteps.run(c, tool)
            .values().stream().flatMap(List::stream).toList());
        // Metabase reads the type names, DBeaver the type OIDs (1043 varchar, 701 float8)
        assertThat(all).as(tool).contains("scores").contains("grades")
            .containsPattern("(?m)grp.*(varchar|character varying|\\|1043\\|)")
            .containsPattern("(?m)\\bp\\|.*(float8|double precision|701)");
        if (h2(served)) {
          assertThat(all).as(tool).contains("scores_pkey");
        }
        if (tool.startsWith("dbeaver") && h2(served)) {
          assertThat(all).contains("PRIMARY KEY (id)")
              .contains("CREATE UNIQUE INDEX scores_pkey ON public.scores USING btree (id)");
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"upper", "lower", "calcite"})
  void isqlThroughUnixOdbc(String served) throws Exception {
    Served s = servers.get(served);
    Path ini = dir.resolve("odbc-" + served);
    Files.createDirectories(ini);
    Files.writeString(ini.resolve("odbc.ini"), "[divergence]\n"
        + "Driver=/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so\nServername=127.0.0.1\n"
        + "Port=" + s.port() + "\nDatabase=" + s.database() + "\n");
    Files.writeString(ini.resolve("odbcinst.ini"), "");
    ProcessBuilder b = new ProcessBuilder("isql", "-b", "-v", "divergence", "analyst", PASSWORD)
        .redirectErrorStream(true);
    b.environment().put("ODBCINI", ini.resolve("odbc.ini").toString());
    b.environment().put("ODBCSYSINI", ini.toString());
    Process p = b.start();
    p.getOutputStream().write(("SELECT KL_DIVERGENCE(p, q, 1) AS kl FROM scores "
        + "WHERE grp = 'a'\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Matcher kl = Pattern.compile("(0\\.00321\\d+)").matcher(out);
    assertThat(kl.find()).as(out).isTrue();
    assertThat(Double.parseDouble(kl.group(1))).isCloseTo(klOfGroupA(), within(1e-12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"upper", "lower", "calcite"})
  void pgcliCompletesTablesColumnsAndJoins(String served) throws Exception {
    Served s = servers.get(served);
    String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3"
        : "python3";
    String out = run(List.of(python, Path.of("src/test/clients/python/pgcli_completion.py")
        .toAbsolutePath().toString(), String.valueOf(s.port()), "analyst", PASSWORD,
        s.database()), null);
    Map<String, List<String>> offered = new java.util.HashMap<>();
    for (String line : out.split("\n")) {
      int arrow = line.indexOf(" -> ");
      if (arrow > 0) {
        offered.put(line.substring(0, arrow), List.of(line.substring(arrow + 4).split(",")));
      }
    }
    assertThat(offered.get("SELECT * FROM")).as(out).contains("scores", "grades", "v_scores");
    assertThat(offered.get("SELECT  FROM scores")).as(out).contains("id", "grp", "p", "q");
    assertThat(out).contains(h2(served) ? "foreignkeys grades.score_id->scores.id\n"
        : "foreignkeys \n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"upper", "lower", "calcite"})
  void pgjdbcDatabaseMetaData(String served) throws Exception {
    Served s = servers.get(served);
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + s.port()
        + "/" + s.database() + "?user=analyst&password=" + PASSWORD)) {
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, schema(served), "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertThat(tables).containsExactly("grades", "scores");
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, schema(served), "scores", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME") + " "
              + rs.getInt("DATA_TYPE"));
        }
      }
      assertThat(columns).containsExactly("id int4 4", "grp varchar 12", "p float8 8",
          "q float8 8");
      List<String> parameters = new ArrayList<>();
      try (ResultSet rs = md.getFunctionColumns(null, null, "kl_divergence", "%")) {
        while (rs.next()) {
          parameters.add(rs.getString("COLUMN_NAME") + " " + rs.getString("TYPE_NAME"));
        }
      }
      assertThat(parameters).contains("p float8", "q float8", "alpha float8");
      // from server version 11 pgjdbc lists only ordinary functions: our scalar ones
      List<String> functions = new ArrayList<>();
      try (ResultSet rs = md.getFunctions(null, null, "%kl%")) {
        while (rs.next()) {
          functions.add(rs.getString("FUNCTION_NAME"));
        }
      }
      assertThat(functions).contains("gaussian_kl").doesNotContain("kl_divergence");
      try (ResultSet rs = md.getTablePrivileges(null, schema(served), "scores")) {
        List<String> privileges = new ArrayList<>();
        while (rs.next()) {
          privileges.add(rs.getString("PRIVILEGE"));
        }
        assertThat(privileges).contains("SELECT");
      }
      if (h2(served)) {
        try (ResultSet rs = md.getPrimaryKeys(null, "public", "scores")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("COLUMN_NAME")).isEqualTo("id");
          assertThat(rs.getString("PK_NAME")).isEqualTo("scores_pkey");
        }
        try (ResultSet rs = md.getImportedKeys(null, "public", "grades")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("PKTABLE_NAME") + "." + rs.getString("PKCOLUMN_NAME") + " <- "
              + rs.getString("FKCOLUMN_NAME")).isEqualTo("scores.id <- score_id");
          assertThat(rs.next()).isFalse();
        }
        List<String> indexes = new ArrayList<>();
        try (ResultSet rs = md.getIndexInfo(null, "public", "grades", false, false)) {
          while (rs.next()) {
            indexes.add(rs.getString("INDEX_NAME") + "(" + rs.getString("COLUMN_NAME") + ")");
          }
        }
        assertThat(indexes).contains("grades_pkey(id)", "grades_score(score_id)");
      }
      try (ResultSet rs = md.getTypeInfo()) {
        List<String> types = new ArrayList<>();
        while (rs.next()) {
          types.add(rs.getString("TYPE_NAME"));
        }
        assertThat(types).contains("float8", "int4", "varchar", "numeric", "bool");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"upper", "lower", "calcite"})
  void nodePerlAndRubyClients(String served) throws Exception {
    Served s = servers.get(served);
    String port = String.valueOf(s.port());
    Path node = Path.of("src/test/clients/node").toAbsolutePath();
    JsonNode js = new ObjectMapper().readTree(run(List.of("node", "catalog.js", port, "analyst",
        PASSWORD, s.database(), "arrays"), node));
    assertThat(js.get("pgKl").asDouble()).isCloseTo(klOfGroupA(), within(1e-15));
    assertThat(js.get("pgStream").toString()).isEqualTo("[1,2,3,4]");
    assertThat(js.get("postgresJs").toString()).isEqualTo("[[2,\"a\"]]");
    assertThat(js.get("postgresJsKl").asDouble()).isCloseTo(klOfGroupA(), within(1e-15));
    assertThat(js.get("knexRows").toString()).isEqualTo("[1,2]");
    assertThat(js.get("knexHasTable").asBoolean()).isTrue();
    assertThat(js.get("knexHasColumn").asBoolean()).isTrue();
    assertThat(js.get("knexHasMissing").asBoolean()).isFalse();
    assertThat(js.get("pgAny")).isEqualTo(js.get("pgLiteral"));
    assertThat(js.get("pgAny").toString()).isEqualTo("[1,3,4]");
    assertThat(js.get("pgAnyText").toString()).isEqualTo("[1,2,4]");
    assertThat(js.get("postgresJsAny").toString()).isEqualTo("[1,3,4]");
    String perl = run(List.of("perl", Path.of("src/test/clients/perl/catalog_clients.pl")
        .toAbsolutePath().toString(), port, "analyst", PASSWORD, s.database(),
        schema(served)), null);
    assertThat(perl).contains("table grades\ntable scores\n")
        .contains("column grp character varying\n").contains("column p double precision\n");
    Matcher kl = Pattern.compile("kl (\\S+)").matcher(perl);
    assertThat(kl.find()).as(perl).isTrue();
    assertThat(Double.parseDouble(kl.group(1))).isCloseTo(klOfGroupA(), within(1e-14));
    if (h2(served)) {
      assertThat(perl).contains("pk id\n");
    }
    String ruby = run(List.of("ruby", Path.of("src/test/clients/ruby/catalog_clients.rb")
        .toAbsolutePath().toString(), port, "analyst", PASSWORD, s.database(),
        "arrays"), null);
    Matcher rubyKl = Pattern.compile("kl (\\S+)").matcher(ruby);
    assertThat(rubyKl.find()).as(ruby).isTrue();
    assertThat(Double.parseDouble(rubyKl.group(1))).isCloseTo(klOfGroupA(), within(1e-15));
    assertThat(ruby).contains("any 1,3,4");
  }
}
