package dev.agora.chain.state;

import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.Hyperparameters;
import java.util.Map;
import java.util.TreeMap;

/**
 * Chain-wide parameters fixed at genesis.
 *
 * @param rootAccount the sudo account (may set any hyperparameter within its type range, bypassing
 *     owner bounds, rate limits and the freeze window); empty string = none
 * @param subnetLockCost rao burned by create_subnet
 * @param emissionPerBlock rao minted per block into each subnet's pending pools
 * @param maxUnrevealedCommits pending commits allowed per hotkey (SPEC §9: 10)
 * @param subnetDefaults hyperparameter values a new subnet starts with, over {@link
 *     Hyperparameter#defaultValue()}
 */
public record ChainParams(
    String rootAccount,
    long subnetLockCost,
    long emissionPerBlock,
    int maxUnrevealedCommits,
    Map<String, Long> subnetDefaults) {
  public ChainParams {
    rootAccount = rootAccount == null ? "" : rootAccount;
    subnetDefaults = new TreeMap<>(subnetDefaults == null ? Map.of() : subnetDefaults);
    if (subnetLockCost < 0 || emissionPerBlock < 0 || maxUnrevealedCommits < 1) {
      throw new IllegalArgumentException(
          "subnetLockCost and emissionPerBlock must be >= 0, maxUnrevealedCommits >= 1");
    }
    for (final Map.Entry<String, Long> e : subnetDefaults.entrySet()) {
      final Hyperparameter h =
          Hyperparameter.byKey(e.getKey())
              .orElseThrow(
                  () -> new IllegalArgumentException("unknown hyperparameter " + e.getKey()));
      if (e.getValue() < h.rootMin() || e.getValue() > h.rootMax()) {
        throw new IllegalArgumentException(
            "subnet default " + h.key() + "=" + e.getValue() + " outside " + h.rootMin() + ".."
                + h.rootMax());
      }
    }
  }

  /** The hyperparameters of a new subnet. */
  public Hyperparameters newSubnetHyperparameters(final int netuid) {
    Hyperparameters h = Hyperparameters.defaults(netuid);
    for (final Map.Entry<String, Long> e : subnetDefaults.entrySet()) {
      h = h.with(Hyperparameter.byKey(e.getKey()).orElseThrow(), e.getValue());
    }
    return h;
  }
}
