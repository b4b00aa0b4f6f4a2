package io.github.divergencesql.pg;

import io.github.divergencesql.jdbc.SqlText;
import java.util.ArrayList;
import java.util.List;

/**
 * A script of SQL statements as {@code psql} reads one: a statement ends at a {@code ;} outside
 * string literals ({@code '...'}, {@code $$...$$}), quoted names ({@code "..."}), comments
 * ({@code --}, {@code /* *\/}) and parentheses; a line that starts with {@code !} is a sqlline
 * command. sqlline, which runs the statements, waits for a closing parenthesis or quote that
 * never comes and then drops the statement without a word, so an unbalanced script ran nothing
 * and exited 0; the command line checks the script here first and reports what is left open.
 *
 * @param complete the statements that end with {@code ;} (a last one without {@code ;} but with
 *     nothing left open is completed), in order, each with its {@code ;}
 * @param openProblem null, or what is left open at the end, e.g. {@code '(' at line 1, column 21
 *     is never closed}
 * @param openLine the line where the incomplete statement starts (1-based), or 0
 */
public record SqlScript(List<String> complete, String openProblem, int openLine) {
  /** Splits {@code text} into statements. */
  public static SqlScript parse(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    int depth = 0;
    int[] parens = new int[64]; // where each open parenthesis is, for the message
    int n = text.length();
    int i = 0;
    String open = null;
    boolean atStatementStart = true;
    while (i < n) {
      char c = text.charAt(i);
      if (atStatementStart && c == '!') { // a sqlline command: the rest of the line
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end + 1;
        statements.add(text.substring(i, end).strip());
        i = end;
        start = end;
        continue;
      }
      if (!Character.isWhitespace(c)) {
        atStatementStart = false;
      }
      if (c == '\'' || c == '"') {
        int end = SqlText.closingQuote(text, i);
        if (end < 0) {
          open = (c == '\'' ? "string literal" : "quoted name") + " opened at " + where(text, i)
              + " is never closed";
          break;
        }
        i = end + 1;
      } else if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        if (end < 0) {
          open = "comment opened at " + where(text, i) + " is never closed";
          break;
        }
        i = end + 2;
      } else if (c == '$' && SqlTokens.dollarTag(text, i) != null) {
        String tag = SqlTokens.dollarTag(text, i);
        int end = text.indexOf(tag, i + tag.length());
        if (end < 0) {
          open = tag + " string opened at " + where(text, i) + " is never closed";
          break;
        }
        i = end + tag.length();
      } else if (c == '(') {
        if (depth < parens.length) {
          parens[depth] = i;
        }
        depth++;
        i++;
      } else if (c == ')') {
        depth = Math.max(0, depth - 1);
        i++;
      } else if (c == ';' && depth == 0) {
        statements.add(text.substring(start, i + 1).strip());
        start = i + 1;
        atStatementStart = true;
        i++;
      } else {
        i++;
      }
    }
    if (open == null && depth > 0) {
      open = "'(' at " + where(text, parens[Math.min(depth, parens.length) - 1])
          + " is never closed";
    }
    String rest = text.substring(start);
    if (open == null) {
      if (!withoutLeadingComments(rest).isEmpty()) {
        statements.add(rest.strip() + ";"); // the last statement, its ';' left out
      }
      return new SqlScript(statements, null, 0);
    }
    int skipped = start;
    while (skipped < n && Character.isWhitespace(text.charAt(skipped))) {
      skipped++;
    }
    return new SqlScript(statements, open, line(text, skipped));
  }

  /** {@code statement} without the blanks and comments before its first word. */
  static String withoutLeadingComments(String statement) {
    String t = statement.strip();
    while (t.startsWith("--") || t.startsWith("/*")) {
      int end = t.startsWith("--") ? t.indexOf('\n') : t.indexOf("*/");
      t = end < 0 ? "" : t.substring(end + (t.startsWith("--") ? 1 : 2)).strip();
    }
    return t;
  }

  private static int line(String text, int index) {
    int line = 1;
    for (int i = 0; i < index && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String where(String text, int index) {
    int lineStart = text.lastIndexOf('\n', index - 1) + 1;
    return "line " + line(text, index) + ", column " + (index - lineStart + 1);
  }
}
