package dev.agora.inference.cuda;

/**
 * Which matrix-matrix kernel and grid to use for {@code C[M][N] = A[M][K] · B[N][K]ᵀ}: the 128×128
 * tile when it still gives at least one block per multiprocessor, else the 64×64 tile; the 16-byte
 * load variant when {@code K % 4 == 0}.
 *
 * @param kernel the kernel's name in the PTX
 * @param tile the square tile edge (64 or 128)
 * @param gridX blocks along N
 * @param gridY blocks along M
 */
record GemmTiling(String kernel, int tile, int gridX, int gridY) {

  static GemmTiling choose(final int m, final int n, final int k, final int multiprocessors) {
    if (m <= 0 || n <= 0 || k <= 0) {
      throw new IllegalArgumentException("GEMM sizes must be positive: " + m + "x" + n + "x" + k);
    }
    final long big = (long) ceilDiv(m, 128) * ceilDiv(n, 128);
    final int tile = big >= multiprocessors ? 128 : 64;
    final String name = "gemm_nt_" + tile + (k % 4 == 0 ? "_vec" : "");
    return new GemmTiling(name, tile, ceilDiv(n, tile), ceilDiv(m, tile));
  }

  static int ceilDiv(final int a, final int b) {
    return (a + b - 1) / b;
  }
}
