package io.github.divergencesql.calcite;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import io.github.divergencesql.core.registry.DivergenceFunction;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * A Calcite schema that holds the functions of divergence-sql and no tables; use it as a model's
 * default schema (see {@code sql/calcite/model.json}) so the functions resolve unqualified while
 * the user's schemas (JDBC, CSV, ...) sit beside it.
 *
 * <p>Operand {@code functions}: the list of function names to declare; when absent, all of them.
 * An unknown name is an error when the model is loaded.
 */
public final class DivergenceSchemaFactory implements SchemaFactory {
  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    ImmutableMultimap.Builder<String, Function> functions = ImmutableMultimap.builder();
    Object listed = operand == null ? null : operand.get("functions");
    if (listed == null) {
      for (DivergenceFunction f : DivergenceFunction.values()) {
        functions.putAll(f.name(), CalciteFunctions.functions(f));
      }
    } else {
      for (Object n : (List<?>) listed) {
        DivergenceFunction f;
        try {
          f = DivergenceFunction.valueOf(String.valueOf(n).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("schema " + name + ": unknown divergence-sql function '"
              + n + "'; known: " + List.of(DivergenceFunction.values()), e);
        }
        functions.putAll(f.name(), CalciteFunctions.functions(f));
      }
    }
    Multimap<String, Function> map = functions.build();
    return new AbstractSchema() {
      @Override
      protected Multimap<String, Function> getFunctionMultimap() {
        return map;
      }
    };
  }
}
