package io.github.divergencesql.jdbc;

import io.github.divergencesql.core.registry.DivergenceFunction;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetMetaDataImpl;
import javax.sql.rowset.RowSetProvider;

/**
 * Our functions in {@link DatabaseMetaData}: {@code getFunctions}, {@code getProcedures},
 * {@code getFunctionColumns} and {@code getProcedureColumns} list every overload (one row per
 * argument count, {@code SPECIFIC_NAME} {@code KL_DIVERGENCE_3}) with its parameters by name and
 * type (a key is {@code ANY}, bins and k {@code INTEGER}, every other argument and the result
 * {@code DOUBLE}), beside what the engine itself lists. H2 lists no user aggregate there and
 * Calcite lists ours without parameters, so tools such as SchemaCrawler showed 44 functions with
 * 0 parameters, or none.
 */
final class FunctionCatalog {
  /** Where an engine keeps our functions: a catalog and schema name. */
  record Home(String catalog, String schema) {}

  private static final List<String> FUNCTIONS = List.of("FUNCTION_CAT", "FUNCTION_SCHEM",
      "FUNCTION_NAME", "REMARKS", "FUNCTION_TYPE", "SPECIFIC_NAME");
  private static final List<String> PROCEDURES = List.of("PROCEDURE_CAT", "PROCEDURE_SCHEM",
      "PROCEDURE_NAME", "RESERVED1", "RESERVED2", "RESERVED3", "REMARKS", "PROCEDURE_TYPE",
      "SPECIFIC_NAME");
  private static final List<String> FUNCTION_COLUMNS = List.of("FUNCTION_CAT", "FUNCTION_SCHEM",
      "FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "PRECISION",
      "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
      "IS_NULLABLE", "SPECIFIC_NAME");
  private static final List<String> PROCEDURE_COLUMNS = List.of("PROCEDURE_CAT",
      "PROCEDURE_SCHEM", "PROCEDURE_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE",
      "TYPE_NAME", "PRECISION", "LENGTH", "SCALE", "RADIX", "NULLABLE", "REMARKS", "COLUMN_DEF",
      "SQL_DATA_TYPE", "SQL_DATETIME_SUB", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION",
      "IS_NULLABLE", "SPECIFIC_NAME");
  /** The JDBC type of each column above that is not text. */
  private static final List<String> SHORT_COLUMNS = List.of("FUNCTION_TYPE", "PROCEDURE_TYPE",
      "COLUMN_TYPE", "SCALE", "RADIX", "NULLABLE");
  private static final List<String> INT_COLUMNS = List.of("DATA_TYPE", "PRECISION", "LENGTH",
      "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "SQL_DATA_TYPE", "SQL_DATETIME_SUB");

  private FunctionCatalog() {}

  /**
   * The answer to a catalog call on {@code engine}'s metadata, with ours added (none when
   * {@code home} is null: the database does not have them), or null when {@code method} is not
   * one of the four.
   */
  static ResultSet answer(DatabaseMetaData engine, String method, Object[] args, Home home,
      String doubleName) throws SQLException {
    if (args == null || args.length < 3) {
      return null;
    }
    String schema = (String) args[1];
    String name = (String) args[2];
    String column = args.length > 3 ? (String) args[3] : null;
    boolean ours = home != null
        && (args[0] == null || Objects.equals(args[0], home.catalog()))
        && like(schema, home.schema());
    List<Object[]> rows = new ArrayList<>();
    List<String> layout;
    ResultSet engineRows;
    switch (method) {
      case "getFunctions" -> {
        layout = FUNCTIONS;
        engineRows = engine.getFunctions((String) args[0], schema, name);
      }
      case "getProcedures" -> {
        layout = PROCEDURES;
        engineRows = engine.getProcedures((String) args[0], schema, name);
      }
      case "getFunctionColumns" -> {
        layout = FUNCTION_COLUMNS;
        engineRows = engine.getFunctionColumns((String) args[0], schema, name, column);
      }
      case "getProcedureColumns" -> {
        layout = PROCEDURE_COLUMNS;
        engineRows = engine.getProcedureColumns((String) args[0], schema, name, column);
      }
      default -> {
        return null;
      }
    }
    try (ResultSet rs = engineRows) {
      int n = Math.min(layout.size(), rs.getMetaData().getColumnCount());
      while (rs.next()) {
        if (isOurs(rs.getString(3))) {
          continue; // listed again below, with its parameters
        }
        Object[] row = new Object[layout.size()];
        for (int i = 0; i < n; i++) {
          row[i] = rs.getObject(i + 1);
        }
        rows.add(row);
      }
    }
    if (ours) {
      for (DivergenceFunction f : DivergenceFunction.values()) {
        if (like(name, f.name())) {
          for (int arity : f.arities()) {
            addRows(rows, layout, home, f, arity, column, doubleName);
          }
        }
      }
    }
    rows.sort(Comparator.comparing((Object[] r) -> text(r[0]))
        .thenComparing(r -> text(r[1])).thenComparing(r -> text(r[2]))
        .thenComparing(r -> text(r[layout.size() - 1])));
    return resultSet(layout, rows);
  }

  private static void addRows(List<Object[]> rows, List<String> layout, Home home,
      DivergenceFunction f, int arity, String columnPattern, String doubleName) {
    String specific = f.name() + "_" + arity;
    String remarks = f.signature() + (f.isAggregate() ? ", an aggregate" : "");
    if (layout == FUNCTIONS) {
      rows.add(new Object[] {home.catalog(), home.schema(), f.name(), remarks,
          (short) DatabaseMetaData.functionNoTable, specific});
      return;
    }
    if (layout == PROCEDURES) {
      rows.add(new Object[] {home.catalog(), home.schema(), f.name(), null, null, null, remarks,
          (short) DatabaseMetaData.procedureReturnsResult, specific});
      return;
    }
    boolean functionLayout = layout == FUNCTION_COLUMNS;
    List<String> parameters = f.parameters(arity);
    // the result first (ORDINAL_POSITION 0), then each argument
    for (int i = -1; i < parameters.size(); i++) {
      String columnName = i < 0 ? "" : parameters.get(i);
      if (!like(columnPattern, columnName)) {
        continue;
      }
      int type = i < 0 ? (f.returnsBoolean() ? Types.BOOLEAN : Types.DOUBLE)
          : f.isKey(i) ? Types.OTHER
          : parameters.get(i).equals("bins") || parameters.get(i).equals("k") ? Types.INTEGER
          : Types.DOUBLE;
      String typeName = type == Types.OTHER ? "ANY" : type == Types.INTEGER ? "INTEGER"
          : type == Types.BOOLEAN ? "BOOLEAN" : doubleName;
      Integer precision = type == Types.DOUBLE ? Integer.valueOf(53)
          : type == Types.INTEGER ? Integer.valueOf(32) : null;
      Short radix = type == Types.OTHER || type == Types.BOOLEAN ? null : (short) 2;
      short nullable = (short) (functionLayout ? DatabaseMetaData.functionNullable
          : DatabaseMetaData.procedureNullable);
      short columnType = (short) (functionLayout
          ? (i < 0 ? DatabaseMetaData.functionReturn : DatabaseMetaData.functionColumnIn)
          : (i < 0 ? DatabaseMetaData.procedureColumnReturn : DatabaseMetaData.procedureColumnIn));
      String note = i < 0 ? "the result" : f.isKey(i) ? "any comparable type" : null;
      Object[] row = functionLayout
          ? new Object[] {home.catalog(), home.schema(), f.name(), columnName, columnType, type,
              typeName, precision, null, null, radix, nullable, note, null, i + 1, "YES",
              specific}
          : new Object[] {home.catalog(), home.schema(), f.name(), columnName, columnType, type,
              typeName, precision, null, null, radix, nullable, note, null, null, null, null,
              i + 1, "YES", specific};
      rows.add(row);
    }
  }

  private static boolean isOurs(String name) {
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static String text(Object o) {
    return o == null ? "" : o.toString();
  }

  /** JDBC's pattern match: null matches everything, {@code %} and {@code _} as in LIKE, \ escapes. */
  static boolean like(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    if (value == null) {
      return false;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL | Pattern.CASE_INSENSITIVE)
        .matcher(value).matches();
  }

  /** A result set of {@code rows}, columns named by {@code layout}, typed as JDBC says. */
  private static ResultSet resultSet(List<String> layout, List<Object[]> rows)
      throws SQLException {
    RowSetMetaDataImpl md = new RowSetMetaDataImpl();
    md.setColumnCount(layout.size());
    for (int i = 0; i < layout.size(); i++) {
      String c = layout.get(i);
      int type = SHORT_COLUMNS.contains(c) ? Types.SMALLINT
          : INT_COLUMNS.contains(c) ? Types.INTEGER : Types.VARCHAR;
      md.setColumnName(i + 1, c);
      md.setColumnLabel(i + 1, c);
      md.setColumnType(i + 1, type);
      md.setColumnTypeName(i + 1, type == Types.SMALLINT ? "SMALLINT"
          : type == Types.INTEGER ? "INTEGER" : "VARCHAR");
      md.setNullable(i + 1, ResultSetMetaData.columnNullable);
    }
    CachedRowSet rs = RowSetProvider.newFactory().createCachedRowSet();
    rs.setMetaData(md);
    // the JDK's row set puts each inserted row before those inserted earlier
    for (int r = rows.size() - 1; r >= 0; r--) {
      Object[] row = rows.get(r);
      rs.moveToInsertRow();
      for (int i = 0; i < row.length; i++) {
        Object v = row[i];
        if (v == null) {
          rs.updateNull(i + 1);
        } else if (md.getColumnType(i + 1) == Types.SMALLINT) {
          rs.updateShort(i + 1, ((Number) v).shortValue());
        } else if (md.getColumnType(i + 1) == Types.INTEGER) {
          rs.updateInt(i + 1, ((Number) v).intValue());
        } else {
          rs.updateString(i + 1, v.toString());
        }
      }
      rs.insertRow();
      rs.moveToCurrentRow();
    }
    rs.beforeFirst();
    return rs;
  }
}
