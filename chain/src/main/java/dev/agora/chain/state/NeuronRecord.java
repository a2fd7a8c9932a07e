package dev.agora.chain.state;

import dev.agora.common.chain.AxonInfo;
import dev.agora.common.chain.UidWeight;
import java.util.List;

/**
 * A uid's stored state. {@code lastWeightsBlock} is -1 until the neuron first sets (or commits)
 * weights; {@code lastUpdate} is the block the epoch's activity and outdated masks use.
 */
public record NeuronRecord(
    String hotkey,
    String coldkey,
    AxonInfo axon,
    long registrationBlock,
    long lastUpdate,
    long lastWeightsBlock,
    boolean validatorPermit,
    boolean active,
    int consensus,
    int validatorTrust,
    int incentive,
    int dividends,
    long emission,
    List<UidWeight> weights,
    List<UidWeight> bonds) {
  public NeuronRecord {
    axon = axon == null ? AxonInfo.NONE : axon;
    weights = weights == null ? List.of() : List.copyOf(weights);
    bonds = bonds == null ? List.of() : List.copyOf(bonds);
  }

  /** A freshly registered neuron (SPEC §6 clear_neuron: no weights, bonds or permit). */
  public static NeuronRecord fresh(final String hotkey, final String coldkey, final long block) {
    return new NeuronRecord(
        hotkey, coldkey, AxonInfo.NONE, block, block, -1, false, true, 0, 0, 0, 0, 0, List.of(),
        List.of());
  }

  public NeuronRecord withWeights(final List<UidWeight> w, final long update, final long setBlock) {
    return new NeuronRecord(hotkey, coldkey, axon, registrationBlock, update, setBlock,
        validatorPermit, active, consensus, validatorTrust, incentive, dividends, emission, w, bonds);
  }

  public NeuronRecord withWeightsOnly(final List<UidWeight> w) {
    return new NeuronRecord(hotkey, coldkey, axon, registrationBlock, lastUpdate, lastWeightsBlock,
        validatorPermit, active, consensus, validatorTrust, incentive, dividends, emission, w, bonds);
  }

  public NeuronRecord withLastUpdate(final long update) {
    return new NeuronRecord(hotkey, coldkey, axon, registrationBlock, update, update,
        validatorPermit, active, consensus, validatorTrust, incentive, dividends, emission, weights,
        bonds);
  }

  public NeuronRecord withAxon(final AxonInfo a) {
    return new NeuronRecord(hotkey, coldkey, a, registrationBlock, lastUpdate, lastWeightsBlock,
        validatorPermit, active, consensus, validatorTrust, incentive, dividends, emission, weights,
        bonds);
  }

  /** The epoch's persisted outputs (SPEC §3.12). */
  public NeuronRecord withEpochOutputs(
      final boolean permit,
      final boolean isActive,
      final int cons,
      final int vtrust,
      final int inc,
      final int div,
      final long emis,
      final List<UidWeight> newBonds) {
    return new NeuronRecord(hotkey, coldkey, axon, registrationBlock, lastUpdate, lastWeightsBlock,
        permit, isActive, cons, vtrust, inc, div, emis, weights, newBonds);
  }
}
