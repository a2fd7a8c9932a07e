package dev.agora.chain.yuma;

import dev.agora.common.math.I32F32;
import java.util.Arrays;

/**
 * Fused forms of the {@link YumaMath} kernel chains that {@link YumaEpoch} runs over every weight
 * and bond entry. Each method gives bit for bit what the chain of kernels named in its comment
 * gives (same operations, same order of saturating additions per output), but walks the entries
 * fewer times and does not build the intermediate matrices.
 */
final class EpochKernels {
  private EpochKernels() {}

  /**
   * {@code colClipSparse(w, consensus)}, {@code rowSum} of it into {@code trust} and {@code
   * matmulSparse(clipped, stake)} into {@code ranks} (length = columns, zeroed), in one pass. With
   * {@code inPlace} the rows of {@code w} are overwritten and reused (the caller no longer needs
   * {@code w}).
   */
  static SparseFixed clipTrustRanks(
      final SparseFixed w,
      final long[] consensus,
      final long[] stake,
      final long[] trust,
      final long[] ranks,
      final boolean inPlace) {
    final boolean unitStake = allUnit(stake);
    final int rows = w.rows();
    final int[][] oc = new int[rows][];
    final long[][] ov = new long[rows][];
    for (int i = 0; i < rows; i++) {
      final int[] c = w.cols()[i];
      final long[] v = w.vals()[i];
      if (c.length == 0) {
        oc[i] = SparseFixed.NO_COLS;
        ov[i] = SparseFixed.NO_VALS;
        continue;
      }
      int[] rc = inPlace ? c : new int[c.length];
      long[] rv = inPlace ? v : new long[c.length];
      final long si = stake[i];
      long rowSum = 0;
      int k2 = 0;
      for (int k = 0; k < c.length; k++) {
        final int j = c[k];
        final long t = consensus[j];
        final long x = v[k];
        final long y;
        if (t > 0) {
          y = Math.min(x, t); // t < x gives t (as 0 < t), else x: branch-free on random data
        } else if (t == 0 ? x > 0 : x > t) {
          continue; // above a threshold <= 0: removed
        } else {
          y = x;
        }
        rc[k2] = j;
        rv[k2++] = y;
        rowSum += y;
        if (si != 0) {
          ranks[j] = I32F32.add(ranks[j], unitStake ? I32F32.mulUnit(si, y) : I32F32.mul(si, y));
        }
      }
      if (k2 != c.length) {
        rc = Arrays.copyOf(rc, k2);
        rv = Arrays.copyOf(rv, k2);
      }
      oc[i] = rc;
      ov[i] = rv;
      trust[i] = rowSum;
    }
    return new SparseFixed(w.columns(), oc, ov);
  }

  /** Whether every entry is in [0, 1], so that {@link I32F32#mulUnit} may multiply by it. */
  static boolean allUnit(final long[] x) {
    for (final long v : x) {
      if (!I32F32.isUnit(v)) {
        return false;
      }
    }
    return true;
  }

  /** {@code mul(u, b)}, without the overflow test when {@code unit} says u is in [0, 1]. */
  private static long mul(final boolean unit, final long u, final long b) {
    return unit ? I32F32.mulUnit(u, b) : I32F32.mul(u, b);
  }

  /** {@code safe_div(x, d)} where a column divisor of 0 leaves the entry unchanged. */
  private static long divOrKeep(final long x, final long d, final double scale) {
    return d != 0 ? I32F32.safeDiv(x, d, scale) : x;
  }

  private static double[] scales(final long[] divisors) {
    final double[] s = new double[divisors.length];
    for (int j = 0; j < divisors.length; j++) {
      s[j] = I32F32.divScale(divisors[j]);
    }
    return s;
  }

