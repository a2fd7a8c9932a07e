package dev.agora.validator.scoring;

import java.util.Optional;

/**
 * The safety record of weight submissions (STYLE.md rule 6): the block of the last signed submission.
 * A new submission is allowed only when enough blocks have passed, so that a validator never signs
 * faster than its weights interval or the chain's rate limit, restarts included (the record is
 * persisted before signing).
 *
 * @param lastBlock block of the last signed submission, or {@link #NEVER}
 */
public record WeightSubmissionRecord(long lastBlock) {
  public static final long NEVER = -1;
  public static final WeightSubmissionRecord EMPTY = new WeightSubmissionRecord(NEVER);

  public WeightSubmissionRecord {
    if (lastBlock < NEVER) {
      throw new IllegalArgumentException("lastBlock must be >= -1, got " + lastBlock);
    }
  }

  /**
   * The record to persist before signing at {@code block}, or empty when a submission now would be
   * too soon (or the block went backwards).
   *
   * @param minBlocksBetween max(weights interval, chain rate limit), >= 1
   */
  public Optional<WeightSubmissionRecord> maySubmit(final long block, final long minBlocksBetween) {
    if (minBlocksBetween < 1) {
      throw new IllegalArgumentException("minBlocksBetween must be >= 1, got " + minBlocksBetween);
    }
    if (block < 0) {
      return Optional.empty();
    }
    if (lastBlock == NEVER || block - lastBlock >= minBlocksBetween) {
      return Optional.of(new WeightSubmissionRecord(block));
    }
    return Optional.empty();
  }
}
