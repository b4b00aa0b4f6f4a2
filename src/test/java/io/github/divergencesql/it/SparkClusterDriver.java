package io.github.divergencesql.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The driver program of SparkClusterIT, run in a JVM of its own in client mode against a
 * standalone cluster: its class path is Spark's jars, the shipped Spark jar and this class (and
 * nothing of the test class path); the executors get only what {@code spark.jars} names. It
 * reads the test tables from text files (every table repartitioned in four, round-robin, so each
 * group's rows are in every partition and both executors hold some of them), runs each query
 * (with the fixed-width form on or off, as the file says) and writes what came back.
 *
 * <p>Files (UTF-8, tab-separated, {@code \N} for NULL; \t, \n and \\ escaped in text):
 * {@code tables.txt} is per table a line {@code T name col:type ...} then {@code R cell ...}
 * lines; {@code queries.txt} a line {@code F sql} (fixed-width form on) or {@code O sql} (off);
 * {@code results.txt} per query {@code Q index}, then {@code R cell ...} rows or {@code E message},
 * and last {@code X ids} with the executors that ran tasks.
 */
public final class SparkClusterDriver {
  private SparkClusterDriver() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    SparkSession spark = SparkSession.builder().getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    Set<String> executors = ConcurrentHashMap.newKeySet();
    spark.sparkContext().addSparkListener(new SparkListener() {
      @Override
      public void onTaskEnd(SparkListenerTaskEnd end) {
        executors.add(end.taskInfo().executorId());
      }
    });
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("results.txt"),
        StandardCharsets.UTF_8))) {
      loadTables(spark, dir.resolve("tables.txt"));
      List<String> queries = Files.readAllLines(dir.resolve("queries.txt"), StandardCharsets.UTF_8);
      for (int i = 0; i < queries.size(); i++) {
        String line = queries.get(i);
        spark.conf().set("divergencesql.spark.fixedWidth", line.startsWith("F") ? "true" : "false");
        out.println("Q\t" + i);
        try {
          for (Row row : spark.sql(line.substring(2)).collectAsList()) {
            StringBuilder r = new StringBuilder("R");
            for (int c = 0; c < row.length(); c++) {
              r.append('\t').append(encode(row.get(c)));
            }
            out.println(r);
          }
        } catch (Exception e) {
          out.println("E\t" + encode(String.valueOf(e.getMessage())));
        }
      }
      out.println("X\t" + String.join(",", executors));
    } finally {
      spark.stop();
    }
  }

  private static void loadTables(SparkSession spark, Path file) throws IOException {
    String name = null;
    StructType schema = null;
    List<Row> rows = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = in.readLine()) != null; ) {
        String[] f = line.split("\t", -1);
        if (f[0].equals("T")) {
          register(spark, name, schema, rows);
          name = f[1];
          List<StructField> fields = new ArrayList<>();
          for (int i = 2; i < f.length; i++) {
            String[] col = f[i].split(":", 2);
            fields.add(DataTypes.createStructField(col[0], DataType.fromDDL(col[1]), true));
          }
          schema = DataTypes.createStructType(fields);
          rows = new ArrayList<>();
        } else {
          Object[] values = new Object[f.length - 1];
          for (int i = 1; i < f.length; i++) {
            values[i - 1] = value(decode(f[i]), schema.fields()[i - 1].dataType());
          }
          rows.add(RowFactory.create(values));
        }
      }
    }
    register(spark, name, schema, rows);
  }

  private static void register(SparkSession spark, String name, StructType schema,
      List<Row> rows) {
    if (name != null) {
      spark.createDataFrame(rows, schema).repartition(4).cache().createOrReplaceTempView(name);
    }
  }

  private static Object value(String text, DataType type) {
    if (text == null) {
      return null;
    }
    if (type.equals(DataTypes.IntegerType)) {
      return Integer.valueOf(text);
    } else if (type.equals(DataTypes.LongType)) {
      return Long.valueOf(text);
    } else if (type.equals(DataTypes.ShortType)) {
      return Short.valueOf(text);
    } else if (type.equals(DataTypes.ByteType)) {
      return Byte.valueOf(text);
    } else if (type.equals(DataTypes.DoubleType)) {
      return Double.valueOf(text);
    } else if (type.equals(DataTypes.FloatType)) {
      return Float.valueOf(text);
    } else if (type.equals(DataTypes.BooleanType)) {
      return Boolean.valueOf(text);
    } else if (type.typeName().startsWith("decimal")) {
      return new BigDecimal(text);
    }
    return text;
  }

  static String encode(Object v) {
    if (v == null) {
      return "\\N";
    }
    return String.valueOf(v).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
  }

  static String decode(String cell) {
    if (cell.equals("\\N")) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (c == '\\' && i + 1 < cell.length()) {
        char n = cell.charAt(++i);
        b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
