package io.github.divergencesql.calcite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.divergencesql.calcite.TypedCsv.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
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

  @Test
  void excelsByteOrderMarkIsNotPartOfTheFirstName(@TempDir Path dir) throws Exception {
    // was: the first column was named "\uFEFFID", so SELECT id failed
    Path f = dir.resolve("bom.csv");
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = "id,p\r\n1,0.5\r\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    Files.write(f, all);
    TypedCsv csv = TypedCsv.read(f);
    assertThat(csv.columns()).containsExactly("ID", "P");
    assertThat(csv.rows().get(0)).containsExactly(1L, 0.5);
    // before a quoted header too
    byte[] quoted = "\"id\",p\n1,0.5\n".getBytes(StandardCharsets.UTF_8);
    byte[] both = new byte[3 + quoted.length];
    System.arraycopy(bom, 0, both, 0, 3);
    System.arraycopy(quoted, 0, both, 3, quoted.length);
    Files.write(f, both);
    assertThat(TypedCsv.read(f).columns()).containsExactly("ID", "P");
  }

  @Test
  void integersBeyondBigintAreExactDecimals(@TempDir Path dir) throws Exception {
    // was: DOUBLE, which rounds ids above 2^53 (two ids then merge as one key)
    Path f = dir.resolve("ids.csv");
    Files.writeString(f, "id,n\n9007199254740993,1\n9007199254740992,2\n"
        + "123456789012345678901234567890,3\n-5,4\n");
    TypedCsv csv = TypedCsv.read(f);
    assertThat(csv.types()).containsExactly(Type.DECIMAL, Type.BIGINT);
    assertThat(csv.rows()).extracting(r -> r[0]).containsExactly(
        new BigDecimal("9007199254740993"), new BigDecimal("9007199254740992"),
        new BigDecimal("123456789012345678901234567890"), new BigDecimal("-5"));
  }

  @Test
  void aLineWithMoreFieldsThanTheHeaderIsRefused(@TempDir Path dir) throws Exception {
    // was: the extra fields were dropped without a word
    Path f = dir.resolve("ragged.csv");
    Files.writeString(f, "a,b\n1,2\n3,4,5\n");
    assertThatThrownBy(() -> TypedCsv.read(f)).isInstanceOf(TypedCsv.BadCsvException.class)
        .hasMessage(f + ": record 3 has 3 fields, the header 2 (quote a field that holds a "
            + "comma)");
    // a short line is NULLs, as before
    Files.writeString(f, "a,b\n1\n");
    assertThat(TypedCsv.read(f).rows().get(0)).containsExactly(1L, null);
  }

  @Test
  void namesThatCollideOnceUpperCasedAreRefused(@TempDir Path dir) throws Exception {
    // was: a stack trace from the table or column created twice
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "a,A\n1,2\n");
    assertThatThrownBy(() -> TypedCsv.read(f)).isInstanceOf(TypedCsv.BadCsvException.class)
        .hasMessage(f + ": headers 'a' and 'A' would both be column A (names are upper-cased): "
            + "rename one");
    Path two = Files.createDirectory(dir.resolve("two"));
    Files.writeString(two.resolve("a.csv"), "x\n1\n");
    Files.writeString(two.resolve("A.csv"), "x\n2\n");
    assertThatThrownBy(() -> TypedCsv.files(two)).isInstanceOf(TypedCsv.BadCsvException.class)
        .hasMessage("A.csv and a.csv in " + two + " would both be table A (names are "
            + "upper-cased): rename one");
  }
}
