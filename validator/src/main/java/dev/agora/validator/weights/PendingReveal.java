package dev.agora.validator.weights;

import java.util.Arrays;

/**
 * A weights commit waiting for its reveal: everything {@code reveal_weights} needs to reproduce the
 * committed hash. Persisted, so that a restarted validator still reveals.
 *
 * @param uids ascending uids
 * @param weights their quantised weights
 * @param salt the commit's salt, hex
 * @param versionKey the weights version key the commit used
 */
public record PendingReveal(int[] uids, int[] weights, String salt, long versionKey) {
  public PendingReveal {
    if (uids == null || weights == null || uids.length != weights.length) {
      throw new IllegalArgumentException("uids and weights must be present and of equal length");
    }
    if (salt == null || salt.isEmpty()) {
      throw new IllegalArgumentException("salt must not be empty");
    }
    uids = uids.clone();
    weights = weights.clone();
  }

  @Override
  public int[] uids() {
    return uids.clone();
  }

  @Override
  public int[] weights() {
    return weights.clone();
  }

  /** Same commit: equal values (records compare arrays by identity otherwise). */
  public boolean sameAs(final PendingReveal other) {
    return Arrays.equals(uids, other.uids) && Arrays.equals(weights, other.weights) && salt.equals(other.salt)
        && versionKey == other.versionKey;
  }
}
