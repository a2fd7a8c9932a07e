package dev.agora.validator.scoring;

import java.util.List;
import java.util.Objects;

/**
 * What a validator remembers about the miner at one uid. A new hotkey at the uid starts a fresh record.
 *
 * @param hotkey the miner's hotkey address
 * @param reputation EMA of round scores, in [0, 1]
 * @param firstSeenEpoch epoch the record (or its ramp, after a penalty) started
 * @param penaltyUntilEpoch the miner scores zero while {@code epoch < penaltyUntilEpoch}
 * @param samples the most recent verified answers, oldest first, bounded
 * @param passes verified answers so far
 * @param failures proven failures so far
 */
public record MinerRecord(
    String hotkey,
    double reputation,
    long firstSeenEpoch,
    long penaltyUntilEpoch,
    List<Sample> samples,
    long passes,
    long failures) {

  public MinerRecord {
    Objects.requireNonNull(hotkey, "hotkey");
    samples = List.copyOf(samples);
    if (!(reputation >= 0 && reputation <= 1)) {
      throw new IllegalArgumentException("reputation must be in [0, 1], got " + reputation);
    }
  }

  public static MinerRecord fresh(final String hotkey, final long epoch) {
    return new MinerRecord(hotkey, 0.0, epoch, Long.MIN_VALUE, List.of(), 0, 0);
  }

  public boolean penalized(final long epoch) {
    return epoch < penaltyUntilEpoch;
  }
}
