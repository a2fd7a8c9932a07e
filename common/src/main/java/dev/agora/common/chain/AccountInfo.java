package dev.agora.common.chain;

/** An account: free balance (rao), next nonce, and total stake it owns across hotkeys and subnets. */
public record AccountInfo(String address, long free, long nonce, long staked) {}
