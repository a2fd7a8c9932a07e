package dev.agora.common.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class I32F32Test {

  @Test
  void mul_shouldFloorWhenProductHasFractionBelowResolution() {
    // 1 ulp × 0.5 = 0.5 ulp → floor 0; −1 ulp × 0.5 = −0.5 ulp → floor −1
    assertEquals(0, I32F32.mul(1, I32F32.HALF));
    assertEquals(-1, I32F32.mul(-1, I32F32.HALF));
    assertEquals(I32F32.fromInt(6), I32F32.mul(I32F32.fromInt(2), I32F32.fromInt(3)));
    assertEquals(I32F32.ONE, I32F32.mul(I32F32.ONE, I32F32.ONE));
  }

  @Test
  void mul_shouldSaturateWhenResultOverflows() {
    assertEquals(I32F32.MAX, I32F32.mul(I32F32.fromInt(70000), I32F32.fromInt(70000)));
    assertEquals(I32F32.MIN, I32F32.mul(I32F32.fromInt(-70000), I32F32.fromInt(70000)));
  }

  @Test
  void div_shouldTruncateTowardZeroWhenQuotientIsNegative() {
    final long third = I32F32.div(I32F32.ONE, I32F32.fromInt(3));
    assertEquals(1431655765L, third);
    assertEquals(-1431655765L, I32F32.div(I32F32.fromInt(-1), I32F32.fromInt(3)));
    assertEquals(-1431655765L, I32F32.div(I32F32.ONE, I32F32.fromInt(-3)));
  }

  @Test
  void div_shouldThrowWhenDividingByZero() {
    assertThrows(ArithmeticException.class, () -> I32F32.div(I32F32.ONE, 0));
  }

  @Test
  void safeDiv_shouldReturnZeroWhenDivisorIsZeroOrResultOverflows() {
    assertEquals(0, I32F32.safeDiv(I32F32.ONE, 0));
    assertEquals(0, I32F32.safeDiv(I32F32.fromInt(1_000_000), 1)); // 1e6 / 2^-32 overflows
    assertEquals(I32F32.HALF, I32F32.safeDiv(I32F32.ONE, I32F32.fromInt(2)));
  }

  @Test
  void div_shouldEqualBigIntegerQuotientWhenOperandsAreRandom() {
    final Random rnd = new Random(11);
    for (int i = 0; i < 200_000; i++) {
      final long a = randomRaw(rnd);
      long b = randomRaw(rnd);
      if (b == 0) {
        b = 1;
      }
      final BigInteger q = BigInteger.valueOf(a).shiftLeft(32).divide(BigInteger.valueOf(b));
      final long expected = q.bitLength() > 63 ? 0 : q.longValue();
      assertEquals(expected, I32F32.safeDiv(a, b), "a=" + a + " b=" + b);
    }
  }

  private static long randomRaw(final Random rnd) {
    final int bits = rnd.nextInt(64);
    final long mag = bits == 0 ? 0 : rnd.nextLong() >>> (64 - bits);
    return rnd.nextBoolean() ? mag : -mag;
  }

  @Test
  void fromDouble_shouldRoundTiesToEvenWhenHalfwayBetweenRaws() {
    final double halfUlp = Math.scalb(1.0, -33);
    assertEquals(0, I32F32.fromDouble(halfUlp)); // 0.5 ulp → 0 (even)
    assertEquals(2, I32F32.fromDouble(3 * halfUlp)); // 1.5 ulp → 2 (even)
    assertEquals(2, I32F32.fromDouble(5 * halfUlp)); // 2.5 ulp → 2 (even)
    assertEquals(-2, I32F32.fromDouble(-3 * halfUlp));
    assertEquals(429496730L, I32F32.fromDouble(0.1)); // 429496729.6 → 429496730
    assertEquals(I32F32.MAX, I32F32.fromDouble(1e30));
  }

  @Test
  void round_shouldRoundHalfAwayFromZeroWhenExactlyHalf() {
    assertEquals(I32F32.fromInt(3), I32F32.round(I32F32.fromInt(2) + I32F32.HALF));
    assertEquals(I32F32.fromInt(-3), I32F32.round(I32F32.fromInt(-2) - I32F32.HALF));
    assertEquals(I32F32.fromInt(2), I32F32.round(I32F32.fromInt(2) + I32F32.HALF - 1));
  }

  @Test
  void toU16Proportion_shouldFloorAndSaturateWhenConverting() {
    assertEquals(65535, I32F32.toU16Proportion(I32F32.ONE));
    assertEquals(65535, I32F32.toU16Proportion(I32F32.fromInt(5)));
    assertEquals(0, I32F32.toU16Proportion(-5));
    assertEquals(32767, I32F32.toU16Proportion(I32F32.HALF)); // 32767.5 → 32767
  }

  @Test
  void fromU16Proportion_shouldTruncateWhenDividingBy65535() {
    assertEquals(I32F32.ONE, I32F32.fromU16Proportion(65535));
    assertEquals(
        BigInteger.valueOf(32767).shiftLeft(32).divide(BigInteger.valueOf(65535)).longValue(),
        I32F32.fromU16Proportion(32767));
  }

  @Test
  void alphaFromMovingAverage_shouldMatchReferenceRawsWhenBmaIsDefault() {
    assertEquals(429496730L, I32F32.alphaFromMovingAverage(900_000));
    assertEquals(107374183L, I32F32.alphaFromMovingAverage(975_000));
    assertEquals(0, I32F32.alphaFromMovingAverage(1_000_000));
  }

  @Test
  void mulFloorToLong_shouldUse128BitProductWhenAmountIsLarge() {
    final long share = I32F32.div(I32F32.ONE, I32F32.fromInt(3));
    final long amount = 1_000_000_000_000L;
    final long expected =
        BigInteger.valueOf(share).multiply(BigInteger.valueOf(amount)).shiftRight(32).longValue();
    assertEquals(expected, I32F32.mulFloorToLong(share, amount));
    assertEquals(amount, I32F32.mulFloorToLong(I32F32.ONE, amount));
  }

  @Test
  void ratio_shouldEqualFloorOfScaledShareWhenStakeIsLarge() {
    assertEquals(0, I32F32.ratio(1, 21_000_000_000_000_000L));
    assertEquals(1, I32F32.ratio(4_889_444, 21_000_000_000_000_000L));
    assertEquals(I32F32.HALF, I32F32.ratio(10_500_000_000_000_000L, 21_000_000_000_000_000L));
    assertEquals(I32F32.ONE, I32F32.ratio(21_000_000_000_000_000L, 21_000_000_000_000_000L));
  }
}
