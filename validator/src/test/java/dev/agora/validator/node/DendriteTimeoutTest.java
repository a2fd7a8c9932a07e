package dev.agora.validator.node;

import static dev.agora.validator.testing.TinyNodeRuntime.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.HonestBehaviour;
import dev.agora.miner.behaviour.MinerBehaviour;
import dev.agora.miner.behaviour.TokenSink;
import dev.agora.common.protocol.InferenceRequest;
import dev.agora.storage.InMemoryKvStore;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.scoring.Verdict;
import dev.agora.validator.testing.MinerFleet;
import dev.agora.validator.testing.TinyNodeRuntime;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The first-token deadline (timeout.first.token.ms) ends a query whose first token is late. */
class DendriteTimeoutTest {
  private static final String MODEL = "demo-tiny";

  @RegisterExtension
  static final TinyNodeRuntime NODE = new TinyNodeRuntime(MODEL);

  /** Honest; once switched on, it waits before its first token. */
  private record LateStart(MinerBehaviour honest, long delayMs, AtomicBoolean late) implements MinerBehaviour {
    @Override
    public String name() {
      return "late";
    }

    @Override
    public int[] answer(final InferenceRequest request, final TokenSink sink) {
      if (late.get()) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(delayMs));
      }
      return honest.answer(request, sink);
    }
  }

  @Test
  void runRound_shouldGiveNoAnswerWhenFirstTokenLaterThanItsDeadline() throws Exception {
    final KeyPair validator = KeyPair.generate(new Random(31));
    final AtomicBoolean late = new AtomicBoolean();
    try (MinerFleet fleet = new MinerFleet(NODE.vertx(), validator, 2, MODEL, NODE.engine(),
        i -> i == 1 ? new LateStart(new HonestBehaviour(NODE.engine(), AnswerBoard.NONE, "late"), 5_000, late)
            : new HonestBehaviour(NODE.engine(), AnswerBoard.NONE, "m" + i), 9)) {
      final ValidatorNodeConfig warmCfg = ValidatorNodeConfig.defaults(MinerFleet.NETUID, MODEL).withTokens(8, 8)
          .withTiming(0, 1_000, 10_000);
      // warm-up on a node without a first-token limit: the first answers of a cold JVM are slow
      final ValidatorNode warmNode = new ValidatorNode(NODE.vertx(), warmCfg, validator, fleet.chain(),
          new KvReputationStore(new InMemoryKvStore()), NODE.engine(), Clock.SYSTEM);
      try {
        for (int i = 0; i < 2; i++) {
          final RoundReport warm = await(warmNode.runRound());
          assertEquals(Verdict.PASS, warm.outcomes().get(1).verdict(), warm.outcomes().get(1).reason());
          assertEquals(Verdict.PASS, warm.outcomes().get(2).verdict(), warm.outcomes().get(2).reason());
        }
      } finally {
        warmNode.close();
      }
      late.set(true);
      // a fresh store restarts the round numbers: a new block keeps the request ids new
      fleet.chain().setBlock(200);
      final ValidatorNode node = new ValidatorNode(NODE.vertx(), warmCfg.withFirstTokenTimeout(1_500), validator,
          fleet.chain(), new KvReputationStore(new InMemoryKvStore()), NODE.engine(), Clock.SYSTEM);
      try {
        final RoundReport r = await(node.runRound());
        assertEquals(Verdict.PASS, r.outcomes().get(1).verdict(), r.outcomes().get(1).reason());
        assertEquals(Verdict.NO_ANSWER, r.outcomes().get(2).verdict());
        assertEquals("first-token-timeout", r.outcomes().get(2).reason());
        assertEquals(0.0, r.scores().get(2));
        // the round did not wait for the late miner's answer
        assertEquals(true, r.totalMs() < 5_000, "round took " + r.totalMs() + " ms");
      } finally {
        node.close();
      }
    }
  }
}
