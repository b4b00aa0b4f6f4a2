package io.github.divergencesql.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.divergencesql.core.Accumulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * States written by an earlier build must still be read, and merge, as they were: stored or
 * shipped partial states outlive a release. {@code src/test/resources/state/states-v2.txt} holds
 * the bytes of every function's state, for every argument count, over the rows below, as
 * {@link StateCodec} format 2 wrote them on 2026-11-26 (by {@link #main}), and the result each
 * gave then. A later build must read each to the same result, bit for bit, and merging it with a
 * fresh state over the same rows must give what merging two fresh states gives (to 1e-15: how
 * rows are grouped into blocks may move the last bit). A function
 * declared later must add its line (the test names what is missing); existing lines are never
 * rewritten.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
class StateFixtureTest {
  private static final Path FIXTURE = Path.of("src/test/resources/state/states-v2.txt");

  /** The seed example's grades (ReferenceCases "seed"): key, p, q. */
  private static final Object[][] ROWS = {{"A", 0.2, 0.1}, {"B", 0.3, 0.4}, {"C", 0.4, 0.3},
      {"D", 0.1, 0.2}};

  private static Object[] args(DivergenceFunction f, int arity, Object[] row) {
    List<Object> args = new ArrayList<>();
    if (f.isKey(0)) {
      args.add(row[0]);
    }
    args.add(row[1]);
    if (args.size() < arity) {
      args.add(f.shape() == DivergenceFunction.Shape.VAE ? Math.log((Double) row[2]) : row[2]);
    }
    while (args.size() < arity) { // bins 3, α 0.5, k 200
      args.add(switch (f.parameters(arity).get(args.size())) {
        case "bins" -> (Object) 3;
        case "k" -> (Object) 200;
        default -> (Object) 0.5;
      });
    }
    return args.toArray();
  }

  private static Accumulator state(DivergenceFunction f, int arity, int times) {
    Accumulator a = f.newAccumulator(arity);
    for (int t = 0; t < times; t++) {
      for (Object[] row : ROWS) {
        f.addRow(a, args(f, arity, row));
      }
    }
    return a;
  }

  private static String key(DivergenceFunction f, int arity) {
    return f.name() + "/" + arity;
  }

  /** The fixture: key → {hex bytes, result as the long bits of the double, or "null"}. */
  private static Map<String, String[]> read() throws IOException {
    Map<String, String[]> lines = new TreeMap<>();
    for (String line : Files.readAllLines(FIXTURE, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        String[] f = line.split(" ");
        lines.put(f[0], new String[] {f[1], f[2]});
      }
    }
    return lines;
  }

  @Test
  void everyFunctionsStoredStateReadsAndMergesAsItDid() throws IOException {
    Map<String, String[]> fixture = read();
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (!f.isAggregate()) {
        continue;
      }
      for (int arity : f.arities()) {
        String[] line = fixture.get(key(f, arity));
        assertThat(line).as("no stored state for %s: run StateFixtureTest.main and add only "
            + "the new line", key(f, arity)).isNotNull();
        Accumulator stored = StateCodec.fromBytes(f, arity, HexFormat.of().parseHex(line[0]));
        Object then = line[1].equals("null") ? null
            : Double.longBitsToDouble(Long.parseLong(line[1]));
        assertThat(stored.result()).as(key(f, arity)).isEqualTo(then);
        Double merged = ((Accumulator<?>) stored.merge(state(f, arity, 1))).result();
        Double today = ((Accumulator<?>) state(f, arity, 1).merge(state(f, arity, 1))).result();
        // the same value; not always the same bits: today's build folds added rows in blocks
        // (StreamingPairMeasure), where the stored state pooled them one at a time
        if (today == null || today == 0 || today.isInfinite()) {
          assertThat(merged).as(key(f, arity) + " merged").isEqualTo(today);
        } else {
          assertThat(Math.abs(merged - today)).as("%s merged: %s vs %s", key(f, arity), merged,
              today).isLessThanOrEqualTo(1e-15 * Math.abs(today));
        }
      }
    }
  }

  @Test
  void theStoredKlStateStillGivesTheSeedValue() throws IOException {
    // mpmath: 0.1·ln(8/3) = 0.098082925301172643645 (ReferenceCases "seed")
    String[] line = read().get("KL_DIVERGENCE/2");
    Double kl = (Double) StateCodec.fromBytes(DivergenceFunction.KL_DIVERGENCE, 2,
        HexFormat.of().parseHex(line[0])).result();
    assertThat(Math.abs(kl - 0.098082925301172643645)).isLessThan(1e-16);
  }

  /** Prints the fixture's lines for the current format (append only the missing ones). */
  public static void main(String[] args) {
    for (DivergenceFunction f : DivergenceFunction.values()) {
      if (f.isAggregate()) {
        for (int arity : f.arities()) {
          Accumulator a = state(f, arity, 1);
          Double r = (Double) a.result();
          System.out.println(key(f, arity) + " "
              + HexFormat.of().formatHex(StateCodec.toBytes(f, arity, a)) + " "
              + (r == null ? "null" : String.valueOf(Double.doubleToLongBits(r))));
        }
      }
    }
  }
}
