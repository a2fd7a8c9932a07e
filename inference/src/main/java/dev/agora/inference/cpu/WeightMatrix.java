package dev.agora.inference.cpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;

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
  /** For a mapped matrix: its packed copy in a file mapping, once made (decode reads it). */
  private volatile ByteBuffer packedCopy;

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

  /** The packed copy of a mapped matrix (little-endian, PackedMath layout), or null. */
  ByteBuffer packedCopyOrNull() {
    return packedCopy;
  }

  /** Bytes a packed copy of this matrix takes. */
  long bytes() {
    return (long) rows * cols * Float.BYTES;
  }

  /**
   * Writes this mapped matrix in the packed layout into {@code ch} at byte {@code offset}
   * ({@link #bytes()} bytes, little-endian), with plain writes, so a full disk is an IOException.
   */
  void writePacked(final FileChannel ch, final long offset) throws IOException {
    if (mapped == null) {
      throw new IllegalStateException("only a mapped matrix gets a packed copy");
    }
    final int groupsPerWrite = Math.max(1, (1 << 20) / (4 * cols * Float.BYTES));
    final ByteBuffer buf = ByteBuffer.allocate(groupsPerWrite * 4 * cols * Float.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    final FloatBuffer floats = buf.asFloatBuffer();
    final float[] group = new float[4 * cols];
    final int packedRows = rows / 4 * 4;
    long pos = offset;
    for (int r = 0; r < packedRows; ) {
      floats.clear();
      for (int g = 0; g < groupsPerWrite && r < packedRows; g++, r += 4) {
        mapped.get(r * cols, group, 0, group.length);
        floats.put(PackedMath.pack(group, 4, cols));
      }
      pos = writeFully(ch, buf, floats.position(), pos);
    }
    final float[] tail = new float[(rows - packedRows) * cols];
    mapped.get(packedRows * cols, tail, 0, tail.length);
    floats.clear();
    floats.put(tail);
    writeFully(ch, buf, floats.position(), pos);
  }

  private static long writeFully(
      final FileChannel ch, final ByteBuffer buf, final int floats, final long pos)
      throws IOException {
    buf.clear().limit(floats * Float.BYTES);
    long p = pos;
    while (buf.hasRemaining()) {
      p += ch.write(buf, p);
    }
    return p;
  }

  /** Decode reads {@code packed} (this matrix written by {@link #writePacked}) from now on. */
  void usePacked(final ByteBuffer packed) {
    packedCopy = packed.order(ByteOrder.LITTLE_ENDIAN);
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
