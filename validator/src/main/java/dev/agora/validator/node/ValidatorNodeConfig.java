package dev.agora.validator.node;

import dev.agora.inference.VerifierConfig;
import dev.agora.validator.anomaly.AnomalyConfig;
import dev.agora.validator.anomaly.AnomalyPolicy;
import dev.agora.validator.scoring.ScoringParams;

/**
 * Everything a validator node needs to run rounds.
 *
 * @param netuid the subnet
 * @param modelId the model miners must serve (e.g. a demo preset name)
 * @param promptTokens random prompt tokens after BOS
 * @param maxNewTokens N per challenge
 * @param greedyFraction share of greedy challenges
 * @param requestTimeoutMs each answer must be complete within this time
 * @param roundIntervalMs pause between the end of a round and the start of the next
 * @param weightsIntervalBlocks blocks between weight submissions (the chain's rate limit also applies)
 * @param auditFraction share of answers verified by prefill, (0, 1]
 * @param verifyThreads size of the verification worker pool
 * @param minDumpCheckMs below this end-to-end time the stream-then-dump flag is not raised
 * @param scoring scoring constants
 * @param firstTokenTimeoutMs the first token must arrive within this time (at most requestTimeoutMs)
 * @param anomaly window and SVM settings of the timing anomaly model (docs/ANOMALY.md)
 * @param anomalyMaxReduction largest share of a round score the anomaly model may take off, in [0, 0.5]
 * @param anomalyRetrainRounds rounds between retrainings of the anomaly model
 * @param verifier tolerances of the teacher-forced verification (VERIFICATION.md §2.5)
 */
public record ValidatorNodeConfig(
    int netuid,
    String modelId,
    int promptTokens,
    int maxNewTokens,
    double greedyFraction,
    long requestTimeoutMs,
    long roundIntervalMs,
    long weightsIntervalBlocks,
    double auditFraction,
    int verifyThreads,
    double minDumpCheckMs,
    ScoringParams scoring,
    long firstTokenTimeoutMs,
    AnomalyConfig anomaly,
    double anomalyMaxReduction,
    int anomalyRetrainRounds,
    VerifierConfig verifier) {
  public static final int DEFAULT_PROMPT_TOKENS = 16;
  public static final int DEFAULT_MAX_NEW_TOKENS = 32;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_ROUND_INTERVAL_MS = 2_000;
  public static final long DEFAULT_WEIGHTS_INTERVAL_BLOCKS = 10;
  public static final double DEFAULT_AUDIT_FRACTION = 1.0;
  public static final double DEFAULT_MIN_DUMP_CHECK_MS = 50;
  public static final int DEFAULT_ANOMALY_RETRAIN_ROUNDS = 10;

  public ValidatorNodeConfig {
    if (!(auditFraction > 0 && auditFraction <= 1)) {
      throw new IllegalArgumentException("audit fraction must be in (0, 1], got " + auditFraction);
    }
    if (requestTimeoutMs < 1 || roundIntervalMs < 0 || weightsIntervalBlocks < 1 || verifyThreads < 1) {
      throw new IllegalArgumentException("timeouts, intervals and thread counts must be positive");
    }
    if (firstTokenTimeoutMs < 1 || firstTokenTimeoutMs > requestTimeoutMs) {
      throw new IllegalArgumentException("first-token timeout must be in [1, " + requestTimeoutMs + "] ms, got "
          + firstTokenTimeoutMs);
    }
    if (anomaly == null || verifier == null) {
      throw new IllegalArgumentException("anomaly settings are required");
    }
    if (!(anomalyMaxReduction >= 0 && anomalyMaxReduction <= AnomalyPolicy.MAX_REDUCTION_CAP)) {
      throw new IllegalArgumentException("anomaly max reduction must be in [0, " + AnomalyPolicy.MAX_REDUCTION_CAP
          + "], got " + anomalyMaxReduction);
    }
    if (anomalyRetrainRounds < 1) {
      throw new IllegalArgumentException("anomaly retrain rounds must be >= 1, got " + anomalyRetrainRounds);
    }
  }

  /** The first twelve settings; the first-token timeout is the request timeout, the anomaly settings defaults. */
  public ValidatorNodeConfig(
      final int netuid, final String modelId, final int promptTokens, final int maxNewTokens,
      final double greedyFraction, final long requestTimeoutMs, final long roundIntervalMs,
      final long weightsIntervalBlocks, final double auditFraction, final int verifyThreads,
      final double minDumpCheckMs, final ScoringParams scoring) {
    this(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, requestTimeoutMs, roundIntervalMs,
        weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, scoring, requestTimeoutMs,
        AnomalyConfig.defaults(), AnomalyPolicy.DEFAULT_MAX_REDUCTION, DEFAULT_ANOMALY_RETRAIN_ROUNDS,
        VerifierConfig.defaults());
  }

  public static ValidatorNodeConfig defaults(final int netuid, final String modelId) {
    return new ValidatorNodeConfig(netuid, modelId, DEFAULT_PROMPT_TOKENS, DEFAULT_MAX_NEW_TOKENS, 0.2,
        DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_ROUND_INTERVAL_MS, DEFAULT_WEIGHTS_INTERVAL_BLOCKS,
        DEFAULT_AUDIT_FRACTION, 2, DEFAULT_MIN_DUMP_CHECK_MS, ScoringParams.DEFAULTS);
  }

  public ValidatorNodeConfig withTokens(final int prompt, final int answer) {
    return new ValidatorNodeConfig(netuid, modelId, prompt, answer, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, scoring,
        firstTokenTimeoutMs, anomaly, anomalyMaxReduction, anomalyRetrainRounds, verifier);
  }

  /** Round pause, weights interval and request timeout; the first-token timeout is capped at the new timeout. */
  public ValidatorNodeConfig withTiming(final long roundInterval, final long weightsInterval, final long timeout) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, timeout,
        roundInterval, weightsInterval, auditFraction, verifyThreads, minDumpCheckMs, scoring,
        Math.min(firstTokenTimeoutMs == requestTimeoutMs ? timeout : firstTokenTimeoutMs, timeout), anomaly,
        anomalyMaxReduction, anomalyRetrainRounds, verifier);
  }

  public ValidatorNodeConfig withFirstTokenTimeout(final long firstTokenMs) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, scoring, firstTokenMs,
        anomaly, anomalyMaxReduction, anomalyRetrainRounds, verifier);
  }

  public ValidatorNodeConfig withScoring(final ScoringParams s) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, s,
        firstTokenTimeoutMs, anomaly, anomalyMaxReduction, anomalyRetrainRounds, verifier);
  }

  public ValidatorNodeConfig withAudit(final double fraction) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, fraction, verifyThreads, minDumpCheckMs, scoring,
        firstTokenTimeoutMs, anomaly, anomalyMaxReduction, anomalyRetrainRounds, verifier);
  }

  public ValidatorNodeConfig withAnomaly(final AnomalyConfig settings, final double maxReduction,
      final int retrainRounds) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, scoring,
        firstTokenTimeoutMs, settings, maxReduction, retrainRounds, verifier);
  }

  public ValidatorNodeConfig withVerifier(final VerifierConfig v) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, scoring,
        firstTokenTimeoutMs, anomaly, anomalyMaxReduction, anomalyRetrainRounds, v);
  }
}
