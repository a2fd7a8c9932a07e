package dev.agora.chain.yuma.baseline;

import dev.agora.chain.yuma.U16Rows;

import java.util.Arrays;

/**
 * A sparse matrix of BaselineI32F32 raws stored by rows ({@code Vec<Vec<(u16, BaselineI32F32)>>} upstream): row
 * {@code i} has column indices {@code cols[i]} and raws {@code vals[i]}. Explicit zero entries are
 * kept: they matter to the sparse kernels (SPEC §11.2). Rows are shared between matrices built by
 * the kernels only where a kernel returns its input unchanged; otherwise treat as immutable.
 *
 * @param columns number of columns
 * @param cols per row, column indices
 * @param vals per row, BaselineI32F32 raws
 */
public record BaselineSparseFixed(int columns, int[][] cols, long[][] vals) {
  static final int[] NO_COLS = new int[0];
  static final long[] NO_VALS = new long[0];

  /** Row count. */
  public int rows() {
    return cols.length;
  }

  /** An empty matrix. */
  public static BaselineSparseFixed empty(final int rows, final int columns) {
    final int[][] c = new int[rows][];
    final long[][] v = new long[rows][];
    Arrays.fill(c, NO_COLS);
    Arrays.fill(v, NO_VALS);
    return new BaselineSparseFixed(columns, c, v);
  }

  /** Every entry of a dense matrix, explicit zeros included (how dense tests feed sparse code). */
  public static BaselineSparseFixed fromDenseAll(final long[][] dense, final int columns) {
    final int[][] c = new int[dense.length][];
    final long[][] v = new long[dense.length][];
    for (int i = 0; i < dense.length; i++) {
      c[i] = new int[dense[i].length];
      v[i] = dense[i].clone();
      for (int j = 0; j < dense[i].length; j++) {
        c[i][j] = j;
      }
    }
    return new BaselineSparseFixed(columns, c, v);
  }

  /** The non-zero entries of a dense matrix (as upstream's {@code sparse} test helpers build). */
  public static BaselineSparseFixed fromDenseNonZero(final long[][] dense, final int columns) {
    final int[][] c = new int[dense.length][];
    final long[][] v = new long[dense.length][];
    for (int i = 0; i < dense.length; i++) {
      int k = 0;
      for (final long x : dense[i]) {
        if (x != 0) {
          k++;
        }
      }
      c[i] = new int[k];
      v[i] = new long[k];
      k = 0;
      for (int j = 0; j < dense[i].length; j++) {
        if (dense[i][j] != 0) {
          c[i][k] = j;
          v[i][k++] = dense[i][j];
        }
      }
    }
    return new BaselineSparseFixed(columns, c, v);
  }

  /** u16 storage rows read as integers ({@code u16 -> BaselineI32F32} as an integer, original Yuma). */
  public static BaselineSparseFixed fromU16AsInteger(final U16Rows rows, final int columns) {
    final int n = rows.rows();
    final int[][] c = new int[n][];
    final long[][] v = new long[n][];
    for (int i = 0; i < n; i++) {
      c[i] = rows.uids()[i].clone();
      final int[] src = rows.values()[i];
      v[i] = new long[src.length];
      for (int k = 0; k < src.length; k++) {
        v[i][k] = BaselineI32F32.fromInt(src[k]);
      }
    }
    return new BaselineSparseFixed(columns, c, v);
  }

  /** u16 storage rows read as proportions ({@code u/65535} truncated, Yuma3 bonds). */
  public static BaselineSparseFixed fromU16AsProportion(final U16Rows rows, final int columns) {
    final int n = rows.rows();
    final int[][] c = new int[n][];
    final long[][] v = new long[n][];
    for (int i = 0; i < n; i++) {
      c[i] = rows.uids()[i].clone();
      final int[] src = rows.values()[i];
      v[i] = new long[src.length];
      for (int k = 0; k < src.length; k++) {
        v[i][k] = BaselineI32F32.fromU16Proportion(src[k]);
      }
    }
    return new BaselineSparseFixed(columns, c, v);
  }

  /** Dense copy (missing = 0). */
  public long[][] toDense() {
    final long[][] d = new long[rows()][columns];
    for (int i = 0; i < rows(); i++) {
      for (int k = 0; k < cols[i].length; k++) {
        d[i][cols[i][k]] = vals[i][k];
      }
    }
    return d;
  }

  /** A deep copy. */
  public BaselineSparseFixed copy() {
    final int[][] c = new int[rows()][];
    final long[][] v = new long[rows()][];
    for (int i = 0; i < rows(); i++) {
      c[i] = cols[i].clone();
      v[i] = vals[i].clone();
    }
    return new BaselineSparseFixed(columns, c, v);
  }

  /** Stores each entry as {@code floor(x*65535)} (u16 storage of proportions). */
  public U16Rows toU16Proportions() {
    final int[][] u = new int[rows()][];
    final int[][] v = new int[rows()][];
    for (int i = 0; i < rows(); i++) {
      u[i] = cols[i].clone();
      v[i] = new int[vals[i].length];
      for (int k = 0; k < vals[i].length; k++) {
        v[i][k] = BaselineI32F32.toU16Proportion(vals[i][k]);
      }
    }
    return new U16Rows(u, v);
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof BaselineSparseFixed s
        && s.columns == columns
        && Arrays.deepEquals(cols, s.cols)
        && Arrays.deepEquals(vals, s.vals);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(cols) * 31 + Arrays.deepHashCode(vals) + columns;
  }

  @Override
  public String toString() {
    return "BaselineSparseFixed" + Arrays.deepToString(cols) + "=" + Arrays.deepToString(vals);
  }
}
