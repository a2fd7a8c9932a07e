package dev.agora.common.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScryptParamsTest {
  @Test
  void constructor_shouldRejectOutOfBoundValuesWhenBuilt() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ScryptParams(1000, 8, 1)).getMessage().contains("power of two"));
    assertThrows(IllegalArgumentException.class, () -> new ScryptParams(1, 8, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScryptParams(1 << 19, 8, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScryptParams(1 << 18, 16, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScryptParams(1024, 0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ScryptParams(1024, 8, 17));
  }

  @Test
  void production_shouldBeAtLeastTwoToTheFourteenthWhenUsedForRealKeys() {
    assertTrue(ScryptParams.PRODUCTION.n() >= 1 << 14);
    assertEquals(8, ScryptParams.PRODUCTION.r());
  }
}
