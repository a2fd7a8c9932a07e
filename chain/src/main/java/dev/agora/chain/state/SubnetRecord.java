package dev.agora.chain.state;

import dev.agora.common.chain.Hyperparameters;
import java.util.Map;
import java.util.TreeMap;

/**
 * A subnet: owner keys, size, epoch schedule, pending emission pools (rao), hyperparameters, and the
 * block of each hyperparameter's last owner change (for the owner rate limit).
 */
public record SubnetRecord(
    int netuid,
    String ownerColdkey,
    String ownerHotkey,
    long createdBlock,
    int n,
    long lastEpochBlock,
    long epochIndex,
    long pendingServer,
    long pendingValidator,
    long pendingOwner,
    long hparamLogSize,
    Hyperparameters hyperparameters,
    Map<String, Long> lastOwnerChange) {
  public SubnetRecord {
    lastOwnerChange = new TreeMap<>(lastOwnerChange == null ? Map.of() : lastOwnerChange);
  }

  public long pendingTotal() {
    return pendingServer + pendingValidator + pendingOwner;
  }

  public SubnetRecord withN(final int newN) {
    return new SubnetRecord(netuid, ownerColdkey, ownerHotkey, createdBlock, newN, lastEpochBlock,
        epochIndex, pendingServer, pendingValidator, pendingOwner, hparamLogSize, hyperparameters,
        lastOwnerChange);
  }

  public SubnetRecord withPending(final long server, final long validator, final long owner) {
    return new SubnetRecord(netuid, ownerColdkey, ownerHotkey, createdBlock, n, lastEpochBlock,
        epochIndex, server, validator, owner, hparamLogSize, hyperparameters, lastOwnerChange);
  }

  public SubnetRecord withEpoch(final long block, final long index) {
    return new SubnetRecord(netuid, ownerColdkey, ownerHotkey, createdBlock, n, block, index,
        pendingServer, pendingValidator, pendingOwner, hparamLogSize, hyperparameters,
        lastOwnerChange);
  }

  public SubnetRecord withHyperparameters(
      final Hyperparameters h, final Map<String, Long> changes, final long logSize) {
    return new SubnetRecord(netuid, ownerColdkey, ownerHotkey, createdBlock, n, lastEpochBlock,
        epochIndex, pendingServer, pendingValidator, pendingOwner, logSize, h, changes);
  }
}
