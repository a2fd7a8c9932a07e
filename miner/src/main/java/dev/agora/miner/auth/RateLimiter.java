package dev.agora.miner.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * A token bucket per hotkey. Only senders that passed the blacklist (registered, permitted, staked)
 * reach it, so the map is bounded by the subnet's size. Not thread-safe: used from one event loop.
 */
public final class RateLimiter {
  private static final class Bucket {
    double tokens;
    long lastMs;
  }

  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new HashMap<>();

  public RateLimiter(final double perSecond, final double burst) {
    if (!(perSecond > 0) || !(burst >= 1)) {
      throw new IllegalArgumentException("rate must be > 0 and burst >= 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one token for the hotkey; false when its bucket is empty. */
  public boolean tryAcquire(final String hotkey, final long nowMs) {
    final Bucket b = buckets.computeIfAbsent(hotkey, k -> {
      final Bucket nb = new Bucket();
      nb.tokens = burst;
      nb.lastMs = nowMs;
      return nb;
    });
    final long elapsed = Math.max(0, nowMs - b.lastMs);
    b.tokens = Math.min(burst, b.tokens + elapsed * perSecond / 1000.0);
    b.lastMs = Math.max(b.lastMs, nowMs);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Seconds until the hotkey's next token (at least 1), for Retry-After. */
  public long retryAfterSeconds() {
    return Math.max(1, (long) Math.ceil(1.0 / perSecond));
  }
}
