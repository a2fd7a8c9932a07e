package dev.agora.miner.node;

import dev.agora.miner.axon.AxonConfig;

/**
 * @param netuid the subnet
 * @param axon the axon's serving limits
 * @param advertisedHost the host published with serve_axon (the bind host unless behind NAT)
 * @param minStakeRao callers need at least this stake
 * @param refreshMs how often the metagraph snapshot is refreshed
 * @param register burn-register the hotkey when it is not registered yet
 * @param maxBurnRao slippage guard for registration (0 = none)
 */
public record MinerNodeConfig(
    int netuid,
    AxonConfig axon,
    String advertisedHost,
    long minStakeRao,
    long refreshMs,
    boolean register,
    long maxBurnRao) {
  public static final long DEFAULT_MIN_STAKE_RAO = 1_000_000_000L;
  public static final long DEFAULT_REFRESH_MS = 1_000;

  public MinerNodeConfig {
    if (refreshMs < 1 || minStakeRao < 0 || maxBurnRao < 0) {
      throw new IllegalArgumentException("refresh must be positive, stake and burn limits >= 0");
    }
  }
}
