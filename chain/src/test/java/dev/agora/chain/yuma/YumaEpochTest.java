package dev.agora.chain.yuma;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.math.I32F32;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Rules of SPEC §3 that the reference vectors do not pin down on their own. */
class YumaEpochTest {

  /** Validators 0 and 1 weight servers 2 and 3 equally; all registered at block 1. */
  private static YumaInput.Builder base() {
    final int[][] u = {{2, 3}, {2, 3}, {}, {}};
    final int[][] v = {{65535, 65535}, {65535, 65535}, {}, {}};
    return YumaInput.builder(4)
        .currentBlock(100)
        .stake(new long[] {600, 400, 0, 0})
        .blockAtRegistration(new long[] {1, 1, 1, 1})
        .lastUpdate(new long[] {50, 50, 1, 1})
        .validatorPermit(new boolean[] {true, true, false, false})
        .weights(new U16Rows(u, v))
        .params(YumaParams.defaults())
        .raoEmission(1_000_000);
  }

  @Test
  void run_shouldDropWeightsCommittedBeforeRegistrationWhenCommitRevealIsOn() {
    final YumaParams cr = new YumaParams(360, 5000, 32767, 900000, 65535, true, false, 45875, 58982, 1000, 64, 0, true);
    final YumaInput.Builder b = base().params(cr).blockAtRegistration(new long[] {1, 1, 1, 40});
    // uid 3 re-registered at 40; validator 0 committed at 30 (before), validator 1 at 45 (after)
    final YumaOutput out = YumaEpoch.run(b.commitBlocks(Optional.of(new long[] {30, 45, YumaInput.NO_COMMIT, YumaInput.NO_COMMIT})).build());
    final YumaOutput noMask = YumaEpoch.run(b.commitBlocks(Optional.empty()).build());
    assertTrue(out.incentive()[3] < noMask.incentive()[3], "CR mask must cut weights toward uid 3");
    assertEquals(noMask.incentive()[2] + noMask.incentive()[3], out.incentive()[2] + out.incentive()[3], 2);
  }

  @Test
  void run_shouldExemptOwnerFromStakeThresholdWhenOwnerIsSet() {
    final YumaParams p = new YumaParams(360, 5000, 32767, 900000, 65535, true, false, 45875, 58982, 1000, 64, 500, false);
    final YumaOutput noOwner = YumaEpoch.run(base().params(p).build());
    final YumaOutput owner = YumaEpoch.run(base().params(p).ownerUid(OptionalInt.of(1)).build());
    assertEquals(I32F32.ONE, noOwner.stakeWeight()[0]); // 400 < 500 filtered
    assertEquals(0, noOwner.stakeWeight()[1]);
    assertTrue(owner.stakeWeight()[1] > 0);
    assertTrue(owner.newValidatorPermit()[1]);
  }

  @Test
  void run_shouldFallBackToActiveStakeWhenNoWeightCounts() {
    final YumaOutput out = YumaEpoch.run(base().lastUpdate(new long[] {1, 1, 1, 1}).build()); // weights outdated
    assertEquals(0, out.serverEmission()[2]);
    assertEquals(600_000, out.emission()[0], 1);
    assertEquals(400_000, out.emission()[1], 1);
    assertArrayEquals(out.normalizedValidatorEmission(), out.activeStake());
  }

  @Test
  void run_shouldMarkInactiveWhenLastUpdateIsOlderThanCutoff() {
    final YumaOutput out = YumaEpoch.run(base().currentBlock(50 + 5000 + 1).build());
    assertTrue(!out.active()[0] && !out.active()[1]);
    final YumaOutput edge = YumaEpoch.run(base().currentBlock(50 + 5000).build());
    assertTrue(edge.active()[0]); // strictly less: last_update + cutoff == block is still active
  }

  @Test
  void run_shouldEmptyBondsRowWhenValidatorLosesPermit() {
    final U16Rows bonds = new U16Rows(new int[][] {{2}, {2}, {}, {}}, new int[][] {{100}, {200}, {}, {}});
    final YumaOutput out = YumaEpoch.run(base().bonds(bonds).params(YumaParams.defaults().withMaxAllowedValidators(1)).build());
    assertEquals(0, out.bonds().uids()[1].length); // lost its permit → emptied
    assertTrue(out.bonds().uids()[0].length > 0);
  }

  @Test
  void input_shouldRejectWhenShapesOrRangesAreWrong() {
    assertThrows(IllegalArgumentException.class, () -> base().stake(new long[3]).build());
    assertThrows(IllegalArgumentException.class, () -> base().stake(new long[] {-1, 0, 0, 0}).build());
    assertThrows(IllegalArgumentException.class,
        () -> base().weights(new U16Rows(new int[][] {{4}, {}, {}, {}}, new int[][] {{1}, {}, {}, {}})).build());
    assertThrows(IllegalArgumentException.class,
        () -> base().weights(new U16Rows(new int[][] {{2, 2}, {}, {}, {}}, new int[][] {{1, 1}, {}, {}, {}})).build());
    assertThrows(IllegalArgumentException.class,
        () -> base().weights(new U16Rows(new int[][] {{2}, {}, {}, {}}, new int[][] {{70000}, {}, {}, {}})).build());
    assertThrows(IllegalArgumentException.class, () -> base().ownerUid(OptionalInt.of(4)).build());
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> YumaEpoch.run(base().stake(new long[] {Long.MAX_VALUE, 1, 0, 0}).build()));
    assertTrue(e.getMessage().contains("total stake"));
  }

  @Test
  void run_shouldBeDeterministicWhenRunTwice() {
    final YumaInput in = base().build();
    final YumaOutput a = YumaEpoch.run(in);
    final YumaOutput b = YumaEpoch.run(in);
    assertArrayEquals(a.emission(), b.emission());
    assertEquals(a.bonds(), b.bonds());
  }
}
