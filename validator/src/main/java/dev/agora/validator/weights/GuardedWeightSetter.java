package dev.agora.validator.weights;

import dev.agora.validator.reputation.ReputationStore;
import dev.agora.validator.scoring.WeightSubmissionRecord;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * The decorator of STYLE.md rule 6: asks the pure {@link WeightSubmissionRecord} whether a submission
 * is allowed at this block, persists the new record, and only then lets the delegate sign and submit.
 * A crash after persisting loses one submission but can never cause two inside one interval.
 * Blocking (it writes storage): call it from a worker thread.
 */
public final class GuardedWeightSetter {
  private final ReputationStore store;
  private final WeightSubmitter delegate;

  public GuardedWeightSetter(final ReputationStore store, final WeightSubmitter delegate) {
    this.store = store;
    this.delegate = delegate;
  }

  /**
   * @param block the current chain block
   * @param minBlocksBetween max(weights interval, chain rate limit)
   * @return the submission's future, or empty when it is too soon to submit
   */
  public synchronized Optional<Future<Void>> trySubmit(
      final long block, final long minBlocksBetween, final int[] uids, final int[] weightsU16) {
    if (uids.length != weightsU16.length) {
      throw new IllegalArgumentException("uids and weights differ in length");
    }
    final Optional<WeightSubmissionRecord> next = store.weightSubmission().maySubmit(block, minBlocksBetween);
    if (next.isEmpty()) {
      return Optional.empty();
    }
    store.saveWeightSubmission(next.get());
    return Optional.of(delegate.submit(uids.clone(), weightsU16.clone()));
  }
}
