package io.github.divergencesql.pg;

import io.github.divergencesql.pg.SqlTokens.Kind;
import io.github.divergencesql.pg.SqlTokens.Token;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL catalog of one session's view of the served database: a private in-memory H2
 * database with PostgreSQL 15's {@code pg_catalog} tables and {@code information_schema} views
 * ({@code pg_catalog.sql}, {@code information_schema.sql}), filled from the served connection's
 * own {@link DatabaseMetaData} (so a user sees the tables the database lets that user see), and
 * the functions clients call ({@link CatalogFunctions}, {@link CatalogLookups},
 * {@link TextArrayFunctions}). A statement that names the catalog runs here, translated by
 * {@link CatalogSql}; every other statement runs on the served database.
 *
 * <p>Names the served database stores in upper case (H2's default for unquoted names) are shown
 * in lower case, as PostgreSQL stores unquoted names; {@link #storedName} maps a quoted lower-case
 * name a client sends back to the stored one.
 */
final class PgCatalog implements AutoCloseable {
  /**
   * The classes whose public static methods are the catalog's functions, each registered under
   * its method's name (no name in two of them).
   */
  private static final List<Class<?>> FUNCTIONS = List.of(CatalogFunctions.class,
      CatalogLookups.class, TextArrayFunctions.class);

  /** The relations and functions of the catalog, by lower-case name: a statement naming one runs here. */
  private static final Set<String> NAMES = catalogNames();

  private final Connection db;
  private final Map<String, String> stored = new HashMap<>();
  private final Set<String> known = new java.util.HashSet<>();
  private final String defaultSchema;
  private final long builtAt = System.nanoTime();

  private PgCatalog(Connection db, String defaultSchema) {
    this.db = db;
    this.defaultSchema = defaultSchema;
  }

  /** Whether {@code sql} reads the catalog. */
  static boolean reads(String sql) {
    List<Token> tokens = SqlTokens.of(sql);
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.isName() && NAMES.contains(t.value())) {
        return true;
      }
      if (t.is("::") && i + 1 < tokens.size()) {
        int j = i + 1;
        while (j < tokens.size() && tokens.get(j).kind() == Kind.SPACE) {
          j++;
        }
        if (j < tokens.size() && tokens.get(j).isName()
            && tokens.get(j).value().startsWith("reg")) {
          return true;
        }
      }
    }
    return false;
  }

  Connection connection() {
    return db;
  }

  String defaultSchema() {
    return defaultSchema;
  }

  double ageSeconds() {
    return (System.nanoTime() - builtAt) / 1e9;
  }

  /** The stored name for a quoted name a client sends: its upper-case form when only that exists. */
  String storedName(String name) {
    String s = stored.get(name);
    return s != null && !known.contains(name) ? s : name;
  }

  /** Builds the catalog of what {@code served} shows its user. */
  static PgCatalog build(Connection served, String user, String database,
      Map<String, String> settings) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "catalog");
    p.setProperty("password", "");
    Connection db = new org.h2.Driver().connect(
        "jdbc:h2:mem:;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", p);
    String schema;
    try {
      schema = served.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      schema = null;
    }
    DatabaseMetaData md = served.getMetaData();
    boolean upper = md.storesUpperCaseIdentifiers();
    PgCatalog c = new PgCatalog(db, schema == null ? "public" : show(schema, upper));
    try {
      c.create();
      new CatalogRows(c).fill(served, md, upper, user, database, settings);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private void create() throws SQLException {
    try (Statement s = db.createStatement()) {
      s.execute("CREATE SCHEMA pg_catalog");
      s.execute("CREATE SCHEMA pg_info");
      Set<String> done = new LinkedHashSet<>();
      for (Class<?> functions : FUNCTIONS) {
        for (Method m : functions.getMethods()) {
          if (Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == functions
              && done.add(m.getName())) {
            try {
              s.execute("CREATE ALIAS pg_catalog." + SqlTokens.quotedName(m.getName()) + " FOR '"
                  + functions.getName() + "." + m.getName() + "'");
            } catch (SQLException e) {
              if (e.getErrorCode() != org.h2.api.ErrorCode.FUNCTION_ALIAS_ALREADY_EXISTS_1) {
                throw e;
              }
              // H2's built-in function of that name answers (quote_ident)
            }
          }
        }
      }
      s.execute("CREATE ALIAS pg_info.\"_pg_expandarray\" FOR '"
          + TextArrayFunctions.class.getName() + "._pg_expandarray'");
      s.execute("SET SCHEMA_SEARCH_PATH pg_catalog, public, pg_info");
      for (String resource : List.of("pg_catalog.sql", "information_schema.sql")) {
        for (String statement : SqlScript.parse(resource(resource)).complete()) {
          s.execute(statement.substring(0, statement.length() - 1));
        }
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = PgCatalog.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> catalogNames() {
    Set<String> names = new TreeSet<>(List.of("pg_catalog", "information_schema",
        "current_catalog", "current_schema"));
    Matcher m = Pattern.compile("(?i)CREATE (?:TABLE|VIEW) pg_\\w+\\.(\\w+)")
        .matcher(resource("pg_catalog.sql") + resource("information_schema.sql"));
    while (m.find()) {
      if (m.group(1).startsWith("pg_")) {
        names.add(m.group(1).toLowerCase(Locale.ROOT));
      }
    }
    for (Class<?> functions : FUNCTIONS) {
      for (Method method : functions.getMethods()) {
        if (method.getDeclaringClass() == functions) {
          names.add(method.getName());
        }
      }
    }
    // functions both engines have answer on the served database
    names.removeAll(List.of("format", "array_to_string", "array_length", "array_upper",
        "array_lower", "string_to_array", "generate_series", "quote_ident", "quote_literal",
        "info_data_type"));
    return names;
  }

  /** A name as PostgreSQL shows it: an upper-case stored name in lower case. */
  static String show(String name, boolean upper) {
    return upper && name.equals(name.toUpperCase(Locale.ROOT))
        && !name.equals(name.toLowerCase(Locale.ROOT)) ? name.toLowerCase(Locale.ROOT) : name;
  }

  /** {@link #show}, remembering the stored name for {@link #storedName}. */
  String shown(String name, boolean upper) {
    String s = show(name, upper);
    known.add(name);
    if (!s.equals(name)) {
      stored.put(s, name);
    }
    return s;
  }

  /** A possibly qualified, possibly quoted name {@code a.b} or {@code "A"."b"} in its parts. */
  static List<String> qualifiedName(String text) {
    List<String> parts = new ArrayList<>();
    for (Token t : SqlTokens.of(text)) {
      if (t.isName()) {
        parts.add(t.value());
      }
    }
    return parts;
  }

  @Override
  public void close() {
    try {
      db.close();
    } catch (SQLException e) {
      // an in-memory database: nothing to keep
    }
  }
}
