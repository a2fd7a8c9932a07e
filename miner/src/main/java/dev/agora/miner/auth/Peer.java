package dev.agora.miner.auth;

/**
 * A registered neuron as the miner's metagraph snapshot shows it.
 *
 * @param uid its uid on the miner's netuid
 * @param hotkey its hotkey address
 * @param stake stake in rao
 * @param validatorPermit whether it holds a validator permit
 */
public record Peer(int uid, String hotkey, long stake, boolean validatorPermit) {}
