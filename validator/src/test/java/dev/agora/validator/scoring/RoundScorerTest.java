package dev.agora.validator.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundScorerTest {
  private static final ScoringParams NO_RAMP = new ScoringParams(0.5, 8, 8, 0, 0.25, 0.7, 30, 70);

  private static AnswerOutcome pass(final double ttft, final double tps) {
    return new AnswerOutcome(Verdict.PASS, ttft, tps, ttft + 100, false, "ok");
  }

  @Test
  void ranks_shouldGiveBestOneWorstOneOverNAndAverageTies() {
    assertArrayEquals(new double[] {1.0 / 3, 1.0, 2.0 / 3}, RoundScorer.ranks(new double[] {1, 9, 5}), 1e-12);
    assertArrayEquals(new double[] {0.75, 0.75, 0.25, 0.75}, RoundScorer.ranks(new double[] {2, 2, 1, 2}), 1e-12);
  }

  @Test
  void score_shouldRankFasterMinersHigherWhenAllVerified() {
    final var r = new RoundScorer(NO_RAMP).score(0, List.of(
        new ChallengedMiner(1, "a", pass(10, 100)),
        new ChallengedMiner(2, "b", pass(20, 50)),
        new ChallengedMiner(3, "c", pass(30, 10))), Map.of());
    assertEquals(1.0, r.roundScores().get(1), 1e-12);
    assertEquals(1.0 / 3, r.roundScores().get(3), 1e-12);
    assertTrue(r.roundScores().get(2) > r.roundScores().get(3));
    assertEquals(0.5, r.records().get(1).reputation(), 1e-12);
  }

  @Test
  void score_shouldCombineSpeedAndFirstTokenRanksSevenToThree() {
    // uid 1 fastest decode but slowest first token; uid 2 the reverse
    final var r = new RoundScorer(NO_RAMP).score(0, List.of(
        new ChallengedMiner(1, "a", pass(50, 100)),
        new ChallengedMiner(2, "b", pass(5, 10))), Map.of());
    assertEquals(0.7 * 1.0 + 0.3 * 0.5, r.roundScores().get(1), 1e-12);
    assertEquals(0.7 * 0.5 + 0.3 * 1.0, r.roundScores().get(2), 1e-12);
  }

  @Test
  void score_shouldZeroAndPenalizeWhenProvenFailure() {
    final var scorer = new RoundScorer(NO_RAMP);
    var r = scorer.score(3, List.of(new ChallengedMiner(1, "a", pass(10, 100)),
        new ChallengedMiner(2, "b", AnswerOutcome.fail("verification"))), Map.of());
    assertEquals(0.0, r.roundScores().get(2));
    assertEquals(0.0, r.records().get(2).reputation());
    assertEquals(11, r.records().get(2).penaltyUntilEpoch());
    assertEquals(1, r.records().get(2).failures());
    // honest answers during the penalty window still score zero
    for (long epoch = 3; epoch < 11; epoch++) {
      r = scorer.score(epoch, List.of(new ChallengedMiner(2, "b", pass(1, 1000))), r.records());
      assertEquals(0.0, r.roundScores().get(2), "epoch " + epoch);
      assertEquals(0.0, r.records().get(2).reputation());
    }
    r = scorer.score(11, List.of(new ChallengedMiner(2, "b", pass(1, 1000))), r.records());
    assertTrue(r.roundScores().get(2) > 0);
  }

  @Test
  void score_shouldResetHistoryWhenFailureAndRampAgainAfterPenalty() {
    final var scorer = new RoundScorer(ScoringParams.DEFAULTS);
    var r = scorer.score(0, List.of(new ChallengedMiner(1, "a", pass(10, 100))), Map.of());
    assertEquals(0.25, r.roundScores().get(1), 1e-12); // alone → rank 1, ramp 0.25
    r = scorer.score(20, List.of(new ChallengedMiner(1, "a", pass(10, 100))), r.records());
    assertEquals(1.0, r.roundScores().get(1), 1e-12); // ramp over
    r = scorer.score(21, List.of(new ChallengedMiner(1, "a", AnswerOutcome.fail("hash"))), r.records());
    assertTrue(r.records().get(1).samples().isEmpty());
    r = scorer.score(29, List.of(new ChallengedMiner(1, "a", pass(10, 100))), r.records());
    assertEquals(0.25, r.roundScores().get(1), 1e-12); // ramp restarted after the window
  }

  @Test
  void score_shouldStartFreshRecordWhenHotkeyAtUidChanges() {
    final var scorer = new RoundScorer(NO_RAMP);
    final var r1 = scorer.score(0, List.of(new ChallengedMiner(1, "old", pass(10, 100))), Map.of());
    final var r2 = scorer.score(1, List.of(new ChallengedMiner(1, "new", AnswerOutcome.noAnswer("timeout"))),
        r1.records());
    assertEquals("new", r2.records().get(1).hotkey());
    assertEquals(0.0, r2.records().get(1).reputation());
    assertEquals(0, r2.records().get(1).passes());
  }

  @Test
  void score_shouldDecayReputationWhenNoAnswer() {
    final var scorer = new RoundScorer(NO_RAMP);
    final var r1 = scorer.score(0, List.of(new ChallengedMiner(1, "a", pass(10, 100))), Map.of());
    final var r2 = scorer.score(0, List.of(new ChallengedMiner(1, "a", AnswerOutcome.noAnswer("timeout"))),
        r1.records());
    assertEquals(0.25, r2.records().get(1).reputation(), 1e-12);
    assertEquals(0, r2.records().get(1).penaltyUntilEpoch() > 0 ? 1 : 0);
  }

  @Test
  void score_shouldRankDumpedAnswersByTheirWholeDuration() {
    // 20 tokens all arriving at 95..100 ms: flagged, and its rate is 20 / 0.1 s, not a huge decode rate
    final long[] arrivals = new long[20];
    for (int i = 0; i < 20; i++) {
      arrivals[i] = (95 + i / 4) * 1_000_000L;
    }
    final AnswerOutcome dumped = Latency.measure(0, arrivals, 20);
    assertTrue(dumped.streamThenDump());
    assertEquals(20 / 0.099, dumped.decodeTps(), 1e-9);
    final var r = new RoundScorer(NO_RAMP).score(0, List.of(new ChallengedMiner(1, "a", dumped),
        new ChallengedMiner(2, "b", pass(10, 500))), Map.of());
    assertTrue(r.roundScores().get(2) > r.roundScores().get(1));
    assertTrue(r.roundScores().get(1) > 0);
  }

  @Test
  void score_shouldUsePercentilesOverTheWindow() {
    final var scorer = new RoundScorer(NO_RAMP);
    Map<Integer, MinerRecord> recs = new HashMap<>();
    // uid 1: mostly fast with one lucky sample; uid 2: steady. p30 resists the lucky sample
    final double[] tps1 = {10, 10, 10, 10, 1000};
    for (final double t : tps1) {
      recs = new HashMap<>(scorer.score(0, List.of(new ChallengedMiner(1, "a", pass(10, t)),
          new ChallengedMiner(2, "b", pass(10, 20))), recs).records());
    }
    final var r = scorer.score(0, List.of(new ChallengedMiner(1, "a", pass(10, 10)),
        new ChallengedMiner(2, "b", pass(10, 20))), recs);
    assertTrue(r.roundScores().get(2) > r.roundScores().get(1));
  }

  @Test
  void score_shouldRefuseWhenUidChallengedTwice() {
    assertThrows(IllegalArgumentException.class, () -> new RoundScorer(NO_RAMP).score(0, List.of(
        new ChallengedMiner(1, "a", pass(1, 1)), new ChallengedMiner(1, "a", pass(1, 1))), Map.of()));
  }

  @Test
  void window_shouldBeBounded() {
    final var scorer = new RoundScorer(NO_RAMP);
    Map<Integer, MinerRecord> recs = Map.of();
    for (int i = 0; i < 20; i++) {
      recs = scorer.score(0, List.of(new ChallengedMiner(1, "a", pass(i, i))), recs).records();
    }
    assertEquals(8, recs.get(1).samples().size());
    assertEquals(12.0, recs.get(1).samples().get(0).ttftMs());
  }

  @Test
  void score_shouldScaleOnlyTheRoundScoreWhenMultiplierGiven() {
    final List<ChallengedMiner> round = List.of(
        new ChallengedMiner(1, "a", pass(10, 100)),
        new ChallengedMiner(2, "b", pass(20, 50)),
        new ChallengedMiner(3, "c", AnswerOutcome.fail("bad-answer-hash")));
    final RoundScorer scorer = new RoundScorer(NO_RAMP);
    final var plain = scorer.score(0, round, Map.of());
    final var discounted = scorer.score(0, round, Map.of(), Map.of(1, 0.8, 3, 0.9));
    assertEquals(0.8 * plain.roundScores().get(1), discounted.roundScores().get(1), 1e-12);
    assertTrue(discounted.roundScores().get(1) > 0);
    assertEquals(plain.roundScores().get(2), discounted.roundScores().get(2), 1e-12);
    // a failure stays a failure: zero and penalised, whatever the multiplier
    assertEquals(0.0, discounted.roundScores().get(3));
    assertEquals(plain.records().get(3), discounted.records().get(3));
    assertEquals(plain.records().get(1).passes(), discounted.records().get(1).passes());
  }

  @Test
  void score_shouldRefuseMultiplierWhenBelowHalfOrAboveOne() {
    final List<ChallengedMiner> round = List.of(new ChallengedMiner(1, "a", pass(10, 100)));
    final RoundScorer scorer = new RoundScorer(NO_RAMP);
    assertThrows(IllegalArgumentException.class, () -> scorer.score(0, round, Map.of(), Map.of(1, 0.0)));
    assertThrows(IllegalArgumentException.class, () -> scorer.score(0, round, Map.of(), Map.of(1, 0.49)));
    assertThrows(IllegalArgumentException.class, () -> scorer.score(0, round, Map.of(), Map.of(1, 1.01)));
  }
}
