package dev.agora.validator.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.CommitHash;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.chain.ExtrinsicSender;
import dev.agora.validator.testing.StaticChainClient;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChainWeightSubmitterTest {
  private static final KeyPair HOTKEY = KeyPair.generate(new Random(5));

  private static ChainWeightSubmitter submitter(final StaticChainClient chain, final Hyperparameters hp) {
    return new ChainWeightSubmitter(new ExtrinsicSender(chain, HOTKEY, 1_000), HOTKEY.publicKey().address(), 1,
        () -> hp, new Random(1));
  }

  @Test
  void submit_shouldSetWeightsDirectlyWhenCommitRevealIsOff() throws Exception {
    final Hyperparameters hp = Hyperparameters.defaults(1).with(Hyperparameter.COMMIT_REVEAL_WEIGHTS_ENABLED, 0)
        .with(Hyperparameter.WEIGHTS_VERSION_KEY, 7);
    final var chain = new StaticChainClient(1, hp, List.of());
    submitter(chain, hp).submit(new int[] {1, 4}, new int[] {65535, 100}).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertEquals(List.of(new Call.SetWeights(1, new int[] {1, 4}, new int[] {65535, 100}, 7)),
        chain.submitted().stream().map(e -> e.call()).toList());
  }

  @Test
  void submit_shouldCommitThenRevealTheSameValuesWhenCommitRevealIsOn() throws Exception {
    final Hyperparameters hp = Hyperparameters.defaults(1).with(Hyperparameter.COMMIT_REVEAL_WEIGHTS_ENABLED, 1);
    final var chain = new StaticChainClient(1, hp, List.of());
    final ChainWeightSubmitter s = submitter(chain, hp);
    s.submit(new int[] {2, 3}, new int[] {65535, 30000}).toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertEquals(1, s.pendingReveals());
    final Call.CommitWeights commit = (Call.CommitWeights) chain.submitted().get(0).call();
    assertEquals(1, s.revealDue().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
    assertEquals(0, s.pendingReveals());
    final Call.RevealWeights reveal = (Call.RevealWeights) chain.submitted().get(1).call();
    assertArrayEquals(new int[] {2, 3}, reveal.uids());
    assertArrayEquals(new int[] {65535, 30000}, reveal.weights());
    assertEquals(commit.hash(), CommitHash.of(HOTKEY.publicKey().address(), 1, reveal.uids(), reveal.weights(),
        reveal.salt(), reveal.versionKey()));
    assertTrue(reveal.salt().length() >= 32);
  }
}
