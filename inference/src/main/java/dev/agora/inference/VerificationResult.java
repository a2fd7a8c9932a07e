package dev.agora.inference;

import java.util.List;
import java.util.OptionalInt;

/**
 * The verdict on one answer.
 *
 * @param passed true iff the answer is accepted
 * @param reason a one-line reason ("ok", or why it failed)
 * @param firstFailure the first violating position, if any
 * @param violations number of violating positions
 * @param positions per-position results (empty when the answer was rejected before the prefill)
 */
public record VerificationResult(
    boolean passed,
    String reason,
    OptionalInt firstFailure,
    int violations,
    List<PositionResult> positions) {

  public VerificationResult {
    positions = List.copyOf(positions);
  }

  static VerificationResult rejected(final String reason) {
    return new VerificationResult(false, reason, OptionalInt.empty(), 0, List.of());
  }

  /** The largest margin over all positions (0 when none). */
  public float maxMargin() {
    float m = 0f;
    for (final PositionResult p : positions) {
      m = Math.max(m, p.margin());
    }
    return m;
  }

  /** Positions flagged as near-ties, for logging and recalibration. */
  public List<PositionResult> nearTies() {
    return positions.stream().filter(PositionResult::nearTie).toList();
  }
}
