package io.github.divergencesql.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Keys as SQL compares them, for every form whose argument is a category (the keyed forms'
 * {@code key}, the association measures' {@code x} and {@code y}): numbers by value (DECIMAL
 * 1.0 = 1.00, -0.0 = 0.0), binary strings by content, NULL one key as in GROUP BY; and their
 * form in a serialised state. Stateless and thread-safe.
 */
public final class SqlKeys {
  /**
   * System property: the most distinct keys (or, for the association measures, distinct
   * (x, y) pairs) one group may hold; default: what half the heap holds.
   */
  public static final String MAX_KEYS_PROPERTY = "divergence.maxKeys";

  private SqlKeys() {
  }

  /**
   * The most distinct keys one group may hold at about {@code bytesPerKey} each: the system
   * property, else half the heap, so that one group's keys fail with our error, naming the
   * limit, long before the engine itself runs out of memory (H2 closes a database on
   * OutOfMemoryError).
   */
  public static long maxKeys(int bytesPerKey) {
    long byHeap = Runtime.getRuntime().maxMemory() / 2 / bytesPerKey;
    return Math.min(Long.getLong(MAX_KEYS_PROPERTY, byHeap), Integer.MAX_VALUE - 16);
  }

  /** The category key as SQL equality sees it. */
  public static Object sqlKey(Object key) {
    if (key instanceof BigDecimal d) {
      return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }
    if (key instanceof Double d) {
      return d == 0 ? 0.0 : d; // -0.0 = 0.0
    }
    if (key instanceof Float f) {
      return f == 0 ? 0.0f : f;
    }
    if (key instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes.clone());
    }
    return key;
  }

  /** A key's type as written in a state; the tags are permanent (never renumber one). */
  private enum KeyType {
    NULL(0), STRING(1), INTEGER(2), LONG(3), DOUBLE(4), FLOAT(5), DECIMAL(6), BYTES(7),
    BOOLEAN(8), SHORT(9), BYTE(10);

    final int tag;

    KeyType(int tag) {
      this.tag = tag;
    }

    static KeyType ofTag(int tag) throws IOException {
      for (KeyType t : values()) {
        if (t.tag == tag) {
          return t;
        }
      }
      throw new IOException("unknown key type " + tag);
    }
  }

  /**
   * Writes a key (already a {@link #sqlKey}) as a type tag and its value, so that the key read
   * back equals it: strings, numbers, booleans, byte strings, NULL.
   */
  public static void write(DataOutput out, Object key) throws IOException {
    if (key == null) {
      out.writeByte(KeyType.NULL.tag);
    } else if (key instanceof String s) {
      out.writeByte(KeyType.STRING.tag);
      writeBytes(out, s.getBytes(StandardCharsets.UTF_8));
    } else if (key instanceof Integer v) {
      out.writeByte(KeyType.INTEGER.tag);
      out.writeInt(v);
    } else if (key instanceof Long v) {
      out.writeByte(KeyType.LONG.tag);
      out.writeLong(v);
    } else if (key instanceof Double v) {
      out.writeByte(KeyType.DOUBLE.tag);
      out.writeDouble(v);
    } else if (key instanceof Float v) {
      out.writeByte(KeyType.FLOAT.tag);
      out.writeFloat(v);
    } else if (key instanceof BigDecimal v) {
      out.writeByte(KeyType.DECIMAL.tag);
      out.writeInt(v.scale());
      writeBytes(out, v.unscaledValue().toByteArray());
    } else if (key instanceof ByteBuffer v) {
      out.writeByte(KeyType.BYTES.tag);
      byte[] bytes = new byte[v.remaining()];
      v.duplicate().get(bytes);
      writeBytes(out, bytes);
    } else if (key instanceof Boolean v) {
      out.writeByte(KeyType.BOOLEAN.tag);
      out.writeBoolean(v);
    } else if (key instanceof Short v) {
      out.writeByte(KeyType.SHORT.tag);
      out.writeShort(v);
    } else if (key instanceof Byte v) {
      out.writeByte(KeyType.BYTE.tag);
      out.writeByte(v);
    } else {
      // engines that ship states (Spark) hand over dates and times as these numbers; no Java
      // serialization here, so reading a state never instantiates an arbitrary class
      throw new IOException("a key of type " + key.getClass().getName() + " cannot be written");
    }
  }

  /** Reads a key written by {@link #write}. */
  public static Object read(DataInput in) throws IOException {
    return switch (KeyType.ofTag(in.readUnsignedByte())) {
      case NULL -> null;
      case STRING -> new String(readBytes(in), StandardCharsets.UTF_8);
      case INTEGER -> in.readInt();
      case LONG -> in.readLong();
      case DOUBLE -> in.readDouble();
      case FLOAT -> in.readFloat();
      case DECIMAL -> {
        int scale = in.readInt();
        yield new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case BYTES -> ByteBuffer.wrap(readBytes(in));
      case BOOLEAN -> in.readBoolean();
      case SHORT -> in.readShort();
      case BYTE -> in.readByte();
    };
  }

  private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }
}
