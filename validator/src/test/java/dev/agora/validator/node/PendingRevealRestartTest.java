package dev.agora.validator.node;

import static dev.agora.validator.testing.TinyNodeRuntime.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.CommitHash;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.HonestBehaviour;
import dev.agora.storage.RocksDbKvStore;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.testing.MinerFleet;
import dev.agora.validator.testing.TinyNodeRuntime;
import dev.agora.validator.weights.PendingReveal;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Commit-reveal across a validator restart: the reveal is persisted in RocksDB before the commit is sent. */
class PendingRevealRestartTest {
  private static final String MODEL = "demo-tiny";

  @RegisterExtension
  static final TinyNodeRuntime NODE = new TinyNodeRuntime(MODEL);

  @Test
  void runRound_shouldRevealStoredCommitWhenRestartedOnSameDatabase(@TempDir final Path dir) throws Exception {
    final KeyPair validator = KeyPair.generate(new Random(17));
    final ValidatorNodeConfig cfg = ValidatorNodeConfig.defaults(MinerFleet.NETUID, MODEL).withTokens(8, 8)
        .withTiming(0, 5, 10_000);
    try (MinerFleet fleet = new MinerFleet(NODE.vertx(), validator, 2, MODEL, NODE.engine(),
        i -> new HonestBehaviour(NODE.engine(), AnswerBoard.NONE, "m" + i), 3)) {
      final var chain = fleet.chain();
      chain.setHyperparameters(chain.metagraph(MinerFleet.NETUID).result().hyperparameters()
          .with(Hyperparameter.COMMIT_REVEAL_WEIGHTS_ENABLED, 1));
      final List<PendingReveal> stored;
      try (var kv = RocksDbKvStore.open(dir)) {
        final var store = new KvReputationStore(kv);
        final ValidatorNode node =
            new ValidatorNode(NODE.vertx(), cfg, validator, chain, store, NODE.engine(), Clock.SYSTEM);
        try {
          await(node.runRound());
          assertEquals(1, node.pendingReveals());
        } finally {
          node.close();
        }
        stored = store.pendingReveals();
      }
      // the process "dies" here, before revealing
      assertEquals(1, stored.size());
      final List<Call> beforeRestart = chain.submitted().stream().map(e -> e.call()).toList();
      assertEquals(1, beforeRestart.size());
      final Call.CommitWeights commit = (Call.CommitWeights) beforeRestart.get(0);

      chain.setBlock(102);
      try (var kv = RocksDbKvStore.open(dir)) {
        final var store = new KvReputationStore(kv);
        final ValidatorNode node =
            new ValidatorNode(NODE.vertx(), cfg, validator, chain, store, NODE.engine(), Clock.SYSTEM);
        try {
          await(node.runRound());
          assertEquals(0, node.pendingReveals());
        } finally {
          node.close();
        }
        assertEquals(List.of(), store.pendingReveals());
      }
      final List<Call> calls = chain.submitted().stream().map(e -> e.call()).toList();
      // block 102 is inside the 5-block weights interval: no second commit, just the reveal
      assertEquals(2, calls.size(), calls.toString());
      final Call.RevealWeights reveal = (Call.RevealWeights) calls.get(1);
      assertArrayEquals(stored.get(0).uids(), reveal.uids());
      assertArrayEquals(stored.get(0).weights(), reveal.weights());
      assertEquals(commit.hash(), CommitHash.of(validator.publicKey().address(), MinerFleet.NETUID, reveal.uids(),
          reveal.weights(), reveal.salt(), reveal.versionKey()));
    }
  }
}
