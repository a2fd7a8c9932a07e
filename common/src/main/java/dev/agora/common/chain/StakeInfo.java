package dev.agora.common.chain;

/** Stake (rao) that {@code coldkey} holds on {@code hotkey} in subnet {@code netuid}. */
public record StakeInfo(int netuid, String hotkey, String coldkey, long amount) {}
