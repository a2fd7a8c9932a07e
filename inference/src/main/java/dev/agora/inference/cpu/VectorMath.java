package dev.agora.inference.cpu;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels over weights held in (memory-mapped) float buffers. All matrices are row-major
 * (out, in) as stored by llama2.c; activations are float arrays. A block of weight rows is first
 * bulk-copied into a per-thread scratch array (a plain memory copy, which on JDK 17 runs faster than
 * vector loads straight from a byte buffer) and then reused for every position of the batch.
 */
final class VectorMath {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();
  private static final int ROW_BLOCK = 16;
  private static final int DECODE_BLOCK_BYTES =
      Integer.getInteger("agora.cpu.decodeBlockBytes", 16 * 1024);
  private static final ThreadLocal<float[]> SCRATCH = ThreadLocal.withInitial(() -> new float[0]);

  private VectorMath() {}

  private static float[] scratch(final int floats) {
    return perThread(SCRATCH, floats);
  }

  /** This thread's array of {@code local}, grown to at least {@code floats} (reused, not zeroed). */
  static float[] perThread(final ThreadLocal<float[]> local, final int floats) {
    float[] s = local.get();
    if (s.length < floats) {
      s = new float[floats];
      local.set(s);
    }
    return s;
  }

  /**
   * {@code y[p*yStride + yOff + r] = W[r] · x[p*in ..]} for rows r in [r0, r1) and positions p in
   * [0, nPos). Heap weights are packed and go to {@link PackedMath}; so does decoding of mapped
   * weights that have a packed copy; otherwise mapped weights are copied a block of rows at a time
   * into a per-thread scratch array, so each weight row is read from the mapping once per call.
   */
  static void matmat(
      final WeightMatrix w,
      final int in,
      final float[] x,
      final int nPos,
      final float[] y,
      final int yStride,
      final int yOff,
      final int r0,
      final int r1) {
    final float[] heap = w.heapOrNull();
    if (heap != null) {
      PackedMath.matmat(heap, w.rows(), in, x, nPos, y, yStride, yOff, r0, r1);
      return;
    }
    final ByteBuffer packed = w.packedCopyOrNull();
    if (packed != null && nPos < 4) {
      PackedMath.decode(packed, w.rows(), in, x, nPos, y, yStride, yOff, r0, r1);
      return;
    }
    final FloatBuffer mapped = w.mappedOrNull();
    final int block = nPos < 4 ? decodeBlock(in) : ROW_BLOCK;
    final float[] t = scratch(block * in);
    final int base = 0;
    for (int rb = r0; rb < r1; rb += block) {
      final int rows = Math.min(r1, rb + block) - rb;
      mapped.get(rb * in, t, 0, rows * in);
      if (nPos < 4) {
        for (int p = 0; p < nPos; p++) {
          block4(t, base, rows, in, x, p * in, y, p * yStride + yOff + rb);
        }
        continue;
      }
      int p = 0;
      for (; p + 4 <= nPos; p += 4) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
          kernel4x4(t, base + r * in, in, x, p, y, p * yStride + yOff + rb + r, yStride);
        }
        for (; r + 2 <= rows; r += 2) {
          kernel2x4(t, base + r * in, in, x, p, y, p * yStride + yOff + rb + r, yStride);
        }
        for (; r < rows; r++) {
          for (int j = 0; j < 4; j++) {
            y[(p + j) * yStride + yOff + rb + r] = dot(t, base + r * in, x, (p + j) * in, in);
          }
        }
      }
      for (; p < nPos; p++) {
        block4(t, base, rows, in, x, p * in, y, p * yStride + yOff + rb);
      }
    }
  }

  /**
   * Rows copied at a time from the mapping when decoding: a multiple of 4 that keeps the copy within
   * about half of a level-1 data cache, so the kernel reads it back from L1.
   */
  static int decodeBlock(final int in) {
    final int rows = (DECODE_BLOCK_BYTES / Float.BYTES / Math.max(1, in)) & ~3;
    return Math.max(4, Math.min(ROW_BLOCK, rows));
  }

  /** {@code y[yBase + r] = t[base + r*in ..] · x[xOff..]} for {@code rows} rows of t. */
  private static void block4(
      final float[] t,
      final int base,
      final int rows,
      final int in,
      final float[] x,
      final int xOff,
      final float[] y,
      final int yBase) {
    final int upper = S.loopBound(in);
    int r = 0;
    for (; r + 4 <= rows; r += 4) {
      final int b0 = base + r * in;
      final int b1 = b0 + in;
      final int b2 = b1 + in;
      final int b3 = b2 + in;
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = FloatVector.zero(S);
      FloatVector a2 = FloatVector.zero(S);
      FloatVector a3 = FloatVector.zero(S);
      for (int k = 0; k < upper; k += L) {
        final FloatVector xv = FloatVector.fromArray(S, x, xOff + k);
        a0 = FloatVector.fromArray(S, t, b0 + k).fma(xv, a0);
        a1 = FloatVector.fromArray(S, t, b1 + k).fma(xv, a1);
        a2 = FloatVector.fromArray(S, t, b2 + k).fma(xv, a2);
        a3 = FloatVector.fromArray(S, t, b3 + k).fma(xv, a3);
      }
      float s0 = a0.reduceLanes(VectorOperators.ADD);
      float s1 = a1.reduceLanes(VectorOperators.ADD);
      float s2 = a2.reduceLanes(VectorOperators.ADD);
      float s3 = a3.reduceLanes(VectorOperators.ADD);
      for (int k = upper; k < in; k++) {
        final float xk = x[xOff + k];
        s0 += t[b0 + k] * xk;
        s1 += t[b1 + k] * xk;
        s2 += t[b2 + k] * xk;
        s3 += t[b3 + k] * xk;
      }
      y[yBase + r] = s0;
      y[yBase + r + 1] = s1;
      y[yBase + r + 2] = s2;
      y[yBase + r + 3] = s3;
    }
    for (; r < rows; r++) {
      y[yBase + r] = dot(t, base + r * in, x, xOff, in);
    }
  }

  private static void kernel4x4(
      final float[] t,
      final int b0,
      final int in,
      final float[] x,
      final int p,
      final float[] y,
      final int o,
      final int yStride) {
    final int upper = S.loopBound(in);
    final int b1 = b0 + in;
    final int b2 = b1 + in;
    final int b3 = b2 + in;
    final int x0 = p * in;
    final int x1 = x0 + in;
    final int x2 = x1 + in;
    final int x3 = x2 + in;
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = FloatVector.zero(S);
    FloatVector a02 = FloatVector.zero(S);
    FloatVector a03 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S);
    FloatVector a11 = FloatVector.zero(S);
    FloatVector a12 = FloatVector.zero(S);
    FloatVector a13 = FloatVector.zero(S);
    FloatVector a20 = FloatVector.zero(S);
    FloatVector a21 = FloatVector.zero(S);
    FloatVector a22 = FloatVector.zero(S);
    FloatVector a23 = FloatVector.zero(S);
    FloatVector a30 = FloatVector.zero(S);
    FloatVector a31 = FloatVector.zero(S);
    FloatVector a32 = FloatVector.zero(S);
    FloatVector a33 = FloatVector.zero(S);
    for (int k = 0; k < upper; k += L) {
      final FloatVector w0 = FloatVector.fromArray(S, t, b0 + k);
      final FloatVector w1 = FloatVector.fromArray(S, t, b1 + k);
      final FloatVector w2 = FloatVector.fromArray(S, t, b2 + k);
      final FloatVector w3 = FloatVector.fromArray(S, t, b3 + k);
      final FloatVector v0 = FloatVector.fromArray(S, x, x0 + k);
      a00 = w0.fma(v0, a00);
      a10 = w1.fma(v0, a10);
      a20 = w2.fma(v0, a20);
      a30 = w3.fma(v0, a30);
      final FloatVector v1 = FloatVector.fromArray(S, x, x1 + k);
      a01 = w0.fma(v1, a01);
      a11 = w1.fma(v1, a11);
      a21 = w2.fma(v1, a21);
      a31 = w3.fma(v1, a31);
      final FloatVector v2 = FloatVector.fromArray(S, x, x2 + k);
      a02 = w0.fma(v2, a02);
      a12 = w1.fma(v2, a12);
      a22 = w2.fma(v2, a22);
      a32 = w3.fma(v2, a32);
      final FloatVector v3 = FloatVector.fromArray(S, x, x3 + k);
      a03 = w0.fma(v3, a03);
      a13 = w1.fma(v3, a13);
      a23 = w2.fma(v3, a23);
      a33 = w3.fma(v3, a33);
    }
    final int ys = yStride;
    y[o] = finish(a00, t, b0, x, x0, upper, in);
    y[o + 1] = finish(a10, t, b1, x, x0, upper, in);
    y[o + 2] = finish(a20, t, b2, x, x0, upper, in);
    y[o + 3] = finish(a30, t, b3, x, x0, upper, in);
    y[o + ys] = finish(a01, t, b0, x, x1, upper, in);
    y[o + ys + 1] = finish(a11, t, b1, x, x1, upper, in);
    y[o + ys + 2] = finish(a21, t, b2, x, x1, upper, in);
    y[o + ys + 3] = finish(a31, t, b3, x, x1, upper, in);
    y[o + 2 * ys] = finish(a02, t, b0, x, x2, upper, in);
    y[o + 2 * ys + 1] = finish(a12, t, b1, x, x2, upper, in);
    y[o + 2 * ys + 2] = finish(a22, t, b2, x, x2, upper, in);
    y[o + 2 * ys + 3] = finish(a32, t, b3, x, x2, upper, in);
    y[o + 3 * ys] = finish(a03, t, b0, x, x3, upper, in);
    y[o + 3 * ys + 1] = finish(a13, t, b1, x, x3, upper, in);
    y[o + 3 * ys + 2] = finish(a23, t, b2, x, x3, upper, in);
    y[o + 3 * ys + 3] = finish(a33, t, b3, x, x3, upper, in);
  }

  /** Lane sum of {@code a} plus the scalar tail of the dot product beyond {@code upper}. */
  private static float finish(
      final FloatVector a,
      final float[] t,
      final int wb,
      final float[] x,
      final int xb,
      final int upper,
      final int in) {
    float s = a.reduceLanes(VectorOperators.ADD);
    for (int k = upper; k < in; k++) {
      s += t[wb + k] * x[xb + k];
    }
    return s;
  }

  private static void kernel2x4(
      final float[] t,
      final int b0,
      final int in,
      final float[] x,
      final int p,
      final float[] y,
      final int o,
      final int yStride) {
    final int upper = S.loopBound(in);
    final int b1 = b0 + in;
    final int x0 = p * in;
    final int x1 = x0 + in;
    final int x2 = x1 + in;
    final int x3 = x2 + in;
    FloatVector a00 = FloatVector.zero(S);
    FloatVector a01 = FloatVector.zero(S);
    FloatVector a02 = FloatVector.zero(S);
    FloatVector a03 = FloatVector.zero(S);
    FloatVector a10 = FloatVector.zero(S);
    FloatVector a11 = FloatVector.zero(S);
    FloatVector a12 = FloatVector.zero(S);
    FloatVector a13 = FloatVector.zero(S);
    for (int k = 0; k < upper; k += L) {
      final FloatVector w0 = FloatVector.fromArray(S, t, b0 + k);
      final FloatVector w1 = FloatVector.fromArray(S, t, b1 + k);
      final FloatVector v0 = FloatVector.fromArray(S, x, x0 + k);
      a00 = w0.fma(v0, a00);
      a10 = w1.fma(v0, a10);
      final FloatVector v1 = FloatVector.fromArray(S, x, x1 + k);
      a01 = w0.fma(v1, a01);
      a11 = w1.fma(v1, a11);
      final FloatVector v2 = FloatVector.fromArray(S, x, x2 + k);
      a02 = w0.fma(v2, a02);
      a12 = w1.fma(v2, a12);
      final FloatVector v3 = FloatVector.fromArray(S, x, x3 + k);
      a03 = w0.fma(v3, a03);
      a13 = w1.fma(v3, a13);
    }
    float s00 = a00.reduceLanes(VectorOperators.ADD);
    float s01 = a01.reduceLanes(VectorOperators.ADD);
    float s02 = a02.reduceLanes(VectorOperators.ADD);
    float s03 = a03.reduceLanes(VectorOperators.ADD);
    float s10 = a10.reduceLanes(VectorOperators.ADD);
    float s11 = a11.reduceLanes(VectorOperators.ADD);
    float s12 = a12.reduceLanes(VectorOperators.ADD);
    float s13 = a13.reduceLanes(VectorOperators.ADD);
    for (int k = upper; k < in; k++) {
      final float w0 = t[b0 + k];
      final float w1 = t[b1 + k];
      s00 += w0 * x[x0 + k];
      s01 += w0 * x[x1 + k];
      s02 += w0 * x[x2 + k];
      s03 += w0 * x[x3 + k];
      s10 += w1 * x[x0 + k];
      s11 += w1 * x[x1 + k];
      s12 += w1 * x[x2 + k];
      s13 += w1 * x[x3 + k];
    }
    y[o] = s00;
    y[o + 1] = s10;
    y[o + yStride] = s01;
    y[o + yStride + 1] = s11;
    y[o + 2 * yStride] = s02;
    y[o + 2 * yStride + 1] = s12;
    y[o + 3 * yStride] = s03;
    y[o + 3 * yStride + 1] = s13;
  }

  /** Dot product of two float array slices. */
  static float dot(final float[] a, final int aOff, final float[] b, final int bOff, final int n) {
    final int upper = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (int k = 0; k < upper; k += L) {
      acc = FloatVector.fromArray(S, a, aOff + k).fma(FloatVector.fromArray(S, b, bOff + k), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (int k = upper; k < n; k++) {
      s += a[aOff + k] * b[bOff + k];
    }
    return s;
  }

  /**
   * {@code out[outOff + j] = Σ_t w[t] · v[t*stride + vOff + j]} for j in [0, n), t in [0, count),
   * summed in t order with one fused multiply-add per term in the vector columns (a plain multiply
   * and add in the scalar tail), a vector of columns at a time so the partial sums stay in a
   * register across t.
   */
  static void weightedRows(
      final float[] w,
      final int count,
      final float[] v,
      final int stride,
      final int vOff,
      final int n,
      final float[] out,
      final int outOff) {
    final int upper = S.loopBound(n);
    for (int j = 0; j < upper; j += L) {
      FloatVector acc = FloatVector.zero(S);
      for (int t = 0; t < count; t++) {
        acc = FloatVector.fromArray(S, v, t * stride + vOff + j)
            .fma(FloatVector.broadcast(S, w[t]), acc);
      }
      acc.intoArray(out, outOff + j);
    }
    for (int j = upper; j < n; j++) {
      float acc = 0f;
      for (int t = 0; t < count; t++) {
        acc += w[t] * v[t * stride + vOff + j];
      }
      out[outOff + j] = acc;
    }
  }
}
