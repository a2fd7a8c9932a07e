package dev.agora.validator.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.auth.ResponseSignatures;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.util.Hex;
import dev.agora.inference.Generator;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.Sampling;
import dev.agora.inference.Verifier;
import dev.agora.inference.VerifierConfig;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.common.protocol.AnswerHash;
import dev.agora.common.protocol.FinalEvent;
import dev.agora.miner.testing.TinyModels;
import dev.agora.validator.challenge.Challenge;
import dev.agora.validator.challenge.ChallengeGenerator;
import dev.agora.validator.challenge.ChallengeParams;
import dev.agora.validator.scoring.AnswerOutcome;
import dev.agora.validator.scoring.ChallengedMiner;
import dev.agora.validator.scoring.RoundScorer;
import dev.agora.validator.scoring.ScoringParams;
import dev.agora.validator.scoring.Verdict;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AnswerCheckerTest {
  private static final KeyPair MINER = KeyPair.generate(new Random(3));
  private static final KeyPair OTHER = KeyPair.generate(new Random(4));
  private static InferenceEngine engine;
  private static Verifier verifier;
  private static Challenge challenge;
  private static int[] honest;

  @BeforeAll
  static void setUp() {
    engine = CpuInferenceEngine.open(TinyModels.checkpoint("demo-tiny"), 1);
    verifier = new Verifier(engine, VerifierConfig.defaults());
    challenge = new ChallengeGenerator("a-validator-secret-of-some-length".getBytes(),
        new ChallengeParams(engine.config().vocabSize(), 6, 10, 0.0)).forMiner(5, 1, 9);
    honest = Generator.generate(engine, challenge.promptTokenIds(), 10,
        Sampling.seeded(challenge.sampling().temperature(), challenge.sampling().seed()), true, null);
  }

  @AfterAll
  static void tearDown() {
    engine.close();
  }

  /** A raw answer as the dendrite would assemble it, signed by {@code signer}. */
  private static RawAnswer answer(final int[] tokens, final KeyPair signer, final int claimedN) {
    final long[] arrivals = new long[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      arrivals[i] = (10 + i) * 1_000_000L;
    }
    final String h = Hex.encode(AnswerHash.of(challenge.requestId(), tokens));
    final FinalEvent fin = new FinalEvent(true, claimedN, h, ResponseSignatures.sign(signer, challenge.requestId(), 200, h));
    return new RawAnswer(200, "", tokens, arrivals, 0, Optional.of(fin));
  }

  private static AnswerOutcome check(final RawAnswer a) {
    return new AnswerChecker(50).check(challenge, a, MINER.publicKey(), verifier, true);
  }

  @Test
  void check_shouldPassWhenHonestAndSigned() {
    final AnswerOutcome o = check(answer(honest, MINER, 10));
    assertEquals(Verdict.PASS, o.verdict(), o.reason());
    assertEquals(10.0, o.ttftMs(), 1e-9);
  }

  @Test
  void check_shouldFailAndScoreZeroWhenResponseSignatureIsBad() {
    final AnswerOutcome o = check(answer(honest, OTHER, 10));
    assertEquals(Verdict.FAIL, o.verdict());
    assertEquals("bad-response-signature", o.reason());
    final var r = new RoundScorer(ScoringParams.DEFAULTS).score(0, List.of(
        new ChallengedMiner(1, "a", o), new ChallengedMiner(2, "b", check(answer(honest, MINER, 10)))), Map.of());
    assertEquals(0.0, r.roundScores().get(1));
    assertTrue(r.roundScores().get(2) > 0);
  }

  @Test
  void check_shouldFailWhenTokenCountIsWrong() {
    assertEquals("wrong-length", check(answer(Arrays.copyOf(honest, 9), MINER, 9)).reason());
    assertEquals("wrong-length", check(answer(Arrays.copyOf(honest, 11), MINER, 11)).reason());
    assertEquals("wrong-length", check(answer(honest, MINER, 11)).reason());
  }

  @Test
  void check_shouldFailWhenSignedHashDoesNotMatchTokens() {
    // a correctly signed final line for other tokens than the ones streamed (a mangled stream)
    final int[] other = honest.clone();
    other[0] = other[0] == 3 ? 4 : 3;
    final RawAnswer signedForOther = answer(other, MINER, 10);
    final AnswerOutcome o = check(new RawAnswer(200, "", honest, signedForOther.arrivalNanos(), 0,
        signedForOther.finalEvent()));
    assertEquals(Verdict.FAIL, o.verdict());
    assertEquals("bad-answer-hash", o.reason());
  }

  @Test
  void check_shouldFailVerificationWhenTokensAreNotTheModels() {
    final int[] forged = honest.clone();
    forged[4] = forged[4] + 1 >= engine.config().vocabSize() ? 3 : forged[4] + 1;
    final AnswerOutcome o = check(answer(forged, MINER, 10));
    assertEquals(Verdict.FAIL, o.verdict());
    assertTrue(o.reason().startsWith("verification"), o.reason());
  }

  @Test
  void check_shouldReportNoAnswerWhenRefusedOrIncomplete() {
    assertEquals(Verdict.NO_ANSWER, check(RawAnswer.failed(429, "queue-full", 0)).verdict());
    assertEquals(Verdict.NO_ANSWER, check(new RawAnswer(200, "deadline-exceeded", honest, new long[10], 0,
        Optional.empty())).verdict());
  }
}
