package dev.agora.validator.reputation;

import dev.agora.storage.KvColumn;
import dev.agora.storage.KvSerializers;
import dev.agora.validator.scoring.MinerRecord;
import dev.agora.validator.scoring.WeightSubmissionRecord;
import dev.agora.validator.weights.PendingReveals;

/** The validator's columns. Ids are never reused; retired ids keep a comment here. */
public final class ValidatorSchema {
  /** Miner records by uid (big-endian, so they iterate in uid order). */
  public static final KvColumn<Integer, MinerRecord> MINERS =
      KvColumn.create(1, "miners", KvSerializers.INT_BE, KvSerializers.json(MinerRecord.class));

  /** Single-row column: the weight submission safety record. */
  public static final KvColumn<String, WeightSubmissionRecord> WEIGHT_SUBMISSION =
      KvColumn.create(2, "weight_submission", KvSerializers.STRING, KvSerializers.json(WeightSubmissionRecord.class));

  /** Single-row column: the last round folded in, so a restart never reuses a round number. */
  public static final KvColumn<String, Long> ROUND = KvColumn.create(3, "round", KvSerializers.STRING, KvSerializers.LONG_BE);

  /** Single-row column: commits waiting for their reveal (commit-reveal subnets). */
  public static final KvColumn<String, PendingReveals> PENDING_REVEALS =
      KvColumn.create(4, "pending_reveals", KvSerializers.STRING, KvSerializers.json(PendingReveals.class));

  static final String SINGLE = "current";

  private ValidatorSchema() {}
}
