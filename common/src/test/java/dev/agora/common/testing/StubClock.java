package dev.agora.common.testing;

import dev.agora.common.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; thread-safe. Wall and monotonic time advance together. */
public final class StubClock implements Clock {
  private final AtomicLong millis;
  private final AtomicLong nanos;

  /** Starts at the given wall-clock milliseconds; monotonic nanos start at zero. */
  public StubClock(final long startMillis) {
    this.millis = new AtomicLong(startMillis);
    this.nanos = new AtomicLong(0);
  }

  /** Starts at 2023-11-14T22:13:20Z (1,700,000,000,000 ms), an arbitrary fixed instant. */
  public StubClock() {
    this(1_700_000_000_000L);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public long nanos() {
    return nanos.get();
  }

  /** Moves both clocks forward. */
  public StubClock advanceMillis(final long deltaMillis) {
    if (deltaMillis < 0) {
      throw new IllegalArgumentException("a stub clock does not go backwards: " + deltaMillis);
    }
    millis.addAndGet(deltaMillis);
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(deltaMillis));
    return this;
  }

  /** Moves the monotonic clock forward by nanoseconds (wall clock by whole milliseconds elapsed). */
  public StubClock advanceNanos(final long deltaNanos) {
    if (deltaNanos < 0) {
      throw new IllegalArgumentException("a stub clock does not go backwards: " + deltaNanos);
    }
    final long before = nanos.getAndAdd(deltaNanos);
    millis.addAndGet(TimeUnit.NANOSECONDS.toMillis(before + deltaNanos) - TimeUnit.NANOSECONDS.toMillis(before));
    return this;
  }

  /** Sets the wall clock (for tests of clock skew); the monotonic clock is unchanged. */
  public StubClock setMillis(final long newMillis) {
    millis.set(newMillis);
    return this;
  }
}
