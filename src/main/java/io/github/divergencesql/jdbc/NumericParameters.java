package io.github.divergencesql.jdbc;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ?} parameters of a statement that stand for numeric arguments of our functions, so
 * that {@code ParameterMetaData} says DOUBLE (INTEGER for bins and k) where H2, which cannot type
 * a user aggregate's argument, says VARCHAR: a tool that binds by the declared type then sends a
 * number. Found by scanning the SQL as H2 reads it: string literals, quoted names and comments
 * are skipped; a {@code ?} belongs to the innermost call around it.
 */
final class NumericParameters {
  private NumericParameters() {}

  /** One function call being scanned: its name and how many arguments it has so far. */
  private static final class Call {
    final String name;
    int arguments = 1;
    boolean empty = true;

    Call(String name) {
      this.name = name;
    }
  }

  /** Where a parameter stands: a call, the argument's index, and the parameter's number. */
  private record Place(Call call, int argument, int number) {}

  /**
   * {@code ps} with its parameter metadata corrected, or {@code ps} itself when no parameter
   * stands for an argument of ours.
   */
  static PreparedStatement wrap(PreparedStatement ps, String sql, Connection connection) {
    int[] types = types(sql);
    boolean any = false;
    for (int t : types) {
      any |= t != Types.NULL;
    }
    if (!any) {
      return ps;
    }
    return (PreparedStatement) Proxy.newProxyInstance(NumericParameters.class.getClassLoader(),
        new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
          int n = a == null ? 0 : a.length;
          if (n == 0 && m.getName().equals("getParameterMetaData")) {
            return metaData(ps.getParameterMetaData(), types);
          }
          Object own = H2Connection.child(p, m, a, connection);
          if (own != H2Connection.NOT_OURS) {
            return own;
          }
          return H2Connection.call(ps, m, a);
        });
  }

  private static ParameterMetaData metaData(ParameterMetaData md, int[] types) {
    return (ParameterMetaData) Proxy.newProxyInstance(NumericParameters.class.getClassLoader(),
        new Class<?>[] {ParameterMetaData.class}, (p, m, a) -> {
          if (a != null && a.length == 1 && a[0] instanceof Integer i && i >= 1
              && i <= types.length && types[i - 1] != Types.NULL
              && md.getParameterType(i) == Types.VARCHAR) {
            boolean dbl = types[i - 1] == Types.DOUBLE;
            switch (m.getName()) {
              case "getParameterType":
                return types[i - 1];
              case "getParameterTypeName":
                return dbl ? "DOUBLE PRECISION" : "INTEGER";
              case "getParameterClassName":
                return dbl ? Double.class.getName() : Integer.class.getName();
              case "getPrecision":
                return dbl ? 53 : 32;
              case "getScale":
                return 0;
              case "isSigned":
                return true;
              default:
                break;
            }
          }
          return H2Connection.call(md, m, a);
        });
  }

  /**
   * For each {@code ?} of {@code sql} in order: {@link Types#DOUBLE} or {@link Types#INTEGER}
   * when it is a numeric argument of one of our functions, else {@link Types#NULL}.
   */
  static int[] types(String sql) {
    List<Place> places = new ArrayList<>();
    Deque<Call> calls = new ArrayDeque<>();
    String word = null; // the name just read, if the last token was one
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') { // a literal or a quoted name: skipped whole
        int end = SqlText.closingQuote(sql, i);
        end = end < 0 ? n : end;
        word = c == '"' ? sql.substring(i + 1, end) : null;
        i = end + 1;
        continue;
      }
      if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
        continue;
      }
      if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        continue;
      }
      if (c == '$' && i + 1 < n && sql.charAt(i + 1) == '$') {
        int end = sql.indexOf("$$", i + 2);
        i = end < 0 ? n : end + 2;
        word = null;
        continue;
      }
      if (Character.isLetterOrDigit(c) || c == '_') {
        int end = i;
        while (end < n && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_'
            || sql.charAt(end) == '$')) {
          end++;
        }
        word = sql.substring(i, end).toUpperCase(Locale.ROOT);
        markArgument(calls);
        i = end;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        switch (c) {
          case '(' -> {
            markArgument(calls);
            calls.push(new Call(word));
          }
          case ')' -> {
            if (!calls.isEmpty()) {
              Call done = calls.pop();
              if (done.empty) {
                done.arguments = 0;
              }
            }
          }
          case ',' -> {
            if (!calls.isEmpty()) {
              calls.peek().arguments++;
            }
          }
          case '?' -> {
            markArgument(calls);
            int end = i + 1;
            while (end < n && Character.isDigit(sql.charAt(end))) {
              end++;
            }
            // ?2: H2's numbered parameter is parameter 2 wherever it stands (and each time)
            int number = end > i + 1 ? Integer.parseInt(sql.substring(i + 1, end))
                : places.size() + 1;
            places.add(new Place(calls.peek(), calls.isEmpty() ? -1 : calls.peek().arguments - 1,
                number));
            i = end - 1;
          }
          case '.' -> {
            i++;
            continue; // schema.function: keep the word before the dot out, take the next
          }
          default -> markArgument(calls);
        }
        word = null;
      }
      i++;
    }
    int count = places.stream().mapToInt(Place::number).max().orElse(0);
    int[] types = new int[count];
    boolean[] seen = new boolean[count];
    for (Place p : places) {
      int k = p.number() - 1;
      int t = type(p);
      // a number used twice keeps a type only where both places agree
      types[k] = !seen[k] ? t : types[k] == t ? t : Types.NULL;
      seen[k] = true;
    }
    return types;
  }

  private static void markArgument(Deque<Call> calls) {
    if (!calls.isEmpty()) {
      calls.peek().empty = false;
    }
  }

  private static int type(Place place) {
    if (place.call() == null || place.call().name == null) {
      return Types.NULL;
    }
    DivergenceFunction f;
    try {
      f = DivergenceFunction.valueOf(place.call().name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Types.NULL;
    }
    int arity = place.call().arguments;
    if (!f.arities().contains(arity) || f.isKey(place.argument())) {
      return Types.NULL;
    }
    String name = f.parameters(arity).get(place.argument());
    return name.equals("bins") || name.equals("k") ? Types.INTEGER : Types.DOUBLE;
  }
}
