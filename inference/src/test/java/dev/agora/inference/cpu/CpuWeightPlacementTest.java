package dev.agora.inference.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.inference.InferenceEngine;
import dev.agora.inference.ModelConfig;
import dev.agora.inference.ModelSpec;
import dev.agora.inference.TestModels;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuWeightPlacementTest {
  /** Rows not a multiple of 4 and columns not a multiple of the vector width, everywhere. */
  private static final ModelSpec ODD =
      new ModelSpec("odd", new ModelConfig(60, 150, 2, 6, 2, 301, 64, false), 5, 0.3f);

  private static int[] tokens(final int n, final int vocab, final long seed) {
    final Random r = new Random(seed);
    final int[] t = new int[n];
    t[0] = 1;
    for (int i = 1; i < n; i++) {
      t[i] = 3 + r.nextInt(vocab - 3);
    }
    return t;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void heapAndMapped_shouldGiveIdenticalLogitsWhenShapeIsOdd(final int threads) {
    final Path file = TestModels.checkpoint(ODD);
    try (CpuInferenceEngine heap = CpuInferenceEngine.open(file, threads, WeightPlacement.HEAP);
        CpuInferenceEngine mapped = CpuInferenceEngine.open(file, threads, WeightPlacement.MAPPED)) {
      assertTrue(heap.weightsOnHeap());
      assertFalse(mapped.weightsOnHeap());
      final int[] t = tokens(23, ODD.config().vocabSize(), 9);
      final float[][] a = heap.prefill(t);
      final float[][] b = mapped.prefill(t);
      for (int i = 0; i < t.length; i++) {
        assertArrayEquals(b[i], a[i], "prefill position " + i);
      }
      try (InferenceEngine.Session sh = heap.newSession();
          InferenceEngine.Session sm = mapped.newSession()) {
        assertTrue(mapped.decodesFromPackedCopy(), "mapped decode reads the packed copy");
        for (int i = 0; i < t.length; i++) {
          final float[] dh = sh.forward(t[i]);
          assertArrayEquals(sm.forward(t[i]), dh, "decode position " + i);
          float diff = 0f;
          for (int v = 0; v < dh.length; v++) {
            diff = Math.max(diff, Math.abs(dh[v] - a[i][v]));
          }
          assertTrue(diff < 1e-4f, "decode vs prefill at " + i + ": " + diff);
        }
      }
    }
  }

  @Test
  void mappedDecode_shouldFallBackToTheCheckpointMappingWhenNoPackedCopyCanBeWritten() {
    final Path file = TestModels.checkpoint(ODD);
    final String key = "agora.cpu.packDir";
    final String before = System.getProperty(key);
    System.setProperty(key, TestModels.dir().resolve("no-such-dir").resolve("deeper").toString());
    try (CpuInferenceEngine heap = CpuInferenceEngine.open(file, 2, WeightPlacement.HEAP);
        CpuInferenceEngine mapped = CpuInferenceEngine.open(file, 2, WeightPlacement.MAPPED);
        InferenceEngine.Session sh = heap.newSession();
        InferenceEngine.Session sm = mapped.newSession()) {
      assertFalse(mapped.decodesFromPackedCopy(), "no packed copy without a writable folder");
      final int[] t = tokens(11, ODD.config().vocabSize(), 2);
      for (int i = 0; i < t.length; i++) {
        final float[] dh = sh.forward(t[i]);
        assertArrayEquals(dh, sm.forward(t[i]), "decode position " + i);
      }
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  @Test
  void heapAndMapped_shouldGiveIdenticalLogitsWhenSharedClassifierPreset() {
    final Path file = TestModels.checkpoint("demo-g128");
    try (CpuInferenceEngine heap = CpuInferenceEngine.open(file, 2, WeightPlacement.HEAP);
        CpuInferenceEngine mapped = CpuInferenceEngine.open(file, 2, WeightPlacement.MAPPED)) {
      final int[] t = tokens(9, 32000, 4);
      final float[][] a = heap.prefill(t);
      final float[][] b = mapped.prefill(t);
      for (int i = 0; i < t.length; i++) {
        assertArrayEquals(b[i], a[i], "position " + i);
      }
    }
  }

  @Test
  void pack_shouldKeepEveryRowWhenUnpacked() {
    final Random r = new Random(3);
    for (final int[] shape : new int[][] {{7, 37}, {8, 16}, {5, 3}, {13, 100}, {1, 64}}) {
      final int rows = shape[0];
      final int in = shape[1];
      final float[] w = new float[rows * in];
      for (int i = 0; i < w.length; i++) {
        w[i] = r.nextFloat();
      }
      final float[] p = PackedMath.pack(w, rows, in);
      final float[] row = new float[in + 2];
      for (int i = 0; i < rows; i++) {
        PackedMath.row(p, rows, in, i, row, 2);
        for (int k = 0; k < in; k++) {
          assertEquals(w[i * in + k], row[2 + k], "row " + i + " col " + k + " of " + rows + "x" + in);
        }
      }
    }
  }

  @Test
  void packedMatmat_shouldEqualRowMajorDotsForAnyRowRange() {
    final Random r = new Random(8);
    final int rows = 23;
    final int in = 41;
    final int nPos = 6;
    final float[] w = new float[rows * in];
    final float[] x = new float[nPos * in];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextFloat() - 0.5f;
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextFloat() - 0.5f;
    }
    final float[] p = PackedMath.pack(w, rows, in);
    for (final int[] range : new int[][] {{0, 23}, {1, 22}, {3, 9}, {20, 23}, {5, 6}}) {
      for (final int positions : new int[] {1, 3, 6}) {
        final float[] y = new float[positions * rows];
        PackedMath.matmat(p, rows, in, x, positions, y, rows, 0, range[0], range[1]);
        for (int pos = 0; pos < positions; pos++) {
          for (int i = 0; i < rows; i++) {
            final float want = i >= range[0] && i < range[1]
                ? VectorMath.dot(w, i * in, x, pos * in, in)
                : 0f;
            assertEquals(want, y[pos * rows + i], "row " + i + " position " + pos);
          }
        }
      }
    }
  }

  @Test
  void auto_shouldUseTheHeapOnlyWhenWeightsTakeAQuarterOfIt() {
    assertTrue(WeightPlacement.AUTO.onHeap(100, 400));
    assertFalse(WeightPlacement.AUTO.onHeap(101, 400));
    assertTrue(WeightPlacement.HEAP.onHeap(1_000, 400));
    assertFalse(WeightPlacement.MAPPED.onHeap(1, 400));
  }

  @Test
  void open_shouldRejectNullPlacement() {
    final Path file = TestModels.checkpoint("demo-tiny");
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> CpuInferenceEngine.open(file, 1, null));
    assertTrue(e.getMessage().contains("placement"), e.getMessage());
  }
}
