package dev.agora.validator.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneClassSvmAnomalyDetectorTest {
  private static final AnomalyConfig SMALL = new AnomalyConfig(200, 64, 0.01, 0.05, 7L);

  @Test
  void assess_shouldBeEmptyWhenFewerThanMinSamplesWereObserved() {
    final SyntheticTimings s = new SyntheticTimings(3, 5);
    final AnomalyDetector d = new OneClassSvmAnomalyDetector(SMALL, new FixedClock(0));
    assertTrue(d.assess(s.honest()).isEmpty());
    for (int i = 0; i < 63; i++) {
      d.observe(s.honest());
    }
    assertTrue(d.retrain().isEmpty());
    assertTrue(d.assess(s.honest()).isEmpty());
    assertTrue(d.model().isEmpty());
    assertEquals(63, d.windowSize());
  }

  @Test
  void assess_shouldJudgeOnceRetrainedWithEnoughSamples() {
    final SyntheticTimings s = new SyntheticTimings(3, 5);
    final AnomalyDetector d = new OneClassSvmAnomalyDetector(SMALL, new FixedClock(0));
    for (int i = 0; i < 64; i++) {
      d.observe(s.honest());
    }
    assertTrue(d.assess(s.honest()).isEmpty(), "observe alone must not train");
    final Optional<AnomalyModel> model = d.retrain();
    assertTrue(model.isPresent());
    assertSame(model.get(), d.model().orElseThrow());
    assertEquals(64, model.get().trainingSize());
    final AnomalyVerdict dump = d.assess(s.streamThenDump()).orElseThrow();
    assertTrue(dump.anomalous(), "score " + dump.score());
  }

  @Test
  void observe_shouldDropTheOldestWhenTheWindowIsFull() {
    final SyntheticTimings s = new SyntheticTimings(8, 5);
    final OneClassSvmAnomalyDetector d = new OneClassSvmAnomalyDetector(SMALL, new FixedClock(0));
    for (int i = 0; i < 250; i++) {
      d.observe(s.honest());
    }
    assertEquals(200, d.windowSize());
    assertEquals(200, d.retrain().orElseThrow().trainingSize());
  }

  @Test
  void retrain_shouldKeepThePreviousModelWhenTheWindowIsTooSmall() {
    final SyntheticTimings s = new SyntheticTimings(8, 5);
    final AnomalyDetector d = new OneClassSvmAnomalyDetector(SMALL, new FixedClock(0));
    for (int i = 0; i < 64; i++) {
      d.observe(s.honest());
    }
    final AnomalyModel first = d.retrain().orElseThrow();
    final AnomalyDetector fresh = new OneClassSvmAnomalyDetector(SMALL, new FixedClock(0));
    assertTrue(fresh.retrain().isEmpty());
    assertFalse(fresh.model().isPresent());
    assertSame(first, d.model().orElseThrow());
  }

  @Test
  void observe_shouldRejectNull() {
    final AnomalyDetector d = new OneClassSvmAnomalyDetector(SMALL, new FixedClock(0));
    assertThrows(IllegalArgumentException.class, () -> d.observe(null));
    assertEquals(0, d.windowSize());
  }
}
