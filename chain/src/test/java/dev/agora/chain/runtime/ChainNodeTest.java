package dev.agora.chain.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.chain.Block;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.Totals;
import dev.agora.common.crypto.KeyPair;
import dev.agora.storage.InMemoryKvStore;
import org.junit.jupiter.api.Test;

class ChainNodeTest {
  private static void assertBalanced(final ChainNode node) {
    final Totals t = node.read(s -> s.totals());
    assertTrue(t.balanced(), "issuance != free + staked + pending + burned: " + t);
  }

  @Test
  void produceBlock_shouldPayEmissionAsStakeAndKeepTheInvariantWhenAValidatorSetsWeights() {
    final TestChains tc = new TestChains(1, 4, TestChains.fastDefaults());
    try (InMemoryKvStore kv = new InMemoryKvStore(); ChainNode node = tc.open(kv)) {
      final KeyPair owner = tc.coldkeys.get(0);
      final KeyPair ownerHot = KeyPair.generate(tc.rnd);
      final KeyPair valCold = tc.coldkeys.get(1);
      final KeyPair valHot = KeyPair.generate(tc.rnd);
      final KeyPair minerCold = tc.coldkeys.get(2);
      final KeyPair minerHot = KeyPair.generate(tc.rnd);
      node.submit(tc.sign(node, owner, new Call.CreateSubnet(ownerHot.publicKey().address())));
      assertBalanced(node);
      node.produceBlock();
      assertBalanced(node);
      node.submit(tc.sign(node, valCold, new Call.Register(1, valHot.publicKey().address(), 0)));
      node.submit(tc.sign(node, minerCold, new Call.Register(1, minerHot.publicKey().address(), 0)));
      node.submit(tc.sign(node, valCold, new Call.AddStake(1, valHot.publicKey().address(), 100 * TestChains.TAO)));
      final Block b2 = node.produceBlock();
      assertEquals(3, b2.receipts().size());
      assertTrue(b2.receipts().stream().allMatch(r -> r.ok()), b2.receipts().toString());
      assertBalanced(node);
      // the validator has no permit yet: let one epoch run so permits are assigned
      for (int i = 0; i < 10; i++) {
        node.produceBlock();
        assertBalanced(node);
      }
      final String h = node.submit(tc.sign(node, valHot,
          new Call.SetWeights(1, new int[] {2}, new int[] {100}, 0)));
      node.produceBlock();
      assertEquals(ExtrinsicStatus.State.INCLUDED, node.status(h).state(), node.status(h).toString());
      for (int i = 0; i < 12; i++) {
        node.produceBlock();
        assertBalanced(node);
      }
      final long minerStake = node.read(s -> s.hotkeyStake(1, minerHot.publicKey().address()));
      final long valStake = node.read(s -> s.hotkeyStake(1, valHot.publicKey().address()));
      assertTrue(minerStake > 0, "miner earned incentive");
      assertTrue(valStake > 100 * TestChains.TAO, "validator earned dividends");
    }
  }
}
