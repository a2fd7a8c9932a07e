package dev.agora.chain.yuma;

import java.util.Arrays;

/**
 * A sparse square matrix of u16 values stored by rows, as the chain stores weights and bonds: row
 * {@code i} holds the column uids {@code uids[i]} and their values {@code values[i]} (same length;
 * order as stored; explicit zeros allowed). Arrays are shared, not copied: treat them as immutable
 * once handed over.
 *
 * @param uids per row, the column indices
 * @param values per row, the u16 values (0..65535)
 */
public record U16Rows(int[][] uids, int[][] values) {
  private static final int[] NONE = new int[0];

  /** Checks shapes (not value ranges; {@link YumaEpoch} checks those against n). */
  public U16Rows {
    if (uids.length != values.length) {
      throw new IllegalArgumentException(
          "U16Rows: " + uids.length + " uid rows but " + values.length + " value rows");
    }
    for (int i = 0; i < uids.length; i++) {
      if (uids[i] == null || values[i] == null || uids[i].length != values[i].length) {
        throw new IllegalArgumentException(
            "U16Rows: row " + i + " needs uids and values of equal length");
      }
    }
  }

  /** n empty rows. */
  public static U16Rows empty(final int n) {
    final int[][] u = new int[n][];
    final int[][] v = new int[n][];
    Arrays.fill(u, NONE);
    Arrays.fill(v, NONE);
    return new U16Rows(u, v);
  }

  /** Number of rows. */
  public int rows() {
    return uids.length;
  }

  /** The value at (i, j), 0 when absent (first match if a row repeats a uid). */
  public int get(final int i, final int j) {
    final int[] u = uids[i];
    for (int k = 0; k < u.length; k++) {
      if (u[k] == j) {
        return values[i][k];
      }
    }
    return 0;
  }

  /** A dense n×n copy (missing entries are 0). */
  public int[][] toDense(final int n) {
    final int[][] d = new int[rows()][n];
    for (int i = 0; i < rows(); i++) {
      for (int k = 0; k < uids[i].length; k++) {
        d[i][uids[i][k]] = values[i][k];
      }
    }
    return d;
  }

  /** A copy with row {@code i} replaced (other rows shared). */
  public U16Rows withRow(final int i, final int[] rowUids, final int[] rowValues) {
    final int[][] u = uids.clone();
    final int[][] v = values.clone();
    u[i] = rowUids;
    v[i] = rowValues;
    return new U16Rows(u, v);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof U16Rows other
        && Arrays.deepEquals(uids, other.uids)
        && Arrays.deepEquals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.deepHashCode(uids) + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "U16Rows" + Arrays.deepToString(uids) + "=" + Arrays.deepToString(values);
  }
}
