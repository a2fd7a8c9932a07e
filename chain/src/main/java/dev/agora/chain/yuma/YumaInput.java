package dev.agora.chain.yuma;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one epoch of one subnet reads (yuma/SPEC.md §2). All per-uid arrays have length
 * {@code n}; uids are 0..n-1. Arrays are not copied: the caller must not change them while {@link
 * YumaEpoch#run} runs.
 *
 * @param n number of uids
 * @param currentBlock the block the epoch runs at
 * @param stake per uid, raw stake in rao (non-negative; the sum must fit a long)
 * @param blockAtRegistration per uid, the block it (re)registered at
 * @param lastUpdate per uid, the block it last set weights at (registration also sets it)
 * @param validatorPermit per uid, the permits stored by the previous epoch (they gate this one)
 * @param weights stored weight rows (u16, max-upscaled at set time)
 * @param bonds stored bond rows (u16; original Yuma: column-max-upscaled; Yuma3: absolute)
 * @param params the hyperparameters
 * @param raoEmission the amount this epoch distributes (rao)
 * @param ownerUid the subnet owner hotkey's uid, if it is registered
 * @param commitBlocks with commit-reveal on: per uid, the block of its earliest unexpired commit,
 *     or {@link #NO_COMMIT}
 * @param lastMechanismStepBlock block of the last epoch ({@code LastMechansimStepBlock}); 0 = unknown
 */
public record YumaInput(
    int n,
    long currentBlock,
    long[] stake,
    long[] blockAtRegistration,
    long[] lastUpdate,
    boolean[] validatorPermit,
    U16Rows weights,
    U16Rows bonds,
    YumaParams params,
    long raoEmission,
    OptionalInt ownerUid,
    Optional<long[]> commitBlocks,
    long lastMechanismStepBlock) {

  /** Marks a uid without a pending commit in {@link #commitBlocks}. */
  public static final long NO_COMMIT = -1;

  /** Checks lengths and ranges; throws IllegalArgumentException with the offending field. */
  public YumaInput {
    if (n < 0 || n > 65536) {
      throw new IllegalArgumentException("n must be in 0..65536, got " + n);
    }
    requireLength("stake", stake.length, n);
    requireLength("blockAtRegistration", blockAtRegistration.length, n);
    requireLength("lastUpdate", lastUpdate.length, n);
    requireLength("validatorPermit", validatorPermit.length, n);
    requireLength("weights rows", weights.rows(), n);
    requireLength("bonds rows", bonds.rows(), n);
    commitBlocks.ifPresent(c -> requireLength("commitBlocks", c.length, n));
    if (raoEmission < 0) {
      throw new IllegalArgumentException("raoEmission must be >= 0, got " + raoEmission);
    }
    if (ownerUid.isPresent() && (ownerUid.getAsInt() < 0 || ownerUid.getAsInt() >= n)) {
      throw new IllegalArgumentException("ownerUid " + ownerUid.getAsInt() + " is not a uid < " + n);
    }
    for (int i = 0; i < n; i++) {
      if (stake[i] < 0) {
        throw new IllegalArgumentException("stake[" + i + "] is negative: " + stake[i]);
      }
    }
    checkRows("weights", weights, n);
    checkRows("bonds", bonds, n);
  }

  /** A builder with empty weights and bonds, no owner, no commit-reveal data. */
  public static Builder builder(final int n) {
    return new Builder(n);
  }

  private static void requireLength(final String what, final int got, final int n) {
    if (got != n) {
      throw new IllegalArgumentException(what + " has length " + got + ", expected n = " + n);
    }
  }

  private static void checkRows(final String what, final U16Rows rows, final int n) {
    final int[] seen = new int[n];
    for (int i = 0; i < rows.rows(); i++) {
      final int[] u = rows.uids()[i];
      final int[] v = rows.values()[i];
      for (int k = 0; k < u.length; k++) {
        if (u[k] < 0 || u[k] >= n) {
          throw new IllegalArgumentException(
              what + " row " + i + " names uid " + u[k] + ", not in 0.." + (n - 1));
        }
        if (v[k] < 0 || v[k] > 65535) {
          throw new IllegalArgumentException(
              what + " row " + i + " has value " + v[k] + " for uid " + u[k] + ", not a u16");
        }
        if (seen[u[k]] == i + 1) {
          throw new IllegalArgumentException(what + " row " + i + " repeats uid " + u[k]);
        }
        seen[u[k]] = i + 1;
      }
    }
  }

  /** Mutable builder for {@link YumaInput}; every per-uid array defaults to zeros/false. */
  public static final class Builder {
    private final int n;
    private long currentBlock;
    private long[] stake;
    private long[] blockAtRegistration;
    private long[] lastUpdate;
    private boolean[] validatorPermit;
    private U16Rows weights;
    private U16Rows bonds;
    private YumaParams params = YumaParams.defaults();
    private long raoEmission;
    private OptionalInt ownerUid = OptionalInt.empty();
    private Optional<long[]> commitBlocks = Optional.empty();
    private long lastMechanismStepBlock;

    private Builder(final int n) {
      this.n = n;
      this.stake = new long[n];
      this.blockAtRegistration = new long[n];
      this.lastUpdate = new long[n];
      this.validatorPermit = new boolean[n];
      this.weights = U16Rows.empty(n);
      this.bonds = U16Rows.empty(n);
    }

    public Builder currentBlock(final long v) {
      this.currentBlock = v;
      return this;
    }

    public Builder stake(final long[] v) {
      this.stake = v;
      return this;
    }

    public Builder blockAtRegistration(final long[] v) {
      this.blockAtRegistration = v;
      return this;
    }

    public Builder lastUpdate(final long[] v) {
      this.lastUpdate = v;
      return this;
    }

    public Builder validatorPermit(final boolean[] v) {
      this.validatorPermit = v;
      return this;
    }

    public Builder weights(final U16Rows v) {
      this.weights = v;
      return this;
    }

    public Builder bonds(final U16Rows v) {
      this.bonds = v;
      return this;
    }

    public Builder params(final YumaParams v) {
      this.params = v;
      return this;
    }

    public Builder raoEmission(final long v) {
      this.raoEmission = v;
      return this;
    }

    public Builder ownerUid(final OptionalInt v) {
      this.ownerUid = v;
      return this;
    }

    public Builder commitBlocks(final Optional<long[]> v) {
      this.commitBlocks = v;
      return this;
    }

    public Builder lastMechanismStepBlock(final long v) {
      this.lastMechanismStepBlock = v;
      return this;
    }

    public YumaInput build() {
      return new YumaInput(
          n, currentBlock, stake, blockAtRegistration, lastUpdate, validatorPermit, weights,
          bonds, params, raoEmission, ownerUid, commitBlocks, lastMechanismStepBlock);
    }
  }
}
