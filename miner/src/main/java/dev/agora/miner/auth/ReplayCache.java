package dev.agora.miner.auth;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Request ids seen within the time window. Bounded twice: entries expire by time (an id older than
 * the window would be refused as stale anyway), and at capacity new requests are refused rather than
 * forgetting ids early (fail closed). Not thread-safe: used from one event loop.
 */
public final class ReplayCache {
  private record Entry(String key, long expiresAtMs) {}

  private final int capacity;
  private final long retentionMs;
  private final ArrayDeque<Entry> order = new ArrayDeque<>();
  private final Set<String> keys = new HashSet<>();

  /**
   * @param capacity the most ids remembered at once
   * @param retentionMs how long an id is remembered: at least the past plus future timestamp window
   */
  public ReplayCache(final int capacity, final long retentionMs) {
    if (capacity < 1 || retentionMs < 1) {
      throw new IllegalArgumentException("capacity and retention must be positive");
    }
    this.capacity = capacity;
    this.retentionMs = retentionMs;
  }

  /** What happened to an id offered to the cache. */
  public enum Outcome { FRESH, REPLAYED, FULL }

  /** Records the id if it is new; expiry is {@code nowMs + retention}, monotone in now. */
  public Outcome offer(final String key, final long nowMs) {
    expire(nowMs);
    if (keys.contains(key)) {
      return Outcome.REPLAYED;
    }
    if (keys.size() >= capacity) {
      return Outcome.FULL;
    }
    keys.add(key);
    order.addLast(new Entry(key, nowMs + retentionMs));
    return Outcome.FRESH;
  }

  public int size() {
    return keys.size();
  }

  private void expire(final long nowMs) {
    while (!order.isEmpty() && order.peekFirst().expiresAtMs() <= nowMs) {
      keys.remove(order.pollFirst().key());
    }
  }
}
