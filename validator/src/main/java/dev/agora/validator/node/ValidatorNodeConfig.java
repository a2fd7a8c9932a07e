package dev.agora.validator.node;

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
    ScoringParams scoring) {
  public static final int DEFAULT_PROMPT_TOKENS = 16;
  public static final int DEFAULT_MAX_NEW_TOKENS = 32;
  public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
  public static final long DEFAULT_ROUND_INTERVAL_MS = 2_000;
  public static final long DEFAULT_WEIGHTS_INTERVAL_BLOCKS = 10;
  public static final double DEFAULT_AUDIT_FRACTION = 1.0;
  public static final double DEFAULT_MIN_DUMP_CHECK_MS = 50;

  public ValidatorNodeConfig {
    if (!(auditFraction > 0 && auditFraction <= 1)) {
      throw new IllegalArgumentException("audit fraction must be in (0, 1], got " + auditFraction);
    }
    if (requestTimeoutMs < 1 || roundIntervalMs < 0 || weightsIntervalBlocks < 1 || verifyThreads < 1) {
      throw new IllegalArgumentException("timeouts, intervals and thread counts must be positive");
    }
  }

  public static ValidatorNodeConfig defaults(final int netuid, final String modelId) {
    return new ValidatorNodeConfig(netuid, modelId, DEFAULT_PROMPT_TOKENS, DEFAULT_MAX_NEW_TOKENS, 0.2,
        DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_ROUND_INTERVAL_MS, DEFAULT_WEIGHTS_INTERVAL_BLOCKS,
        DEFAULT_AUDIT_FRACTION, 2, DEFAULT_MIN_DUMP_CHECK_MS, ScoringParams.DEFAULTS);
  }

  public ValidatorNodeConfig withTokens(final int prompt, final int answer) {
    return new ValidatorNodeConfig(netuid, modelId, prompt, answer, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, scoring);
  }

  public ValidatorNodeConfig withTiming(final long roundInterval, final long weightsInterval, final long timeout) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, timeout,
        roundInterval, weightsInterval, auditFraction, verifyThreads, minDumpCheckMs, scoring);
  }

  public ValidatorNodeConfig withScoring(final ScoringParams s) {
    return new ValidatorNodeConfig(netuid, modelId, promptTokens, maxNewTokens, greedyFraction, requestTimeoutMs,
        roundIntervalMs, weightsIntervalBlocks, auditFraction, verifyThreads, minDumpCheckMs, s);
  }
}
