package dev.agora.chain.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.chain.yuma.U16Rows;
import dev.agora.chain.yuma.Vectors;
import dev.agora.chain.yuma.YumaEpoch;
import dev.agora.chain.yuma.YumaInput;
import dev.agora.chain.yuma.YumaOutput;
import dev.agora.chain.yuma.YumaParams;
import dev.agora.chain.yuma.scenario.CoinbaseCase;
import dev.agora.chain.yuma.scenario.ScenarioParser;
import dev.agora.common.math.I32F32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EmissionVectorsTest {

  @TestFactory
  List<DynamicTest> split_shouldMatchCoinbaseCasesWhenRunOnVectors() {
    final List<DynamicTest> tests = new ArrayList<>();
    final JsonNode root = Vectors.root();
    final List<CoinbaseCase> cases =
        ScenarioParser.parse("{\"coinbase_cases\":" + root.path("coinbase_cases") + "}").coinbaseCases();
    for (final CoinbaseCase c : cases) {
      int k = 0;
      for (final CoinbaseCase.Check check : c.checks()) {
        tests.add(DynamicTest.dynamicTest(c.id() + " #" + k++, () -> {
          final BlockEmission e = EmissionSplit.split(check.alphaOut(), check.ownerCutU16(), check.rootProportionRaw());
          assertTrue(!check.expected().isEmpty());
          for (final Map.Entry<String, Long> x : check.expected().entrySet()) {
            final long actual = switch (x.getKey()) {
              case "PendingServerEmission" -> e.server();
              case "PendingValidatorEmission" -> e.validator();
              case "PendingRootAlphaDivs" -> e.rootAlphaDivs();
              case "PendingOwnerCut" -> e.ownerCut();
              default -> throw new AssertionError("unknown pool " + x.getKey());
            };
            assertEquals(x.getValue(), actual, check.tolerance(), x.getKey());
          }
        }));
      }
    }
    assertEquals(3, tests.size());
    return tests;
  }

  @Test
  void split_shouldGive18And41And41PercentWhenOwnerCutIsDefault() {
    final BlockEmission e = EmissionSplit.split(1_000_000_000L, EmissionSplit.DEFAULT_OWNER_CUT_U16);
    // cut raw = floor(11796·2^32/65535) = 773074452; rest 820_004_577.x split in halves, each floored
    assertEquals(179_995_422L, e.ownerCut());
    assertEquals(410_002_288L, e.server());
    assertEquals(410_002_288L, e.validator());
    assertEquals(0, e.rootAlphaDivs());
    assertTrue(e.total() <= 1_000_000_000L && e.total() >= 1_000_000_000L - 2);
  }

  @Test
  void split_shouldRejectWhenInputsAreOutOfRange() {
    assertThrows(IllegalArgumentException.class, () -> EmissionSplit.split(-1, 0));
    assertThrows(IllegalArgumentException.class, () -> EmissionSplit.split(1, 70000));
    assertThrows(IllegalArgumentException.class, () -> EmissionSplit.split(1, 0, I32F32.ONE + 1));
  }

  @Test
  void distribute_shouldConserveEveryRaoWhenPoolsArePaidAfterAnEpoch() {
    final Random rnd = new Random(3);
    for (int trial = 0; trial < 50; trial++) {
      final int n = 2 + rnd.nextInt(30);
      PendingPools pools = PendingPools.EMPTY;
      long minted = 0;
      final int blocks = 1 + rnd.nextInt(400);
      for (int b = 0; b < blocks; b++) {
        final BlockEmission e = EmissionSplit.split(1 + rnd.nextInt(2_000_000_000), rnd.nextInt(65536));
        minted += e.total();
        pools = pools.add(e);
      }
      assertEquals(minted, pools.total());
      final YumaOutput out = YumaEpoch.run(randomInput(rnd, n, pools.epochEmission()));
      final OptionalInt owner = rnd.nextBoolean() ? OptionalInt.of(rnd.nextInt(n)) : OptionalInt.empty();
      final EpochPayout pay = EpochDistribution.distribute(pools, out, owner);
      final long paid = Arrays.stream(pay.incentive()).sum() + Arrays.stream(pay.dividends()).sum()
          + pay.ownerIncentiveBurned() + pay.undistributed();
      assertEquals(pools.epochEmission(), paid, "trial " + trial);
      assertEquals(pools.ownerCut(), pay.ownerCut());
      assertTrue(pay.undistributed() >= 0 && pay.undistributed() <= n, "dust " + pay.undistributed());
      owner.ifPresent(o -> assertEquals(0, pay.incentive()[o]));
    }
  }

  @Test
  void distribute_shouldPayValidatorsEverythingWhenNoMinerHasIncentive() {
    final YumaInput in = YumaInput.builder(2)
        .currentBlock(10).stake(new long[] {100, 300}).lastUpdate(new long[] {10, 10})
        .params(YumaParams.defaults()).raoEmission(1000).build();
    final YumaOutput out = YumaEpoch.run(in);
    final EpochPayout pay = EpochDistribution.distribute(new PendingPools(500, 500, 7), out, OptionalInt.empty());
    assertEquals(0, Arrays.stream(pay.incentive()).sum());
    assertEquals(1000, Arrays.stream(pay.dividends()).sum() + pay.undistributed());
    assertEquals(250, pay.dividends()[0], 1);
    assertEquals(750, pay.dividends()[1], 1);
  }

  private static YumaInput randomInput(final Random rnd, final int n, final long rao) {
    final long[] stake = new long[n];
    final long[] upd = new long[n];
    final boolean[] permit = new boolean[n];
    final int[][] u = new int[n][];
    final int[][] v = new int[n][];
    for (int i = 0; i < n; i++) {
      stake[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(1_000_000_000);
      upd[i] = 100;
      permit[i] = rnd.nextBoolean();
      final int k = rnd.nextInt(n);
      u[i] = new int[k];
      v[i] = new int[k];
      final int start = rnd.nextInt(n);
      for (int t = 0; t < k; t++) {
        u[i][t] = (start + t) % n;
        v[i][t] = rnd.nextInt(65536);
      }
    }
    return YumaInput.builder(n).currentBlock(100).stake(stake).lastUpdate(upd).validatorPermit(permit)
        .weights(new U16Rows(u, v)).params(YumaParams.defaults()).raoEmission(rao).build();
  }
}
