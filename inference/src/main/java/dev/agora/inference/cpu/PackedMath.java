package dev.agora.inference.cpu;

import static dev.agora.inference.cpu.VectorMath.L;
import static dev.agora.inference.cpu.VectorMath.S;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Kernels over heap weights in a packed layout that the multi-row kernels read strictly in address
 * order (one memory stream instead of four interleaved short ones, which the hardware prefetcher
 * follows far better). Rows are grouped by four: a group holds, for each vector-width column chunk,
 * the chunk of row 0, 1, 2 and 3 one after another, followed by the scalar column tail of row 0, 1,
 * 2 and 3. A group of rows r..r+3 starts at {@code r * in}, as in row-major order; the last
 * {@code rows % 4} rows stay row-major. The summation order per row is the same as the row-major
 * kernels of {@link VectorMath} (vector lanes, lane sum, then the scalar tail), so both layouts give
 * bit-identical results.
 */
final class PackedMath {
  private static final int ROW_BLOCK = 16;
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  private PackedMath() {}

  /** Packs a row-major (rows, in) matrix. */
  static float[] pack(final float[] w, final int rows, final int in) {
    final float[] p = new float[w.length];
    final int up = S.loopBound(in);
    final int tail = in - up;
    final int groups = rows / 4;
    for (int g = 0; g < groups; g++) {
      final int base = g * 4 * in;
      int o = base;
      for (int k = 0; k < up; k += L) {
        for (int j = 0; j < 4; j++) {
          System.arraycopy(w, base + j * in + k, p, o, L);
          o += L;
        }
      }
      for (int j = 0; j < 4; j++) {
        System.arraycopy(w, base + j * in + up, p, o, tail);
        o += tail;
      }
    }
    final int rest = groups * 4 * in;
    System.arraycopy(w, rest, p, rest, w.length - rest);
    return p;
  }

  /** Unpacks row {@code r} of a packed (rows, in) matrix into {@code out[off..off+in)}. */
  static void row(
      final float[] p, final int rows, final int in, final int r, final float[] out, final int off) {
    if (r >= rows / 4 * 4) {
      System.arraycopy(p, r * in, out, off, in);
      return;
    }
    final int up = S.loopBound(in);
    final int j = r & 3;
    final int base = (r - j) * in;
    for (int k = 0, o = base + j * L; k < up; k += L, o += 4 * L) {
      System.arraycopy(p, o, out, off + k, L);
    }
    System.arraycopy(p, base + 4 * up + j * (in - up), out, off + up, in - up);
  }

  /**
   * {@code y[p*yStride + yOff + r] = W[r] · x[p*in ..]} for rows r in [r0, r1) and positions p in
   * [0, nPos) of the packed (rows, in) matrix {@code w}.
   */
  static void matmat(
      final float[] w,
      final int rows,
      final int in,
      final float[] x,
      final int nPos,
      final float[] y,
      final int yStride,
      final int yOff,
      final int r0,
      final int r1) {
    final int packedEnd = rows / 4 * 4;
    for (int rb = r0; rb < r1; rb += ROW_BLOCK) {
      final int re = Math.min(r1, rb + ROW_BLOCK);
      int p = 0;
      if (nPos >= 4) {
        for (; p + 4 <= nPos; p += 4) {
          int r = rb;
          for (; r < re && ((r & 3) != 0 || r + 4 > re || r >= packedEnd); r++) {
            for (int j = 0; j < 4; j++) {
              y[(p + j) * yStride + yOff + r] = dotRow(w, rows, in, r, x, (p + j) * in);
            }
          }
          for (; r + 4 <= re && r + 4 <= packedEnd; r += 4) {
            kernel4x4(w, r * in, in, x, p, y, p * yStride + yOff + r, yStride);
          }
          for (; r < re; r++) {
            for (int j = 0; j < 4; j++) {
              y[(p + j) * yStride + yOff + r] = dotRow(w, rows, in, r, x, (p + j) * in);
            }
          }
        }
      }
      for (; p < nPos; p++) {
        final int yb = p * yStride + yOff;
        int r = rb;
        for (; r < re && ((r & 3) != 0 || r + 4 > re || r >= packedEnd); r++) {
          y[yb + r] = dotRow(w, rows, in, r, x, p * in);
        }
        for (; r + 4 <= re && r + 4 <= packedEnd; r += 4) {
          group(w, r * in, in, x, p * in, y, yb + r);
        }
        for (; r < re; r++) {
          y[yb + r] = dotRow(w, rows, in, r, x, p * in);
        }
      }
    }
  }

