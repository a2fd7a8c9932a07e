package dev.agora.inference.cpu;

/** Where the CPU engine keeps a checkpoint's matrices while it runs. */
public enum WeightPlacement {
  /**
   * Copies the matrices onto the Java heap when they take at most a quarter of the maximum heap
   * (small models, such as the 15M shape), otherwise reads them from the file mapping.
   */
  AUTO,
  /** Always copies the matrices into float arrays on the heap (fastest, needs the heap room). */
  HEAP,
  /** Always reads the matrices from the file mapping (off-heap; needed for large models). */
  MAPPED;

  /** Whether weights of {@code bytes} bytes go on the heap, for a heap limit of {@code maxHeap}. */
  boolean onHeap(final long bytes, final long maxHeap) {
    return switch (this) {
      case HEAP -> true;
      case MAPPED -> false;
      case AUTO -> bytes <= maxHeap / 4;
    };
  }
}
