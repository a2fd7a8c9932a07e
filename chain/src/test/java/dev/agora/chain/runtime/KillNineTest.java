package dev.agora.chain.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.chain.state.ChainState;
import dev.agora.chain.store.ChainStore;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.Receipt;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.chain.Totals;
import dev.agora.storage.RocksDbKvStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a chain in a child JVM under load and kills it with SIGKILL at random moments, 20 times;
 * after each kill the database must hold an intact hash chain, a balanced ledger, no extrinsic twice,
 * and every extrinsic whose inclusion the child reported.
 */
class KillNineTest {
  private static final int KILLS = 20;

  @Test
  void restart_shouldKeepChainIntactWhenKilledWithSigkillRepeatedly(@TempDir final Path dir)
      throws Exception {
    final Path db = dir.resolve("chain");
    final Random rnd = new Random(2024);
    final Set<String> reported = ConcurrentHashMap.newKeySet();
    long lastHead = -1;
    int grew = 0;
    for (int round = 0; round < KILLS; round++) {
      final Process p = new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
              "-cp", System.getProperty("java.class.path"),
              CrashChainMain.class.getName(), db.toString())
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      final CountDownLatch ready = new CountDownLatch(1);
      final CountDownLatch progressed = new CountDownLatch(1);
      final Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            if (line.startsWith("READY")) {
              ready.countDown();
            } else if (line.startsWith("INCLUDED ")) {
              reported.add(line.split(" ")[1]);
              progressed.countDown();
            }
          }
        } catch (java.io.IOException e) {
          // the process died; what was read counts
        }
      });
      reader.start();
      assertTrue(ready.await(60, TimeUnit.SECONDS), "child started (round " + round + ")");
      // kill at a random moment once this run has committed at least one block with extrinsics
      assertTrue(progressed.await(60, TimeUnit.SECONDS), "child made progress (round " + round + ")");
      Thread.sleep(rnd.nextInt(150));
      p.destroyForcibly(); // SIGKILL on Linux
      p.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
      final long head = verify(db, reported);
      if (head > lastHead) {
        grew++;
      }
      lastHead = head;
    }
    assertEquals(KILLS, grew, "the chain advanced in every round");
    assertTrue(reported.size() > 100, "load was applied: " + reported.size());
  }

  /** Checks the database and returns the head height. */
  private static long verify(final Path db, final Set<String> reported) {
    try (RocksDbKvStore kv = RocksDbKvStore.open(db)) {
      final ChainStore store = new ChainStore(kv);
      final long head = store.head().orElseThrow();
      String parent = dev.agora.chain.runtime.BlockHashing.ZERO_HASH;
      final Set<String> seenHashes = new HashSet<>();
      final Set<String> seenNonces = new HashSet<>();
      for (long h = 0; h <= head; h++) {
        final Block b = store.block(h).orElseThrow(() -> new AssertionError("missing block"));
        assertEquals(h, b.height());
        assertEquals(parent, b.header().parentHash(), "parent link at " + h);
        assertTrue(BlockHashing.verify(b.header()), "header hash/signature at " + h);
        final List<Receipt> rs = b.receipts();
        assertEquals(b.extrinsics().size(), rs.size());
        assertEquals(b.header().extrinsicsRoot().length(), 64);
        if (h > 0) {
          assertEquals(BlockHashing.extrinsicsRoot(rs), b.header().extrinsicsRoot());
        }
        for (int i = 0; i < rs.size(); i++) {
          final SignedExtrinsic e = b.extrinsics().get(i);
          assertEquals(e.hash(), rs.get(i).hash());
          assertTrue(seenHashes.add(e.hash()), "extrinsic applied twice: " + e.hash());
          assertTrue(seenNonces.add(e.signer() + "/" + e.nonce()), "nonce used twice");
        }
        parent = b.header().hash();
      }
      assertEquals(Set.of(), missing(reported, store), "reported inclusions missing after restart");
      final ChainState state = new ChainState();
      store.loadInto(state);
      final Totals t = state.totals();
      assertTrue(t.balanced(), "ledger unbalanced after restart: " + t);
      return head;
    }
  }

  private static Set<String> missing(final Set<String> reported, final ChainStore store) {
    final Set<String> out = new HashSet<>();
    for (final String h : reported) {
      final java.util.Optional<Receipt> r = store.receipt(h);
      if (r.isEmpty() || store.block(r.get().block()).isEmpty()) {
        out.add(h);
      }
    }
    return out;
  }

  static {
    try {
      Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