  /**
   * {@code matEmaSparse(newM, oldM, alpha)} with the old rows read straight from u16 storage
   * (entries toward uids with {@code lastTempo <= registered[j]} dropped; each value converted as
   * {@code fromInt} when {@code asInteger}, else as a u16 proportion) and, for original Yuma,
   * {@code newM = colNormalize(rowHadamard(newW, stake))} and {@code oldM = colNormalize(old)}
   * (when {@code normalizeInputs}). The column sums of the result go to {@code colSumOut}
   * (saturating, in row order, as {@code colNormalizeInPlace} sums them). {@code
   * newColSumKnown}, when not null, holds the column sums of {@code rowHadamard(newW, stake)}
   * already (they equal the ranks {@link #clipTrustRanks} formed when {@code newW} is its output).
   */
  static SparseFixed emaFromStorage(
      final SparseFixed newW,
      final long[] stake,
      final boolean normalizeInputs,
      final U16Rows stored,
      final boolean asInteger,
      final long[] registered,
      final long lastTempo,
      final long alpha,
      final long[] newColSumKnown,
      final long[] colSumOut) {
    final int rows = newW.rows();
    final int n = newW.columns();
    final long oneMinusAlpha = I32F32.sub(I32F32.ONE, alpha);
    final boolean unitStake = allUnit(stake);
    final boolean unitAlpha = I32F32.isUnit(alpha) && I32F32.isUnit(oneMinusAlpha);
    final long[] newSum = newColSumKnown != null ? newColSumKnown : new long[n];
    final long[] oldSum = new long[n];
    if (normalizeInputs) {
      for (int i = 0; i < rows; i++) {
        if (newColSumKnown == null) {
          final int[] c = newW.cols()[i];
          final long[] x = newW.vals()[i];
          final long si = stake[i];
          for (int k = 0; k < c.length; k++) {
            newSum[c[k]] = I32F32.add(newSum[c[k]], mul(unitStake, si, x[k]));
          }
        }
        final int[] u = stored.uids()[i];
        final int[] v = stored.values()[i];
        for (int k = 0; k < u.length; k++) {
          final int j = u[k];
          if (!(lastTempo <= registered[j])) {
            oldSum[j] = I32F32.add(oldSum[j], oldValue(v[k], asInteger));
          }
        }
      }
    }
    final double[] newScale = normalizeInputs ? scales(newSum) : null;
    final double[] oldScale = normalizeInputs ? scales(oldSum) : null;
    final long[] acc = new long[n];
    final int[] rowCols = new int[n];
    final long[] rowVals = new long[n];
    final int[][] oc = new int[rows][];
    final long[][] ov = new long[rows][];
    for (int i = 0; i < rows; i++) {
      final int[] c1 = newW.cols()[i];
      final int[] c2 = stored.uids()[i];
      if (c1.length == 0 && c2.length == 0) {
        oc[i] = SparseFixed.NO_COLS;
        ov[i] = SparseFixed.NO_VALS;
        continue;
      }
      final long[] v1 = newW.vals()[i];
      final int[] v2 = stored.values()[i];
      final long si = stake[i];
      for (int k = 0; k < c1.length; k++) {
        final int j = c1[k];
        long x = v1[k];
        if (normalizeInputs) {
          x = divOrKeep(mul(unitStake, si, x), newSum[j], newScale[j]);
        }
        acc[j] = I32F32.add(acc[j], mul(unitAlpha, alpha, x));
      }
      for (int k = 0; k < c2.length; k++) {
        final int j = c2[k];
        if (lastTempo <= registered[j]) {
          continue;
        }
        long x = oldValue(v2[k], asInteger);
        if (normalizeInputs) {
          x = divOrKeep(x, oldSum[j], oldScale[j]);
        }
        acc[j] = I32F32.add(acc[j], mul(unitAlpha, oneMinusAlpha, x));
      }
      // only entries > 0 are kept, so untouched columns (acc = 0) need no separate flag
      int cnt = 0;
      for (int j = 0; j < n; j++) {
        final long a = acc[j];
        if (a > 0) {
          rowCols[cnt] = j;
          rowVals[cnt++] = a;
          colSumOut[j] = I32F32.add(colSumOut[j], a);
        }
        acc[j] = 0;
      }
      oc[i] = Arrays.copyOf(rowCols, cnt);
      ov[i] = Arrays.copyOf(rowVals, cnt);
    }
    return new SparseFixed(n, oc, ov);
  }

