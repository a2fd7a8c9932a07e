package dev.agora.chain.runtime;

/**
 * Runtime knobs of a chain node.
 *
 * @param blockTimeMs milliseconds between blocks (≥ 1)
 * @param maxExtrinsicsPerBlock extrinsics per block at most
 * @param maxPoolSize pending extrinsics at most (POOL_FULL beyond)
 * @param maxNonceGapBlocks blocks an extrinsic may wait for a missing earlier nonce
 */
public record NodeOptions(
    long blockTimeMs, int maxExtrinsicsPerBlock, int maxPoolSize, long maxNonceGapBlocks) {
  public NodeOptions {
    if (blockTimeMs < 1 || maxExtrinsicsPerBlock < 1 || maxPoolSize < 1 || maxNonceGapBlocks < 1) {
      throw new IllegalArgumentException("node options must all be >= 1");
    }
  }

  public static NodeOptions defaults(final long blockTimeMs) {
    return new NodeOptions(blockTimeMs, 20_000, 100_000, 64);
  }
}
