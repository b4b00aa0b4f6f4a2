package io.github.divergencesql.pg;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the command line splits a script before sqlline runs it, and what it finds left open. */
class SqlScriptTest {
  @Test
  void statementsEndAtSemicolonsOutsideQuotesCommentsAndParentheses() {
    SqlScript s = SqlScript.parse("SELECT ';' AS a; -- a comment; not a statement\n"
        + "SELECT \"x;y\" FROM t /* ; */;\nSELECT $$a;b$$, $tag$;$tag$;\n"
        + "SELECT f(1; 2) ;\nSELECT 'it''s;'");
    assertThat(s.complete()).containsExactly("SELECT ';' AS a;",
        "-- a comment; not a statement\nSELECT \"x;y\" FROM t /* ; */;",
        "SELECT $$a;b$$, $tag$;$tag$;", "SELECT f(1; 2) ;", "SELECT 'it''s;';");
    assertThat(s.openProblem()).isNull();
  }

  @Test
  void whatIsLeftOpenIsNamedWithItsLine() {
    // was: sqlline waited for the ')' and then dropped the statement: nothing ran, exit 0
    SqlScript paren = SqlScript.parse("SELECT 1;\nSELECT (1;\nSELECT 2 AS two;\n");
    assertThat(paren.complete()).containsExactly("SELECT 1;");
    assertThat(paren.openLine()).isEqualTo(2);
    assertThat(paren.openProblem()).isEqualTo("'(' at line 2, column 8 is never closed");
    assertThat(SqlScript.parse("SELECT 'abc").openProblem())
        .isEqualTo("string literal opened at line 1, column 8 is never closed");
    assertThat(SqlScript.parse("SELECT \"abc").openProblem())
        .isEqualTo("quoted name opened at line 1, column 8 is never closed");
    assertThat(SqlScript.parse("SELECT 1 /* x").openProblem())
        .isEqualTo("comment opened at line 1, column 10 is never closed");
    assertThat(SqlScript.parse("SELECT $$x").openProblem())
        .isEqualTo("$$ string opened at line 1, column 8 is never closed");
    // the innermost open parenthesis is the one named
    assertThat(SqlScript.parse("SELECT f(g(1)\n, h(2").openProblem())
        .isEqualTo("'(' at line 2, column 4 is never closed");
  }

  @Test
  void sqllineCommandsAndTrailingCommentsPassThrough() {
    SqlScript s = SqlScript.parse("!set maxwidth 80\nSELECT 1;\n-- the end\n");
    assertThat(s.complete()).containsExactly("!set maxwidth 80", "SELECT 1;");
    assertThat(s.openProblem()).isNull();
    assertThat(SqlScript.parse("  \n-- only a comment\n/* and this */").complete()).isEmpty();
  }
}
