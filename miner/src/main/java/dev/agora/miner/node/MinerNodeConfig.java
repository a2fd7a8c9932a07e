package dev.agora.miner.node;

import dev.agora.miner.auth.AuthConfig;
import dev.agora.miner.axon.AxonConfig;

/**
 * @param netuid the subnet
 * @param axon the axon's serving limits
 * @param advertisedHost the host published with serve_axon (the bind host unless behind NAT)
 * @param minStakeRao callers need at least this stake
 * @param refreshMs how often the metagraph snapshot is refreshed
 * @param register burn-register the hotkey when it is not registered yet
 * @param maxBurnRao slippage guard for registration (0 = none)
 * @param maxBodyBytes largest request body accepted
 * @param pastWindowMs how old a request timestamp may be
 * @param futureWindowMs how far ahead a request timestamp may be
 * @param ratePerHotkey requests per second accepted from one caller (the bucket holds twice that)
 */
public record MinerNodeConfig(
    int netuid,
    AxonConfig axon,
    String advertisedHost,
    long minStakeRao,
    long refreshMs,
    boolean register,
    long maxBurnRao,
    int maxBodyBytes,
    long pastWindowMs,
    long futureWindowMs,
    double ratePerHotkey) {
  public static final long DEFAULT_MIN_STAKE_RAO = 1_000_000_000L;
  public static final long DEFAULT_REFRESH_MS = 1_000;

  public MinerNodeConfig {
    if (refreshMs < 1 || minStakeRao < 0 || maxBurnRao < 0) {
      throw new IllegalArgumentException("refresh must be positive, stake and burn limits >= 0");
    }
    if (maxBodyBytes < 1 || pastWindowMs < 0 || futureWindowMs < 0 || !(ratePerHotkey > 0)) {
      throw new IllegalArgumentException("body limit and rate must be positive, timestamp windows >= 0");
    }
  }

  /** With the authentication limits of {@link AuthConfig#defaults}. */
  public MinerNodeConfig(
      final int netuid, final AxonConfig axon, final String advertisedHost, final long minStakeRao,
      final long refreshMs, final boolean register, final long maxBurnRao) {
    this(netuid, axon, advertisedHost, minStakeRao, refreshMs, register, maxBurnRao, AuthConfig.DEFAULT_MAX_BODY_BYTES,
        AuthConfig.DEFAULT_PAST_WINDOW_MS, AuthConfig.DEFAULT_FUTURE_WINDOW_MS, AuthConfig.DEFAULT_RATE_PER_SECOND);
  }

  /** The authentication pipeline's settings for a miner with this hotkey. */
  public AuthConfig auth(final String ownHotkey) {
    return new AuthConfig(netuid, ownHotkey, maxBodyBytes, pastWindowMs, futureWindowMs, minStakeRao, true,
        ratePerHotkey, 2 * ratePerHotkey, AuthConfig.DEFAULT_REPLAY_CAPACITY);
  }
}
