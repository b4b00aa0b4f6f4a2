package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SqlTokens.Kind;
import io.github.divergencesql.pg.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A client's statement in PostgreSQL's syntax, translated token by token (never inside a string
 * literal, quoted name or comment) for the engine that runs it: {@code x::type} casts as
 * {@code CAST(x AS type)} with PostgreSQL's type names ({@link PgCasts}), {@code E'...'} strings,
 * the regular expression operators ({@code ~}, {@code !~}, {@code ~*}, {@code ~~}),
 * {@code OPERATOR(...)}, {@code COLLATE}. What the catalog database runs is translated by
 * {@link CatalogSql}, which adds its own rules to these.
 */
final class PgSql {
  /** H2's reserved words (its documentation, "Keywords / Reserved Words"), quoted as aliases. */
  private static final Set<String> H2_RESERVED = Set.of("all", "and", "any", "array", "as",
      "asymmetric", "authorization", "between", "both", "case", "cast", "check", "constraint",
      "cross", "current_catalog", "current_date", "current_path", "current_role",
      "current_schema", "current_time", "current_timestamp", "current_user", "day", "default",
      "distinct", "else", "end", "except", "exists", "false", "fetch", "for", "foreign", "from",
      "full", "group", "groups", "having", "hour", "if", "ilike", "in", "inner", "intersect",
      "interval", "is", "join", "key", "leading", "left", "like", "limit", "localtime",
      "localtimestamp", "minus", "minute", "month", "natural", "not", "null", "offset", "on",
      "or", "order", "over", "partition", "primary", "qualify", "range", "regexp", "right", "row",
      "rownum", "rows", "second", "select", "session_user", "set", "some", "symmetric",
      "system_user", "table", "to", "top", "trailing", "true", "uescape", "union", "unique",
      "unknown", "user", "using", "value", "values", "when", "where", "window", "with", "year",
      "_rowid_");

  private PgSql() {}

  /** What the served engine runs for {@code sql}; {@code names} maps a quoted name. */
  static String forEngine(String sql, UnaryOperator<String> names) {
    return forEngine(sql, names, true);
  }

  /**
   * What the served engine runs for {@code sql}; {@code names} maps a quoted name; {@code h2}:
   * the regular-expression operators become H2's REGEXP (Calcite's PostgreSQL library takes
   * PostgreSQL's own).
   */
  static String forEngine(String sql, UnaryOperator<String> names, boolean h2) {
    List<Token> in = PgCasts.castsAsColons(SqlTokens.of(sql));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      Token t = in.get(i);
      if (t.kind() == Kind.QUOTED) {
        String stored = names.apply(t.value());
        out.add(stored.equals(t.value()) ? t.text() : SqlTokens.quotedName(stored));
        continue;
      }
      i = common(in, i, out, false, h2);
    }
    return String.join("", out);
  }

  /**
   * The translations both engines need, for the token at {@code i}; returns the index of the
   * last token consumed.
   */
  static int common(List<Token> in, int i, List<String> out, boolean catalog,
      boolean operators) {
    Token t = in.get(i);
    int next = SqlTokens.nextSolid(in, i + 1);
    Token after = next < in.size() ? in.get(next) : null;
    if (t.kind() == Kind.STRING && t.text().length() > 0 && t.text().charAt(0) != '\'') {
      // E'...' and $$...$$ as a standard literal
      if (after != null && after.is("::") && PgCasts.arrayCastAfter(in, next)) {
        out.add(PgCasts.arrayLiteral(t.value()));
        return PgCasts.skipCast(in, next);
      }
      out.add(SqlTokens.literal(t.value()));
      return i;
    }
    if (t.kind() == Kind.STRING && after != null && after.is("::")
        && PgCasts.arrayCastAfter(in, next)) {
      out.add(PgCasts.arrayLiteral(t.value()));
      return PgCasts.skipCast(in, next);
    }
    if (t.kind() == Kind.WORD && t.value().equals("operator") && after != null
        && after.is("(")) {
      // OPERATOR(pg_catalog.~): the operator alone
      int j = next + 1;
      StringBuilder op = new StringBuilder();
      while (j < in.size() && !in.get(j).is(")")) {
        if (in.get(j).kind() == Kind.OPERATOR) {
          op.append(in.get(j).text());
        }
        j++;
      }
      out.add(operators ? operator(op.toString(), catalog) : op.toString());
      return j;
    }
    if (t.kind() == Kind.OPERATOR) {
      out.add(operators ? operator(t.text(), catalog) : t.text());
      return i;
    }
    if (t.kind() == Kind.WORD && t.value().equals("collate") && after != null) {
      // collations: the engine's own
      int j = next;
      while (j + 2 < in.size() && in.get(j + 1).is(".")) {
        j += 2;
      }
      return j;
    }
    if (t.is("::") && after != null) {
      return PgCasts.cast(in, i, out, catalog);
    }
    int afterAlias = next < in.size() ? SqlTokens.nextSolid(in, next + 1) : in.size();
    if (t.is("as") && after != null && after.kind() == Kind.WORD
        && H2_RESERVED.contains(after.value()) && (afterAlias >= in.size()
            || List.of(",", ")", ";", "from", "where", "join", "inner", "left", "right", "full",
                "cross", "on", "group", "order", "union", "limit").stream()
                .anyMatch(in.get(afterAlias)::is))) {
      // an alias ends its item: AS select, but not CREATE TABLE t AS SELECT 1
      // PostgreSQL takes any word as an alias after AS (pgcli: AS default); H2 needs it quoted
      out.add(t.text());
      out.add(SqlTokens.join(in.subList(i + 1, next)));
      out.add(SqlTokens.quotedName(after.value()));
      return next;
    }
    out.add(t.text());
    return i;
  }

  private static String operator(String op, boolean catalog) {
    return switch (op) {
      case "~" -> " REGEXP ";
      case "!~" -> " NOT REGEXP ";
      case "~*" -> " REGEXP '(?i)' || ";
      case "!~*" -> " NOT REGEXP '(?i)' || ";
      case "~~" -> " LIKE ";
      case "!~~" -> " NOT LIKE ";
      case "~~*" -> " ILIKE ";
      case "!~~*" -> " NOT ILIKE ";
      default -> op;
    };
  }

  static int previousIndex(List<Token> in, int from) {
    int j = from - 1;
    while (j > 0 && in.get(j).kind() == Kind.SPACE) {
      j--;
    }
    return j;
  }
}
