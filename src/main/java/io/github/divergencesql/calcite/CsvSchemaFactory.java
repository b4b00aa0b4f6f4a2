package io.github.divergencesql.calcite;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A Calcite schema of the CSV files of a directory, each a table with its column types taken
 * from the data ({@link TypedCsv}): plain headers, as pandas and spreadsheets write them, give
 * numeric columns (Calcite's own file adapter types a column only from a {@code name:type}
 * header and makes every other column text). In a model:
 * <pre>
 * { "name": "CSV", "type": "custom",
 *   "factory": "io.github.divergencesql.calcite.CsvSchemaFactory",
 *   "operand": { "directory": "data" } }
 * </pre>
 * A relative directory is taken from the model file's folder. The files are read into memory
 * when the connection opens.
 */
public final class CsvSchemaFactory implements SchemaFactory {
  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    Object dir = operand.get("directory");
    if (dir == null) {
      throw new IllegalArgumentException("schema " + name + ": operand 'directory' is missing");
    }
    Path directory = Path.of(dir.toString());
    Object base = operand.get("baseDirectory"); // Calcite's: the model file's folder
    if (!directory.isAbsolute() && base instanceof File folder) {
      directory = folder.toPath().resolve(directory);
    }
    Map<String, Table> tables = new HashMap<>();
    try {
      for (Path file : TypedCsv.files(directory)) {
        TypedCsv csv = TypedCsv.read(file);
        tables.put(csv.name(), new CsvTable(csv));
      }
    } catch (TypedCsv.BadCsvException e) {
      throw new IllegalArgumentException("schema " + name + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("schema " + name + ": cannot read " + directory, e);
    }
    return new AbstractSchema() {
      @Override
      protected Map<String, Table> getTableMap() {
        return tables;
      }
    };
  }

  /** One file's rows, held in memory. */
  private static final class CsvTable extends AbstractTable implements ScannableTable {
    private final TypedCsv csv;

    CsvTable(TypedCsv csv) {
      this.csv = csv;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
      RelDataTypeFactory.Builder b = typeFactory.builder();
      List<String> columns = csv.columns();
      for (int i = 0; i < columns.size(); i++) {
        RelDataType type = switch (csv.types().get(i)) {
          case BIGINT -> typeFactory.createSqlType(SqlTypeName.BIGINT);
          case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL,
              typeFactory.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL), 0);
          case DOUBLE -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
          case VARCHAR -> typeFactory.createSqlType(SqlTypeName.VARCHAR);
        };
        b.add(columns.get(i), typeFactory.createTypeWithNullability(type, true));
      }
      return b.build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(csv.rows());
    }
  }
}
