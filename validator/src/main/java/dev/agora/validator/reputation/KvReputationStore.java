package dev.agora.validator.reputation;

import dev.agora.storage.KvStore;
import dev.agora.storage.KvTransaction;
import dev.agora.validator.scoring.MinerRecord;
import dev.agora.validator.scoring.WeightSubmissionRecord;
import dev.agora.validator.weights.PendingReveal;
import dev.agora.validator.weights.PendingReveals;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link ReputationStore} on any {@link KvStore} (RocksDB in nodes, in-memory in tests). */
public final class KvReputationStore implements ReputationStore {
  private final KvStore store;

  public KvReputationStore(final KvStore store) {
    this.store = store;
  }

  @Override
  public Map<Integer, MinerRecord> records() {
    final Map<Integer, MinerRecord> out = new TreeMap<>();
    for (final var e : store.all(ValidatorSchema.MINERS)) {
      out.put(e.getKey(), e.getValue());
    }
    return out;
  }

  @Override
  public long lastRound() {
    return store.get(ValidatorSchema.ROUND, ValidatorSchema.SINGLE).orElse(-1L);
  }

  @Override
  public void commitRound(final long round, final Map<Integer, MinerRecord> records) {
    if (round <= lastRound()) {
      throw new IllegalArgumentException("round " + round + " is not after the last committed round " + lastRound());
    }
    try (KvTransaction tx = store.startTransaction()) {
      for (final var e : records.entrySet()) {
        tx.put(ValidatorSchema.MINERS, e.getKey(), e.getValue());
      }
      tx.put(ValidatorSchema.ROUND, ValidatorSchema.SINGLE, round);
      tx.commit();
    }
  }

  @Override
  public WeightSubmissionRecord weightSubmission() {
    return store.get(ValidatorSchema.WEIGHT_SUBMISSION, ValidatorSchema.SINGLE).orElse(WeightSubmissionRecord.EMPTY);
  }

  @Override
  public void saveWeightSubmission(final WeightSubmissionRecord record) {
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(ValidatorSchema.WEIGHT_SUBMISSION, ValidatorSchema.SINGLE, record);
      tx.commit();
    }
  }

  @Override
  public List<PendingReveal> pendingReveals() {
    return store.get(ValidatorSchema.PENDING_REVEALS, ValidatorSchema.SINGLE).orElse(PendingReveals.NONE).reveals();
  }

  @Override
  public void savePendingReveals(final List<PendingReveal> reveals) {
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(ValidatorSchema.PENDING_REVEALS, ValidatorSchema.SINGLE, new PendingReveals(reveals));
      tx.commit();
    }
  }
}
