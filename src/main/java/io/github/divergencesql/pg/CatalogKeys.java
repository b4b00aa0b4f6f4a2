package io.github.divergencesql.pg;

import static io.github.divergencesql.pg.CatalogRows.OWNER;
import static io.github.divergencesql.pg.CatalogRows.PG_CLASS;

import io.github.divergencesql.pg.CatalogRows.Table;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table's primary key, indexes and foreign keys in a session's catalog ({@link PgCatalog}):
 * {@code pg_constraint}, {@code pg_index} and the indexes' own {@code pg_class} and
 * {@code pg_attribute} rows, as {@link CatalogRows} fills them from the served connection's
 * {@link DatabaseMetaData}.
 */
final class CatalogKeys {
  private final PgCatalog catalog;
  private final CatalogRows rows;
  private final Connection db;

  CatalogKeys(PgCatalog catalog, CatalogRows rows) {
    this.catalog = catalog;
    this.rows = rows;
    this.db = catalog.connection();
  }

  /** The primary key and indexes of {@code t}; returns the next free OID. */
  int keys(DatabaseMetaData md, Table t, boolean upper, int next,
      Map<Integer, Integer> primaryIndex) throws SQLException {
    List<String> pk = new ArrayList<>();
    String pkName = null;
    try (ResultSet rs = md.getPrimaryKeys(null, t.schema(), t.name())) {
      Map<Integer, String> bySeq = new java.util.TreeMap<>();
      while (rs.next()) {
        bySeq.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
        pkName = rs.getString("PK_NAME");
      }
      pk.addAll(bySeq.values());
    } catch (SQLException | UnsupportedOperationException e) {
      pk.clear();
    }
    Map<String, List<String>> indexColumns = new LinkedHashMap<>();
    Map<String, Boolean> unique = new HashMap<>();
    try (ResultSet rs = md.getIndexInfo(null, t.schema(), t.name(), false, true)) {
      while (rs.next()) {
        String name = rs.getString("INDEX_NAME");
        String column = rs.getString("COLUMN_NAME");
        if (name == null || column == null) {
          continue;
        }
        indexColumns.computeIfAbsent(name, x -> new ArrayList<>()).add(column);
        unique.put(name, !rs.getBoolean("NON_UNIQUE"));
      }
    } catch (SQLException | UnsupportedOperationException e) {
      indexColumns.clear();
    }
    boolean any = false;
    if (!pk.isEmpty()) {
      String name = pkName != null ? catalog.shown(pkName, upper) : t.shownName() + "_pkey";
      int index = next++;
      int constraint = next++;
      index(t, index, name, pk, true, true);
      primaryIndex.put(t.oid(), index);
      rows.insertInto("pg_catalog.pg_constraint(oid, conname, connamespace, contype, conrelid, "
          + "conindid, conkey, condef)", constraint, name, t.namespace(), "p", t.oid(), index,
          attnums(t, pk), "PRIMARY KEY (" + columnList(t, pk, upper) + ")");
      rows.insert("pg_catalog.pg_depend", PG_CLASS, index, 0, 2606, constraint, 0, "i");
      any = true;
    }
    for (Map.Entry<String, List<String>> e : indexColumns.entrySet()) {
      if (unique.get(e.getKey()) && e.getValue().equals(pk)) {
        continue; // the primary key's own index, listed above
      }
      index(t, next++, catalog.shown(e.getKey(), upper), e.getValue(), unique.get(e.getKey()),
          false);
      any = true;
    }
    if (any) {
      try (PreparedStatement ps = db.prepareStatement(
          "UPDATE pg_catalog.pg_class SET relhasindex = TRUE WHERE oid = ?")) {
        ps.setInt(1, t.oid());
        ps.executeUpdate();
      }
    }
    return next;
  }

