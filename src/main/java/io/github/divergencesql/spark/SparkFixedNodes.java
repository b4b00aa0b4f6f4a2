package io.github.divergencesql.spark;

import io.github.divergencesql.core.FixedWidthState.Measure;
import io.github.divergencesql.core.FixedWidthState;
import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.registry.CoreMethod;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.codegen.CodeBlock;
import org.apache.spark.sql.catalyst.expressions.codegen.CodegenContext;
import org.apache.spark.sql.catalyst.expressions.codegen.ExprCode;
import org.apache.spark.sql.catalyst.expressions.codegen.FalseLiteral$;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.ObjectType;
import scala.collection.immutable.IndexedSeq;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * What {@link SparkFixedAggregate}'s generated code is made of and calls: the expression nodes
 * ({@link Step}, {@link Slot}, {@link Result}) that write Java source for Spark's code
 * generation, and the static methods that source calls (the core's {@link FixedWidthState}, its
 * errors as Spark errors), resolved when this class loads.
 */
public final class SparkFixedNodes {
  private SparkFixedNodes() {}

  /** By ordinal, as generated code names them (Measure.values() copies its array per call). */
  private static final Measure[] MEASURES = Measure.values();

  /**
   * The methods generated code calls, resolved when this class loads (a rename fails at
   * start-up, not when Spark compiles a query), and named in the generated source as
   * {@code class.method}.
   */
  private static final Method ADD_PAIR = CoreMethod.resolve(SparkFixedNodes.class, "add",
      int.class, double[].class, boolean.class, double.class, boolean.class, double.class);
  private static final Method ADD_ONE = CoreMethod.resolve(SparkFixedNodes.class, "add",
      int.class, double[].class, boolean.class, double.class);
  private static final Method MERGE = CoreMethod.resolve(SparkFixedNodes.class, "merge",
      int.class, double[].class, double[].class);
  private static final Method RESULT = CoreMethod.resolve(SparkFixedNodes.class, "result",
      int.class, double[].class);

  /** How generated Java source names a static method. */
  static String source(Method m) {
    return m.getDeclaringClass().getName() + "." + m.getName();
  }

  // Called from generated code: the core's calls, its errors as Spark errors.

  /**
   * Adds a row (p, q) to state s, a flag standing for NULL (the core applies the NULL rule);
   * {@code measure} is a {@link Measure} ordinal.
   */
  public static void add(int measure, double[] s, boolean pNull, double p, boolean qNull,
      double q) {
    try {
      FixedWidthState.addNullable(MEASURES[measure], s, pNull, p, qNull, q);
    } catch (InvalidArgumentException e) {
      throw new DivergenceSparkException(e);
    }
  }

  /** Adds a row of ENTROPY. */
  public static void add(int measure, double[] s, boolean wNull, double w) {
    try {
      FixedWidthState.addNullable(MEASURES[measure], s, wNull, w);
    } catch (InvalidArgumentException e) {
      throw new DivergenceSparkException(e);
    }
  }

  /** Merges o into s. */
  public static void merge(int measure, double[] s, double[] o) {
    FixedWidthState.merge(MEASURES[measure], s, o);
  }

  /** The result, or null for SQL NULL. */
  public static Double result(int measure, double[] s) {
    return FixedWidthState.result(MEASURES[measure], s);
  }

  static Seq<Expression> seq(List<Expression> list) {
    return CollectionConverters.asScala(list).toList();
  }

  /**
   * Spark's expression trees are case classes; the three below behave as such: equal when of
   * one class with equal product elements (Spark's common subexpression elimination relies on
   * it to compute a {@link Step} once for all its slots).
   */
  private abstract static class Node extends Expression {
    @Override
    public scala.collection.Iterator<Object> stringArgs() {
      return (scala.collection.Iterator) children().iterator();
    }

    @Override
    public boolean canEqual(Object other) {
      return other != null && other.getClass() == getClass();
    }