  /**
   * Decode over a packed matrix held in a little-endian byte buffer (the packed copy of a mapped
   * matrix): {@code y[p*yStride + yOff + r] = W[r] · x[p*in ..]} for rows r in [r0, r1) and
   * positions p in [0, nPos). Same layout and summation order as the array kernels, so the same
   * bits; vector loads come straight from the buffer (one sequential stream, no copy).
   */
  static void decode(
      final ByteBuffer w,
      final int rows,
      final int in,
      final float[] x,
      final int nPos,
      final float[] y,
      final int yStride,
      final int yOff,
      final int r0,
      final int r1) {
    final int packedEnd = rows / 4 * 4;
    for (int p = 0; p < nPos; p++) {
      final int yb = p * yStride + yOff;
      final int xo = p * in;
      int r = r0;
      for (; r < r1 && ((r & 3) != 0 || r + 4 > r1 || r >= packedEnd); r++) {
        y[yb + r] = dotRow(w, rows, in, r, x, xo);
      }
      for (; r + 4 <= r1 && r + 4 <= packedEnd; r += 4) {
        group(w, r * in, in, x, xo, y, yb + r);
      }
      for (; r < r1; r++) {
        y[yb + r] = dotRow(w, rows, in, r, x, xo);
      }
    }
  }

