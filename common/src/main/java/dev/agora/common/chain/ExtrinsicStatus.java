package dev.agora.common.chain;

/**
 * Where an extrinsic is: {@code PENDING} in the pool, {@code INCLUDED} in {@code block} (applied), or
 * {@code REFUSED} (in {@code block}, or -1 if dropped from the pool) with {@code code} and
 * {@code message}; {@code UNKNOWN} if the chain never saw it.
 */
public record ExtrinsicStatus(String hash, State state, long block, String code, String message) {
  /** The states of an extrinsic. */
  public enum State {
    PENDING,
    INCLUDED,
    REFUSED,
    UNKNOWN
  }

  public ExtrinsicStatus {
    code = code == null ? "" : code;
    message = message == null ? "" : message;
  }

  public static ExtrinsicStatus pending(final String hash) {
    return new ExtrinsicStatus(hash, State.PENDING, -1, "", "");
  }

  public static ExtrinsicStatus unknown(final String hash) {
    return new ExtrinsicStatus(hash, State.UNKNOWN, -1, "", "");
  }

  /** The status a receipt implies. */
  public static ExtrinsicStatus of(final Receipt r) {
    return new ExtrinsicStatus(
        r.hash(), r.ok() ? State.INCLUDED : State.REFUSED, r.block(), r.code(), r.message());
  }

  /** Included or refused: the chain will not change its answer. */
  public boolean done() {
    return state == State.INCLUDED || state == State.REFUSED;
  }
}
