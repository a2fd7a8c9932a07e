package dev.agora.validator.node;

import static dev.agora.validator.testing.TinyNodeRuntime.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.chain.Call;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.HonestBehaviour;
import dev.agora.miner.behaviour.RandomBehaviour;
import dev.agora.storage.RocksDbKvStore;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.scoring.MinerRecord;
import dev.agora.validator.scoring.ScoringParams;
import dev.agora.validator.scoring.Verdict;
import dev.agora.validator.testing.MinerFleet;
import dev.agora.validator.testing.TinyNodeRuntime;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ValidatorNodeTest {
  private static final String MODEL = "demo-tiny";

  @RegisterExtension
  static final TinyNodeRuntime NODE = new TinyNodeRuntime(MODEL);

  private static ValidatorNodeConfig config() {
    return ValidatorNodeConfig.defaults(MinerFleet.NETUID, MODEL).withTokens(8, 12).withTiming(0, 5, 10_000)
        .withScoring(new ScoringParams(0.5, 16, 8, 0, 0.25, 0.7, 30, 70));
  }

  @Test
  void runRound_shouldPassHonestFailRandomSetWeightsAndKeepReputationAcrossRestart(@TempDir final Path dir)
      throws Exception {
    final KeyPair validator = KeyPair.generate(new Random(7));
    try (MinerFleet fleet = new MinerFleet(NODE.vertx(), validator, 4, MODEL, NODE.engine(),
        i -> i == 3 ? new RandomBehaviour(new Random(i), NODE.engine().config().vocabSize())
            : new HonestBehaviour(NODE.engine(), AnswerBoard.NONE, "m" + i), 11)) {
      final Map<Integer, MinerRecord> before;
      try (var kv = RocksDbKvStore.open(dir)) {
        final var store = new KvReputationStore(kv);
        final ValidatorNode node = new ValidatorNode(NODE.vertx(), config(), validator, fleet.chain(), store,
            NODE.engine(), Clock.SYSTEM);
        try {
          final RoundReport r0 = await(node.runRound());
          assertEquals(0, r0.round());
          for (int uid = 1; uid <= 3; uid++) {
            assertEquals(Verdict.PASS, r0.outcomes().get(uid).verdict(), r0.outcomes().get(uid).reason());
            assertTrue(r0.scores().get(uid) > 0);
          }
          assertEquals(Verdict.FAIL, r0.outcomes().get(4).verdict());
          assertEquals(0.0, r0.scores().get(4));
          fleet.chain().setBlock(101);
          await(node.runRound());
          // weights: one submission (the interval is 5 blocks), honest uids only
          final var weights = fleet.chain().submitted().stream().map(e -> e.call())
              .filter(c -> c instanceof Call.SetWeights).map(c -> (Call.SetWeights) c).toList();
          assertEquals(1, weights.size());
          assertTrue(Arrays.equals(new int[] {1, 2, 3}, weights.get(0).uids()), Arrays.toString(weights.get(0).uids()));
          assertEquals(65535, Arrays.stream(weights.get(0).weights()).max().orElseThrow());
        } finally {
          node.close();
        }
        before = store.records();
        assertEquals(1, store.lastRound());
      }
      // "restart": a new node on the reopened database
      try (var kv = RocksDbKvStore.open(dir)) {
        final var store = new KvReputationStore(kv);
        assertEquals(before, store.records());
        final ValidatorNode node = new ValidatorNode(NODE.vertx(), config(), validator, fleet.chain(), store,
            NODE.engine(), Clock.SYSTEM);
        try {
          fleet.chain().setBlock(103);
          final RoundReport r2 = await(node.runRound());
          assertEquals(2, r2.round());
          for (int uid = 1; uid <= 3; uid++) {
            final MinerRecord after = store.records().get(uid);
            assertEquals(3, after.passes());
            // EMA continued from the stored value: 0.5·old + 0.5·score
            assertEquals(0.5 * before.get(uid).reputation() + 0.5 * r2.scores().get(uid), after.reputation(), 1e-12);
          }
          assertEquals(3, store.records().get(4).failures());
          // the guard remembers the last submission across the restart: block 103 is inside the interval
          assertEquals(1, fleet.chain().submitted().stream().filter(e -> e.call() instanceof Call.SetWeights).count());
        } finally {
          node.close();
        }
      }
    }
  }
}
