package dev.agora.inference.cuda;

import java.util.Locale;

/** The inference backend a node asks for ({@code --backend auto|cpu|cuda}). */
public enum Backend {
  /** The CUDA engine when a usable GPU is found, else the CPU engine. */
  AUTO,
  /** Always the CPU engine. */
  CPU,
  /** Always the CUDA engine; starting fails when no usable GPU is found. */
  CUDA;

  /**
   * Parses {@code auto}, {@code cpu} or {@code cuda} (any case).
   *
   * @throws IllegalArgumentException naming the accepted values otherwise
   */
  public static Backend parse(final String text) {
    if (text != null) {
      for (final Backend b : values()) {
        if (b.name().equalsIgnoreCase(text.trim())) {
          return b;
        }
      }
    }
    throw new IllegalArgumentException(
        "unknown inference backend '" + text + "'; use one of auto, cpu, cuda");
  }

  /** The lower-case name used on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
