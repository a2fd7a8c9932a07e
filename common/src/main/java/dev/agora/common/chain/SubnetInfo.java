package dev.agora.common.chain;

/** A subnet summary as listed by the chain. */
public record SubnetInfo(
    int netuid,
    String ownerColdkey,
    String ownerHotkey,
    int n,
    long maxAllowedUids,
    long tempo,
    long burn,
    long createdBlock,
    long lastEpochBlock,
    long pendingServer,
    long pendingValidator,
    long pendingOwner) {}
