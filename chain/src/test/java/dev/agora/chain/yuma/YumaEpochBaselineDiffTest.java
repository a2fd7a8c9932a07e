package dev.agora.chain.yuma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agora.chain.yuma.baseline.BaselineYumaEpoch;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimised epoch against the frozen pre-optimisation copy ({@link BaselineYumaEpoch}), field
 * by field and bit for bit, on seeded random subnets that reach every branch the vectors reach and
 * more: sparse and dense rows, explicit zeros, unsorted uids, stale and masked weights, owner,
 * stake threshold, commit-reveal, both Yuma variants, liquid alpha, beta strictly between 0 and 1,
 * extreme kappas, and the 4096 × 256 dense size the benchmark times.
 */
class YumaEpochBaselineDiffTest {

  @Test
  void run_shouldEqualBaselineBitForBitWhenSubnetsAreRandom() {
    final Random rnd = new Random(20261204L);
    for (int trial = 0; trial < 300; trial++) {
      final YumaInput in = randomInput(rnd, trial);
      assertSame(BaselineYumaEpoch.run(in), YumaEpoch.run(in), "trial " + trial);
    }
  }

  @Test
  void run_shouldEqualBaselineBitForBitWhenWeightsAreDenseAndLarge() {
    for (final boolean yuma3 : new boolean[] {false, true}) {
      final YumaInput in = dense(4096, 256, yuma3, false, 99L);
      assertSame(BaselineYumaEpoch.run(in), YumaEpoch.run(in), "dense yuma3=" + yuma3);
    }
    final YumaInput liquid = dense(1024, 128, true, true, 7L);
    assertSame(BaselineYumaEpoch.run(liquid), YumaEpoch.run(liquid), "dense liquid alpha");
  }

  static void assertSame(final YumaOutput want, final YumaOutput got, final String what) {
    assertArrayEquals(want.active(), got.active(), what + " active");
    assertArrayEquals(want.stakeWeight(), got.stakeWeight(), what + " stakeWeight");
    assertArrayEquals(want.activeStake(), got.activeStake(), what + " activeStake");
    assertArrayEquals(want.consensus(), got.consensus(), what + " consensus");
    assertArrayEquals(want.validatorTrust(), got.validatorTrust(), what + " validatorTrust");
    assertArrayEquals(want.incentive(), got.incentive(), what + " incentive");
    assertArrayEquals(want.dividends(), got.dividends(), what + " dividends");
    assertArrayEquals(want.newValidatorPermit(), got.newValidatorPermit(), what + " newPermit");
    assertArrayEquals(
        want.normalizedServerEmission(), got.normalizedServerEmission(), what + " server share");
    assertArrayEquals(
        want.normalizedValidatorEmission(),
        got.normalizedValidatorEmission(),
        what + " validator share");
    assertArrayEquals(
        want.normalizedCombinedEmission(), got.normalizedCombinedEmission(), what + " share");
    assertArrayEquals(want.serverEmission(), got.serverEmission(), what + " serverEmission");
    assertArrayEquals(want.validatorEmission(), got.validatorEmission(), what + " valEmission");
    assertArrayEquals(want.emission(), got.emission(), what + " emission");
    assertEquals(want.bonds(), got.bonds(), what + " bonds");
  }

