package dev.agora.inference.cuda;

import dev.agora.inference.ModelConfig;
import dev.agora.inference.Tensor;
import java.util.Locale;

/**
 * Device memory the CUDA engine needs for a model: weights (uploaded once), one decode session's KV
 * cache, the decode scratch vectors, and the prefill workspace for a full {@code seqLen} batch.
 *
 * @param weightBytes fp32 weights, legacy RoPE tables excluded, a shared classifier counted once
 * @param kvCacheBytes keys and values of one session: 2 · layers · seqLen · kvDim floats
 * @param decodeBytes decode scratch vectors
 * @param prefillBytes prefill activations and logits for seqLen positions
 */
public record MemoryPlan(long weightBytes, long kvCacheBytes, long decodeBytes, long prefillBytes) {
  /** Headroom for the context, the module and allocator rounding. */
  public static final long RESERVE_BYTES = 256L << 20;

  /** The plan for {@code c}. */
  public static MemoryPlan of(final ModelConfig c) {
    long weights = 0;
    for (final Tensor t : Tensor.values()) {
      if (t != Tensor.FREQ_CIS_REAL && t != Tensor.FREQ_CIS_IMAG) {
        weights += 4L * t.storedFloats(c);
      }
    }
    final long kv = 2L * c.layers() * c.seqLen() * c.kvDim() * 4L;
    final long decode = 4L * (4L * c.dim() + 2L * c.kvDim() + c.hiddenDim() + c.vocabSize() + 64);
    return new MemoryPlan(weights, kv, decode, prefillBytes(c, c.seqLen()));
  }

  /** Prefill workspace for {@code n} positions (see {@code CudaInferenceEngine}). */
  static long prefillBytes(final ModelConfig c, final int n) {
    final long perRow = 4L * c.dim() + 2L * c.kvDim() + 2L * c.hiddenDim() + c.vocabSize();
    return 4L * n * perRow + 4L * n + 4L * partialFloats(c, n);
  }

  /**
   * Floats of the split-K partial-sum buffer of the v2 prefill GEMMs for {@code n} positions: one
   * full-width product (q|k|v or W1|W3) or 8 Mi floats, whichever is larger
   * ({@link SplitGemmPlan} never splits past it).
   */
  static long partialFloats(final ModelConfig c, final int n) {
    final long width = Math.max(c.dim() + 2L * c.kvDim(), 2L * c.hiddenDim());
    return Math.max((long) n * width, 8L << 20);
  }

  /** Everything, with the reserve. */
  public long totalBytes() {
    return weightBytes + kvCacheBytes + decodeBytes + prefillBytes + RESERVE_BYTES;
  }

  /**
   * Checks that the plan fits in {@code freeBytes} of {@code device}'s memory.
   *
   * @throws CudaUnavailableException with the sizes when it does not
   */
  public void checkFits(final String device, final long freeBytes, final long totalDeviceBytes) {
    if (totalBytes() > freeBytes) {
      throw new CudaUnavailableException(String.format(Locale.ROOT,
          "GPU memory too small for this model: %s has %s free of %s, the model needs %s"
              + " (weights %s, KV cache %s, prefill workspace %s, reserve %s)",
          device, human(freeBytes), human(totalDeviceBytes), human(totalBytes()),
          human(weightBytes), human(kvCacheBytes), human(prefillBytes), human(RESERVE_BYTES)));
    }
  }

  /** Bytes as MiB or GiB with one decimal. */
  static String human(final long bytes) {
    if (bytes >= (1L << 30)) {
      return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
  }
}
