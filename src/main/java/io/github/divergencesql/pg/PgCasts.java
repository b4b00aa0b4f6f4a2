package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SqlTokens.Kind;
import io.github.divergencesql.pg.SqlTokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's casts for {@link PgSql} and {@link CatalogSql}: {@code x::type} and
 * {@code CAST(x AS type)} as the engine's {@code CAST} with PostgreSQL's type names mapped to its
 * own, {@code regclass}-style casts in the catalog database, and array literals
 * ({@code '{a,"b c"}'}) as {@code ARRAY[...]}.
 */
final class PgCasts {
  private PgCasts() {}

  /** Catalog columns PostgreSQL keeps as 0-based vectors (int2vector, oidvector). */
  static final Set<String> ZERO_BASED = Set.of("indkey", "indclass", "indoption",
      "indcollation", "i_indoption");
  static final Set<String> OID_CASTS = Set.of("regclass", "regtype", "regproc",
      "regprocedure", "regnamespace", "regrole", "regoper", "regconfig");
  private static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("text", "VARCHAR"), Map.entry("name", "VARCHAR"), Map.entry("varchar", "VARCHAR"),
      Map.entry("bpchar", "CHAR"), Map.entry("char", "CHAR"), Map.entry("int2vector", "VARCHAR"),
      Map.entry("oidvector", "VARCHAR"), Map.entry("pg_node_tree", "VARCHAR"),
      Map.entry("sql_identifier", "VARCHAR"), Map.entry("character_data", "VARCHAR"),
      Map.entry("yes_or_no", "VARCHAR"), Map.entry("cstring", "VARCHAR"),
      Map.entry("anyarray", "VARCHAR"), Map.entry("aclitem", "VARCHAR"),
      Map.entry("oid", "INT"), Map.entry("int4", "INT"), Map.entry("integer", "INT"),
      Map.entry("int", "INT"), Map.entry("cardinal_number", "INT"), Map.entry("xid", "BIGINT"),
      Map.entry("int2", "SMALLINT"), Map.entry("smallint", "SMALLINT"),
      Map.entry("int8", "BIGINT"), Map.entry("bigint", "BIGINT"), Map.entry("xid8", "BIGINT"),
      Map.entry("bool", "BOOLEAN"), Map.entry("boolean", "BOOLEAN"),
      Map.entry("float8", "DOUBLE PRECISION"), Map.entry("float4", "REAL"),
      Map.entry("real", "REAL"), Map.entry("numeric", "DECIMAL"), Map.entry("decimal", "DECIMAL"),
      Map.entry("timestamptz", "TIMESTAMP WITH TIME ZONE"), Map.entry("date", "DATE"),
      Map.entry("timestamp", "TIMESTAMP"), Map.entry("time", "TIME"),
      Map.entry("bytea", "VARBINARY"), Map.entry("json", "VARCHAR"),
      Map.entry("jsonb", "VARCHAR"), Map.entry("uuid", "UUID"));

  /**
   * {@code CAST(x AS type)} written as {@code (x)::type}, so that one translation of casts
   * serves both spellings.
   */
  static List<Token> castsAsColons(List<Token> tokens) {
    List<Token> in = new ArrayList<>(tokens);
    for (int i = 0; i < in.size(); i++) {
      if (!in.get(i).is("cast")) {
        continue;
      }
      int open = SqlTokens.nextSolid(in, i + 1);
      if (open >= in.size() || !in.get(open).is("(")) {
        continue;
      }
      int close = SqlTokens.closing(in, open);
      int as = SqlTokens.atTopLevel(in, open, close, "as");
      if (as < 0 || !in.get(close).is(")")) {
        continue;
      }
      List<Token> type = new ArrayList<>(in.subList(as + 1, close));
      List<Token> operand = new ArrayList<>(in.subList(open, as));
      List<Token> replaced = new ArrayList<>(operand);
      replaced.add(new Token(Kind.PUNCT, ")", ")"));
      replaced.add(new Token(Kind.PUNCT, "::", "::"));
      replaced.addAll(type);
      in.subList(i, close + 1).clear();
      in.addAll(i, replaced);
    }
    return in;
  }

  /** The index of the last token of the (possibly qualified) type name after the cast at i. */
  static int typeNameEnd(List<Token> in, int i) {
    int j = SqlTokens.nextSolid(in, i + 1);
    while (j < in.size() && in.get(j).isName()) {
      int k = SqlTokens.nextSolid(in, j + 1);
      if (k < in.size() && in.get(k).is(".")) {
        j = SqlTokens.nextSolid(in, k + 1);
      } else {
        return j;
      }
    }
    return Math.min(j, in.size() - 1);
  }

  /** {@code operand::type}: the operand already in {@code out} wrapped in a CAST. */
  static int cast(List<Token> in, int i, List<String> out, boolean catalog) {
    int j = SqlTokens.nextSolid(in, i + 1);
    StringBuilder type = new StringBuilder();
    String name = null;
    // a possibly qualified type name, then (n[, m]) and [] suffixes
    while (j < in.size()) {
      Token t = in.get(j);
      if (!t.isName()) {
        break;
      }
      name = t.value();
      int k = SqlTokens.nextSolid(in, j + 1);
      if (k < in.size() && in.get(k).is(".")) {
        j = SqlTokens.nextSolid(in, k + 1);
        continue;
      }
      j = k;
      break;
    }
    if (name == null) {
      out.add("::");
      return i;
    }
    // two-word names: double precision, character varying, timestamp with time zone
    int k = j;
    List<String> words = new ArrayList<>();
    words.add(name);
    while (k < in.size() && in.get(k).kind() == Kind.WORD && List.of("precision", "varying",
        "with", "without", "time", "zone").contains(in.get(k).value())) {
      words.add(in.get(k).value());
      k = SqlTokens.nextSolid(in, k + 1);
    }
    String modifier = "";
    if (k < in.size() && in.get(k).is("(")) {
      int close = k;
      while (close < in.size() && !in.get(close).is(")")) {
        close++;
      }
      modifier = SqlTokens.join(in.subList(k, Math.min(close + 1, in.size())));
      k = SqlTokens.nextSolid(in, close + 1);
    }
    boolean array = false;
    if (k + 1 < in.size() && in.get(k).is("[") && in.get(SqlTokens.nextSolid(in, k + 1)).is("]")) {
      array = true;
      k = SqlTokens.nextSolid(in, SqlTokens.nextSolid(in, k + 1) + 1);
    }
    int last = PgSql.previousIndex(in, k);
    int start = operandStart(out);
    String operand = String.join("", out.subList(start, out.size()));
    out.subList(start, out.size()).clear();
    String full = String.join(" ", words);
    if (catalog && name.equals("regtype") && array) {
      out.add("regtype_array(" + operand + ")"); // shown by name, as regtype[] prints
      return last;
    }
    if (catalog && !array && (mapped(name, words).equals("VARCHAR"))
        && operand.strip().matches("(?s)reg(type|class|namespace|proc)\\(.*")) {
      // x::regtype::text is the type's name
      out.add(operand.strip().replaceFirst("^reg(type|class|namespace|proc)\\(", "reg$1_out("));
      return last;
    }
    if (catalog && OID_CASTS.contains(name) && !array) {
      String function = name.equals("regprocedure") ? "regproc" : name;
      out.add(function + "(" + operand + ")");
      return last;
    }
    String mapped = words.size() > 1 ? full.toUpperCase(Locale.ROOT)
        : TYPES.getOrDefault(name, name.toUpperCase(Locale.ROOT));
    if (OID_CASTS.contains(name)) {
      mapped = "INT";
    }
    String lastName = operand.strip().replaceAll(".*[.\\s(]", "").toLowerCase(Locale.ROOT);
    if (catalog && !array && mapped.equals("VARCHAR") && ZERO_BASED.contains(lastName)) {
      out.add("int2vector_out(" + operand + ")"); // indkey::text is "1 2" in PostgreSQL
      return last;
    }
    if (array) {
      out.add("CAST(" + operand + " AS " + mapped + " ARRAY)");
    } else {
      out.add("CAST(" + operand + " AS " + mapped + modifier + ")");
    }
    return last;
  }

  private static String mapped(String name, List<String> words) {
    return words.size() > 1 ? String.join(" ", words).toUpperCase(Locale.ROOT)
        : TYPES.getOrDefault(name, name.toUpperCase(Locale.ROOT));
  }

  /** Where the operand of a {@code ::} cast starts among the translated pieces. */
  static int operandStart(List<String> out) {
    int k = out.size() - 1;
    while (k >= 0 && out.get(k).isBlank()) {
      k--;
    }
    if (k < 0) {
      return 0;
    }
    String last = out.get(k).strip();
    if (last.equals(")") || last.equals("]")) {
      char open = last.equals(")") ? '(' : '[';
      char close = last.charAt(0);
      int depth = 0;
      for (; k >= 0; k--) {
        String piece = out.get(k).strip();
        if (piece.equals(String.valueOf(close))) {
          depth++;
        } else if (piece.equals(String.valueOf(open))) {
          depth--;
          if (depth == 0) {
            break;
          }
        }
      }
      // a function name or qualified name before the parenthesis belongs to the operand
      int j = k - 1;
      while (j >= 0 && isNamePiece(out.get(j))) {
        k = j;
        j--;
        if (j >= 0 && out.get(j).equals(".")) {
          k = j;
          j--;
        } else {
          break;
        }
      }
      if (k > 0 && out.get(k - 1).strip().equalsIgnoreCase("ARRAY")) {
        k--;
      }
      return Math.max(k, 0);
    }
    // a name, possibly qualified a.b.c, or a literal, number or parameter
    while (k > 0 && out.get(k - 1).equals(".")) {
      k -= 2;
    }
    return Math.max(k, 0);
  }

  private static boolean isNamePiece(String piece) {
    return !piece.isEmpty() && (Character.isLetter(piece.charAt(0)) || piece.charAt(0) == '_'
        || piece.charAt(0) == '"');
  }

  static boolean arrayCastAfter(List<Token> in, int castIndex) {
    int j = SqlTokens.nextSolid(in, typeNameEnd(in, castIndex) + 1);
    return j < in.size() && in.get(j).is("[");
  }

  static int skipCast(List<Token> in, int castIndex) {
    int j = SqlTokens.nextSolid(in, castIndex + 1);
    while (j < in.size() && !in.get(j).is("]")) {
      j++;
    }
    return j;
  }

  /** PostgreSQL's array literal {@code {a,"b c"}} as {@code ARRAY['a', 'b c']}. */
  static String arrayLiteral(String text) {
    String s = text.strip();
    if (s.startsWith("{") && s.endsWith("}")) {
      s = s.substring(1, s.length() - 1);
    }
    List<String> items = new ArrayList<>();
    StringBuilder b = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        b.append(s.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        wasQuoted = true;
      } else if (c == ',' && !quoted) {
        items.add(item(b.toString(), wasQuoted));
        b.setLength(0);
        wasQuoted = false;
      } else {
        b.append(c);
      }
    }
    if (b.length() > 0 || wasQuoted || !items.isEmpty()) {
      items.add(item(b.toString(), wasQuoted));
    }
    return "ARRAY[" + String.join(", ", items) + "]";
  }

  private static String item(String value, boolean quoted) {
    String v = quoted ? value : value.strip();
    return !quoted && v.equalsIgnoreCase("NULL") ? "NULL" : SqlTokens.literal(v);
  }
}
