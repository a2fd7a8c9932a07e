package dev.agora.chain.yuma;

import dev.agora.common.math.I32F32;

/**
 * Everything one epoch produces (yuma/SPEC.md §3.11–3.12). Vectors of I32F32 are raw longs (value
 * = raw / 2^32); the {@code *U16} methods give what the chain stores ({@code floor(x*65535)}).
 * Arrays are fresh and owned by the caller.
 *
 * @param active per uid, not inactive (last update + cutoff >= current block)
 * @param stakeWeight normalised stake S after the stake threshold (I32F32 raw)
 * @param activeStake A: S masked by activity and old permits, renormalised (I32F32 raw)
 * @param consensus c (I32F32 raw)
 * @param incentive I (I32F32 raw)
 * @param dividends D (I32F32 raw)
 * @param validatorTrust row sums of the clipped weights (I32F32 raw)
 * @param newValidatorPermit the permits to store for the next epoch
 * @param normalizedServerEmission I / E_sum (I32F32 raw)
 * @param normalizedValidatorEmission D / E_sum, or the fallback (I32F32 raw)
 * @param normalizedCombinedEmission norm(I + D), or the fallback (I32F32 raw)
 * @param serverEmission floor(server share × raoEmission) per uid
 * @param validatorEmission floor(validator share × raoEmission) per uid
 * @param emission floor(combined share × raoEmission) per uid (the chain's {@code Emission})
 * @param bonds the bonds storage after this epoch (rows of permitted uids rewritten, rows of uids
 *     that lost their permit emptied, others unchanged)
 */
public record YumaOutput(
    boolean[] active,
    long[] stakeWeight,
    long[] activeStake,
    long[] consensus,
    long[] incentive,
    long[] dividends,
    long[] validatorTrust,
    boolean[] newValidatorPermit,
    long[] normalizedServerEmission,
    long[] normalizedValidatorEmission,
    long[] normalizedCombinedEmission,
    long[] serverEmission,
    long[] validatorEmission,
    long[] emission,
    U16Rows bonds) {

  /** Number of uids. */
  public int n() {
    return active.length;
  }

  /** Stored {@code StakeWeight}. */
  public int[] stakeWeightU16() {
    return toU16(stakeWeight);
  }

  /** Stored {@code Consensus}. */
  public int[] consensusU16() {
    return toU16(consensus);
  }

  /** Stored {@code Incentive}. */
  public int[] incentiveU16() {
    return toU16(incentive);
  }

  /** Stored {@code Dividends}. */
  public int[] dividendsU16() {
    return toU16(dividends);
  }

  /** Stored {@code ValidatorTrust}. */
  public int[] validatorTrustU16() {
    return toU16(validatorTrust);
  }

  /** {@code floor(x*65535)} of each raw, clamped to u16. */
  public static int[] toU16(final long[] raws) {
    final int[] out = new int[raws.length];
    for (int i = 0; i < raws.length; i++) {
      out[i] = I32F32.toU16Proportion(raws[i]);
    }
    return out;
  }
}
