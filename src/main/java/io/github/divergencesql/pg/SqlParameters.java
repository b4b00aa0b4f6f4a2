package io.github.divergencesql.pg;

import io.github.divergencesql.jdbc.SqlText;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL's {@code $n} parameters in a statement's text: as JDBC's {@code ?}, and those that
 * stand for an array ({@code = ANY($1)}).
 */
final class SqlParameters {
  private SqlParameters() {}

  /** The n of each {@code $n} that stands alone in {@code ANY(...)}, {@code ALL(...)} or SOME. */
  static List<Integer> arrayParameters(String sql) {
    List<SqlTokens.Token> t = new ArrayList<>();
    for (SqlTokens.Token token : SqlTokens.of(sql)) {
      if (token.kind() != SqlTokens.Kind.SPACE) {
        t.add(token);
      }
    }
    List<Integer> found = new ArrayList<>();
    for (int i = 0; i + 3 < t.size(); i++) {
      if ((t.get(i).is("any") || t.get(i).is("all") || t.get(i).is("some"))
          && t.get(i + 1).is("(") && t.get(i + 2).kind() == SqlTokens.Kind.PARAM
          && t.get(i + 3).is(")")) {
        found.add(Integer.parseInt(t.get(i + 2).value()));
      }
    }
    return found;
  }

  /**
   * {@code $n} parameters as JDBC's {@code ?}, outside literals, quoted names and comments;
   * {@code order} receives the n of each {@code ?} in the order they appear.
   */
  static String dollarParameters(String sql, List<Integer> order) {
    StringBuilder b = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int close = SqlText.closingQuote(sql, i);
        int end = close < 0 ? n : close + 1;
        b.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        b.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        b.append(sql, i, end);
        i = end;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1))
          && (i == 0 || !Character.isLetterOrDigit(sql.charAt(i - 1)))) {
        int end = i + 1;
        while (end < n && Character.isDigit(sql.charAt(end))) {
          end++;
        }
        order.add(Integer.parseInt(sql.substring(i + 1, end)));
        b.append('?');
        i = end;
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }
}