  private void index(Table t, int oid, String name, List<String> columns, boolean unique,
      boolean primary) throws SQLException {
    rows.insertInto("pg_catalog.pg_class(oid, relname, relnamespace, reltype, relowner, relam, "
        + "relkind, relnatts)", oid, name, t.namespace(), 0, OWNER, 403, "i", columns.size());
    Object[] keys = attnums(t, columns);
    // an index has its own attributes, as in PostgreSQL: the key columns, numbered from 1
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO pg_catalog.pg_attribute("
        + "attrelid, attname, atttypid, attlen, attnum, atttypmod, attbyval, attnotnull, "
        + "atthasdef, attidentity) SELECT ?, attname, atttypid, attlen, ?, atttypmod, attbyval, "
        + "FALSE, FALSE, '' FROM pg_catalog.pg_attribute WHERE attrelid = ? AND attnum = ?")) {
      for (int i = 0; i < keys.length; i++) {
        ps.setInt(1, oid);
        ps.setInt(2, i + 1);
        ps.setInt(3, t.oid());
        ps.setInt(4, ((Number) keys[i]).intValue());
        ps.executeUpdate();
      }
    }
    Object[] zeros = new Object[columns.size()];
    java.util.Arrays.fill(zeros, 0);
    rows.insertInto("pg_catalog.pg_index(indexrelid, indrelid, indnatts, indnkeyatts, indisunique, "
        + "indisprimary, indkey, indcollation, indclass, indoption)", oid, t.oid(), columns.size(),
        columns.size(), unique, primary, keys, zeros, zeros, zeros);
  }

  private static Object[] attnums(Table t, List<String> columns) {
    Object[] keys = new Object[columns.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = t.columns().getOrDefault(columns.get(i), 0);
    }
    return keys;
  }

  private String columnList(Table t, List<String> columns, boolean upper) {
    List<String> names = new ArrayList<>();
    for (String c : columns) {
      names.add(TextArrayFunctions.quote_ident(PgCatalog.show(c, upper)));
    }
    return String.join(", ", names);
  }

  int foreignKeys(DatabaseMetaData md, Table t, Map<String, Table> byName, boolean upper,
      int next, Map<Integer, Integer> primaryIndex) throws SQLException {
    record Key(String name, Table target, List<String> from, List<String> to, short update,
        short delete) {}
    Map<String, Key> keys = new LinkedHashMap<>();
    try (ResultSet rs = md.getImportedKeys(null, t.schema(), t.name())) {
      while (rs.next()) {
        Table target = byName.get(rs.getString("PKTABLE_SCHEM") + "\u0000"
            + rs.getString("PKTABLE_NAME"));
        if (target == null) {
          continue; // a table this user cannot see
        }
        String name = rs.getString("FK_NAME");
        Key k = keys.computeIfAbsent(name == null ? "fk_" + keys.size() : name,
            n -> new Key(n, target, new ArrayList<>(), new ArrayList<>(), (short) 0, (short) 0));
        k.from.add(rs.getString("FKCOLUMN_NAME"));
        k.to.add(rs.getString("PKCOLUMN_NAME"));
        keys.put(k.name, new Key(k.name, target, k.from, k.to, rs.getShort("UPDATE_RULE"),
            rs.getShort("DELETE_RULE")));
      }
    } catch (SQLException | UnsupportedOperationException e) {
      return next;
    }
    for (Key k : keys.values()) {
      String def = "FOREIGN KEY (" + columnList(t, k.from, upper) + ") REFERENCES "
          + TextArrayFunctions.quote_ident(k.target.shownName()) + "("
          + columnList(k.target, k.to, upper) + ")" + rule(" ON UPDATE ", k.update)
          + rule(" ON DELETE ", k.delete);
      int oid = next++;
      rows.insertInto("pg_catalog.pg_constraint(oid, conname, connamespace, contype, conrelid, "
          + "conindid, confrelid, confupdtype, confdeltype, confmatchtype, conkey, confkey, "
          + "condef)", oid, catalog.shown(k.name, upper), t.namespace(), "f", t.oid(),
          primaryIndex.getOrDefault(k.target.oid(), 0), k.target.oid(), action(k.update),
          action(k.delete), "s", attnums(t, k.from), attnums(k.target, k.to), def);
      // PostgreSQL enforces a foreign key with triggers on both tables; psql reads this flag
      try (PreparedStatement ps = db.prepareStatement(
          "UPDATE pg_catalog.pg_class SET relhastriggers = TRUE WHERE oid IN (?, ?)")) {
        ps.setInt(1, t.oid());
        ps.setInt(2, k.target.oid());
        ps.executeUpdate();
      }
    }
    return next;
  }

  private static String action(short rule) {
    return switch (rule) {
      case DatabaseMetaData.importedKeyCascade -> "c";
      case DatabaseMetaData.importedKeySetNull -> "n";
      case DatabaseMetaData.importedKeySetDefault -> "d";
      case DatabaseMetaData.importedKeyRestrict -> "r";
      default -> "a";
    };
  }

  private static String rule(String prefix, short rule) {
    return switch (rule) {
      case DatabaseMetaData.importedKeyCascade -> prefix + "CASCADE";
      case DatabaseMetaData.importedKeySetNull -> prefix + "SET NULL";
      case DatabaseMetaData.importedKeySetDefault -> prefix + "SET DEFAULT";
      case DatabaseMetaData.importedKeyRestrict -> prefix + "RESTRICT";
      default -> "";
    };
  }
}
