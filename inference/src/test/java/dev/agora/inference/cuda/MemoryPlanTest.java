package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.inference.ModelConfig;
import org.junit.jupiter.api.Test;

class MemoryPlanTest {
  private static final ModelConfig M15 = new ModelConfig(288, 768, 6, 6, 6, 32000, 256, true);

  @Test
  void of_shouldCountWeightsWithoutRopeTablesAndSharedClassifierOnce() {
    final MemoryPlan p = MemoryPlan.of(M15);
    // The 15M file is 60,816,028 bytes (VERIFICATION.md §4): header + weights + 2 RoPE tables.
    final long ropeBytes = 2L * 4 * 256 * (48 / 2);
    assertEquals(60_816_028L - 28 - ropeBytes, p.weightBytes());
    assertEquals(2L * 6 * 256 * 288 * 4, p.kvCacheBytes());
  }

  @Test
  void of_shouldCountUnsharedClassifierSeparately() {
    final ModelConfig unshared = new ModelConfig(288, 768, 6, 6, 6, 32000, 256, false);
    assertEquals(MemoryPlan.of(M15).weightBytes() + 4L * 32000 * 288,
        MemoryPlan.of(unshared).weightBytes());
  }

  @Test
  void checkFits_shouldNameSizesWhenGpuTooSmall() {
    final ModelConfig big = new ModelConfig(2048, 5632, 22, 32, 4, 32000, 2048, true);
    final MemoryPlan p = MemoryPlan.of(big);
    final CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
        () -> p.checkFits("Tiny GPU", 2L << 30, 4L << 30));
    assertTrue(e.getMessage().startsWith("GPU memory too small for this model: Tiny GPU has"
        + " 2.0 GiB free of 4.0 GiB"), e.getMessage());
    assertTrue(e.getMessage().contains("weights 3.9 GiB"), e.getMessage());
    assertDoesNotThrow(() -> p.checkFits("H200", 140L << 30, 141L << 30));
  }

  @Test
  void gemmTiling_shouldUseLargeTilesOnlyWhenTheyFillTheDevice() {
    assertEquals(new GemmTiling("gemm_nt_64_vec", 64, 32, 2), GemmTiling.choose(128, 2048, 2048,
        132));
    assertEquals(new GemmTiling("gemm_nt_128_vec", 128, 250, 8),
        GemmTiling.choose(1024, 32000, 2048, 132));
    assertEquals("gemm_nt_64", GemmTiling.choose(5, 343, 343, 132).kernel());
    assertThrows(IllegalArgumentException.class, () -> GemmTiling.choose(0, 1, 1, 1));
  }
}
