package dev.agora.chain.yuma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agora.common.math.I32F32;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The column median used by the epoch (sorting / quickselect) against upstream's pivot recursion
 * ({@link YumaMath#weightedMedian}) on seeded random columns, ties and extreme kappas included.
 */
class WeightedMedianPropertyTest {

  @Test
  void weightedMedianColSparse_shouldEqualUpstreamRecursionWhenColumnsAreRandom() {
    final Random rnd = new Random(7);
    for (int trial = 0; trial < 400; trial++) {
      final int rows = 1 + rnd.nextInt(trial % 4 == 0 ? 600 : 60);
      final int cols = 2 + rnd.nextInt(trial % 4 == 0 ? 150 : 8);
      final long[] stake = new long[rows];
      for (int i = 0; i < rows; i++) {
        stake[i] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000_000);
      }
      final long[] normStake = YumaMath.normalizeStake(stake);
      final long[][] dense = new long[rows][cols];
      final int levels = 1 + rnd.nextInt(6); // few levels → many ties
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++) {
          dense[i][j] = rnd.nextInt(3) == 0 ? 0 : I32F32.ONE * (1 + rnd.nextInt(levels)) / levels;
        }
      }
      final long kappa =
          switch (trial % 5) {
            case 0 -> 0;
            case 1 -> I32F32.ONE + 5;
            default -> I32F32.fromU16Proportion(rnd.nextInt(65536));
          };
      final long[] got =
          YumaMath.weightedMedianColSparse(normStake, SparseFixed.fromDenseNonZero(dense, cols), kappa);
      final long[] gotDense =
          YumaMath.weightedMedianColSparse(normStake, SparseFixed.fromDenseAll(dense, cols), kappa);
      // rows listed out of column order take the whole-matrix transpose instead of column blocks
      final long[] gotReversed =
          YumaMath.weightedMedianColSparse(
              normStake, reversedRows(SparseFixed.fromDenseAll(dense, cols)), kappa);
      // reference: upstream weighted_median on the positive-stake rows of each column
      int m = 0;
      for (final long s : normStake) {
        if (s > 0) {
          m++;
        }
      }
      final long[] use = new long[m];
      int k = 0;
      for (final long s : normStake) {
        if (s > 0) {
          use[k++] = s;
        }
      }
      YumaMath.normalizeInPlace(use);
      final long sum = YumaMath.sum(use);
      final int[] idx = new int[m];
      for (int i = 0; i < m; i++) {
        idx[i] = i;
      }
      for (int j = 0; j < cols; j++) {
        final long[] score = new long[m];
        k = 0;
        for (int i = 0; i < rows; i++) {
          if (normStake[i] > 0) {
            score[k++] = dense[i][j];
          }
        }
        final long expected =
            YumaMath.weightedMedian(use, score, idx, I32F32.sub(sum, kappa), 0, sum);
        assertEquals(expected, got[j], "trial " + trial + " column " + j);
        assertEquals(expected, gotDense[j], "trial " + trial + " column " + j + " (dense)");
        assertEquals(expected, gotReversed[j], "trial " + trial + " column " + j + " (reversed)");
      }
    }
  }

  /** The same matrix with each row's entries in reversed column order. */
  private static SparseFixed reversedRows(final SparseFixed w) {
    final int[][] c = new int[w.rows()][];
    final long[][] v = new long[w.rows()][];
    for (int i = 0; i < w.rows(); i++) {
      final int len = w.cols()[i].length;
      c[i] = new int[len];
      v[i] = new long[len];
      for (int k = 0; k < len; k++) {
        c[i][k] = w.cols()[i][len - 1 - k];
        v[i][k] = w.vals()[i][len - 1 - k];
      }
    }
    return new SparseFixed(w.columns(), c, v);
  }
}
