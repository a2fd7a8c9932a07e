package dev.agora.chain.runtime;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.Receipt;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.storage.RocksDbKvStore;
import java.nio.file.Path;

/**
 * Child-JVM entry of {@link KillNineTest}: runs a chain on RocksDB at args[0] with a 3 ms block time
 * under a steady load of transfers, printing {@code INCLUDED <hash> <height>} for each receipt after
 * its block has been committed. Runs until killed.
 */
public final class CrashChainMain {
  private CrashChainMain() {}

  public static void main(final String[] args) throws Exception {
    final TestChains tc = new TestChains(99, 4, TestChains.fastDefaults());
    final RocksDbKvStore kv = RocksDbKvStore.open(Path.of(args[0]));
    final ChainNode node = ChainNode.open(kv, tc.chainKey, Clock.SYSTEM,
        new NodeOptions(3, 20_000, 100_000, 64), tc.genesis);
    node.onBlock(b -> {
      final StringBuilder sb = new StringBuilder();
      for (final Receipt r : b.receipts()) {
        sb.append("INCLUDED ").append(r.hash()).append(' ').append(b.height()).append('\n');
      }
      if (sb.length() > 0) {
        System.out.print(sb);
        System.out.flush();
      }
    });
    node.start();
    System.out.println("READY " + node.head().height());
    System.out.flush();
    int i = 0;
    while (true) {
      final KeyPair from = tc.coldkeys.get(i % tc.coldkeys.size());
      final String to = tc.coldkeys.get((i + 1) % tc.coldkeys.size()).publicKey().address();
      final long nonce = node.nextNonce(from.publicKey().address());
      try {
        node.submit(Extrinsics.sign(from, node.genesisHash(), nonce, new Call.Transfer(to, 1 + i % 7)));
      } catch (ChainException e) {
        Thread.sleep(1);
      }
      i++;
      if (i % 20 == 0) {
        Thread.sleep(1);
      }
    }
  }
}
