package dev.agora.common.chain;

import java.util.List;

/**
 * One uid of a subnet as the metagraph shows it. Proportions (consensus, validatorTrust, incentive,
 * dividends) are u16 (value/65535); stake and emission are rao; emission is the last epoch's.
 */
public record NeuronInfo(
    int netuid,
    int uid,
    String hotkey,
    String coldkey,
    long stake,
    AxonInfo axon,
    long registrationBlock,
    long lastUpdate,
    boolean validatorPermit,
    boolean active,
    int consensus,
    int validatorTrust,
    int incentive,
    int dividends,
    long emission,
    List<UidWeight> weights,
    List<UidWeight> bonds) {
  public NeuronInfo {
    axon = axon == null ? AxonInfo.NONE : axon;
    weights = weights == null ? List.of() : List.copyOf(weights);
    bonds = bonds == null ? List.of() : List.copyOf(bonds);
  }
}
