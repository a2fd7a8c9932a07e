package dev.agora.common.time;

/** The only source of time in logic: inject it, and use a stub in tests. */
public interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  long millis();

  /** Monotonic nanoseconds, for measuring durations. */
  long nanos();

  /** The system clock. */
  Clock SYSTEM =
      new Clock() {
        @Override
        public long millis() {
          return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
          return System.nanoTime();
        }
      };
}
