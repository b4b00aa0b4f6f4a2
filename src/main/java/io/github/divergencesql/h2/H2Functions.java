package io.github.divergencesql.h2;

import io.github.divergencesql.core.DivergenceFunction;
import io.github.divergencesql.core.GaussianKl;
import io.github.divergencesql.core.InvalidArgumentException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Arrays;

/**
 * The functions of divergence-sql in H2: {@link #install(Connection)} registers them all (it
 * runs {@code sql/h2/install.sql} from the jar, the same script users run with
 * {@code RUNSCRIPT}); the nested classes are what that script names.
 *
 * <p>Errors: a bad value raises an {@link SQLException} with SQLState
 * {@value InvalidArgumentException#SQL_STATE} (invalid parameter value) and the core's
 * message, which names the function, the argument and the value; a non-numeric argument raises
 * SQLState {@value #WRONG_TYPE} when the query is compiled, a wrong argument count
 * {@value InvalidArgumentException#SQL_STATE}.
 */
public final class H2Functions {
  /** SQLState 22018, "invalid character value for cast": an argument that is not a number. */
  public static final String WRONG_TYPE = "22018";

  /** Where the install script lives on the class path. */
  public static final String INSTALL_SCRIPT = "classpath:/sql/h2/install.sql";

  private H2Functions() {}

  /** Registers every function on this connection's database; safe to call again. */
  public static void install(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("RUNSCRIPT FROM '" + INSTALL_SCRIPT + "'");
    }
  }

  /** {@code GAUSSIAN_KL(mu1, sigma1, mu2, sigma2)}, registered with {@code CREATE ALIAS}. */
  public static Double gaussianKl(Double mu1, Double sigma1, Double mu2, Double sigma2)
      throws SQLException {
    try {
      return GaussianKl.ofNullable(mu1, sigma1, mu2, sigma2);
    } catch (InvalidArgumentException e) {
      throw sqlException(e);
    }
  }

  static SQLException sqlException(InvalidArgumentException e) {
    return new SQLException(e.getMessage(), InvalidArgumentException.SQL_STATE, e);
  }

  static void checkArguments(DivergenceFunction function, int[] inputTypes) throws SQLException {
    if (inputTypes.length != function.parameters().size()) {
      throw new SQLException(function.name() + ": takes " + function.parameters().size()
          + " arguments " + function.signature() + ", got " + inputTypes.length,
          InvalidArgumentException.SQL_STATE);
    }
    for (int i = 0; i < inputTypes.length; i++) {
      if (!isNumeric(inputTypes[i])) {
        throw new SQLException(function.name() + ": " + function.parameters().get(i)
            + " must be numeric, got " + typeName(inputTypes[i]), WRONG_TYPE);
      }
    }
  }

  private static boolean isNumeric(int sqlType) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT,
          Types.DOUBLE, Types.NUMERIC, Types.DECIMAL, Types.NULL -> true;
      default -> false;
    };
  }

  private static String typeName(int sqlType) {
    return Arrays.stream(Types.class.getFields())
        .filter(f -> {
          try {
            return f.getInt(null) == sqlType;
          } catch (IllegalAccessException e) {
            return false;
          }
        })
        .map(java.lang.reflect.Field::getName)
        .findFirst().orElse("SQL type " + sqlType);
  }

  /** An argument as H2 delivers it (a {@link Number} for every numeric type, or null). */
  static Number number(DivergenceFunction function, int argument, Object value)
      throws SQLException {
    if (value == null || value instanceof Number) {
      return (Number) value;
    }
    throw new SQLException(function.name() + ": " + function.parameters().get(argument)
        + " must be numeric, got " + value.getClass().getSimpleName() + " " + value, WRONG_TYPE);
  }

  /** {@code KL_DIVERGENCE} for {@code CREATE AGGREGATE}. */
  public static final class KlDivergence extends H2Aggregate {
    public KlDivergence() {
      super(DivergenceFunction.KL_DIVERGENCE);
    }
  }

  /** {@code JS_DIVERGENCE} for {@code CREATE AGGREGATE}. */
  public static final class JsDivergence extends H2Aggregate {
    public JsDivergence() {
      super(DivergenceFunction.JS_DIVERGENCE);
    }
  }

  /** {@code CROSS_ENTROPY} for {@code CREATE AGGREGATE}. */
  public static final class CrossEntropy extends H2Aggregate {
    public CrossEntropy() {
      super(DivergenceFunction.CROSS_ENTROPY);
    }
  }

  /** {@code ENTROPY} for {@code CREATE AGGREGATE}. */
  public static final class Entropy extends H2Aggregate {
    public Entropy() {
      super(DivergenceFunction.ENTROPY);
    }
  }

  /** {@code PSI} for {@code CREATE AGGREGATE}. */
  public static final class Psi extends H2Aggregate {
    public Psi() {
      super(DivergenceFunction.PSI);
    }
  }

  /** {@code HELLINGER_DISTANCE} for {@code CREATE AGGREGATE}. */
  public static final class HellingerDistance extends H2Aggregate {
    public HellingerDistance() {
      super(DivergenceFunction.HELLINGER_DISTANCE);
    }
  }

  /** {@code TOTAL_VARIATION_DISTANCE} for {@code CREATE AGGREGATE}. */
  public static final class TotalVariationDistance extends H2Aggregate {
    public TotalVariationDistance() {
      super(DivergenceFunction.TOTAL_VARIATION_DISTANCE);
    }
  }

  /** {@code VAE_KL} for {@code CREATE AGGREGATE}. */
  public static final class VaeKl extends H2Aggregate {
    public VaeKl() {
      super(DivergenceFunction.VAE_KL);
    }
  }
}
