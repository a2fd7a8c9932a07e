package dev.agora.inference.cuda;

/**
 * Launch shape of the v2 prefill SGEMM ({@code gemm2_nt}, {@code gemm2_nt16}): 128×128 output
 * tiles, k tiles of 8 or 16, and a split of the k range into {@code splits} parts whose partial
 * sums {@code gemm2_reduce} adds in order. Products with few output tiles (128 positions × 2048
 * outputs is 16 tiles) would leave most multiprocessors idle; splitting k gives every one of them
 * blocks to run. A product with at least as many tiles as the device has block slots is not split;
 * otherwise the split is the smallest that reaches 90% of the best fill of the slots, each part
 * keeping at least {@code minKPerSplit} of k (default {@value #MIN_K_PER_SPLIT}), and within
 * {@code maxPartialFloats} of partial sums.
 *
 * @param columnTiles blocks along the output columns (all segments)
 * @param rowTiles blocks along the positions
 * @param splits parts of the k range
 */
record SplitGemmPlan(int columnTiles, int rowTiles, int splits) {
  static final int TILE = 128;
  static final int MAX_SPLITS = 16;
  static final int MIN_K_PER_SPLIT = 128;

  /**
   * @param m rows of the product (positions)
   * @param segments widths of the output segments (e.g. q, k, v)
   * @param k the reduction length
   * @param slots blocks the device runs at once (multiprocessors × blocks per multiprocessor)
   * @param maxPartialFloats bound on {@code splits · m · Σ segments} when splitting
   * @param minKPerSplit smallest part of k a split may get
   */
  static SplitGemmPlan choose(final int m, final int[] segments, final int k, final int slots,
      final long maxPartialFloats, final int minKPerSplit) {
    if (m <= 0 || k <= 0 || slots <= 0 || minKPerSplit <= 0 || segments.length == 0
        || segments.length > 3) {
      throw new IllegalArgumentException("bad GEMM plan request: m " + m + ", k " + k
          + ", slots " + slots + ", " + segments.length + " segments");
    }
    int colTiles = 0;
    long width = 0;
    for (final int n : segments) {
      if (n <= 0) {
        throw new IllegalArgumentException("segment widths must be positive");
      }
      colTiles += ceilDiv(n, TILE);
      width += n;
    }
    final int rowTiles = ceilDiv(m, TILE);
    final long tiles = (long) colTiles * rowTiles;
    final int maxByK = Math.max(1, k / minKPerSplit);
    final long maxByMemory = Math.max(1, maxPartialFloats / Math.max(1, m * width));
    // A product that fills every slot at least once does not split: more waves only add the
    // partial sums' traffic.
    final int maxSplits = tiles >= slots ? 1
        : (int) Math.min(Math.min(MAX_SPLITS, maxByK), maxByMemory);
    double best = 0;
    final double[] fill = new double[maxSplits + 1];
    for (int s = 1; s <= maxSplits; s++) {
      final long blocks = tiles * s;
      final long waves = (blocks + slots - 1) / slots;
      fill[s] = blocks / (double) (waves * slots);
      best = Math.max(best, fill[s]);
    }
    int chosen = 1;
    for (int s = 1; s <= maxSplits; s++) {
      if (fill[s] >= 0.9 * best) {
        chosen = s;
        break;
      }
    }
    return new SplitGemmPlan(colTiles, rowTiles, chosen);
  }

  /** Blocks along the grid's y axis: row tiles × splits. */
  int gridY() {
    return rowTiles * splits;
  }

  static int ceilDiv(final int a, final int b) {
    return (a + b - 1) / b;
  }
}
