package dev.agora.validator.anomaly;

import dev.agora.common.time.Clock;

/** A clock that always reads the same instant. */
final class FixedClock implements Clock {
  private final long millis;

  FixedClock(final long millis) {
    this.millis = millis;
  }

  @Override
  public long millis() {
    return millis;
  }

  @Override
  public long nanos() {
    return millis * 1_000_000L;
  }
}
