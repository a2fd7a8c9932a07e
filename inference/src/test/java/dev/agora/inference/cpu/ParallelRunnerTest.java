package dev.agora.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelRunnerTest {

  @Test
  void run_shouldCoverEveryIndexExactlyOnceWhenDispatchedManyTimes() {
    try (ParallelRunner r = new ParallelRunner(3)) {
      for (int round = 0; round < 2_000; round++) {
        final int n = 3 + (round * 37) % 5_000;
        final AtomicIntegerArray hits = new AtomicIntegerArray(n);
        r.run(n, true, (a, b) -> {
          for (int i = a; i < b; i++) {
            hits.incrementAndGet(i);
          }
        });
        for (int i = 0; i < n; i++) {
          assertEquals(1, hits.get(i), "index " + i + " of " + n + " in round " + round);
        }
      }
    }
  }

  @Test
  void run_shouldRethrowAChunkFailureAndStayUsable() {
    try (ParallelRunner r = new ParallelRunner(2)) {
      final IllegalStateException boom = new IllegalStateException("boom");
      final IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> r.run(1_000, true, (a, b) -> {
            if (a <= 999 && 999 < b) {
              throw boom;
            }
          }));
      assertSame(boom, e);
      final AtomicIntegerArray hits = new AtomicIntegerArray(100);
      r.run(100, true, (a, b) -> {
        for (int i = a; i < b; i++) {
          hits.incrementAndGet(i);
        }
      });
      for (int i = 0; i < 100; i++) {
        assertEquals(1, hits.get(i));
      }
    }
  }

  @Test
  void constructor_shouldRejectZeroThreads() {
    assertThrows(IllegalArgumentException.class, () -> new ParallelRunner(0));
  }
}
