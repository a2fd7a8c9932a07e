package dev.agora.validator.node;

import dev.agora.validator.scoring.AnswerOutcome;
import java.util.Map;

/**
 * What one round did.
 *
 * @param round the round number
 * @param block the block the metagraph was read at
 * @param outcomes outcome by miner uid
 * @param scores round score by miner uid
 * @param fanOutMs from the first request sent to the last answer received
 * @param verifyMs time spent in verification (prefill), wall clock
 * @param totalMs the whole round
 * @param anomalous by uid, whether the timing anomaly model flagged the answer (only answers it judged)
 * @param anomalyMultipliers by uid, the timing anomaly multiplier applied to the round score (absent = 1)
 */
public record RoundReport(
    long round,
    long block,
    Map<Integer, AnswerOutcome> outcomes,
    Map<Integer, Double> scores,
    double fanOutMs,
    double verifyMs,
    double totalMs,
    Map<Integer, Boolean> anomalous,
    Map<Integer, Double> anomalyMultipliers) {}
