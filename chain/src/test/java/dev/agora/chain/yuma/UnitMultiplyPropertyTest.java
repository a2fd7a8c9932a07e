package dev.agora.chain.yuma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.math.I32F32;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@code I32F32.mulUnit}, the overflow-test-free product the epoch kernels use, against mul. */
class UnitMultiplyPropertyTest {

  private static final long[] UNITS = {0, 1, 2, I32F32.HALF, I32F32.ONE - 1, I32F32.ONE};
  private static final long[] ANY = {
    0, 1, -1, I32F32.ONE, -I32F32.ONE, I32F32.ONE + 1, Long.MAX_VALUE, Long.MIN_VALUE,
    Long.MIN_VALUE + 1, Long.MAX_VALUE - 1, 1L << 62, -(1L << 62), 65535L << 32
  };

  @Test
  void mulUnit_shouldEqualMulWhenUnitIsInZeroToOne() {
    for (final long u : UNITS) {
      for (final long b : ANY) {
        assertEquals(I32F32.mul(u, b), I32F32.mulUnit(u, b), u + " * " + b);
      }
    }
    final Random rnd = new Random(5);
    for (int t = 0; t < 1_000_000; t++) {
      final long u = Math.floorMod(rnd.nextLong(), I32F32.ONE + 1);
      final long b = rnd.nextLong() >> rnd.nextInt(64);
      assertEquals(I32F32.mul(u, b), I32F32.mulUnit(u, b), u + " * " + b);
    }
  }

  @Test
  void isUnit_shouldBeFalseWhenOutsideZeroToOne() {
    assertFalse(I32F32.isUnit(-1));
    assertFalse(I32F32.isUnit(I32F32.ONE + 1));
    assertTrue(I32F32.isUnit(I32F32.ONE));
    assertTrue(I32F32.isUnit(0));
  }
}
