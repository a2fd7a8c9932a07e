package dev.agora.chain.state;

/** Chain-wide accounting: total issuance and burned rao, and the next netuid to assign. */
public record GlobalRecord(long issuance, long burned, int nextNetuid) {
  public static final GlobalRecord EMPTY = new GlobalRecord(0, 0, 1);
}
