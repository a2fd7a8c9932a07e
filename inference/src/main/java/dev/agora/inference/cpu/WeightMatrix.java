package dev.agora.inference.cpu;

import java.nio.FloatBuffer;

/**
 * One (rows, cols) weight matrix, held either in a float array on the heap (in the layout of
 * {@link PackedMath}) or row-major in the checkpoint's file mapping. Exactly one of the two is
 * present.
 */
final class WeightMatrix {
  private final float[] heap;
  private final FloatBuffer mapped;
  private final int rows;
  private final int cols;

  private WeightMatrix(final float[] heap, final FloatBuffer mapped, final int rows, final int cols) {
    this.heap = heap;
    this.mapped = mapped;
    this.rows = rows;
    this.cols = cols;
  }

  /** A matrix read from the mapping on every use. */
  static WeightMatrix mapped(final FloatBuffer buffer, final int cols) {
    return new WeightMatrix(null, buffer, buffer.remaining() / cols, cols);
  }

  /** A matrix copied once from the mapping into a packed heap array. */
  static WeightMatrix copied(final FloatBuffer buffer, final int cols) {
    final float[] a = new float[buffer.remaining()];
    buffer.get(0, a, 0, a.length);
    final int rows = a.length / cols;
    return new WeightMatrix(PackedMath.pack(a, rows, cols), null, rows, cols);
  }

  /** Whether the matrix lives in a heap array. */
  boolean onHeap() {
    return heap != null;
  }

  /** The heap array (hot path; null for a mapped matrix, check {@link #onHeap()}). */
  float[] heapOrNull() {
    return heap;
  }

  /** The mapped buffer (hot path; null for a heap matrix). */
  FloatBuffer mappedOrNull() {
    return mapped;
  }

  int rows() {
    return rows;
  }

  int cols() {
    return cols;
  }

  /** Copies row {@code row} into {@code out[off..off+cols)}. */
  void row(final int row, final float[] out, final int off) {
    if (heap != null) {
      PackedMath.row(heap, rows, cols, row, out, off);
    } else {
      mapped.get(row * cols, out, off, cols);
    }
  }
}
