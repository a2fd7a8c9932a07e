package dev.agora.common.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StubClockTest {
  @Test
  void advanceMillis_shouldMoveBothClocksWhenCalled() {
    final StubClock clock = new StubClock(1000);
    clock.advanceMillis(250);
    assertEquals(1250, clock.millis());
    assertEquals(250_000_000L, clock.nanos());
  }

  @Test
  void advanceNanos_shouldCarryWholeMillisecondsWhenSubMillisecondStepsAdd() {
    final StubClock clock = new StubClock(0);
    clock.advanceNanos(600_000).advanceNanos(600_000);
    assertEquals(1, clock.millis());
    assertEquals(1_200_000L, clock.nanos());
  }

  @Test
  void advanceMillis_shouldThrowWhenDeltaIsNegative() {
    assertThrows(IllegalArgumentException.class, () -> new StubClock().advanceMillis(-1));
    assertThrows(IllegalArgumentException.class, () -> new StubClock().advanceNanos(-1));
  }

  @Test
  void setMillis_shouldChangeWallClockOnlyWhenSkewed() {
    final StubClock clock = new StubClock(5000).setMillis(10);
    assertEquals(10, clock.millis());
    assertEquals(0, clock.nanos());
  }
}
