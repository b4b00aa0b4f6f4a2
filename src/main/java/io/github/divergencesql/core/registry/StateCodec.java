package io.github.divergencesql.core.registry;

import io.github.divergencesql.core.Accumulator;
import io.github.divergencesql.core.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The serialised form of a partial aggregate, for engines that ship states between machines
 * (Spark): a three-byte header (format version, the function's permanent
 * {@linkplain DivergenceFunction#id() id}, argument count) and then the accumulator's own
 * {@link Accumulator#writeState} bytes, big-endian. A KL_DIVERGENCE state is 62 bytes whatever
 * the number of rows; a state read back merges and gives results exactly as the state that was
 * written. The id, not the enum's position, names the function, so declaring a new function
 * changes no stored or shipped state; {@code StateFixtureTest} reads states written by an earlier
 * build from checked-in bytes.
 *
 * <p>Versions: 1 (until 0.1.0's wide-range fix) had no "side has rows" flags and is refused;
 * 2 is the current one.
 */
public final class StateCodec {
  static final int VERSION = 2;

  private StateCodec() {}

  /** The bytes of {@code state}, an accumulator of {@code function} called with {@code arity}. */
  public static byte[] toBytes(DivergenceFunction function, int arity, Accumulator<?> state) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeByte(function.id());
      out.writeByte(arity);
      state.writeState(out);
    } catch (IOException e) {
      throw new InvalidArgumentException(function.name(), "partial state",
          "cannot be written: " + e.getMessage(), InvalidArgumentException.SQL_STATE);
    }
    return bytes.toByteArray();
  }

  /** A new accumulator holding the state {@link #toBytes} wrote. */
  public static Accumulator<?> fromBytes(DivergenceFunction function, int arity, byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      int version = in.readUnsignedByte();
      int id = in.readUnsignedByte();
      int written = in.readUnsignedByte();
      if (version != VERSION || id != function.id() || written != arity) {
        throw new IOException("version " + version + ", function id " + id + ", " + written
            + " arguments; expected version " + VERSION + " of " + function + " (id "
            + function.id() + ") with " + arity);
      }
      Accumulator<?> state = function.newAccumulator(arity);
      state.readState(in);
      if (in.read() != -1) {
        throw new IOException("trailing bytes");
      }
      return state;
    } catch (IOException e) {
      throw new IllegalArgumentException(function + ": not a partial state of this function ("
          + e.getMessage() + ")", e);
    }
  }
}
