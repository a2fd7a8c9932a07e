package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The engine's own fp32 exp: accurate, and the same bits in its scalar and vector forms. */
class ExpMathTest {

  private static int ulps(final float got, final double exact) {
    final float e = (float) exact;
    return Math.abs(Float.floatToIntBits(got) - Float.floatToIntBits(e));
  }

  @Test
  void exp_shouldStayWithinOneUlpOfMathExpOverTheRange() {
    int worst = 0;
    float at = 0f;
    // every 97th float bit pattern between -87 and 88 (about 20 million values would be all)
    for (int bits = Float.floatToIntBits(0f); bits <= Float.floatToIntBits(88f); bits += 97) {
      for (final float x : new float[] {Float.intBitsToFloat(bits), -Float.intBitsToFloat(bits)}) {
        if (x < -87f) {
          continue;
        }
        final int u = ulps(ExpMath.exp(x), Math.exp(x));
        if (u > worst) {
          worst = u;
          at = x;
        }
      }
    }
    assertTrue(worst <= 1, "worst error " + worst + " ulp at x = " + at);
    assertEquals(1f, ExpMath.exp(0f));
    assertEquals(1f, ExpMath.exp(-0f));
    assertEquals((float) Math.E, ExpMath.exp(1f), Math.ulp((float) Math.E));
  }

  @Test
  void exp_shouldSaturateOutsideTheRange() {
    assertEquals(0f, ExpMath.exp(-87.5f));
    assertEquals(0f, ExpMath.exp(-1e30f));
    assertEquals(0f, ExpMath.exp(Float.NEGATIVE_INFINITY));
    assertEquals(Float.POSITIVE_INFINITY, ExpMath.exp(88.5f));
    assertEquals(Float.POSITIVE_INFINITY, ExpMath.exp(Float.POSITIVE_INFINITY));
    assertTrue(Float.isNaN(ExpMath.exp(Float.NaN)));
  }

  @Test
  void expInPlace_shouldGiveTheScalarBitsInEveryLane() {
    final SplittableRandom rnd = new SplittableRandom(7);
    final int n = 4_099; // not a multiple of any vector length: the scalar tail runs too
    final float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = switch (i % 7) {
        case 0 -> (float) (rnd.nextDouble() * 200 - 100); // both saturated ends
        case 1 -> -87f + (float) rnd.nextDouble() * 0.01f; // the low edge
        case 2 -> 88f - (float) rnd.nextDouble() * 0.01f; // the high edge
        case 3 -> Float.intBitsToFloat(rnd.nextInt()); // any bits, NaNs and infinities included
        default -> (float) (rnd.nextDouble() * 30 - 25); // softmax-like
      };
    }
    final float shift = -1.25f;
    final float[] v = a.clone();
    ExpMath.expInPlace(v, 3, n, shift);
    for (int i = 0; i < n; i++) {
      final float want = i < 3 ? a[i] : ExpMath.exp(a[i] + shift);
      assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(v[i]),
          "index " + i + " x = " + a[i]);
    }
  }

  @Test
  void swiglu_shouldGiveTheScalarBitsInEveryLaneAndMatchTheDefinition() {
    final SplittableRandom rnd = new SplittableRandom(11);
    final int n = 1_031;
    final float[] h = new float[n];
    final float[] g = new float[n];
    for (int i = 0; i < n; i++) {
      h[i] = (float) (rnd.nextDouble() * 40 - 20);
      g[i] = (float) (rnd.nextDouble() * 4 - 2);
    }
    h[5] = -100f; // e^100 saturates: silu(-100) = -0
    h[6] = 100f;
    final float[] out = h.clone();
    ExpMath.swiglu(out, g, 0, n);
    for (int i = 0; i < n; i++) {
      final float v = h[i];
      final float scalar = v / (ExpMath.exp(-v) + 1f) * g[i];
      assertEquals(Float.floatToRawIntBits(scalar), Float.floatToRawIntBits(out[i]), "index " + i);
      final double exact = v / (1 + Math.exp(-v)) * g[i];
      assertEquals(exact, out[i], 1e-6 * Math.max(1, Math.abs(exact)), "index " + i);
    }
  }
}
