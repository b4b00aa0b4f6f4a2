package io.github.divergencesql.core.association;

import io.github.divergencesql.core.InvalidArgumentException;
import io.github.divergencesql.core.SqlKeys;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contingency table of one group's observations (x, y): how often each distinct pair
 * occurred, and the margins. Values are categories as SQL compares them ({@link SqlKeys}; NULL
 * is one category, as in GROUP BY). Memory grows with the distinct pairs (about
 * {@value #BYTES_PER_PAIR} bytes each with their values), never with rows; past
 * {@link SqlKeys#maxKeys} distinct pairs a group fails with our error. Not thread-safe (one
 * group's).
 */
final class CrossTab {
  /** What one distinct pair costs, about: two slots of two longs, and its share of the keys. */
  static final int BYTES_PER_PAIR = 96;
  private static final long EMPTY = -1;

  private final String function;
  private final long maxPairs;
  private final Map<Object, Integer> xIndex = new HashMap<>();
  private final Map<Object, Integer> yIndex = new HashMap<>();
  private final List<Object> xKeys = new ArrayList<>();
  private final List<Object> yKeys = new ArrayList<>();
  private long[] xCounts = new long[8];
  private long[] yCounts = new long[8];
  /** Open addressing: cell (i, j) is the key i &lt;&lt; 32 | j, EMPTY where no cell is. */
  private long[] cellKeys = emptyKeys(16);
  private long[] cellCounts = new long[16];
  private int cells;
  private long total;

  CrossTab(String function) {
    this.function = function;
    this.maxPairs = SqlKeys.maxKeys(BYTES_PER_PAIR);
  }

  private static long[] emptyKeys(int n) {
    long[] k = new long[n];
    Arrays.fill(k, EMPTY);
    return k;
  }

  /** One observation; either value may be NULL. */
  void add(Object x, Object y) {
    add(SqlKeys.sqlKey(x), SqlKeys.sqlKey(y), 1);
  }

  /** {@code count} observations of one pair (x and y already {@link SqlKeys#sqlKey}s). */
  void add(Object x, Object y, long count) {
    int i = index(xIndex, xKeys, x);
    int j = index(yIndex, yKeys, y);
    if (i == xCounts.length) {
      xCounts = Arrays.copyOf(xCounts, i + (i >> 1) + 1);
    }
    if (j == yCounts.length) {
      yCounts = Arrays.copyOf(yCounts, j + (j >> 1) + 1);
    }
    // a state read from bytes may hold any counts: their sums must not wrap
    long newTotal = Math.addExact(total, count);
    long newX = Math.addExact(xCounts[i], count);
    long newY = Math.addExact(yCounts[j], count);
    addCell((long) i << 32 | j, count);
    xCounts[i] = newX;
    yCounts[j] = newY;
    total = newTotal;
  }

  private static int index(Map<Object, Integer> index, List<Object> keys, Object key) {
    Integer i = index.get(key);
    if (i == null) {
      i = keys.size();
      index.put(key, i);
      keys.add(key);
    }
    return i;
  }

  private void addCell(long key, long count) {
    int slot = slot(cellKeys, key);
    if (cellKeys[slot] == EMPTY) {
      if (cells >= maxPairs) {
        throw tooMany("exceed the limit of " + maxPairs + " distinct (x, y) pairs in one group "
            + "(about " + BYTES_PER_PAIR + " bytes each; set the system property "
            + SqlKeys.MAX_KEYS_PROPERTY + " or give the JVM more heap (-Xmx))");
      }
      if (2 * (cells + 1) > cellKeys.length) {
        grow();
        slot = slot(cellKeys, key);
      }
      cellKeys[slot] = key;
      cells++;
    }
    cellCounts[slot] += count;
  }

  private static int slot(long[] keys, long key) {
    int mask = keys.length - 1;
    int s = (int) (Long.hashCode(key * 0x9E3779B97F4A7C15L)) & mask;
    while (keys[s] != EMPTY && keys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private void grow() {
    long[] oldKeys = cellKeys;
    long[] oldCounts = cellCounts;
    try {
      cellKeys = emptyKeys(oldKeys.length * 2);
      cellCounts = new long[oldKeys.length * 2];
    } catch (OutOfMemoryError e) {
      cellKeys = oldKeys;
      cellCounts = oldCounts;
      throw tooMany("need more memory than the JVM has: " + cells + " distinct (x, y) pairs in "
          + "one group (about " + ((long) cells * BYTES_PER_PAIR >> 20) + " MiB); give the JVM "
          + "more heap (-Xmx) or aggregate fewer pairs per group");
    }
    for (int s = 0; s < oldKeys.length; s++) {
      if (oldKeys[s] != EMPTY) {
        int t = slot(cellKeys, oldKeys[s]);
        cellKeys[t] = oldKeys[s];
        cellCounts[t] = oldCounts[s];
      }
    }
  }

  private InvalidArgumentException tooMany(String problem) {
    return new InvalidArgumentException(function, "x, y", problem,
        InvalidArgumentException.SQL_STATE);
  }

  void addAll(CrossTab other) {
    other.forEachCell((i, j, n) -> add(other.xKeys.get(i), other.yKeys.get(j), n));
  }

  /** Writes the x values, the y values, then each cell as (x index, y index, count). */
  void write(DataOutput out) throws IOException {
    writeKeys(out, xKeys);
    writeKeys(out, yKeys);
    out.writeInt(cells);
    forEachCell((i, j, n) -> {
      try {
        out.writeInt(i);
        out.writeInt(j);
        out.writeLong(n);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private static void writeKeys(DataOutput out, List<Object> keys) throws IOException {
    out.writeInt(keys.size());
    for (Object k : keys) {
      SqlKeys.write(out, k);
    }
  }

  /** Adds the table written by {@link #write}; a count or index out of range is refused. */
  void read(DataInput in) throws IOException {
    Object[] xs = readKeys(in);
    Object[] ys = readKeys(in);
    int n = in.readInt();
    for (int c = 0; c < n; c++) {
      int i = in.readInt();
      int j = in.readInt();
      long count = in.readLong();
      if (i < 0 || i >= xs.length || j < 0 || j >= ys.length || count <= 0) {
        throw new IOException("a corrupt " + function + " state: cell (" + i + ", " + j + ") "
            + "count " + count);
      }
      try {
        add(xs[i], ys[j], count);
      } catch (ArithmeticException e) {
        throw new IOException("a corrupt " + function + " state: counts beyond 2^63", e);
      }
    }
  }

  private static Object[] readKeys(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("a corrupt state: " + n + " keys");
    }
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      keys.add(SqlKeys.read(in));
    }
    return keys.toArray();
  }

  /** Receives one observed cell: its x and y indexes and its count. */
  interface CellVisitor {
    void cell(int i, int j, long n);
  }

  void forEachCell(CellVisitor visitor) {
    for (int s = 0; s < cellKeys.length; s++) {
      long key = cellKeys[s];
      if (key != EMPTY) {
        visitor.cell((int) (key >>> 32), (int) key, cellCounts[s]);
      }
    }
  }

  /**
   * The observed cells as triples (n_ij, a_i, b_j), in ascending order: the measures sum in this
   * order, so that a result depends on the table alone, not on the order rows, merges or a state
   * codec filled it in (a term depends on the triple alone, so equal triples are
   * interchangeable).
   */
  long[] sortedCells() {
    long[] t = new long[3 * cells];
    int k = 0;
    for (int s = 0; s < cellKeys.length; s++) {
      long key = cellKeys[s];
      if (key != EMPTY) {
        t[k++] = cellCounts[s];
        t[k++] = xCounts[(int) (key >>> 32)];
        t[k++] = yCounts[(int) key];
      }
    }
    Integer[] order = new Integer[cells];
    for (int i = 0; i < cells; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (u, v) -> {
      for (int f = 0; f < 3; f++) {
        int c = Long.compare(t[3 * u + f], t[3 * v + f]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    long[] sorted = new long[t.length];
    for (int i = 0; i < cells; i++) {
      System.arraycopy(t, 3 * order[i], sorted, 3 * i, 3);
    }
    return sorted;
  }

  /** x's margin, ascending (see {@link #sortedCells}). */
  long[] sortedXCounts() {
    long[] a = Arrays.copyOf(xCounts, xKeys.size());
    Arrays.sort(a);
    return a;
  }

  long total() {
    return total;
  }

  int rows() {
    return xKeys.size();
  }

  int columns() {
    return yKeys.size();
  }

}
