package dev.agora.inference;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x in fp32 for softmax and SwiGLU, scalar and vectorized, built from IEEE operations only
 * (multiply, add, fused multiply-add, bit moves), so both forms give the same bits on every JVM and
 * CPU, compiled or interpreted. (The Vector API's own EXP may call a native library whose last bit
 * differs from its Java fallback, which would make results depend on JIT state; {@code Math.exp}
 * is exact enough but scalar, and was a tenth of the 15M decode time.)
 *
 * <p>Method: x = n·ln2 + r with n = round(x·log2 e) and |r| &le; ln2/2 (ln2 split in two parts so
 * the reduction is exact), e^r by a polynomial, then 2^n through the exponent bits. The split and
 * the polynomial coefficients are those of Cephes' expf (Stephen L. Moshier). Within 1 ulp of
 * {@code Math.exp} on [-87, 88] (tested); 0 below, +inf above, NaN for NaN.
 */
public final class ExpMath {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final float EXP_LOW = -87f;
  private static final float EXP_HIGH = 88f;
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  /** 1.5 * 2^23: adding it rounds a float of magnitude < 2^22 to the nearest integer. */
  private static final float ROUNDER = 12582912f;
  private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  /** e^x, bit-identical to {@link #expInPlace}'s lanes. */
  public static float exp(final float x) {
    if (x < EXP_LOW) {
      return 0f;
    }
    if (x > EXP_HIGH) {
      return Float.POSITIVE_INFINITY;
    }
    if (x != x) {
      return x;
    }
    final float t = x * LOG2E + ROUNDER;
    final float n = t - ROUNDER;
    final int ni = Float.floatToRawIntBits(t) - ROUNDER_BITS;
    float r = Math.fma(n, -LN2_HI, x);
    r = Math.fma(n, -LN2_LO, r);
    float p = Math.fma(P0, r, P1);
    p = Math.fma(p, r, P2);
    p = Math.fma(p, r, P3);
    p = Math.fma(p, r, P4);
    p = Math.fma(p, r, P5);
    final float y = Math.fma(p, r * r, r) + 1f;
    return y * Float.intBitsToFloat((ni + 127) << 23);
  }

  /** {@code a[i] = exp(a[i] + shift)} for i in [from, to), vectorized; bit-identical to {@link #exp}. */
  public static void expInPlace(final float[] a, final int from, final int to, final float shift) {
    final int up = from + S.loopBound(to - from);
    int i = from;
    for (; i < up; i += L) {
      expVector(FloatVector.fromArray(S, a, i).add(shift)).intoArray(a, i);
    }
    for (; i < to; i++) {
      a[i] = exp(a[i] + shift);
    }
  }

  /**
   * SwiGLU gate in place: {@code h[i] = silu(h[i]) * g[i]} with silu(v) = v / (1 + e^-v), for i in
   * [from, to); vectorized, bit-identical to the scalar form used for the tail.
   */
  public static void swiglu(final float[] h, final float[] g, final int from, final int to) {
    final int up = from + S.loopBound(to - from);
    int i = from;
    for (; i < up; i += L) {
      final FloatVector v = FloatVector.fromArray(S, h, i);
      final FloatVector e = expVector(v.neg());
      v.div(e.add(1f)).mul(FloatVector.fromArray(S, g, i)).intoArray(h, i);
    }
    for (; i < to; i++) {
      final float v = h[i];
      h[i] = v / (exp(-v) + 1f) * g[i];
    }
  }

  private static FloatVector expVector(final FloatVector x) {
    final FloatVector t = x.mul(LOG2E).add(ROUNDER);
    final FloatVector n = t.sub(ROUNDER);
    final IntVector ni = t.reinterpretAsInts().sub(ROUNDER_BITS);
    FloatVector r = n.fma(FloatVector.broadcast(S, -LN2_HI), x);
    r = n.fma(FloatVector.broadcast(S, -LN2_LO), r);
    FloatVector p = FloatVector.broadcast(S, P0).fma(r, FloatVector.broadcast(S, P1));
    p = p.fma(r, FloatVector.broadcast(S, P2));
    p = p.fma(r, FloatVector.broadcast(S, P3));
    p = p.fma(r, FloatVector.broadcast(S, P4));
    p = p.fma(r, FloatVector.broadcast(S, P5));
    final FloatVector y = p.fma(r.mul(r), r).add(1f);
    final FloatVector scale = ni.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    final FloatVector v = y.mul(scale);
    // below the range 0, above it +inf, NaN stays NaN: as the scalar form
    return v.blend(0f, x.compare(VectorOperators.LT, EXP_LOW))
        .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.GT, EXP_HIGH))
        .blend(x, x.compare(VectorOperators.NE, x));
  }


  private ExpMath() {}
}
