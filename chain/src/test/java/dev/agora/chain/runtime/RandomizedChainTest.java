package dev.agora.chain.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.chain.Block;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.Totals;
import dev.agora.common.crypto.KeyPair;
import dev.agora.storage.InMemoryKvStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded random mix of every extrinsic over 300 blocks with several epochs: the ledger balances
 * after every block, and a node reopened on the same store has the same state.
 */
class RandomizedChainTest {
  @Test
  void produceBlock_shouldKeepIssuanceEqualToBalancesPlusStakePendingBurnedAfterEveryBlock() {
    final Map<String, Long> defaults = TestChains.fastDefaults();
    defaults.put("max_allowed_uids", 8L);
    final TestChains tc = new TestChains(3, 6, defaults);
    final Random rnd = new Random(17);
    try (InMemoryKvStore kv = new InMemoryKvStore()) {
      final ChainNode node = tc.open(kv);
      final KeyPair owner = tc.coldkeys.get(0);
      node.submit(tc.sign(node, owner, new Call.CreateSubnet(KeyPair.generate(rnd).publicKey().address())));
      node.produceBlock();
      final List<KeyPair[]> neurons = new ArrayList<>();
      int refused = 0;
      int applied = 0;
      for (int b = 0; b < 300; b++) {
        final int ops = rnd.nextInt(6);
        for (int k = 0; k < ops; k++) {
          final KeyPair cold = tc.coldkeys.get(rnd.nextInt(tc.coldkeys.size()));
          final int pick = rnd.nextInt(7);
          if (pick == 0 || neurons.isEmpty()) {
            final KeyPair hot = KeyPair.generate(rnd);
            neurons.add(new KeyPair[] {cold, hot});
            node.submit(tc.sign(node, cold, new Call.Register(1, hot.publicKey().address(), 0)));
          } else {
            final KeyPair[] n = neurons.get(rnd.nextInt(neurons.size()));
            final String hk = n[1].publicKey().address();
            switch (pick) {
              case 1 -> node.submit(tc.sign(node, n[0],
                  new Call.AddStake(1, hk, 1 + rnd.nextInt(50) * TestChains.TAO)));
              case 2 -> node.submit(tc.sign(node, n[0],
                  new Call.RemoveStake(1, hk, 1 + rnd.nextInt(20) * TestChains.TAO)));
              case 3 -> node.submit(tc.sign(node, cold, new Call.Transfer(
                  tc.coldkeys.get(rnd.nextInt(tc.coldkeys.size())).publicKey().address(),
                  rnd.nextInt(5) * TestChains.TAO)));
              case 4 -> node.submit(tc.sign(node, n[1],
                  new Call.ServeAxon(1, "127.0.0.1", 1000 + rnd.nextInt(1000))));
              default -> {
                final int m = 1 + rnd.nextInt(4);
                final int[] uids = new int[m];
                final int[] w = new int[m];
                for (int i = 0; i < m; i++) {
                  uids[i] = rnd.nextInt(8);
                  w[i] = rnd.nextInt(65536);
                }
                node.submit(tc.sign(node, n[1], new Call.SetWeights(1, uids, w, 0)));
              }
            }
          }
        }
        final Block blk = node.produceBlock();
        for (final var r : blk.receipts()) {
          if (r.ok()) {
            applied++;
          } else {
            refused++;
          }
        }
        final Totals t = node.read(s -> s.totals());
        assertTrue(t.balanced(), "block " + blk.height() + ": " + t);
      }
      assertTrue(applied > 100 && refused > 10, "a real mix: " + applied + " ok, " + refused
          + " refused");
      final Metagraph before = node.read(s -> ChainViews.metagraph(s, 1, 0)).orElseThrow();
      assertTrue(before.lastEpochBlock() > 250, "epochs ran");
      assertTrue(before.neurons().stream().anyMatch(n -> n.incentive() > 0), "incentive was paid");
      final Totals totals = node.read(s -> s.totals());
      final long head = node.head().height();
      node.close();
      final ChainNode reopened = tc.open(kv);
      assertEquals(head, reopened.head().height());
      assertEquals(totals, reopened.read(s -> s.totals()));
      assertEquals(before, reopened.read(s -> ChainViews.metagraph(s, 1, 0)).orElseThrow());
      reopened.close();
    }
  }

  @Test
  void produceBlock_shouldGiveNoIncentiveToNewOccupantWhenRevealedCommitPredatesItsRegistration() {
    final Map<String, Long> defaults = new HashMap<>(TestChains.fastDefaults());
    defaults.put("commit_reveal_weights_enabled", 1L);
    defaults.put("max_allowed_uids", 3L);
    final TestChains tc = new TestChains(4, 4, defaults);
    try (InMemoryKvStore kv = new InMemoryKvStore(); ChainNode node = tc.open(kv)) {
      final KeyPair owner = tc.coldkeys.get(0);
      final KeyPair val = tc.coldkeys.get(1);
      final KeyPair valHot = KeyPair.generate(tc.rnd);
      final KeyPair minerHot = KeyPair.generate(tc.rnd);
      final KeyPair newcomerHot = KeyPair.generate(tc.rnd);
      node.submit(tc.sign(node, owner, new Call.CreateSubnet(KeyPair.generate(tc.rnd).publicKey().address())));
      node.produceBlock();
      node.submit(tc.sign(node, val, new Call.Register(1, valHot.publicKey().address(), 0)));
      node.submit(tc.sign(node, val, new Call.AddStake(1, valHot.publicKey().address(), 100 * TestChains.TAO)));
      node.submit(tc.sign(node, tc.coldkeys.get(2), new Call.Register(1, minerHot.publicKey().address(), 0)));
      node.produceBlock();
      while (!node.read(s -> s.neuron(1, 1).orElseThrow().validatorPermit())) {
        node.produceBlock();
      }
      final int[] uids = {2};
      final int[] w = {1000};
      final String hash = dev.agora.common.chain.CommitHash.of(valHot.publicKey().address(), 1,
          uids, w, "s1", 0);
      node.submit(tc.sign(node, valHot, new Call.CommitWeights(1, hash)));
      node.produceBlock();
      // uid 2 is replaced after the commit (immunity 0, lowest emission)
      final String reg = node.submit(tc.sign(node, tc.coldkeys.get(3),
          new Call.Register(1, newcomerHot.publicKey().address(), 0)));
      node.produceBlock();
      assertEquals(dev.agora.common.chain.ExtrinsicStatus.State.INCLUDED, node.status(reg).state(),
          node.status(reg).toString());
      assertEquals(2, node.read(s -> s.uidOf(1, newcomerHot.publicKey().address())).orElseThrow());
      final long epochs = node.read(s -> s.subnet(1).orElseThrow().epochIndex());
      while (node.read(s -> s.subnet(1).orElseThrow().epochIndex()) == epochs) {
        node.produceBlock();
      }
      final String reveal = node.submit(tc.sign(node, valHot, new Call.RevealWeights(1, uids, w, "s1", 0)));
      node.produceBlock();
      assertEquals(dev.agora.common.chain.ExtrinsicStatus.State.INCLUDED, node.status(reveal).state(),
          node.status(reveal).toString());
      final long e2 = node.read(s -> s.subnet(1).orElseThrow().epochIndex());
      while (node.read(s -> s.subnet(1).orElseThrow().epochIndex()) == e2) {
        node.produceBlock();
      }
      assertEquals(0, (int) node.read(s -> s.neuron(1, 2).orElseThrow().incentive()),
          "weights committed for the previous occupant do not reward the newcomer");
      assertTrue(node.read(s -> s.totals()).balanced());
    }
  }
}
