package dev.agora.inference.cuda;

import dev.agora.inference.ModelConfig;
import java.util.Locale;
import java.util.Optional;

/**
 * Which kernels the CUDA engine runs. {@link #V2} (default): fused decode matrix-vector kernels
 * (RMSNorm folded in, RoPE and the KV-cache write folded into q/k/v), thread-per-position
 * attention, and a split-K register-blocked SGEMM for prefill. {@link #V1}: the first kernels, one
 * warp per output row and plain tiled GEMMs, kept as the fallback. Both are fp32 throughout.
 * System property {@value #PROPERTY} ({@code v1} or {@code v2}) sets the default.
 */
public enum CudaKernelSet {
  V1,
  V2;

  /** The system property naming the default kernel set. */
  public static final String PROPERTY = "agora.cuda.kernels";

  /** The set named by {@value #PROPERTY}, {@link #V2} when unset. */
  public static CudaKernelSet fromSystemProperty() {
    final String v = System.getProperty(PROPERTY, "v2").strip().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "v1" -> V1;
      case "v2" -> V2;
      default -> throw new IllegalArgumentException(
          PROPERTY + " must be v1 or v2, not '" + v + "'");
    };
  }

  /**
   * Why {@code c} cannot run on this set, if it cannot: V2's 16-byte loads and stores need every
   * width (dim, hidden, kvDim, head size, vocab) to be a multiple of 4, and a head size of at most
   * 256.
   */
  public Optional<String> unsupportedReason(final ModelConfig c) {
    if (this == V1) {
      return Optional.empty();
    }
    if (c.dim() % 4 != 0 || c.hiddenDim() % 4 != 0 || c.kvDim() % 4 != 0
        || c.headSize() % 4 != 0 || c.vocabSize() % 4 != 0) {
      return Optional.of(
          "kernel set v2 needs dim, hidden, kv dim, head size and vocab divisible by 4");
    }
    if (c.headSize() > 256) {
      return Optional.of("kernel set v2 needs a head size of at most 256");
    }
    return Optional.empty();
  }

  /** Lower-case name, as in the system property. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
