package dev.agora.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelRunnerTest {

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void run_shouldCoverEveryIndexExactlyOnceWhenDispatchedManyTimes(final int threads) {
    try (ParallelRunner r = new ParallelRunner(threads)) {
      for (int round = 0; round < 2_000; round++) {
        final int n = 2 + (round * 37) % 5_000;
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
  void run_shouldCoverSmallRangesWithTwoThreads() {
    try (ParallelRunner r = new ParallelRunner(2)) {
      for (int n = 1; n <= 300; n++) {
        final AtomicIntegerArray hits = new AtomicIntegerArray(n);
        r.run(n, true, (a, b) -> {
          for (int i = a; i < b; i++) {
            hits.incrementAndGet(i);
          }
        });
        for (int i = 0; i < n; i++) {
          assertEquals(1, hits.get(i), "index " + i + " of " + n);
        }
      }
    }
  }

  @Test
  void constructor_shouldRejectZeroThreads() {
    assertThrows(IllegalArgumentException.class, () -> new ParallelRunner(0));
  }
}
