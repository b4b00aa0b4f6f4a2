package io.github.divergencesql.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The token-level translation of client SQL ({@link PgSql}, {@link SetReturning},
 * {@link SqlTokens}) and the catalog it runs on ({@link PgCatalog}): text inside literals and
 * quoted names is never touched, and each PostgreSQL spelling becomes what H2 runs. The expected
 * texts are written by hand from PostgreSQL's documentation of each construct.
 */
class PgSqlTest {
  private static String catalog(String sql) {
    return CatalogSql.forCatalog(sql, "alice", "demo", "public");
  }

  @Test
  void tokensJoinBackToTheStatementExactly() {
    String sql = "SELECT E'a\\'b', $$x;y$$, \"Q\"\"n\", 1.5e-3, $1 -- c\n/* d /* e */ */ ::text";
    assertThat(SqlTokens.join(SqlTokens.of(sql))).isEqualTo(sql);
    assertThat(SqlTokens.of(sql).stream().filter(t -> t.kind() == SqlTokens.Kind.STRING)
        .map(SqlTokens.Token::value)).containsExactly("a'b", "x;y");
  }

  @Test
  void textInsideLiteralsAndQuotedNamesIsLeftAsSent() {
    String sql = "SELECT 'a OPERATOR(pg_catalog.~) b', \"x::regclass\", 'caf\u00e9 ~ E''q'''";
    assertThat(catalog(sql)).isEqualTo(sql);
    assertThat(PgSql.forEngine(sql, UnaryOperator.identity())).isEqualTo(sql);
  }

  @Test
  void postgresqlSpellingsBecomeH2s() {
    assertThat(catalog("SELECT c.relname FROM pg_catalog.pg_class c WHERE c.relname "
        + "OPERATOR(pg_catalog.~) '^(scores)$' COLLATE pg_catalog.default"))
        .isEqualTo("SELECT c.relname FROM pg_class c WHERE c.relname  REGEXP  '^(scores)$' ");
    assertThat(catalog("SELECT x::text, 'r'::\"char\", y::pg_catalog.int2[], "
        + "CAST(z AS double precision)")).isEqualTo("SELECT CAST(x AS VARCHAR), "
            + "CAST('r' AS CHAR), CAST(y AS SMALLINT ARRAY), CAST((z ) AS DOUBLE PRECISION)");
    assertThat(catalog("SELECT 1 WHERE 'r' = ANY('{r,\"v w\"}'::text[]) AND E'a\\nb' = b"))
        .isEqualTo("SELECT 1 WHERE 'r' = ANY(ARRAY['r', 'v w']) AND 'a\nb' = b");
    assertThat(catalog("SELECT n FROM information_schema.tables"))
        .isEqualTo("SELECT n FROM pg_info.tables");
  }

  @Test
  void regclassCastsAreLookupsAndANamedSelectItemShowsTheName() {
    assertThat(catalog("SELECT 1 FROM pg_class WHERE oid = 'scores'::pg_catalog.regclass"))
        .isEqualTo("SELECT 1 FROM pg_class WHERE oid = regclass('scores')");
    assertThat(catalog("SELECT conrelid::pg_catalog.regclass AS ontable FROM pg_constraint"))
        .isEqualTo("SELECT regclass_out(conrelid) AS ontable FROM pg_constraint");
    assertThat(catalog("SELECT conrelid = '16384'::regclass AS same FROM pg_constraint"))
        .isEqualTo("SELECT conrelid = regclass('16384') AS same FROM pg_constraint");
  }

  @Test
  void theSessionsUserAndSchemaAreNamedAsPostgresqlNamesThem() {
    assertThat(catalog("SELECT current_schema(), session_user, current_user AS u"))
        .isEqualTo("SELECT 'public' AS \"current_schema\", 'alice' AS \"session_user\", "
            + "'alice' AS u");
  }

  @Test
  void setReturningFunctionsInASelectListJoinOrdinals() {
    assertThat(catalog("SELECT unnest(ix.indkey) AS k, generate_subscripts(ix.indkey, 1) AS o "
        + "FROM pg_index ix WHERE a OR b")).isEqualTo("SELECT (CASE WHEN (srf0_.x) BETWEEN 1 "
            + "AND CARDINALITY((ix.indkey)) THEN ((ix.indkey))[(srf0_.x)] END) AS k, "
            + "srf0_.x AS o FROM pg_index ix , pg_info.\"_ordinals\" srf0_ WHERE srf0_.x <= "
            + "CARDINALITY(ix.indkey) AND ( a OR b)");
  }

