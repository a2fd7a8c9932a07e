package dev.agora.chain.yuma;

import dev.agora.common.math.I32F32;
import java.util.Arrays;

/**
 * The kernels of {@code epoch/math.rs} that the sparse epoch uses, on I32F32 raws (SPEC §1, §3).
 * Every function is pure; "in place" functions change only the arrays passed to them.
 */
public final class YumaMath {
  private static final long NEG_TWENTY = I32F32.fromInt(-20);
  private static final long TWENTY = I32F32.fromInt(20);

  private YumaMath() {}

  /** Plain sum (exact in fixed point; wraps like a release-mode Rust sum on absurd inputs). */
  public static long sum(final long[] x) {
    long s = 0;
    for (final long v : x) {
      s += v;
    }
    return s;
  }

  /** {@code inplace_normalize}: x_i / Σx with safe_div; unchanged when Σx = 0. */
  public static void normalizeInPlace(final long[] x) {
    final long s = sum(x);
    if (s == 0) {
      return;
    }
    final double scale = I32F32.divScale(s);
    for (int i = 0; i < x.length; i++) {
      x[i] = I32F32.safeDiv(x[i], s, scale);
    }
  }

  /** A normalised copy (see {@link #normalizeInPlace}). */
  public static long[] normalize(final long[] x) {
    final long[] c = x.clone();
    normalizeInPlace(c);
    return c;
  }

  /** {@code inplace_normalize_using_sum}: x_i / s unless s = 0. */
  public static void normalizeUsingSumInPlace(final long[] x, final long s) {
    if (s == 0) {
      return;
    }
    final double scale = I32F32.divScale(s);
    for (int i = 0; i < x.length; i++) {
      x[i] = I32F32.safeDiv(x[i], s, scale);
    }
  }

  /**
   * Stake normalisation of SPEC §3.2: {@code floor(x_i * 2^32 / Σx)} (I64F64 then truncated);
   * all zeros when Σx = 0.
   *
   * @throws IllegalArgumentException if the total does not fit a long
   */
  public static long[] normalizeStake(final long[] stake) {
    long total = 0;
    for (final long s : stake) {
      try {
        total = Math.addExact(total, s);
      } catch (final ArithmeticException e) {
        throw new IllegalArgumentException("total stake exceeds 2^63-1 rao", e);
      }
    }
    final long[] out = new long[stake.length];
    for (int i = 0; i < stake.length; i++) {
      out[i] = I32F32.ratio(stake[i], total);
    }
    return out;
  }

  /**
   * {@code is_topk}: true for the k largest entries; ties broken by a stable ascending sort that
   * drops the first n-k indices, so among equal values the lower index loses.
   */
  public static boolean[] isTopk(final long[] v, final int k) {
    final int n = v.length;
    final boolean[] r = new boolean[n];
    Arrays.fill(r, true);
    if (n < k) {
      return r;
    }
    clearLowest(v, r, n - Math.max(0, k));
    return r;
  }

  /** {@code is_topk_nonzero}: {@link #isTopk} that also forces zero entries to false. */
  public static boolean[] isTopkNonzero(final long[] v, final int k) {
    final int n = v.length;
    final boolean[] r = new boolean[n];
    for (int i = 0; i < n; i++) {
      r[i] = v[i] != 0;
    }
    if (n < k) {
      return r;
    }
    clearLowest(v, r, n - Math.max(0, k));
    return r;
  }

