package dev.agora.chain.state;

/** An account's free balance (rao) and next nonce. */
public record AccountRecord(long free, long nonce) {
  public static final AccountRecord EMPTY = new AccountRecord(0, 0);
}
