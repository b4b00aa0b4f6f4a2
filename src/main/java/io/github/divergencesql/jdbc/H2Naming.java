package io.github.divergencesql.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * How an H2 database through our driver names things, so that it behaves like the databases
 * users know:
 * <ul>
 *   <li>Column names that are H2 keywords but ordinary words elsewhere ({@link #NON_KEYWORDS}:
 *       {@code value}, {@code key}, {@code year}, ...) work unquoted in every H2 connection,
 *       unless the URL sets {@code NON_KEYWORDS} itself. (One H2-only form reads differently:
 *       {@code MERGE INTO t KEY(id)} takes {@code KEY} as an alias; write the standard
 *       {@code MERGE INTO t USING ...}.)
 *   <li>A new file database keeps unquoted names in lower case ({@code DATABASE_TO_LOWER}), as
 *       PostgreSQL does, unless the URL chooses ({@code DATABASE_TO_LOWER},
 *       {@code DATABASE_TO_UPPER} or {@code CASE_INSENSITIVE_IDENTIFIERS}).
 *   <li>An existing file database keeps the naming it was made with. H2 does not store it: a
 *       database made in lower case and opened in upper case shows no tables at all. So the
 *       database is looked at first: if its tables show in H2's default upper case, it opens
 *       so; else if they show in lower case, so; an empty one opens in lower case.
 * </ul>
 * In-memory and server ({@code tcp:}) databases keep H2's upper case.
 */
public final class H2Naming {
  private H2Naming() {
  }

  /** H2 keywords that are common column names, usable unquoted through our driver. */
  static final String NON_KEYWORDS = "VALUE,KEY,YEAR,MONTH,DAY,HOUR,MINUTE,SECOND";

  private static final String[] NAMING = {"DATABASE_TO_LOWER", "DATABASE_TO_UPPER",
      "CASE_INSENSITIVE_IDENTIFIERS"};

  /** Whether the URL (after {@code jdbc:h2:}) or the properties choose the naming. */
  static boolean setsNaming(String rest, Properties info) {
    for (String name : NAMING) {
      if (UrlGuard.setsH2(rest, info, name)) {
        return true;
      }
    }
    return false;
  }

  /** Opens a connection. */
  interface Opener {
    Connection open(String rest, Properties info) throws SQLException;
  }

  /** Opens the local file database of {@code rest} with the naming chosen above. */
  static Connection open(String rest, Properties info, Opener opener) throws SQLException {
    if (!storesUpperCase(rest, info)) {
      Properties lower = new Properties();
      lower.putAll(info);
      lower.setProperty("DATABASE_TO_LOWER", "TRUE");
      return opener.open(rest, lower);
    }
    return opener.open(rest, info);
  }

  /**
   * Whether the file database of {@code rest} (after {@code jdbc:h2:}) keeps its names in lower
   * case: as the URL says if it chooses, else as {@link #storesUpperCase} finds.
   */
  public static boolean storesLowerCase(String rest, Properties info) throws SQLException {
    if (UrlGuard.setsH2(rest, info, "DATABASE_TO_LOWER")) {
      return rest.toUpperCase(java.util.Locale.ROOT).contains("DATABASE_TO_LOWER=TRUE")
          || "TRUE".equalsIgnoreCase(info.getProperty("DATABASE_TO_LOWER"));
    }
    if (setsNaming(rest, info)) {
      return false; // DATABASE_TO_UPPER or CASE_INSENSITIVE_IDENTIFIERS: not lower case
    }
    return !storesUpperCase(rest, info);
  }

  /**
   * Whether the file database of {@code rest} exists and keeps its names in H2's upper case:
   * false for a new database, one whose tables show only in lower case, and an empty one.
   */
  static boolean storesUpperCase(String rest, Properties info) throws SQLException {
    Path file = file(rest);
    if (file != null && !Files.exists(file)) {
      return false; // a new database
    }
    if (tables(rest, info) > 0) {
      return true;
    }
    Properties lower = new Properties();
    lower.putAll(info);
    lower.setProperty("DATABASE_TO_LOWER", "TRUE");
    try {
      tables(rest, lower);
    } catch (SQLException e) {
      return true; // let the connection itself report what is wrong
    }
    return false;
  }

  /**
   * The database's file ({@code NAME.mv.db}), or null when the name is not a plain path (a
   * file-system prefix such as {@code split:} or {@code zip:}): then the database is looked at.
   */
  private static Path file(String rest) {
    String name = rest.split(";", 2)[0];
    if (name.regionMatches(true, 0, "file:", 0, 5)) {
      name = name.substring(5);
    }
    if (name.startsWith("~")) {
      name = System.getProperty("user.home") + name.substring(1);
    }
    if (name.indexOf(':') > 1) { // a prefix (a Windows drive letter is at index 1)
      return null;
    }
    return Path.of(name + ".mv.db");
  }

  /** The user tables and views shown when the database opens as {@code rest}, or -1. */
  private static int tables(String rest, Properties info) throws SQLException {
    Properties p = new Properties();
    p.putAll(info);
    p.setProperty("IFEXISTS", "TRUE");
    Connection c;
    try {
      c = new org.h2.Driver().connect("jdbc:h2:" + rest, p);
    } catch (SQLException e) {
      if (e.getErrorCode() == org.h2.api.ErrorCode.DATABASE_NOT_FOUND_WITH_IF_EXISTS_1) {
        return 0; // not there after all (a prefix we could not read): a new one
      }
      throw e;
    }
    try (c; Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES "
            + "WHERE UPPER(TABLE_SCHEMA) <> 'INFORMATION_SCHEMA'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
