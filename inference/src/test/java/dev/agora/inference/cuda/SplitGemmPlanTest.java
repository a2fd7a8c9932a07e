package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SplitGemmPlanTest {
  private static final int H200_SLOTS = 132 * 2;
  private static final long ROOMY = 1L << 30;

  @Test
  void choose_shouldSplitKWhenFewTilesWouldLeaveTheDeviceIdle() {
    // 128 positions x Wo of the 1B shape: 16 tiles; 15 splits fill 240 of 264 slots.
    final SplitGemmPlan wo = SplitGemmPlan.choose(128, new int[] {2048}, 2048, H200_SLOTS, ROOMY,
        SplitGemmPlan.MIN_K_PER_SPLIT);
    assertEquals(new SplitGemmPlan(16, 1, 15), wo);
    assertEquals(15, wo.gridY());
    // W1 | W3: 88 tiles, 3 splits fill every slot.
    assertEquals(3, SplitGemmPlan.choose(128, new int[] {5632, 5632}, 2048, H200_SLOTS, ROOMY,
        SplitGemmPlan.MIN_K_PER_SPLIT).splits());
    // q | k | v: 16 + 2 + 2 column tiles.
    assertEquals(20, SplitGemmPlan.choose(128, new int[] {2048, 256, 256}, 2048, H200_SLOTS,
        ROOMY, SplitGemmPlan.MIN_K_PER_SPLIT).columnTiles());
  }

  @Test
  void choose_shouldNotSplitWhenTilesAlreadyFillTheDevice() {
    // The classifier: 250 tiles of 264 slots.
    assertEquals(new SplitGemmPlan(250, 1, 1), SplitGemmPlan.choose(128, new int[] {32000}, 2048,
        H200_SLOTS, ROOMY, SplitGemmPlan.MIN_K_PER_SPLIT));
    // 1024 positions x W1 | W3: 704 tiles.
    assertEquals(1, SplitGemmPlan.choose(1024, new int[] {5632, 5632}, 2048, H200_SLOTS, ROOMY,
        SplitGemmPlan.MIN_K_PER_SPLIT).splits());
  }

  @Test
  void choose_shouldRespectMinimumKAndPartialMemory() {
    // k = 64 with at least 128 per split: no split however idle the device.
    assertEquals(1, SplitGemmPlan.choose(24, new int[] {64, 32, 32}, 64, 8, ROOMY,
        SplitGemmPlan.MIN_K_PER_SPLIT).splits());
    // Forced small splits (the emulator tests): 3 tiles on 8 slots split in 2.
    assertEquals(2, SplitGemmPlan.choose(24, new int[] {64, 32, 32}, 64, 8, ROOMY, 16).splits());
    // Partial sums limited to 4 x 128 x 2048 floats: at most 4 splits.
    final SplitGemmPlan capped = SplitGemmPlan.choose(128, new int[] {2048}, 2048, H200_SLOTS,
        4L * 128 * 2048, SplitGemmPlan.MIN_K_PER_SPLIT);
    assertTrue(capped.splits() <= 4, capped.toString());
  }

  @Test
  void choose_shouldRejectBadRequests() {
    assertThrows(IllegalArgumentException.class,
        () -> SplitGemmPlan.choose(0, new int[] {8}, 8, 1, ROOMY, 128));
    assertThrows(IllegalArgumentException.class,
        () -> SplitGemmPlan.choose(8, new int[] {8, 8, 8, 8}, 8, 1, ROOMY, 128));
    assertThrows(IllegalArgumentException.class,
        () -> SplitGemmPlan.choose(8, new int[] {0}, 8, 1, ROOMY, 128));
  }
}
