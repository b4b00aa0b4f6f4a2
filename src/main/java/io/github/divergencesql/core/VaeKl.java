package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import static io.github.divergencesql.core.InvalidArgumentException.finite;

/**
 * {@code VAE_KL(mu, log_var)}: the KL term of a variational autoencoder,
 * KL(N(μ, diag σ²) ‖ N(0, I)) = Σ ½(μᵢ² + e^{lvᵢ} − 1 − lvᵢ) over the rows (latent dimensions),
 * with lv = ln σ².
 *
 * <ul>
 *   <li>SQL-standard NULLs: a row with a NULL argument is skipped; NULL when no row is left.
 *   <li>NaN or infinite μ or log-variance is an error; a finite input whose term exceeds the
 *       double range (|μ| &gt; 1e154 or lv &gt; 709) gives +Infinity.
 *   <li>Never negative; exactly 0 for μ = 0, lv = 0 on every row. Constant memory.
 * </ul>
 *
 * <p>e^{lv} − 1 − lv is evaluated as a series for small |lv| (where expm1(lv) − lv cancels), so
 * each term is a non-negative number with full relative precision; terms are summed with
 * compensation.
 */
public final class VaeKl implements BinaryAccumulator<VaeKl> {
  static final String NAME = "VAE_KL";

  private final DoubleDouble sum = new DoubleDouble();
  private long rows;

  @Override
  public void add(double mu, double logVar) {
    finite(NAME, "mu", mu);
    finite(NAME, "log_var", logVar);
    sum.add(0.5 * (mu * mu + Numerics.expm1MinusX(logVar)));
    rows++;
  }

  @Override
  public void addNullable(Number mu, Number logVar) {
    if (mu != null && logVar != null) {
      add(mu.doubleValue(), logVar.doubleValue());
    }
  }

  @Override
  public VaeKl merge(VaeKl other) {
    sum.add(other.sum);
    rows += other.rows;
    return this;
  }

  @Override
  public void writeState(DataOutput out) throws IOException {
    sum.write(out);
    out.writeLong(rows);
  }

  @Override
  public void readState(DataInput in) throws IOException {
    sum.read(in);
    rows = in.readLong();
  }

  @Override
  public Double result() {
    return rows == 0 ? null : sum.value();
  }
}
