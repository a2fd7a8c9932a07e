package dev.agora.chain.emission;

import dev.agora.chain.yuma.YumaOutput;
import java.math.BigInteger;
import java.util.OptionalInt;

/**
 * Turns an epoch's output into stake credits (SPEC §5 "when the epoch fires", without root or
 * child keys): miners receive their {@code serverEmission}; the rest of the epoch's pools goes to
 * validators pro rata their {@code validatorEmission} (so if no miner earned incentive, validators
 * receive everything); the owner's own incentive is burned.
 */
public final class EpochDistribution {
  private EpochDistribution() {}

  /**
   * Computes the payout.
   *
   * @param pools the pools drained by this epoch; the epoch must have run with {@code raoEmission
   *     = pools.epochEmission()}
   * @param out the epoch's output
   * @param ownerUid the owner hotkey's uid, if registered
   */
  public static EpochPayout distribute(
      final PendingPools pools, final YumaOutput out, final OptionalInt ownerUid) {
    final int n = out.n();
    final long total = pools.epochEmission();
    final long[] server = out.serverEmission();
    long serverSum = 0;
    for (final long s : server) {
      serverSum = Math.addExact(serverSum, s);
    }
    if (serverSum > total) {
      throw new IllegalArgumentException(
          "epoch output pays " + serverSum + " rao of incentive but the pools hold " + total
              + "; run the epoch with raoEmission = pools.epochEmission()");
    }
    final long[] incentive = new long[n];
    long burned = 0;
    for (int i = 0; i < n; i++) {
      if (ownerUid.isPresent() && ownerUid.getAsInt() == i) {
        burned += server[i];
      } else {
        incentive[i] = server[i];
      }
    }
    final long validatorPool = total - serverSum;
    final long[] weights = out.validatorEmission();
    long weightSum = 0;
    for (final long w : weights) {
      weightSum = Math.addExact(weightSum, w);
    }
    final long[] dividends = new long[n];
    long paid = 0;
    if (weightSum > 0) {
      final BigInteger pool = BigInteger.valueOf(validatorPool);
      final BigInteger sum = BigInteger.valueOf(weightSum);
      for (int i = 0; i < n; i++) {
        if (weights[i] > 0) {
          dividends[i] = pool.multiply(BigInteger.valueOf(weights[i])).divide(sum).longValueExact();
          paid += dividends[i];
        }
      }
    }
    final long undistributed = validatorPool - paid;
    return new EpochPayout(incentive, dividends, pools.ownerCut(), burned, undistributed);
  }
}
