package dev.agora.miner.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.miner.auth.AuthConfig;
import dev.agora.miner.axon.AxonConfig;
import org.junit.jupiter.api.Test;

class MinerNodeConfigTest {
  private static final AxonConfig AXON = AxonConfig.defaults("127.0.0.1", 0, "demo-tiny");

  @Test
  void auth_shouldCarryConfiguredLimitsWhenGiven() {
    final MinerNodeConfig c = new MinerNodeConfig(3, AXON, "127.0.0.1", 500, 1_000, false, 0, 4096, 7_000, 1_500, 12);
    final AuthConfig a = c.auth("agora1self");
    assertEquals(3, a.netuid());
    assertEquals("agora1self", a.ownHotkey());
    assertEquals(4096, a.maxBodyBytes());
    assertEquals(7_000L, a.pastWindowMs());
    assertEquals(1_500L, a.futureWindowMs());
    assertEquals(500L, a.minStakeRao());
    assertEquals(12.0, a.ratePerSecond());
    assertEquals(24.0, a.rateBurst());
    assertTrue(a.requirePermit());
  }

  @Test
  void auth_shouldUseDesignDefaultsWhenBuiltWithoutLimits() {
    final AuthConfig a = new MinerNodeConfig(1, AXON, "h", 1, 1_000, false, 0).auth("agora1self");
    final AuthConfig d = AuthConfig.defaults(1, "agora1self", 1);
    assertEquals(d, a);
  }

  @Test
  void constructor_shouldRefuseWhenLimitsNotPositive() {
    assertThrows(IllegalArgumentException.class,
        () -> new MinerNodeConfig(1, AXON, "h", 1, 1_000, false, 0, 0, 10_000, 2_000, 20));
    assertThrows(IllegalArgumentException.class,
        () -> new MinerNodeConfig(1, AXON, "h", 1, 1_000, false, 0, 1024, 10_000, 2_000, 0));
    assertThrows(IllegalArgumentException.class,
        () -> new MinerNodeConfig(1, AXON, "h", 1, 1_000, false, 0, 1024, -1, 2_000, 20));
  }
}
