package dev.agora.validator.scoring;

import java.util.Map;

/**
 * The state after folding one round in.
 *
 * @param records the new record of every challenged uid (written in one batch)
 * @param roundScores the round score of every challenged uid, in [0, 1]
 */
public record RoundResult(Map<Integer, MinerRecord> records, Map<Integer, Double> roundScores) {
  public RoundResult {
    records = Map.copyOf(records);
    roundScores = Map.copyOf(roundScores);
  }
}
