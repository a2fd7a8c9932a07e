package dev.agora.miner.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refused request: HTTP status, a stable machine code, a human message and, for 429, seconds to
 * wait before retrying.
 */
public record Refusal(int status, String code, String message, long retryAfterSeconds) {
  // Stable codes; clients match on these, never on messages.
  public static final String BODY_TOO_LARGE = "body-too-large";
  public static final String BODY_TIMEOUT = "body-timeout";
  public static final String MISSING_HEADER = "missing-header";
  public static final String UNSIGNED = "unsigned";
  public static final String WRONG_RECEIVER = "wrong-receiver";
  public static final String BAD_TIMESTAMP = "bad-timestamp";
  public static final String STALE_TIMESTAMP = "stale-timestamp";
  public static final String FUTURE_TIMESTAMP = "future-timestamp";
  public static final String BODY_HASH_MISMATCH = "body-hash-mismatch";
  public static final String BAD_SIGNATURE = "bad-signature";
  public static final String REPLAYED = "replayed-request";
  public static final String REPLAY_CACHE_FULL = "replay-cache-full";
  public static final String UNREGISTERED_SENDER = "unregistered-sender";
  public static final String NO_VALIDATOR_PERMIT = "no-validator-permit";
  public static final String STAKE_TOO_LOW = "stake-below-minimum";
  public static final String RATE_LIMITED = "rate-limited";
  public static final String QUEUE_FULL = "queue-full";
  public static final String DEADLINE = "deadline-exceeded";
  public static final String BAD_REQUEST = "bad-request";
  public static final String NOT_FOUND = "not-found";
  public static final String SHUTTING_DOWN = "shutting-down";
  public static final String INTERNAL = "internal-error";

  public static Refusal of(final int status, final String code, final String message) {
    return new Refusal(status, code, message, 0);
  }

  /** The JSON body of the refusal. */
  public Map<String, Object> toJson() {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", code);
    m.put("message", message);
    m.put("status", status);
    if (retryAfterSeconds > 0) {
      m.put("retry_after", retryAfterSeconds);
    }
    return m;
  }
}
