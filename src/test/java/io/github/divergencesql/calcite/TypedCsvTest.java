package io.github.divergencesql.calcite;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.calcite.TypedCsv.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a CSV file's columns are typed from the data (Calcite's CsvSchemaFactory and --csv). */
class TypedCsvTest {
  @Test
  void columnsAreTypedFromTheirNonEmptyValues(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("mixed.csv");
    Files.writeString(f, "id,score,label,ratio:string,odd\n"
        + "1,0.5,\"a, quoted\",1,NaN\n"
        + "2,,b,2.5,Infinity\n"
        + "\n"
        + "-3,1e-3,,-4,1\n");
    TypedCsv csv = TypedCsv.read(f);
    assertThat(csv.name()).isEqualTo("MIXED");
    // a typed header names the column; its type still comes from the data
    assertThat(csv.columns()).containsExactly("ID", "SCORE", "LABEL", "RATIO", "ODD");
    // NaN and Infinity are text here: a column of them is not a column of numbers
    assertThat(csv.types()).containsExactly(Type.BIGINT, Type.DOUBLE, Type.VARCHAR, Type.DOUBLE,
        Type.VARCHAR);
    List<Object[]> rows = csv.rows();
    assertThat(rows).hasSize(3); // the blank line is no row
    assertThat(rows.get(0)).containsExactly(1L, 0.5, "a, quoted", 1.0, "NaN");
    assertThat(rows.get(1)).containsExactly(2L, null, "b", 2.5, "Infinity");
    assertThat(rows.get(2)).containsExactly(-3L, 1e-3, null, -4.0, "1");
  }

  @Test
  void aHeaderOnlyOrEmptyFileIsAnEmptyTable(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("h.csv"), "a,b\n");
    Files.writeString(dir.resolve("e.csv"), "");
    TypedCsv header = TypedCsv.read(dir.resolve("h.csv"));
    assertThat(header.columns()).containsExactly("A", "B");
    assertThat(header.types()).containsExactly(Type.BIGINT, Type.BIGINT); // no value says otherwise
    assertThat(header.rows()).isEmpty();
    assertThat(TypedCsv.read(dir.resolve("e.csv")).columns()).isEmpty();
    assertThat(TypedCsv.files(dir)).extracting(p -> p.getFileName().toString())
        .containsExactly("e.csv", "h.csv");
  }
}
