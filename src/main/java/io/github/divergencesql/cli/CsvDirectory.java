package io.github.divergencesql.cli;

import io.github.divergencesql.calcite.TypedCsv;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.h2.util.ParserUtil;

/**
 * {@code --csv DIR}: every {@code *.csv} file of DIR as a table of an in-memory H2 database,
 * typed from the data as {@link TypedCsv} reads it (the same reading as Calcite's
 * {@code CsvSchemaFactory}). Headers that are SQL keywords ({@code value}) are made usable as
 * names (H2's NON_KEYWORDS).
 */
final class CsvDirectory {
  private CsvDirectory() {}

  /** The files of {@code dir}, read and typed. */
  static List<TypedCsv> read(Path dir) throws IOException {
    List<TypedCsv> tables = new ArrayList<>();
    for (Path f : TypedCsv.files(dir)) {
      tables.add(TypedCsv.read(f));
    }
    return tables;
  }

  /** The keywords among the tables' columns, for H2's NON_KEYWORDS setting of the URL. */
  static Set<String> keywords(List<TypedCsv> tables) {
    Set<String> keywords = new TreeSet<>();
    for (TypedCsv t : tables) {
      for (String name : t.columns()) {
        if (ParserUtil.isKeyword(name, false)) {
          keywords.add(name);
        }
      }
    }
    return keywords;
  }

  /** Creates and fills one table per file. */
  static void load(Connection c, List<TypedCsv> tables) throws SQLException {
    for (TypedCsv t : tables) {
      StringBuilder create = new StringBuilder("CREATE TABLE " + quote(t.name()) + " (");
      StringBuilder insert = new StringBuilder("INSERT INTO " + quote(t.name()) + " VALUES (");
      for (int i = 0; i < t.columns().size(); i++) {
        String type = switch (t.types().get(i)) {
          case BIGINT -> "BIGINT";
          case DECIMAL -> "NUMERIC(100000, 0)";
          case DOUBLE -> "DOUBLE PRECISION";
          case VARCHAR -> "VARCHAR";
        };
        create.append(i == 0 ? "" : ", ").append(quote(t.columns().get(i))).append(' ')
            .append(type);
        insert.append(i == 0 ? "?" : ", ?");
      }
      try (Statement s = c.createStatement()) {
        s.execute(create.append(')').toString());
      }
      try (PreparedStatement ps = c.prepareStatement(insert.append(')').toString())) {
        int batch = 0;
        for (Object[] row : t.rows()) {
          for (int i = 0; i < row.length; i++) {
            ps.setObject(i + 1, row[i]);
          }
          ps.addBatch();
          if (++batch % 10_000 == 0) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
    }
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
