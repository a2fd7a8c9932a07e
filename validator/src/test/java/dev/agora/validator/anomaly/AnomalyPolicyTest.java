package dev.agora.validator.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnomalyPolicyTest {
  @Test
  void scoreMultiplier_shouldStayWithinTheBoundWhenEveryAnswerIsAnomalous() {
    assertEquals(0.8, AnomalyPolicy.scoreMultiplier(10, 10, 0.2), 1e-12);
    assertEquals(0.5, AnomalyPolicy.scoreMultiplier(7, 7, AnomalyPolicy.MAX_REDUCTION_CAP), 1e-12);
  }

  @Test
  void scoreMultiplier_shouldScaleWithTheAnomalousShare() {
    assertEquals(1.0, AnomalyPolicy.scoreMultiplier(0, 40, 0.2), 0.0);
    assertEquals(0.95, AnomalyPolicy.scoreMultiplier(10, 40, 0.2), 1e-12);
    assertEquals(1.0, AnomalyPolicy.scoreMultiplier(0, 0, 0.2), 0.0);
  }

  @Test
  void scoreMultiplier_shouldRejectOutOfRangeInput() {
    assertThrows(IllegalArgumentException.class, () -> AnomalyPolicy.scoreMultiplier(5, 4, 0.2));
    assertThrows(IllegalArgumentException.class, () -> AnomalyPolicy.scoreMultiplier(-1, 4, 0.2));
    assertThrows(IllegalArgumentException.class, () -> AnomalyPolicy.scoreMultiplier(1, 4, 0.6));
    assertThrows(
        IllegalArgumentException.class, () -> AnomalyPolicy.scoreMultiplier(1, 4, Double.NaN));
  }
}
