package dev.agora.miner.auth;

/**
 * Limits of the authentication pipeline.
 *
 * @param netuid the miner's subnet
 * @param ownHotkey the miner's hotkey address (the only accepted receiver)
 * @param maxBodyBytes larger bodies are refused with 413
 * @param pastWindowMs how old a timestamp may be (DESIGN §3 default 10 s)
 * @param futureWindowMs how far ahead a timestamp may be (default 2 s)
 * @param minStakeRao minimum stake of a caller, in rao
 * @param requirePermit whether callers need a validator permit
 * @param ratePerSecond sustained requests per second per caller
 * @param rateBurst bucket size per caller
 * @param replayCapacity most request ids remembered at once
 */
public record AuthConfig(
    int netuid,
    String ownHotkey,
    int maxBodyBytes,
    long pastWindowMs,
    long futureWindowMs,
    long minStakeRao,
    boolean requirePermit,
    double ratePerSecond,
    double rateBurst,
    int replayCapacity) {
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final long DEFAULT_PAST_WINDOW_MS = 10_000;
  public static final long DEFAULT_FUTURE_WINDOW_MS = 2_000;
  public static final double DEFAULT_RATE_PER_SECOND = 20;
  public static final double DEFAULT_RATE_BURST = 40;
  public static final int DEFAULT_REPLAY_CAPACITY = 100_000;

  /** Defaults of DESIGN §3 for a miner with this hotkey on this netuid. */
  public static AuthConfig defaults(final int netuid, final String ownHotkey, final long minStakeRao) {
    return new AuthConfig(netuid, ownHotkey, DEFAULT_MAX_BODY_BYTES, DEFAULT_PAST_WINDOW_MS,
        DEFAULT_FUTURE_WINDOW_MS, minStakeRao, true, DEFAULT_RATE_PER_SECOND, DEFAULT_RATE_BURST,
        DEFAULT_REPLAY_CAPACITY);
  }

  public AuthConfig {
    if (maxBodyBytes < 1 || pastWindowMs < 0 || futureWindowMs < 0 || minStakeRao < 0 || replayCapacity < 1) {
      throw new IllegalArgumentException("invalid auth limits");
    }
  }

  public AuthConfig withRate(final double perSecond, final double burst) {
    return new AuthConfig(netuid, ownHotkey, maxBodyBytes, pastWindowMs, futureWindowMs, minStakeRao,
        requirePermit, perSecond, burst, replayCapacity);
  }
}