  private static float dotRow(
      final ByteBuffer w, final int rows, final int in, final int r, final float[] x, final int xOff) {
    final int up = S.loopBound(in);
    final boolean grouped = r < rows / 4 * 4;
    final int j = r & 3;
    final int base = grouped ? (r - j) * in : r * in;
    final int stride = grouped ? 4 : 1;
    final int o = grouped ? base + j * L : base;
    FloatVector acc = FloatVector.zero(S);
    for (int k = 0; k < up; k += L) {
      acc = FloatVector.fromByteBuffer(S, w, (o + stride * k) * Float.BYTES, LE)
          .fma(FloatVector.fromArray(S, x, xOff + k), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    final int tail = in - up;
    final int tb = grouped ? base + 4 * up + j * tail : base + up;
    for (int k = 0; k < tail; k++) {
      s += w.getFloat((tb + k) * Float.BYTES) * x[xOff + up + k];
    }
    return s;
  }

  private static void group(
      final ByteBuffer w,
      final int base,
      final int in,
      final float[] x,
      final int xOff,
      final float[] y,
      final int yo) {
    final int up = S.loopBound(in);
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    for (int k = 0; k < up; k += L) {
      final FloatVector xv = FloatVector.fromArray(S, x, xOff + k);
      final int o = (base + 4 * k) * Float.BYTES;
      a0 = FloatVector.fromByteBuffer(S, w, o, LE).fma(xv, a0);
      a1 = FloatVector.fromByteBuffer(S, w, o + L * Float.BYTES, LE).fma(xv, a1);
      a2 = FloatVector.fromByteBuffer(S, w, o + 2 * L * Float.BYTES, LE).fma(xv, a2);
      a3 = FloatVector.fromByteBuffer(S, w, o + 3 * L * Float.BYTES, LE).fma(xv, a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    float s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD);
    float s3 = a3.reduceLanes(VectorOperators.ADD);
    final int tail = in - up;
    final int tb = base + 4 * up;
    for (int k = 0; k < tail; k++) {
      final float xk = x[xOff + up + k];
      s0 += w.getFloat((tb + k) * Float.BYTES) * xk;
      s1 += w.getFloat((tb + tail + k) * Float.BYTES) * xk;
      s2 += w.getFloat((tb + 2 * tail + k) * Float.BYTES) * xk;
      s3 += w.getFloat((tb + 3 * tail + k) * Float.BYTES) * xk;
    }
    y[yo] = s0;
    y[yo + 1] = s1;
    y[yo + 2] = s2;
    y[yo + 3] = s3;
  }

  /** One row of a packed matrix dotted with {@code x[xOff..]}. */
  private static float dotRow(
      final float[] w, final int rows, final int in, final int r, final float[] x, final int xOff) {
    if (r >= rows / 4 * 4) {
      return VectorMath.dot(w, r * in, x, xOff, in);
    }
    final int up = S.loopBound(in);
    final int j = r & 3;
    final int base = (r - j) * in;
    FloatVector acc = FloatVector.zero(S);
    final int o = base + j * L;
    for (int k = 0; k < up; k += L) {
      acc = FloatVector.fromArray(S, w, o + 4 * k).fma(FloatVector.fromArray(S, x, xOff + k), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    final int tail = in - up;
    final int tb = base + 4 * up + j * tail;
    for (int k = 0; k < tail; k++) {
      s += w[tb + k] * x[xOff + up + k];
    }
    return s;
  }

  /** The four rows of the group at {@code base} dotted with one position. */
  private static void group(
      final float[] w,
      final int base,
      final int in,
      final float[] x,
      final int xOff,
      final float[] y,
      final int yo) {
    final int up = S.loopBound(in);
    FloatVector a0 = FloatVector.zero(S);
    FloatVector a1 = FloatVector.zero(S);
    FloatVector a2 = FloatVector.zero(S);
    FloatVector a3 = FloatVector.zero(S);
    // one induction variable (k) in every index, so C2 can hoist the range checks out of the loop
    for (int k = 0; k < up; k += L) {
      final FloatVector xv = FloatVector.fromArray(S, x, xOff + k);
      final int o = base + 4 * k;
      a0 = FloatVector.fromArray(S, w, o).fma(xv, a0);
      a1 = FloatVector.fromArray(S, w, o + L).fma(xv, a1);
      a2 = FloatVector.fromArray(S, w, o + 2 * L).fma(xv, a2);
      a3 = FloatVector.fromArray(S, w, o + 3 * L).fma(xv, a3);
    }
    float s0 = a0.reduceLanes(VectorOperators.ADD);
    float s1 = a1.reduceLanes(VectorOperators.ADD);
    float s2 = a2.reduceLanes(VectorOperators.ADD);
    float s3 = a3.reduceLanes(VectorOperators.ADD);
    final int tail = in - up;
    final int tb = base + 4 * up;
    for (int k = 0; k < tail; k++) {
      final float xk = x[xOff + up + k];
      s0 += w[tb + k] * xk;
      s1 += w[tb + tail + k] * xk;
      s2 += w[tb + 2 * tail + k] * xk;
      s3 += w[tb + 3 * tail + k] * xk;
    }
    y[yo] = s0;
    y[yo + 1] = s1;
    y[yo + 2] = s2;
    y[yo + 3] = s3;
  }

  /** The four rows of the group at {@code base} dotted with positions p..p+3. */
  private static void kernel4x4(
      final float[] w,
      final int base,
      final int in,
      final float[] x,
      final int p,
      final float[] y,
      final int o,
      final int yStride) {
    final int up = S.loopBound(in);
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
    for (int k = 0; k < up; k += L) {
      final int wo = base + 4 * k;
      final FloatVector w0 = FloatVector.fromArray(S, w, wo);
      final FloatVector w1 = FloatVector.fromArray(S, w, wo + L);
      final FloatVector w2 = FloatVector.fromArray(S, w, wo + 2 * L);
      final FloatVector w3 = FloatVector.fromArray(S, w, wo + 3 * L);
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
    final int tail = in - up;
    final int t0 = base + 4 * up;
    final int t1 = t0 + tail;
    final int t2 = t1 + tail;
    final int t3 = t2 + tail;
    final int ys = yStride;
    y[o] = finish(a00, w, t0, x, x0 + up, tail);
    y[o + 1] = finish(a10, w, t1, x, x0 + up, tail);
    y[o + 2] = finish(a20, w, t2, x, x0 + up, tail);
    y[o + 3] = finish(a30, w, t3, x, x0 + up, tail);
    y[o + ys] = finish(a01, w, t0, x, x1 + up, tail);
    y[o + ys + 1] = finish(a11, w, t1, x, x1 + up, tail);
    y[o + ys + 2] = finish(a21, w, t2, x, x1 + up, tail);
    y[o + ys + 3] = finish(a31, w, t3, x, x1 + up, tail);
    y[o + 2 * ys] = finish(a02, w, t0, x, x2 + up, tail);
    y[o + 2 * ys + 1] = finish(a12, w, t1, x, x2 + up, tail);
    y[o + 2 * ys + 2] = finish(a22, w, t2, x, x2 + up, tail);
    y[o + 2 * ys + 3] = finish(a32, w, t3, x, x2 + up, tail);
    y[o + 3 * ys] = finish(a03, w, t0, x, x3 + up, tail);
    y[o + 3 * ys + 1] = finish(a13, w, t1, x, x3 + up, tail);
    y[o + 3 * ys + 2] = finish(a23, w, t2, x, x3 + up, tail);
    y[o + 3 * ys + 3] = finish(a33, w, t3, x, x3 + up, tail);
  }

  private static float finish(
      final FloatVector a,
      final float[] w,
      final int wt,
      final float[] x,
      final int xt,
      final int tail) {
    float s = a.reduceLanes(VectorOperators.ADD);
    for (int k = 0; k < tail; k++) {
      s += w[wt + k] * x[xt + k];
    }
    return s;
  }
}
