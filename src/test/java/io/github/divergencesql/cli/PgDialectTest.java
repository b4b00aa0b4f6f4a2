package io.github.divergencesql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The query rewrites of {@link PgDialect}; PgServerIT runs the clients that send them. */
class PgDialectTest {
  @Test
  void aQueryWithNothingToRewriteIsTheSameInstance() {
    String sql = "SELECT KL_DIVERGENCE(p, q) FROM t WHERE s ~ '^a'";
    assertThat(PgDialect.rewrite(sql)).isSameAs(sql);
  }

  @Test
  void trailingWhiteSpaceAfterTheLastSemicolonGoes() {
    // psycopg2's hstore probe ends in ";\n": H2 answered a second, empty statement
    assertThat(PgDialect.rewrite("SELECT 1;\n")).isEqualTo("SELECT 1;");
    assertThat(PgDialect.rewrite("SELECT 1; SELECT 2 ;  \n\t")).isEqualTo("SELECT 1; SELECT 2 ;");
  }

  @Test
  void standardConformingStringsIsOn() {
    assertThat(PgDialect.rewrite("show standard_conforming_strings"))
        .isEqualTo("SELECT 'on' AS standard_conforming_strings");
    assertThat(PgDialect.rewrite("SHOW standard_conforming_strings;\n"))
        .isEqualTo("SELECT 'on' AS standard_conforming_strings");
  }

  @Test
  void psqlOperatorsAndCollationsBecomeH2s() {
    assertThat(PgDialect.rewrite("WHERE c.relname OPERATOR(pg_catalog.~) '^(t)$' "
        + "COLLATE pg_catalog.default AND x OPERATOR(pg_catalog.!~*) 'y'"))
        .isEqualTo("WHERE c.relname ~ '^(t)$' AND x !~* 'y'");
  }

  @Test
  void psqlsSchemaFiltersIgnoreCase() {
    assertThat(PgDialect.rewrite("AND n.nspname <> 'pg_catalog' AND n.nspname <> "
        + "'information_schema'")).isEqualTo("AND LOWER(n.nspname) <> 'pg_catalog' AND "
        + "LOWER(n.nspname) <> 'information_schema'");
  }

  @Test
  void pgjdbcsCurrentSchemasIsTheCurrentSchema() {
    assertThat(PgDialect.rewrite("nspname = (pg_catalog.current_schemas(true))[1]"))
        .isEqualTo("nspname = (ARRAY[CURRENT_SCHEMA])[1]");
  }

  @Test
  void psqlListFunctionsReadsInformationSchemaWithOurSignatures() {
    String df = "SELECT n.nspname as \"Schema\",\n  p.proname as \"Name\",\n"
        + "  pg_catalog.pg_get_function_result(p.oid) as \"Result data type\",\n"
        + "  ...\nWHERE p.proname OPERATOR(pg_catalog.~) '^(kl.*)$'\nORDER BY 1, 2, 4;";
    String out = PgDialect.rewrite(df);
    assertThat(out).contains("FROM information_schema.routines")
        .contains("WHEN 'KL_DIVERGENCE' THEN 'p, q [, alpha]'")
        .contains("WHEN 'ENTROPY_BY' THEN 'key, w'")
        .contains("AND routine_name ~ '^(kl.*)$'");
    assertThat(PgDialect.rewrite(df.replace("WHERE p.proname OPERATOR(pg_catalog.~) '^(kl.*)$'\n",
        ""))).doesNotContain("routine_name ~");
  }

  @Test
  void parseMessagesKeepTheirNameAndParameterTypes() {
    byte[] name = "s1\0".getBytes(StandardCharsets.UTF_8);
    byte[] sql = "SHOW standard_conforming_strings\0".getBytes(StandardCharsets.UTF_8);
    byte[] types = {0, 1, 0, 0, 2, (byte) 189}; // one parameter, float8 (701)
    ByteBuffer in = ByteBuffer.allocate(5 + name.length + sql.length + types.length);
    in.put((byte) 'P').putInt(4 + name.length + sql.length + types.length)
        .put(name).put(sql).put(types);
    byte[] out = PgDialect.rewriteMessage(in.array());
    String expected = "s1\0SELECT 'on' AS standard_conforming_strings\0";
    ByteBuffer b = ByteBuffer.wrap(out);
    assertThat((char) b.get()).isEqualTo('P');
    assertThat(b.getInt()).isEqualTo(out.length - 1);
    byte[] body = new byte[expected.length()];
    b.get(body);
    assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo(expected);
    byte[] rest = new byte[types.length];
    b.get(rest);
    assertThat(rest).containsExactly(types);
    assertThat(b.hasRemaining()).isFalse();
    byte[] bind = {'B', 0, 0, 0, 4};
    assertThat(PgDialect.rewriteMessage(bind)).isSameAs(bind);
  }
}
