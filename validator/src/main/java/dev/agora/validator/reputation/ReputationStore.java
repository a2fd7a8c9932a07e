package dev.agora.validator.reputation;

import dev.agora.validator.scoring.MinerRecord;
import dev.agora.validator.scoring.WeightSubmissionRecord;
import dev.agora.validator.weights.PendingReveal;
import java.util.List;
import java.util.Map;

/** Durable validator state. Calls are blocking (storage I/O): run them off the event loop. */
public interface ReputationStore {
  /** Every miner record by uid. */
  Map<Integer, MinerRecord> records();

  /** The last round committed, or -1 before the first. */
  long lastRound();

  /** Writes the round's records and its number in one atomic batch. */
  void commitRound(long round, Map<Integer, MinerRecord> records);

  WeightSubmissionRecord weightSubmission();

  /** Persists the record durably; called before the weights are signed. */
  void saveWeightSubmission(WeightSubmissionRecord record);

  /** Commits waiting for their reveal, oldest first (empty when none). */
  List<PendingReveal> pendingReveals();

  /** Replaces the stored pending reveals, durably. */
  void savePendingReveals(List<PendingReveal> reveals);
}
