package dev.agora.chain.state;

/** Composite keys of the state maps. */
public final class Keys {
  private Keys() {}

  /** A uid of a subnet. */
  public record NeuronKey(int netuid, int uid) {}

  /** A hotkey in a subnet. */
  public record HotkeyKey(int netuid, String hotkey) {}

  /** The stake a coldkey holds on a hotkey in a subnet. */
  public record StakeKey(int netuid, String hotkey, String coldkey) {}

  /** The seq-th hyperparameter change of a subnet. */
  public record LogKey(int netuid, long seq) {}
}
