package io.github.divergencesql.cli;

import java.io.IOException;
import sqlline.SqlLine;

/**
 * The main job on the embedded default: an in-memory H2 database with every function
 * registered, running SQL files through sqlline, which prints each result table. With no
 * arguments it runs {@code examples/grades.sql} and {@code examples/bands_pivot.sql}.
 */
public final class Demo {
  /** H2 in memory, the functions installed from the jar's copy of sql/h2/install.sql. */
  public static final String H2_URL = "jdbc:h2:mem:divergence;DB_CLOSE_DELAY=-1;"
      + "INIT=RUNSCRIPT FROM 'classpath:/sql/h2/install.sql'";

  private Demo() {}

  public static void main(String[] args) throws IOException {
    System.setProperty("org.jline.terminal.dumb", "true"); // output is a pipe or file, not a tty
    String[] files = args.length > 0 ? args
        : new String[] {"examples/grades.sql", "examples/bands_pivot.sql"};
    for (String file : files) {
      System.out.println("-- " + file);
      SqlLine.Status status = new SqlLine().begin(new String[] {
          "-u", H2_URL, "-n", "sa", "-p", "", "--showHeader=true", "--outputformat=table", "--maxWidth=250",
          "--silent=true", "--showWarnings=false", "-f", file}, null, false);
      if (status != SqlLine.Status.OK) {
        System.err.println(file + ": " + status);
        System.exit(1);
      }
    }
  }
}
