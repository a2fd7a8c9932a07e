package dev.agora.chain.runtime;

import dev.agora.chain.state.ChainParams;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.storage.RocksDbKvStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Extrinsic ingest benchmark (not a test): signed set_weights per second through the pool and into
 * RocksDB-committed blocks. Args: [validators=64] [uids=256] [extrinsics=20000] [blockSize=2000].
 * Measures (a) submission (signature check + pool) and (b) block production (apply + one RocksDB
 * write batch, fsync'd, per block), and the end-to-end rate.
 */
public final class IngestBenchmark {
  private IngestBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int validators = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    final int uids = args.length > 1 ? Integer.parseInt(args[1]) : 256;
    final int total = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    final int blockSize = args.length > 3 ? Integer.parseInt(args[3]) : 2_000;
    final long tao = 1_000_000_000L;
    final Random rnd = new Random(5);
    final KeyPair chainKey = KeyPair.generate(rnd);
    final KeyPair cold = KeyPair.generate(rnd);
    final Map<String, Long> defaults = new HashMap<>();
    defaults.put("tempo", 3L);
    defaults.put("commit_reveal_weights_enabled", 0L);
    defaults.put("weights_rate_limit", 0L);
    defaults.put("max_allowed_uids", (long) uids);
    defaults.put("max_allowed_validators", (long) validators);
    defaults.put("min_allowed_uids", 1L);
    defaults.put("burn", 1L);
    defaults.put("min_burn", 1L);
    final GenesisSpec genesis = new GenesisSpec("bench", 0, chainKey.publicKey().address(),
        Map.of(cold.publicKey().address(), 1_000_000 * tao),
        new ChainParams(chainKey.publicKey().address(), tao, tao, 10, defaults));
    final Path dir = Files.createTempDirectory("agora-ingest");
    try (RocksDbKvStore kv = RocksDbKvStore.open(dir);
        ChainNode node = ChainNode.open(kv, chainKey, Clock.SYSTEM,
            new NodeOptions(1, blockSize, total + 10, 64), genesis)) {
      long nonce = 0;
      final List<KeyPair> hot = new ArrayList<>();
      node.submit(Extrinsics.sign(cold, node.genesisHash(), nonce++,
          new Call.CreateSubnet(KeyPair.generate(rnd).publicKey().address())));
      for (int i = 1; i < uids; i++) {
        final KeyPair h = KeyPair.generate(rnd);
        if (i <= validators) {
          hot.add(h);
        }
        node.submit(Extrinsics.sign(cold, node.genesisHash(), nonce++,
            new Call.Register(1, h.publicKey().address(), 0)));
      }
      for (final KeyPair h : hot) {
        node.submit(Extrinsics.sign(cold, node.genesisHash(), nonce++,
            new Call.AddStake(1, h.publicKey().address(), 1000 * tao)));
      }
      for (int i = 0; i < 6; i++) {
        node.produceBlock(); // registrations, stake, then an epoch assigns validator permits
      }
      final int[] targets = new int[uids];
      for (int i = 0; i < uids; i++) {
        targets[i] = i;
      }
      final List<SignedExtrinsic> signed = new ArrayList<>(total);
      final long[] nonces = new long[hot.size()];
      for (int k = 0; k < total; k++) {
        final int v = k % hot.size();
        final int[] w = new int[uids];
        for (int i = 0; i < uids; i++) {
          w[i] = rnd.nextInt(65536);
        }
        signed.add(Extrinsics.sign(hot.get(v), node.genesisHash(), nonces[v]++,
            new Call.SetWeights(1, targets, w, 0)));
      }
      final int threads = Runtime.getRuntime().availableProcessors();
      final java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(threads);
      final long t0 = System.nanoTime();
      // like concurrent HTTP clients: each thread submits one validator's extrinsics in nonce order
      final List<java.util.concurrent.Future<?>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        final int tt = t;
        fs.add(pool.submit(() -> {
          for (int k = 0; k < signed.size(); k++) {
            if ((k % hot.size()) % threads == tt) {
              node.submit(signed.get(k));
            }
          }
        }));
      }
      for (final java.util.concurrent.Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
      final long t1 = System.nanoTime();
      int included = 0;
      int ok = 0;
      int blocks = 0;
      while (node.poolSize() > 0) {
        final Block b = node.produceBlock();
        blocks++;
        included += b.receipts().size();
        ok += (int) b.receipts().stream().filter(r -> r.ok()).count();
      }
      final long t2 = System.nanoTime();
      final double submitS = (t1 - t0) / 1e9;
      final double blockS = (t2 - t1) / 1e9;
      System.out.printf("threads=%d load average=%.2f%n", threads,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      System.out.printf("validators=%d uids=%d extrinsics=%d blockSize=%d blocks=%d ok=%d%n",
          validators, uids, total, blockSize, blocks, ok);
      System.out.printf("submit (verify + pool): %.0f ext/s (%.2f s)%n", total / submitS, submitS);
      System.out.printf("blocks (apply + RocksDB commit): %.0f ext/s (%.2f s)%n", included / blockS,
          blockS);
      System.out.printf("end to end: %.0f set_weights/s%n", total / (submitS + blockS));
      if (ok != total) {
        throw new IllegalStateException("only " + ok + " of " + total + " applied");
      }
    } finally {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