    @Override
    public boolean equals(Object other) {
      if (!canEqual(other)) {
        return false;
      }
      Node o = (Node) other;
      for (int i = 0; i < productArity(); i++) {
        if (!Objects.equals(productElement(i), o.productElement(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      int h = getClass().hashCode();
      for (int i = 0; i < productArity(); i++) {
        h = 31 * h + Objects.hashCode(productElement(i));
      }
      return h;
    }
  }

  /**
   * One step of a group's state: the state's slots (and for an update the row's arguments, for
   * a merge the other state's slots) in, the new state out as a {@code double[]}. In generated
   * code the array is one per generated class instance (one per task), filled in place.
   */
  static final class Step extends Node {
    private final Measure measure;
    private final boolean merge;
    private final Seq<Expression> inputs;

    Step(Measure measure, boolean merge, Seq<Expression> inputs) {
      this.measure = measure;
      this.merge = merge;
      this.inputs = inputs;
    }

    @Override
    public Seq<Expression> children() {
      return inputs;
    }

    @Override
    public boolean nullable() {
      return false;
    }

    @Override
    public DataType dataType() {
      return new ObjectType(double[].class);
    }

    @Override
    public Object eval(InternalRow row) {
      int w = measure.width();
      List<Expression> in = CollectionConverters.asJava(inputs);
      double[] s = new double[w];
      for (int i = 0; i < w; i++) {
        s[i] = (Double) in.get(i).eval(row);
      }
      if (merge) {
        double[] o = new double[w];
        for (int i = 0; i < w; i++) {
          o[i] = (Double) in.get(w + i).eval(row);
        }
        merge(measure.ordinal(), s, o);
        return s;
      }
      Object p = in.get(w).eval(row);
      if (measure.unary()) {
        add(measure.ordinal(), s, p == null, doubleOf(p));
        return s;
      }
      Object q = in.get(w + 1).eval(row);
      add(measure.ordinal(), s, p == null, doubleOf(p), q == null,
          doubleOf(q));
      return s;
    }

    private static double doubleOf(Object v) {
      return v == null ? 0 : ((Number) v).doubleValue();
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
      int w = measure.width();
      List<Expression> in = CollectionConverters.asJava(inputs);
      String state = ctx.addMutableState("double[]", "fixedState",
          v -> v + " = new double[" + w + "];", false, true);
      String other = merge ? ctx.addMutableState("double[]", "fixedOther",
          v -> v + " = new double[" + w + "];", false, true) : null;
      StringBuilder code = new StringBuilder();
      List<ExprCode> evs = new ArrayList<>();
      for (Expression e : in) {
        ExprCode c = e.genCode(ctx);
        evs.add(c);
        code.append(c.code()).append('\n');
      }
      for (int i = 0; i < w; i++) {
        code.append(state).append('[').append(i).append("] = ").append(evs.get(i).value())
            .append(";\n");
      }
      int k = measure.ordinal();
      if (merge) {
        for (int i = 0; i < w; i++) {
          code.append(other).append('[').append(i).append("] = ").append(evs.get(w + i).value())
              .append(";\n");
        }
        code.append(source(MERGE)).append('(').append(k).append(", ").append(state).append(", ")
            .append(other).append(");\n");
      } else { // the row's values and NULL flags; the core applies the NULL rule
        code.append(source(measure.unary() ? ADD_ONE : ADD_PAIR)).append('(').append(k).append(", ").append(state);
        for (ExprCode a : evs.subList(w, evs.size())) {
          code.append(", ").append(a.isNull()).append(", (double) ").append(a.value());
        }
        code.append(");\n");
      }
      code.append("double[] ").append(ev.value()).append(" = ").append(state).append(";\n");
      return ev.copy(block(code.toString()), FalseLiteral$.MODULE$, ev.value());
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
      return new Step(measure, merge, newChildren);
    }

    @Override
    public int productArity() {
      return 3;
    }

    @Override
    public Object productElement(int n) {
      return switch (n) {
        case 0 -> measure;
        case 1 -> merge;
        case 2 -> inputs;
        default -> throw new IndexOutOfBoundsException(n);
      };
    }
  }

  /** Number i of a {@link Step}'s new state: the value of one buffer slot. */
  static final class Slot extends Node {
    private final Expression step;
    private final int index;

    Slot(Expression step, int index) {
      this.step = step;
      this.index = index;
    }

    @Override
    public Seq<Expression> children() {
      return seq(List.of(step));
    }

    @Override
    public boolean nullable() {
      return false;
    }

    @Override
    public DataType dataType() {
      return DataTypes.DoubleType;
    }

    @Override
    public Object eval(InternalRow row) {
      return ((double[]) step.eval(row))[index];
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
      ExprCode s = step.genCode(ctx);
      return ev.copy(block(s.code() + "\ndouble " + ev.value() + " = " + s.value() + "["
          + index + "];"), FalseLiteral$.MODULE$, ev.value());
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
      return new Slot(newChildren.head(), index);
    }

    @Override
    public int productArity() {
      return 2;
    }

    @Override
    public Object productElement(int n) {
      return switch (n) {
        case 0 -> step;
        case 1 -> index;
        default -> throw new IndexOutOfBoundsException(n);
      };
    }
  }

  /** The measure's value of a state, NULL where the core's is null. */
  static final class Result extends Node {
    private final Measure measure;
    private final Seq<Expression> state;

    Result(Measure measure, Seq<Expression> state) {
      this.measure = measure;
      this.state = state;
    }

    @Override
    public Seq<Expression> children() {
      return state;
    }

    @Override
    public boolean nullable() {
      return true;
    }

    @Override
    public DataType dataType() {
      return DataTypes.DoubleType;
    }

    @Override
    public Object eval(InternalRow row) {
      List<Expression> in = CollectionConverters.asJava(state);
      double[] s = new double[in.size()];
      for (int i = 0; i < s.length; i++) {
        s[i] = (Double) in.get(i).eval(row);
      }
      return result(measure.ordinal(), s);
    }

    @Override
    public ExprCode doGenCode(CodegenContext ctx, ExprCode ev) {
      List<Expression> in = CollectionConverters.asJava(state);
      StringBuilder code = new StringBuilder();
      String s = ctx.freshName("fixedResult");
      String r = ctx.freshName("fixedValue");
      List<ExprCode> evs = new ArrayList<>();
      for (Expression e : in) {
        ExprCode c = e.genCode(ctx);
        evs.add(c);
        code.append(c.code()).append('\n');
      }
      code.append("double[] ").append(s).append(" = new double[").append(in.size())
          .append("];\n");
      for (int i = 0; i < in.size(); i++) {
        code.append(s).append('[').append(i).append("] = ").append(evs.get(i).value())
            .append(";\n");
      }
      code.append("java.lang.Double ").append(r).append(" = ").append(source(RESULT))
          .append('(').append(measure.ordinal()).append(", ").append(s).append(");\n")
          .append("boolean ").append(ev.isNull()).append(" = ").append(r).append(" == null;\n")
          .append("double ").append(ev.value()).append(" = ").append(ev.isNull())
          .append(" ? -1.0 : ").append(r).append(".doubleValue();");
      return ev.copy(block(code.toString()), ev.isNull(), ev.value());
    }

    @Override
    public Expression withNewChildrenInternal(IndexedSeq<Expression> newChildren) {
      return new Result(measure, newChildren);
    }

    @Override
    public int productArity() {
      return 2;
    }

    @Override
    public Object productElement(int n) {
      return switch (n) {
        case 0 -> measure;
        case 1 -> state;
        default -> throw new IndexOutOfBoundsException(n);
      };
    }
  }

  /** Generated Java source as a code block. */
  private static CodeBlock block(String code) {
    return new CodeBlock(CollectionConverters.asScala(List.of(code)).toList(),
        (Seq) scala.collection.immutable.Nil$.MODULE$);
  }
}