  private static void clearLowest(final long[] v, final boolean[] r, final int drop) {
    if (drop <= 0) {
      return;
    }
    final int n = v.length;
    // stable ascending sort by value: sort (value, index) pairs lexicographically
    final Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> v[a] != v[b] ? Long.compare(v[a], v[b]) : Integer.compare(a, b));
    for (int t = 0; t < Math.min(drop, n); t++) {
      r[idx[t]] = false;
    }
  }

  /**
   * {@code weighted_median} exactly as upstream (deterministic pivot recursion over {@code
   * partition}).
   */
  public static long weightedMedian(
      final long[] stake,
      final long[] score,
      final int[] partition,
      final long minority,
      final long partitionLo,
      final long partitionHi) {
    final int n = partition.length;
    if (n == 0) {
      return 0;
    }
    if (n == 1) {
      return score[partition[0]];
    }
    final long pivot = score[partition[n / 2]];
    long loStake = 0;
    long hiStake = 0;
    final int[] lower = new int[n];
    final int[] upper = new int[n];
    int nl = 0;
    int nu = 0;
    for (final int idx : partition) {
      if (score[idx] == pivot) {
        continue;
      }
      if (score[idx] < pivot) {
        loStake = I32F32.add(loStake, stake[idx]);
        lower[nl++] = idx;
      } else {
        hiStake = I32F32.add(hiStake, stake[idx]);
        upper[nu++] = idx;
      }
    }
    final long loBound = I32F32.add(partitionLo, loStake);
    final long hiBound = I32F32.sub(partitionHi, hiStake);
    if (loBound <= minority && minority < hiBound) {
      return pivot;
    } else if (minority < loBound && nl > 0) {
      return weightedMedian(stake, score, Arrays.copyOf(lower, nl), minority, partitionLo, loBound);
    } else if (hiBound <= minority && nu > 0) {
      return weightedMedian(stake, score, Arrays.copyOf(upper, nu), minority, hiBound, partitionHi);
    }
    return pivot;
  }

  /**
   * {@code weighted_median_col_sparse} (SPEC §3.6): per column, the smallest score s with
   * Σ_{i: W_ij ≤ s} S'_i > ΣS' − κ over rows with positive stake (missing entries score 0); the
   * maximum score if none. Computed by sorting each column, which equals upstream's pivot search.
   *
   * @param stake per row, active stake (rows with stake ≤ 0 are ignored)
   * @param w the weights
   * @param kappa majority (I32F32 raw)
   */
  public static long[] weightedMedianColSparse(
      final long[] stake, final SparseFixed w, final long kappa) {
    final int rows = stake.length;
    final int columns = w.columns();
    // use_stake: positive stakes, renormalised
    int m = 0;
    final int[] rowToUse = new int[rows];
    for (int r = 0; r < rows; r++) {
      rowToUse[r] = stake[r] > 0 ? m++ : -1;
    }
    final long[] useStake = new long[m];
    for (int r = 0; r < rows; r++) {
      if (rowToUse[r] >= 0) {
        useStake[rowToUse[r]] = stake[r];
      }
    }
    normalizeInPlace(useStake);
    final long stakeSum = sum(useStake);
    final long minority = I32F32.sub(stakeSum, kappa);
    final long[] median = new long[columns];
    if (m == 0) {
      return median;
    }
    if (m < (1 << 24) && usedRowsAscending(w, rowToUse)
        && medianByColumnBlocks(w, rowToUse, useStake, m, stakeSum, minority, median)) {
      return median;
    }
    // count positive entries per column among used rows
    final int[] count = new int[columns + 1];
    for (int r = 0; r < rows; r++) {
      if (rowToUse[r] < 0) {
        continue;
      }
      final int[] c = w.cols()[r];
      final long[] v = w.vals()[r];
      for (int k = 0; k < c.length; k++) {
        if (v[k] > 0) {
          count[c[k] + 1]++;
        }
      }
    }
    for (int j = 0; j < columns; j++) {
      count[j + 1] += count[j];
    }
    final int total = count[columns];
    final long[] keys = new long[total];
    final int[] fill = Arrays.copyOf(count, columns);
    long maxScore = 0;
    for (int r = 0; r < rows; r++) {
      final int u = rowToUse[r];
      if (u < 0) {
        continue;
      }
      final int[] c = w.cols()[r];
      final long[] v = w.vals()[r];
      for (int k = 0; k < c.length; k++) {
        final long x = v[k];
        if (x > 0) {
          keys[fill[c[k]]++] = (x << 24) | u;
          if (x > maxScore) {
            maxScore = x;
          }
        }
      }
    }
    final boolean packable = m < (1 << 24) && maxScore < (1L << 39);
    final long[] hist = new long[1 << MEDIAN_BUCKET_BITS];
    for (int j = 0; j < columns; j++) {
      if (!packable) {
        median[j] = medianByPivot(w, rowToUse, useStake, j, m, stakeSum, minority);
        continue;
      }
      median[j] =
          columnMedian(keys, count[j], count[j + 1], useStake, m, stakeSum, minority, hist, maxScore);
    }
    return median;
  }

  private static final int MEDIAN_BUCKET_BITS = 6;
  /** Keys buffered per block of columns in {@link #medianByColumnBlocks} (512 KiB). */
  private static final int MEDIAN_BLOCK_KEYS = 1 << 16;

  /** Whether every used row lists its columns in strictly ascending order. */
  private static boolean usedRowsAscending(final SparseFixed w, final int[] rowToUse) {
    for (int r = 0; r < rowToUse.length; r++) {
      if (rowToUse[r] < 0) {
        continue;
      }
      final int[] c = w.cols()[r];
      for (int k = 1; k < c.length; k++) {
        if (c[k] <= c[k - 1]) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The column medians when every used row is sorted by column: columns are taken in blocks, each
   * row contributing its next run of entries through a cursor, so only one block's keys are held
   * at a time (a cache-sized transpose instead of one of the whole matrix). Returns false, having
   * written nothing that matters, if a score is too large to pack into a key.
   */
  private static boolean medianByColumnBlocks(
      final SparseFixed w,
      final int[] rowToUse,
      final long[] useStake,
      final int m,
      final long stakeSum,
      final long minority,
      final long[] median) {
    final int columns = w.columns();
    final int block = Math.max(1, Math.min(64, MEDIAN_BLOCK_KEYS / m));
    final long[] keys = new long[block * m];
    final int[] fill = new int[block];
    final long[] slotMax = new long[block];
    final int[] cursor = new int[rowToUse.length];
    final long[] hist = new long[1 << MEDIAN_BUCKET_BITS];
    for (int j0 = 0; j0 < columns; j0 += block) {
      final int j1 = Math.min(columns, j0 + block);
      for (int t = 0; t < j1 - j0; t++) {
        fill[t] = t * m;
        slotMax[t] = 0;
      }
      for (int r = 0; r < rowToUse.length; r++) {
        final int u = rowToUse[r];
        if (u < 0) {
          continue;
        }
        final int[] c = w.cols()[r];
        final long[] v = w.vals()[r];
        int p = cursor[r];
        while (p < c.length && c[p] < j1) {
          final long x = v[p];
          if (x > 0) {
            if (x >= (1L << 39)) {
              return false;
            }
            final int t = c[p] - j0;
            keys[fill[t]++] = (x << 24) | u;
            slotMax[t] = Math.max(slotMax[t], x);
          }
          p++;
        }
        cursor[r] = p;
      }
      for (int t = 0; t < j1 - j0; t++) {
        median[j0 + t] =
            columnMedian(keys, t * m, fill[t], useStake, m, stakeSum, minority, hist, slotMax[t]);
      }
    }
    return true;
  }

  /**
   * One column's median from its keys {@code score << 24 | row} in {@code keys[from..to)} (the
   * positive entries; every other used row scores 0); {@code maxScore} bounds the scores.
   */
  private static long columnMedian(
      final long[] keys,
      final int from,
      final int to,
      final long[] useStake,
      final int m,
      final long stakeSum,
      final long minority,
      final long[] hist,
      final long maxScore) {
    final int present = to - from;
    if (present == 0) {
      return 0;
    }
    // bucket of a key: the top MEDIAN_BUCKET_BITS bits of maxScore (monotone in score)
    final int shift =
        24 + Math.max(0, (64 - Long.numberOfLeadingZeros(maxScore)) - MEDIAN_BUCKET_BITS);
    long positiveStake = 0;
    long minKey = Long.MAX_VALUE;
    long maxKey = 0;
    for (int p = from; p < to; p++) {
      final long key = keys[p];
      final long st = useStake[(int) (key & 0xFFFFFFL)];
      positiveStake += st;
      hist[(int) (key >>> shift)] += st;
      minKey = Math.min(minKey, key);
      maxKey = Math.max(maxKey, key);
    }
    final long median =
        medianFromHistogram(
            keys, useStake, from, to, hist, shift, present < m, stakeSum - positiveStake,
            minority, minKey, maxKey);
    Arrays.fill(hist, 0);
    return median;
  }

  /**
   * One column's median from its stake histogram over score buckets: the answer lies in the first
   * bucket where the running stake passes the minority, so only that bucket's keys go through
   * {@link #select}. The zero-score group (missing entries and explicit zeros, stake {@code
   * zeroStake}) comes first when {@code zeroGroup}.
   */
  private static long medianFromHistogram(
      final long[] keys,
      final long[] useStake,
      final int from,
      final int to,
      final long[] hist,
      final int shift,
      final boolean zeroGroup,
      final long zeroStake,
      final long minority,
      final long minKey,
      final long maxKey) {
    long cum = zeroGroup ? zeroStake : 0;
    if (cum > minority) {
      // passed before any positive score: at the zero group if there is one, else the smallest
      return zeroGroup ? 0 : minKey >>> 24;
    }
    for (int b = 0; b < hist.length; b++) {
      final long h = hist[b];
      if (cum + h > minority) {
        // h > 0: the bucket holds keys; move them to the front of the range and select there
        int end = from;
        for (int p = from; p < to; p++) {
          final long key = keys[p];
          if ((int) (key >>> shift) == b) {
            keys[p] = keys[end];
            keys[end++] = key;
          }
        }
        return select(keys, useStake, from, end, cum, minority);
      }
      cum += h;
    }
    return maxKey >>> 24; // never passed: the largest score
  }


  /**
   * The smallest score s in {@code keys[lo..hi)} with {@code below + Σ stake(score ≤ s) >
   * minority}, or the largest score if there is none. Keys are {@code score << 24 | position};
   * expected linear time (three-way quickselect, reorders the keys).
   */
  private static long select(
      final long[] keys,
      final long[] stakeAt,
      final int from,
      final int to,
      final long belowStart,
      final long minority) {
    int lo = from;
    int hi = to;
    long below = belowStart;
    while (true) {
      if (hi - lo <= 24) {
        for (int a = lo + 1; a < hi; a++) { // insertion sort, then scan
          final long k = keys[a];
          int b = a - 1;
          while (b >= lo && keys[b] > k) {
            keys[b + 1] = keys[b];
            b--;
          }
          keys[b + 1] = k;
        }
        long cum = below;
        long answer = 0;
        int p = lo;
        while (p < hi) {
          final long sc = keys[p] >>> 24;
          while (p < hi && (keys[p] >>> 24) == sc) {
            cum += stakeAt[(int) (keys[p] & 0xFFFFFFL)];
            p++;
          }
          answer = sc;
          if (cum > minority) {
            return sc;
          }
        }
        return answer;
      }
      final long pivot = median3(keys[lo] >>> 24, keys[(lo + hi) >>> 1] >>> 24, keys[hi - 1] >>> 24);
      // three-way partition: [lo, lt) < pivot, [lt, gt) == pivot, [gt, hi) > pivot
      int lt = lo;
      int i = lo;
      int gt = hi;
      long sLess = 0;
      long sEq = 0;
      while (i < gt) {
        final long k = keys[i];
        final long sc = k >>> 24;
        if (sc < pivot) {
          sLess += stakeAt[(int) (k & 0xFFFFFFL)];
          keys[i++] = keys[lt];
          keys[lt++] = k;
        } else if (sc > pivot) {
          keys[i] = keys[--gt];
          keys[gt] = k;
        } else {
          sEq += stakeAt[(int) (k & 0xFFFFFFL)];
          i++;
        }
      }
      if (below + sLess > minority) {
        if (lt == lo) {
          return pivot;
        }
        hi = lt;
      } else if (below + sLess + sEq > minority || gt == hi) {
        return pivot;
      } else {
        below += sLess + sEq;
        lo = gt;
      }
    }
  }

  private static long median3(final long a, final long b, final long c) {
    return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
  }

  /** Upstream's pivot search over one column (fallback for scores too large to pack). */
  private static long medianByPivot(
      final SparseFixed w,
      final int[] rowToUse,
      final long[] useStake,
      final int column,
      final int m,
      final long stakeSum,
      final long minority) {
    final long[] score = new long[m];
    for (int r = 0; r < w.rows(); r++) {
      if (rowToUse[r] < 0) {
        continue;
      }
      final int[] c = w.cols()[r];
      for (int k = 0; k < c.length; k++) {
        if (c[k] == column) {
          score[rowToUse[r]] = w.vals()[r][k];
        }
      }
    }
    final int[] idx = new int[m];
    for (int i = 0; i < m; i++) {
      idx[i] = i;
    }
    return weightedMedian(useStake, score, idx, minority, 0, stakeSum);
  }

  /**
   * {@code col_clip_sparse}: {@code min(W_ij, c_j)}, except that an entry above a threshold ≤ 0
   * is removed.
   */
  public static SparseFixed colClipSparse(final SparseFixed w, final long[] threshold) {
    final int rows = w.rows();
    final int[][] oc = new int[rows][];
    final long[][] ov = new long[rows][];
    for (int i = 0; i < rows; i++) {
      final int[] c = w.cols()[i];
      final long[] v = w.vals()[i];
      int[] rc = new int[c.length];
      long[] rv = new long[c.length];
      int k2 = 0;
      for (int k = 0; k < c.length; k++) {
        final long t = threshold[c[k]];
        if (t < 0) {
          if (v[k] <= t) {
            rc[k2] = c[k];
            rv[k2++] = v[k];
          }
        } else if (t < v[k]) {
          if (0 < t) {
            rc[k2] = c[k];
            rv[k2++] = t;
          }
        } else {
          rc[k2] = c[k];
          rv[k2++] = v[k];
        }
      }
      if (k2 != c.length) {
        rc = Arrays.copyOf(rc, k2);
        rv = Arrays.copyOf(rv, k2);
      }
      oc[i] = rc;
      ov[i] = rv;
    }
    return new SparseFixed(w.columns(), oc, ov);
  }

  /** {@code row_sum_sparse}. */
  public static long[] rowSum(final SparseFixed w) {
    final long[] r = new long[w.rows()];
    for (int i = 0; i < w.rows(); i++) {
      long s = 0;
      for (final long v : w.vals()[i]) {
        s += v;
      }
      r[i] = s;
    }
    return r;
  }

  /** {@code matmul_sparse}: r_j = Σ_i v_i · W_ij (each product floored). */
  public static long[] matmulSparse(final SparseFixed w, final long[] v) {
    final long[] r = new long[w.columns()];
    for (int i = 0; i < w.rows(); i++) {
      final long vi = v[i];
      if (vi == 0) {
        continue;
      }
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      for (int k = 0; k < c.length; k++) {
        r[c[k]] = I32F32.add(r[c[k]], I32F32.mul(vi, x[k]));
      }
    }
    return r;
  }

  /** {@code matmul_transpose_sparse}: d_i = Σ_j W_ij · v_j (each product floored). */
  public static long[] matmulTransposeSparse(final SparseFixed w, final long[] v) {
    final long[] r = new long[w.rows()];
    for (int i = 0; i < w.rows(); i++) {
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      long s = 0;
      for (int k = 0; k < c.length; k++) {
        s = I32F32.add(s, I32F32.mul(v[c[k]], x[k]));
      }
      r[i] = s;
    }
    return r;
  }

  /** {@code row_hadamard_sparse}: W_ij · v_i. */
  public static SparseFixed rowHadamardSparse(final SparseFixed w, final long[] v) {
    final long[][] ov = new long[w.rows()][];
    for (int i = 0; i < w.rows(); i++) {
      final long[] x = w.vals()[i];
      final long[] y = new long[x.length];
      for (int k = 0; k < x.length; k++) {
        y[k] = I32F32.mul(x[k], v[i]);
      }
      ov[i] = y;
    }
    return new SparseFixed(w.columns(), w.cols(), ov);
  }

  /** {@code inplace_row_normalize_sparse}: rows with a positive sum are divided by it. */
  public static void rowNormalizeInPlace(final SparseFixed w) {
    for (int i = 0; i < w.rows(); i++) {
      final long[] x = w.vals()[i];
      long s = 0;
      for (final long v : x) {
        s += v;
      }
      if (s > 0) {
        final double scale = I32F32.divScale(s);
        for (int k = 0; k < x.length; k++) {
          x[k] = I32F32.safeDiv(x[k], s, scale);
        }
      }
    }
  }

  /** {@code inplace_col_normalize_sparse}: Σ_i W_ij = 1 for every column with a non-zero sum. */
  public static void colNormalizeInPlace(final SparseFixed w) {
    final long[] colSum = new long[w.columns()];
    for (int i = 0; i < w.rows(); i++) {
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      for (int k = 0; k < c.length; k++) {
        colSum[c[k]] = I32F32.add(colSum[c[k]], x[k]);
      }
    }
    divideColumns(w, colSum);
  }

  /** {@code inplace_col_max_upscale_sparse}: each column's maximum becomes 1. */
  public static void colMaxUpscaleInPlace(final SparseFixed w) {
    final long[] colMax = new long[w.columns()];
    for (int i = 0; i < w.rows(); i++) {
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      for (int k = 0; k < c.length; k++) {
        if (colMax[c[k]] < x[k]) {
          colMax[c[k]] = x[k];
        }
      }
    }
    divideColumns(w, colMax);
  }

  /** {@code W_ij = safe_div(W_ij, d_j)} for every column with {@code d_j != 0}. */
  static void divideColumns(final SparseFixed w, final long[] divisor) {
    final double[] scale = new double[divisor.length];
    for (int j = 0; j < divisor.length; j++) {
      scale[j] = I32F32.divScale(divisor[j]);
    }
    for (int i = 0; i < w.rows(); i++) {
      final int[] c = w.cols()[i];
      final long[] x = w.vals()[i];
      for (int k = 0; k < c.length; k++) {
        final int j = c[k];
        final long d = divisor[j];
        if (d != 0) {
          x[k] = I32F32.safeDiv(x[k], d, scale[j]);
        }
      }
    }
  }

  /**
   * {@code interpolate_sparse}: {@code m1 + ratio·(m2 − m1)}; ratio 0 returns m1 and ratio 1
   * returns m2 unchanged; otherwise only entries &gt; 0 are kept, in column order.
   */
  public static SparseFixed interpolateSparse(
      final SparseFixed m1, final SparseFixed m2, final long ratio) {
    if (ratio == 0) {
      return m1;
    }
    if (ratio == I32F32.ONE) {
      return m2;
    }
    final int rows = m1.rows();
    final int n = m1.columns();
    final long[] r1 = new long[n];
    final long[] r2 = new long[n];
    final boolean[] touched = new boolean[n];
    final int[][] oc = new int[rows][];
    final long[][] ov = new long[rows][];
    for (int i = 0; i < rows; i++) {
      final int[] c1 = m1.cols()[i];
      final int[] c2 = m2.cols()[i];
      if (c1.length == 0 && c2.length == 0) {
        oc[i] = SparseFixed.NO_COLS;
        ov[i] = SparseFixed.NO_VALS;
        continue;
      }
      for (int k = 0; k < c1.length; k++) {
        r1[c1[k]] = m1.vals()[i][k];
        touched[c1[k]] = true;
      }
      for (int k = 0; k < c2.length; k++) {
        r2[c2[k]] = m2.vals()[i][k];
        touched[c2[k]] = true;
      }
      int cnt = 0;
      final int[] rc = new int[c1.length + c2.length];
      final long[] rv = new long[c1.length + c2.length];
      for (int j = 0; j < n; j++) {
        if (!touched[j]) {
          continue;
        }
        final long x =
            I32F32.add(r1[j], I32F32.mul(ratio, I32F32.sub(r2[j], r1[j])));
        if (x > 0) {
          rc[cnt] = j;
          rv[cnt++] = x;
        }
        r1[j] = 0;
        r2[j] = 0;
        touched[j] = false;
      }
      oc[i] = Arrays.copyOf(rc, cnt);
      ov[i] = Arrays.copyOf(rv, cnt);
    }
    return new SparseFixed(n, oc, ov);
  }

  /**
   * {@code mat_ema_sparse}: {@code alpha·new + (1−alpha)·old} over the union of entries, each
   * product floored, keeping entries &gt; 0 in column order.
   */
  public static SparseFixed matEmaSparse(
      final SparseFixed newM, final SparseFixed oldM, final long alpha) {
    final int rows = newM.rows();
    final int n = newM.columns();
    final long oneMinusAlpha = I32F32.sub(I32F32.ONE, alpha);
    final long[] acc = new long[n];
    final boolean[] touched = new boolean[n];
    final int[][] oc = new int[rows][];
    final long[][] ov = new long[rows][];
    for (int i = 0; i < rows; i++) {
      final int[] c1 = newM.cols()[i];
      final int[] c2 = oldM.cols()[i];
      if (c1.length == 0 && c2.length == 0) {
        oc[i] = SparseFixed.NO_COLS;
        ov[i] = SparseFixed.NO_VALS;
        continue;
      }
      final long[] v1 = newM.vals()[i];
      final long[] v2 = oldM.vals()[i];
      for (int k = 0; k < c1.length; k++) {
        acc[c1[k]] = I32F32.add(acc[c1[k]], I32F32.mul(alpha, v1[k]));
        touched[c1[k]] = true;
      }
      for (int k = 0; k < c2.length; k++) {
        acc[c2[k]] = I32F32.add(acc[c2[k]], I32F32.mul(oneMinusAlpha, v2[k]));
        touched[c2[k]] = true;
      }
      int cnt = 0;
      final int[] rc = new int[c1.length + c2.length];
      final long[] rv = new long[c1.length + c2.length];
      for (int j = 0; j < n; j++) {
        if (!touched[j]) {
          continue;
        }
        if (acc[j] > 0) {
          rc[cnt] = j;
          rv[cnt++] = acc[j];
        }
        acc[j] = 0;
        touched[j] = false;
      }
      oc[i] = Arrays.copyOf(rc, cnt);
      ov[i] = Arrays.copyOf(rv, cnt);
    }
    return new SparseFixed(n, oc, ov);
  }

  /**
   * {@code mat_ema_alpha_sparse}: for each entry of {@code new} only,
   * {@code min(1, (1−α)·old + max(0, α·new))}; bonds without a matching {@code new} entry are
   * dropped (SPEC §11.2). {@code alpha} has the shape of {@code new} (same columns per row).
   */
  public static SparseFixed matEmaAlphaSparse(
      final SparseFixed newM, final SparseFixed oldM, final SparseFixed alpha) {
    final int rows = newM.rows();
    final int n = newM.columns();
    final long[] oldRow = new long[n];
    final int[][] oc = new int[rows][];
    final long[][] ov = new long[rows][];
    for (int i = 0; i < rows; i++) {
      final int[] c1 = newM.cols()[i];
      if (c1.length == 0) {
        oc[i] = SparseFixed.NO_COLS;
        ov[i] = SparseFixed.NO_VALS;
        continue;
      }
      final int[] c2 = oldM.cols()[i];
      final long[] v2 = oldM.vals()[i];
      for (int k = c2.length - 1; k >= 0; k--) { // first match wins, as upstream's find()
        oldRow[c2[k]] = v2[k];
      }
      final long[] v1 = newM.vals()[i];
      final long[] a = alpha.vals()[i];
      int cnt = 0;
      final int[] rc = new int[c1.length];
      final long[] rv = new long[c1.length];
      for (int k = 0; k < c1.length; k++) {
        final long av = a[k];
        final long decayed = I32F32.mul(I32F32.sub(I32F32.ONE, av), oldRow[c1[k]]);
        final long purchase = Math.max(0, I32F32.mul(av, v1[k]));
        final long r = Math.min(I32F32.ONE, I32F32.add(decayed, purchase));
        if (r > 0) {
          rc[cnt] = c1[k];
          rv[cnt++] = r;
        }
      }
      for (int k = 0; k < c2.length; k++) {
        oldRow[c2[k]] = 0;
      }
      oc[i] = Arrays.copyOf(rc, cnt);
      ov[i] = Arrays.copyOf(rv, cnt);
    }
    return new SparseFixed(n, oc, ov);
  }

  /**
   * {@code alpha_sigmoid} of liquid alpha (SPEC §3.10b): the per-entry EMA rate from the buy or
   * sell distance.
   */
  public static long alphaSigmoid(
      final long consensus,
      final long weight,
      final long bond,
      final long alphaLow,
      final long alphaHigh,
      final long steepness) {
    final long diffBuy = clamp(I32F32.sub(weight, consensus), 0, I32F32.ONE);
    final long diffSell = clamp(I32F32.sub(bond, weight), 0, I32F32.ONE);
    final long d = weight >= bond ? diffBuy : diffSell;
    final long k = I32F32.div(steepness, I32F32.fromInt(-100));
    final long e = expSafe(I32F32.mul(k, I32F32.sub(d, I32F32.HALF)));
    final long sigmoid = I32F32.div(I32F32.ONE, I32F32.add(I32F32.ONE, e));
    final long a = I32F32.add(alphaLow, I32F32.mul(sigmoid, I32F32.sub(alphaHigh, alphaLow)));
    return clamp(a, alphaLow, alphaHigh);
  }

  /** {@code exp_safe}: exp of the argument clamped to [−20, 20] (double exp, then I32F32). */
  public static long expSafe(final long x) {
    final long c = clamp(x, NEG_TWENTY, TWENTY);
    return I32F32.fromDouble(Math.exp(I32F32.toDouble(c)));
  }

  /** {@code sigmoid_safe}: 1/(1+exp_safe(−rho·(x−kappa))). */
  public static long sigmoidSafe(final long x, final long rho, final long kappa) {
    final long offset = I32F32.sub(x, kappa);
    final long negRho = I32F32.mul(rho, -I32F32.ONE);
    final long e = expSafe(I32F32.mul(negRho, offset));
    return I32F32.safeDiv(I32F32.ONE, I32F32.add(e, I32F32.ONE));
  }

  private static long clamp(final long v, final long lo, final long hi) {
    return v < lo ? lo : Math.min(v, hi);
  }
}