  @Test
  void anUnqualifiedColumnInAnOnConditionIsTheOneOfTheTablesJoinedSoFar() {
    // psqlODBC's foreign keys: conkey is ref's (joined before), not cn's (joined after)
    assertThat(catalog("SELECT 1 FROM ((SELECT oid, conkey, 1 AS i FROM pg_constraint) ref "
        + "JOIN pg_attribute a1 ON a1.attnum = conkey) LEFT JOIN pg_constraint cn "
        + "ON cn.conrelid = a1.attrelid")).isEqualTo("SELECT 1 FROM ((SELECT oid, conkey, "
            + "1 AS i FROM pg_constraint) ref JOIN pg_attribute a1 ON a1.attnum = ref.conkey) "
            + "LEFT JOIN pg_constraint cn ON cn.conrelid = a1.attrelid");
  }

  @Test
  void subscriptsAreNullOutOfRangeAndVectorsCountFromZero() {
    assertThat(catalog("SELECT i.indkey[0], k.conkey[2] FROM x")).isEqualTo("SELECT (CASE WHEN "
        + "(0) + 1 BETWEEN 1 AND CARDINALITY(i.indkey) THEN (i.indkey)[(0) + 1] END), "
        + "(CASE WHEN (2) BETWEEN 1 AND CARDINALITY(k.conkey) THEN (k.conkey)[(2)] END) FROM x");
  }

  @Test
  void aBooleanColumnComparedWithTIsTrueButACharColumnIsNot() {
    assertThat(catalog("SELECT 1 FROM pg_index i, pg_class c WHERE i.indisprimary = 't' AND "
        + "c.relkind = 't' AND CASE a.attnotnull WHEN 't' THEN 1 END = 1"))
        .isEqualTo("SELECT 1 FROM pg_index i, pg_class c WHERE i.indisprimary = TRUE AND "
            + "c.relkind = 't' AND CASE a.attnotnull WHEN TRUE THEN 1 END = 1");
  }

  @Test
  void ordinarySqlForTheEngineKeepsItsMeaning() {
    // AS before a query is no alias; a keyword alias is quoted for H2
    assertThat(PgSql.forEngine("CREATE TABLE t AS SELECT 1 AS value",
        UnaryOperator.identity())).isEqualTo("CREATE TABLE t AS SELECT 1 AS \"value\"");
    assertThat(PgSql.forEngine("CREATE VIEW v AS (SELECT 1)", UnaryOperator.identity()))
        .isEqualTo("CREATE VIEW v AS (SELECT 1)");
    // the regular-expression operators: H2's REGEXP, Calcite's own
    assertThat(PgSql.forEngine("SELECT 1 WHERE a ~ 'x'", UnaryOperator.identity(), true))
        .isEqualTo("SELECT 1 WHERE a  REGEXP  'x'");
    assertThat(PgSql.forEngine("SELECT 1 WHERE a ~ 'x'", UnaryOperator.identity(), false))
        .isEqualTo("SELECT 1 WHERE a ~ 'x'");
  }

  @Test
  void aQuotedLowerCaseNameFindsTheUpperCaseTable() {
    Map<String, String> stored = Map.of("scores", "SCORES", "public", "PUBLIC");
    assertThat(PgSql.forEngine("SELECT \"p\" FROM \"public\".\"scores\" WHERE x::float8 > 0",
        n -> stored.getOrDefault(n, n))).isEqualTo(
            "SELECT \"p\" FROM \"PUBLIC\".\"SCORES\" WHERE CAST(x AS DOUBLE PRECISION) > 0");
  }

  @Test
  void theCatalogIsTheServedDatabasesOwn() throws Exception {
    try (Connection served = DriverManager.getConnection(
        "jdbc:divergence:h2:mem:pgsqltest;DB_CLOSE_DELAY=-1", "sa", "");
        Statement s = served.createStatement()) {
      s.execute("CREATE TABLE scores(id INT PRIMARY KEY, p DOUBLE PRECISION NOT NULL, "
          + "label VARCHAR(12))");
      s.execute("COMMENT ON COLUMN scores.p IS 'weight'");
      try (PgCatalog c = PgCatalog.build(served, "alice", "demo", Map.of());
          Statement q = c.connection().createStatement();
          ResultSet rs = q.executeQuery(catalog("SELECT a.attname, "
              + "pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, "
              + "pg_catalog.col_description(a.attrelid, a.attnum) FROM pg_catalog.pg_attribute a "
              + "WHERE a.attrelid = 'public.scores'::regclass AND a.attnum > 0 "
              + "ORDER BY a.attnum"))) {
        StringBuilder rows = new StringBuilder();
        while (rs.next()) {
          rows.append(rs.getString(1)).append(' ').append(rs.getString(2)).append(' ')
              .append(rs.getBoolean(3)).append(' ').append(rs.getString(4)).append('\n');
        }
        assertThat(rows.toString()).isEqualTo("id integer true null\n"
            + "p double precision true weight\nlabel character varying(12) false null\n");
        assertThat(c.storedName("scores")).isEqualTo("SCORES");
        assertThat(c.storedName("label")).isEqualTo("LABEL");
      }
    }
  }
}
