package dev.agora.common.chain;

/**
 * Accounting totals (rao). The invariant the chain keeps after every block: {@code issuance == free +
 * staked + pending + burned}.
 */
public record Totals(long issuance, long free, long staked, long pending, long burned) {
  public boolean balanced() {
    return issuance == free + staked + pending + burned;
  }
}
