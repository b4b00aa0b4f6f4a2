package io.github.divergencesql.cli;

import io.github.divergencesql.calcite.TypedCsv;
import java.io.IOException;
import java.nio.file.Files;
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

  /** A file and its table, typed from one pass over the file. */
  record Table(Path file, TypedCsv.Layout layout) {
  }

  /** The files of {@code dir}, typed (each read once, streaming; no rows kept). */
  static List<Table> read(Path dir) throws IOException {
    List<Table> tables = new ArrayList<>();
    for (Path f : TypedCsv.files(dir)) {
      tables.add(new Table(f, TypedCsv.scan(f)));
    }
    return tables;
  }

  /** The keywords among the tables' columns, for H2's NON_KEYWORDS setting of the URL. */
  static Set<String> keywords(List<Table> tables) {
    Set<String> keywords = new TreeSet<>();
    for (Table t : tables) {
      for (String name : t.layout().columns()) {
        if (ParserUtil.isKeyword(name, false)) {
          keywords.add(name);
        }
      }
    }
    return keywords;
  }

  /**
   * Creates one table per file and fills it, reading the file a second time and inserting
   * its rows in batches of 10,000 as they are read: the heap holds the H2 table, not the file
   * as well.
   */
  static void load(Connection c, List<Table> tables) throws SQLException, IOException {
    for (Table table : tables) {
      TypedCsv.Layout t = table.layout();
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
      if (t.columns().isEmpty()) {
        continue;
      }
      try (PreparedStatement ps = c.prepareStatement(insert.append(')').toString())) {
        fill(ps, table);
      } catch (OutOfMemoryError e) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP TABLE " + quote(t.name())); // the rows read so far, freed
        }
        throw new TypedCsv.BadCsvException(table.file() + " (" + (Files.size(table.file()) >> 20)
            + " MB) does not fit in memory as a table: this JVM has "
            + (Runtime.getRuntime().maxMemory() >> 20) + " MB of heap (give java a larger -Xmx)");
      } catch (SQLException e) {
        throw new TypedCsv.BadCsvException(table.file() + ": " + ErrorText.of(e));
      }
    }
  }

  private static void fill(PreparedStatement ps, Table table) throws SQLException, IOException {
    int[] batch = {0};
    TypedCsv.rows(table.file(), table.layout(), row -> {
      for (int i = 0; i < row.length; i++) {
        ps.setObject(i + 1, row[i]);
      }
      ps.addBatch();
      if (++batch[0] % 10_000 == 0) {
        ps.executeBatch();
      }
    });
    ps.executeBatch();
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
