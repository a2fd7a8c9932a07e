package dev.agora.validator.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WeightsTest {
  @Test
  void fromReputation_shouldNormaliseAndDropZerosInUidOrder() {
    final WeightVector v = WeightVector.fromReputation(Map.of(5, 0.2, 1, 0.6, 3, 0.0, 4, Double.NaN)).orElseThrow();
    assertArrayEquals(new int[] {1, 5}, v.uids());
    assertArrayEquals(new double[] {0.75, 0.25}, v.weights(), 1e-12);
  }

  @Test
  void fromReputation_shouldBeEmptyWhenNobodyEarned() {
    assertEquals(Optional.empty(), WeightVector.fromReputation(Map.of(1, 0.0)));
    assertEquals(Optional.empty(), WeightVector.fromReputation(Map.of()));
  }

  @Test
  void maySubmit_shouldAllowFirstThenWaitForInterval() {
    final var first = WeightSubmissionRecord.EMPTY.maySubmit(7, 10).orElseThrow();
    assertEquals(7, first.lastBlock());
    assertTrue(first.maySubmit(16, 10).isEmpty());
    assertTrue(first.maySubmit(7, 10).isEmpty());
    assertTrue(first.maySubmit(3, 10).isEmpty()); // block went backwards
    assertEquals(17, first.maySubmit(17, 10).orElseThrow().lastBlock());
  }

  @Test
  void maySubmit_shouldRefuseBadInterval() {
    assertThrows(IllegalArgumentException.class, () -> WeightSubmissionRecord.EMPTY.maySubmit(1, 0));
  }
}
