package dev.agora.chain.yuma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agora.common.math.I32F32;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@code I32F32.safeDiv(a, b, divScale(b))}, the shared-divisor division the epoch kernels use,
 * against plain {@code I32F32.safeDiv(a, b)} on edge values and seeded random operands of every
 * magnitude (the ranges the epoch produces and far beyond them).
 */
class ScaledDivisionPropertyTest {

  private static final long[] EDGES = {
    0, 1, 2, 3, 65535, 65536, (1L << 31) - 1, 1L << 31, (1L << 31) + 1, (1L << 32) - 1, 1L << 32,
    (1L << 32) + 1, 65535L << 32, (1L << 48) - 1, 1L << 50, (1L << 56) + 12345, (1L << 60) - 1,
    1L << 60, (1L << 62) + 7, Long.MAX_VALUE, -1, -(1L << 32), Long.MIN_VALUE, Long.MIN_VALUE + 1
  };

  @Test
  void safeDivScaled_shouldEqualSafeDivWhenOperandsAreEdgeValues() {
    for (final long a : EDGES) {
      for (final long b : EDGES) {
        assertEquals(
            I32F32.safeDiv(a, b), I32F32.safeDiv(a, b, I32F32.divScale(b)), a + " / " + b);
      }
    }
  }

  @Test
  void safeDivScaled_shouldEqualSafeDivWhenOperandsAreRandom() {
    final Random rnd = new Random(11);
    for (int t = 0; t < 2_000_000; t++) {
      final long b = randomMagnitude(rnd);
      final long a =
          switch (t % 4) {
            case 0 -> Math.floorMod(rnd.nextLong(), b + 1); // a <= b: quotient <= 1.0
            case 1 -> randomMagnitude(rnd);
            case 2 -> rnd.nextInt(65536);
            default -> -randomMagnitude(rnd);
          };
      assertEquals(
          I32F32.safeDiv(a, b), I32F32.safeDiv(a, b, I32F32.divScale(b)), a + " / " + b);
    }
  }

  private static long randomMagnitude(final Random rnd) {
    final int bits = 1 + rnd.nextInt(63);
    final long x = rnd.nextLong() >>> (64 - bits);
    return Math.max(1, x);
  }
}
