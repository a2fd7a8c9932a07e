package dev.agora.common.chain;

import java.util.List;
import java.util.Optional;

/** The public state of a subnet at a block: its hyperparameters and every uid. */
public record Metagraph(
    int netuid,
    long block,
    String ownerColdkey,
    String ownerHotkey,
    long lastEpochBlock,
    Hyperparameters hyperparameters,
    List<NeuronInfo> neurons) {
  public Metagraph {
    neurons = neurons == null ? List.of() : List.copyOf(neurons);
  }

  public Optional<NeuronInfo> byHotkey(final String hotkey) {
    return neurons.stream().filter(n -> n.hotkey().equals(hotkey)).findFirst();
  }

  public Optional<NeuronInfo> byUid(final int uid) {
    return neurons.stream().filter(n -> n.uid() == uid).findFirst();
  }

  /** Number of uids. */
  public int n() {
    return neurons.size();
  }
}
