package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SqlTokens.Kind;
import io.github.divergencesql.pg.SqlTokens.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL resolves an unqualified column in a join's ON condition among the tables joined so
 * far; H2 among every table of the FROM clause, so psqlODBC's foreign-key query ({@code ON
 * a1.attnum = conkey[i]}, with a {@code pg_constraint} joined after) is ambiguous there. This
 * qualifies such a column with the one source joined so far that has it, when the columns of
 * every such source are known (a catalog table, or a subquery's select list).
 */
final class JoinScope {
  /** The catalog tables' columns, read from their definitions. */
  private static final Map<String, Set<String>> TABLES = tables();
  private static final Set<String> ENDS = Set.of("where", "group", "order", "having", "limit",
      "offset", "union", "except", "intersect", "window", "fetch", "for", "returning");
  private static final Set<String> JOINS = Set.of("join", "inner", "left", "right", "full",
      "cross", "natural", "outer");

  private JoinScope() {}

  private static Map<String, Set<String>> tables() {
    Map<String, Set<String>> tables = new HashMap<>();
    try (InputStream in = JoinScope.class.getResourceAsStream("pg_catalog.sql")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("(?s)CREATE TABLE pg_catalog\\.(\\w+)\\((.*?)\\);")
          .matcher(text);
      while (m.find()) {
        Set<String> columns = new LinkedHashSet<>();
        for (String column : m.group(2).split(",")) {
          String c = column.strip();
          Matcher name = Pattern.compile("^(\\w+)\\s+[A-Z]").matcher(c);
          if (name.find() && !name.group(1).equalsIgnoreCase("PRIMARY")) {
            columns.add(name.group(1).toLowerCase(Locale.ROOT));
          }
        }
        tables.put(m.group(1), columns);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  /** A source of the FROM clause: its alias and its columns (null: not known). */
  private record Source(String alias, Set<String> columns) {}

  static List<Token> qualify(List<Token> tokens) {
    List<Token> in = new ArrayList<>(tokens);
    for (int f = 0; f < in.size(); f++) {
      if (in.get(f).is("from")) {
        fromClause(in, f + 1);
      }
    }
    return in;
  }

  private static void fromClause(List<Token> in, int start) {
    List<Source> sources = new ArrayList<>();
    int depth = 0; // grouping parentheses inside the FROM clause
    int i = start;
    while (i < in.size()) {
      Token t = in.get(i);
      if (t.kind() == Kind.SPACE) {
        i++;
        continue;
      }
      if (t.is("(")) {
        int next = SqlTokens.nextSolid(in, i + 1);
        if (next < in.size() && in.get(next).is("select")) { // a subquery: its columns
          int close = SqlTokens.closing(in, i);
          Set<String> columns = selectColumns(in, next + 1, close);
          int alias = SqlTokens.nextSolid(in, close + 1);
          if (alias < in.size() && in.get(alias).is("as")) {
            alias = SqlTokens.nextSolid(in, alias + 1);
          }
          if (alias < in.size() && in.get(alias).isName() && !isReserved(in.get(alias))) {
            sources.add(new Source(in.get(alias).value(), columns));
            i = alias + 1;
          } else {
            i = close + 1;
          }
          continue;
        }
        depth++;
        i++;
        continue;
      }
      if (t.is(")")) {
        if (depth == 0) {
          return; // the end of the enclosing query
        }
        depth--;
        i++;
        continue;
      }
      if (t.is(";") || (t.kind() == Kind.WORD && ENDS.contains(t.value()))) {
        return;
      }
      if (t.is("on")) {
        i = condition(in, i + 1, sources);
        continue;
      }
      if (t.is(",") || (t.kind() == Kind.WORD && JOINS.contains(t.value()))) {
        i++;
        continue;
      }
      if (t.isName()) { // a table, possibly qualified, and its alias
        String name = t.value();
        int j = SqlTokens.nextSolid(in, i + 1);
        while (j + 1 < in.size() && in.get(j).is(".") && in.get(j + 1).isName()) {
          name = in.get(j + 1).value();
          j = SqlTokens.nextSolid(in, j + 2);
        }
        if (j < in.size() && in.get(j).is("(")) { // a function in FROM: columns unknown
          int close = SqlTokens.closing(in, j);
          j = SqlTokens.nextSolid(in, close + 1);
          name = null;
        }
        String alias = name;
        if (j < in.size() && in.get(j).is("as")) {
          j = SqlTokens.nextSolid(in, j + 1);
        }
        if (j < in.size() && in.get(j).isName() && !isReserved(in.get(j))) {
          alias = in.get(j).value();
          j++;
        }
        sources.add(new Source(alias, name == null ? null : TABLES.get(name)));
        i = j;
        continue;
      }
      i++;
    }
  }

  /** Qualifies the ON condition starting at {@code start}; returns where it ends. */
  private static int condition(List<Token> in, int start, List<Source> sources) {
    int depth = 0;
    int i = start;
    for (; i < in.size(); i++) {
      Token t = in.get(i);
      if (t.is("(")) {
        depth++;
      } else if (t.is(")")) {
        if (depth == 0) {
          return i;
        }
        depth--;
      } else if (depth == 0 && (t.is(",") || t.is(";") || (t.kind() == Kind.WORD
          && (JOINS.contains(t.value()) || ENDS.contains(t.value()))))) {
        return i;
      } else if (t.kind() == Kind.WORD && !isReserved(t)) {
        int before = SqlTokens.previousSolid(in, i - 1);
        int after = SqlTokens.nextSolid(in, i + 1);
        if ((before >= 0 && in.get(before).is("."))
            || (after < in.size() && (in.get(after).is(".") || in.get(after).is("(")))) {
          continue;
        }
        String owner = null;
        boolean known = true;
        int matches = 0;
        for (Source s : sources) {
          if (s.columns() == null) {
            known = false;
          } else if (s.columns().contains(t.value())) {
            matches++;
            owner = s.alias();
          }
        }
        if (known && matches == 1) {
          in.set(i, new Token(Kind.PUNCT, owner + "." + t.text(), owner + "." + t.text()));
        }
      }
    }
    return i;
  }

  /** The output names of a select list in [start, end): aliases, or a column's own name. */
  private static Set<String> selectColumns(List<Token> in, int start, int end) {
    Set<String> columns = new LinkedHashSet<>();
    int depth = 0;
    String last = null;
    boolean simple = true;
    for (int i = start; i <= end; i++) {
      Token t = i < end ? in.get(i) : new Token(Kind.PUNCT, ",", ",");
      if (t.kind() == Kind.SPACE) {
        continue;
      }
      if (t.is("(")) {
        depth++;
        simple = false;
      } else if (t.is(")")) {
        depth--;
      } else if (depth == 0 && (t.is(",") || t.is("from"))) {
        if (last != null) {
          columns.add(last);
        }
        if (t.is("from")) {
          break;
        }
        last = null;
        simple = true;
      } else if (depth == 0 && t.is("as")) {
        int alias = SqlTokens.nextSolid(in, i + 1);
        if (alias < end && in.get(alias).isName()) {
          last = in.get(alias).value();
          simple = false;
          i = alias;
        }
      } else if (depth == 0 && t.isName() && simple) {
        last = t.value();
      } else if (depth == 0 && !t.is(".")) {
        simple = simple && t.isName();
      }
    }
    return columns;
  }

  private static boolean isReserved(Token t) {
    return t.kind() == Kind.WORD && (SqlKeywords.isReserved(t.value())
        || Set.of("is", "like", "ilike", "between", "any", "some", "exists", "inner", "left",
            "right", "full", "cross", "join", "on", "outer", "natural", "regexp", "interval")
            .contains(t.value()));
  }
}