  private static long oldValue(final int u16, final boolean asInteger) {
    return asInteger ? I32F32.fromInt(u16) : I32F32.fromU16Proportion(u16);
  }

  /** Column sums as {@code colNormalizeInPlace} forms them (saturating, row order). */
  static long[] colSums(final SparseFixed w) {
    final long[] colSum = new long[w.columns()];
    for (int i = 0; i < w.rows(); i++) {
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      for (int k = 0; k < c.length; k++) {
        colSum[c[k]] = I32F32.add(colSum[c[k]], x[k]);
      }
    }
    return colSum;
  }

  /**
   * {@code matmulTransposeSparse(colNormalize(w), v)} given {@code colSum = colSums(w)}, without
   * changing {@code w}.
   */
  static long[] normalizedMatmulTranspose(
      final SparseFixed w, final long[] colSum, final long[] v) {
    final double[] scale = scales(colSum);
    final boolean unitV = allUnit(v);
    final long[] r = new long[w.rows()];
    for (int i = 0; i < w.rows(); i++) {
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      long s = 0;
      for (int k = 0; k < c.length; k++) {
        final int j = c[k];
        s = I32F32.add(s, mul(unitV, v[j], divOrKeep(x[k], colSum[j], scale[j])));
      }
      r[i] = s;
    }
    return r;
  }

  /**
   * {@code colNormalizeInPlace(w)} given {@code colSum = colSums(w)}, then {@code
   * matmulTransposeSparse(w, v)}, with the column maxima of the normalised {@code w} written to
   * {@code colMaxOut} (zeroed), in one pass.
   */
  static long[] normalizeMatmulTransposeMax(
      final SparseFixed w, final long[] colSum, final long[] v, final long[] colMaxOut) {
    final double[] scale = scales(colSum);
    final boolean unitV = allUnit(v);
    final long[] r = new long[w.rows()];
    for (int i = 0; i < w.rows(); i++) {
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      long s = 0;
      for (int k = 0; k < c.length; k++) {
        final int j = c[k];
        final long y = divOrKeep(x[k], colSum[j], scale[j]);
        x[k] = y;
        s = I32F32.add(s, mul(unitV, v[j], y));
        if (colMaxOut[j] < y) {
          colMaxOut[j] = y;
        }
      }
      r[i] = s;
    }
    return r;
  }

  /**
   * The bonds to store (SPEC §3.12): rows of newly permitted uids become {@code
   * floor(safe_div(x, colDiv_j) * 65535)} of {@code ema} (no division when {@code colDiv} is
   * null; {@code colMaxUpscale} when it holds the column maxima), rows of uids that lost their
   * permit are emptied, others keep the stored row. Column arrays of {@code ema} are handed over.
   */
  static U16Rows storeBonds(
      final U16Rows old,
      final SparseFixed ema,
      final long[] colDiv,
      final boolean[] newPermit,
      final boolean[] permit) {
    final int n = newPermit.length;
    final int[][] u = old.uids().clone();
    final int[][] v = old.values().clone();
    final int[] none = new int[0];
    final double[] scale = colDiv == null ? null : scales(colDiv);
    for (int i = 0; i < n; i++) {
      if (newPermit[i]) {
        final int[] c = ema.cols()[i];
        final long[] x = ema.vals()[i];
        final int[] vals = new int[x.length];
        for (int k = 0; k < x.length; k++) {
          final long y = colDiv == null ? x[k] : divOrKeep(x[k], colDiv[c[k]], scale[c[k]]);
          vals[k] = I32F32.toU16Proportion(y);
        }
        u[i] = c.length == 0 ? none : c;
        v[i] = vals;
      } else if (permit[i]) {
        u[i] = none;
        v[i] = none;
      }
    }
    return new U16Rows(u, v);
  }
}