  private static YumaInput randomInput(final Random rnd, final int trial) {
    final int n = 1 + rnd.nextInt(trial % 10 == 0 ? 400 : 60);
    final long block = 1000;
    final long[] stake = new long[n];
    final long[] reg = new long[n];
    final long[] upd = new long[n];
    final boolean[] permit = new boolean[n];
    final int[][] wu = new int[n][];
    final int[][] wv = new int[n][];
    final int[][] bu = new int[n][];
    final int[][] bv = new int[n][];
    final int levels = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 65536; // few levels: many ties
    for (int i = 0; i < n; i++) {
      stake[i] = rnd.nextInt(5) == 0 ? 0 : (long) (rnd.nextDouble() * (rnd.nextBoolean() ? 1e4 : 1e15));
      reg[i] = rnd.nextInt(8) == 0 ? 900 + rnd.nextInt(200) : rnd.nextInt(50);
      upd[i] = rnd.nextInt(6) == 0 ? rnd.nextInt(100) : 900 + rnd.nextInt(100);
      permit[i] = rnd.nextInt(3) != 0;
      wu[i] = randomUids(rnd, n);
      wv[i] = randomValues(rnd, wu[i].length, levels);
      bu[i] = randomUids(rnd, n);
      bv[i] = randomValues(rnd, bu[i].length, rnd.nextInt(3) == 0 ? 3 : 65536);
    }
    final boolean yuma3 = rnd.nextBoolean();
    final int kappa =
        switch (rnd.nextInt(6)) {
          case 0 -> 0;
          case 1 -> 65535;
          default -> rnd.nextInt(65536);
        };
    final int beta = switch (rnd.nextInt(3)) {
      case 0 -> 65535;
      case 1 -> 0;
      default -> rnd.nextInt(65536);
    };
    final YumaParams p =
        new YumaParams(
            360,
            rnd.nextBoolean() ? 5000 : 50,
            kappa,
            rnd.nextInt(4) == 0 ? rnd.nextInt(1_000_001) : 900_000,
            beta,
            yuma3,
            rnd.nextBoolean(),
            45875,
            58982,
            rnd.nextInt(3) == 0 ? rnd.nextInt(2000) - 1000 : 1000,
            1 + rnd.nextInt(Math.max(1, n)),
            rnd.nextInt(4) == 0 ? 5000 : 0,
            rnd.nextBoolean());
    final long[] commits = new long[n];
    for (int i = 0; i < n; i++) {
      commits[i] = rnd.nextBoolean() ? YumaInput.NO_COMMIT : 850 + rnd.nextInt(200);
    }
    return YumaInput.builder(n)
        .currentBlock(block)
        .stake(stake)
        .blockAtRegistration(reg)
        .lastUpdate(upd)
        .validatorPermit(permit)
        .weights(new U16Rows(wu, wv))
        .bonds(new U16Rows(bu, bv))
        .params(p)
        .raoEmission(rnd.nextInt(4) == 0 ? 0 : 360L * 1_000_000_000L)
        .ownerUid(rnd.nextBoolean() ? OptionalInt.of(rnd.nextInt(n)) : OptionalInt.empty())
        .commitBlocks(rnd.nextBoolean() ? Optional.of(commits) : Optional.empty())
        .lastMechanismStepBlock(rnd.nextBoolean() ? 0 : 640 + rnd.nextInt(400))
        .build();
  }

  private static int[] randomUids(final Random rnd, final int n) {
    final int mode = rnd.nextInt(4);
    if (mode == 0) {
      return new int[0];
    }
    final int[] perm = new int[n];
    for (int j = 0; j < n; j++) {
      perm[j] = j;
    }
    if (mode != 1) { // mode 1: all uids in order; otherwise a shuffled subset
      for (int j = n - 1; j > 0; j--) {
        final int s = rnd.nextInt(j + 1);
        final int t = perm[j];
        perm[j] = perm[s];
        perm[s] = t;
      }
      return java.util.Arrays.copyOf(perm, rnd.nextInt(n + 1));
    }
    return perm;
  }

  private static int[] randomValues(final Random rnd, final int len, final int levels) {
    final int[] v = new int[len];
    for (int k = 0; k < len; k++) {
      v[k] = rnd.nextInt(7) == 0 ? 0 : (int) ((long) rnd.nextInt(levels) * 65535 / Math.max(1, levels - 1));
    }
    return v;
  }

  private static YumaInput dense(
      final int n, final int v, final boolean yuma3, final boolean liquid, final long seed) {
    final Random rnd = new Random(seed);
    final long[] stake = new long[n];
    final long[] reg = new long[n];
    final long[] upd = new long[n];
    final boolean[] permit = new boolean[n];
    final int[][] wu = new int[n][];
    final int[][] wv = new int[n][];
    final int[][] bu = new int[n][];
    final int[][] bv = new int[n][];
    final int[] all = new int[n];
    for (int j = 0; j < n; j++) {
      all[j] = j;
    }
    for (int i = 0; i < n; i++) {
      reg[i] = 10;
      upd[i] = 990;
      permit[i] = i < v;
      stake[i] = i < v ? 1_000_000_000L + (long) (rnd.nextDouble() * 1e13) : rnd.nextInt(1000);
      wu[i] = i < v ? all : new int[0];
      bu[i] = wu[i];
      wv[i] = new int[wu[i].length];
      bv[i] = new int[wu[i].length];
      for (int j = 0; j < wv[i].length; j++) {
        wv[i][j] = rnd.nextInt(65536);
        bv[i][j] = rnd.nextInt(65536);
      }
    }
    final YumaParams base = YumaParams.defaults().withYuma3(yuma3).withMaxAllowedValidators(v);
    final YumaParams p =
        new YumaParams(
            base.tempo(), base.activityCutoffBlocks(), base.kappaU16(), base.bondsMovingAverage(),
            base.bondsPenaltyU16(), yuma3, liquid, base.alphaLowU16(), base.alphaHighU16(),
            base.alphaSigmoidSteepness(), v, 0, false);
    return YumaInput.builder(n)
        .currentBlock(1000)
        .stake(stake)
        .blockAtRegistration(reg)
        .lastUpdate(upd)
        .validatorPermit(permit)
        .weights(new U16Rows(wu, wv))
        .bonds(new U16Rows(bu, bv))
        .params(p)
        .raoEmission(360L * 1_000_000_000L)
        .build();
  }
}
