package dev.agora.validator.bench;

import dev.agora.common.auth.SignedRequests;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Json;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.miner.auth.AuthConfig;
import dev.agora.miner.auth.Peer;
import dev.agora.miner.auth.RequestAuthenticator;
import dev.agora.miner.auth.SnapshotPeerDirectory;
import dev.agora.miner.behaviour.RandomBehaviour;
import dev.agora.common.protocol.InferenceRequest;
import dev.agora.miner.testing.TinyModels;
import dev.agora.storage.InMemoryKvStore;
import dev.agora.storage.RocksDbKvStore;
import dev.agora.validator.node.RoundReport;
import dev.agora.validator.node.ValidatorNode;
import dev.agora.validator.node.ValidatorNodeConfig;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.testing.MinerFleet;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * (1) One validator round against 64 and 256 in-process miners on loopback. Miners answer instantly
 * (random tokens, no inference) and the audit fraction is tiny, so the round time is what the
 * validator spends outside inference: challenge generation, request signing, fan-out, the miners'
 * authentication (same JVM, same 2 cores), stream parsing, response and answer signature checks,
 * scoring and the RocksDB batch. (2) Requests authenticated per second by one miner's pipeline.
 */
public final class NodeBenchmark {
  private NodeBenchmark() {}

  public static void main(final String[] args) throws Exception {
    final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    validatorSideBenchmark(64, rounds);
    validatorSideBenchmark(256, rounds);
    roundBenchmark(64, rounds);
    roundBenchmark(256, rounds);
    authBenchmark(20_000);
  }

  private static void roundBenchmark(final int miners, final int rounds) throws Exception {
    final Vertx vertx = Vertx.vertx();
    final InferenceEngine engine = CpuInferenceEngine.open(TinyModels.checkpoint("demo-tiny"), 1);
    final KeyPair validator = KeyPair.generate(new Random(1));
    final Path db = Files.createTempDirectory("agora-bench-rep");
    try (MinerFleet fleet = new MinerFleet(vertx, validator, miners, "demo-tiny", engine,
            i -> new RandomBehaviour(new Random(i), engine.config().vocabSize()), 5);
        var kv = RocksDbKvStore.open(db)) {
      final ValidatorNodeConfig cfg = new ValidatorNodeConfig(MinerFleet.NETUID, "demo-tiny", 16, 32, 0.2, 10_000, 0,
          1_000_000, 1e-9, 2, 50, dev.agora.validator.scoring.ScoringParams.DEFAULTS);
      final ValidatorNode node = new ValidatorNode(vertx, cfg, validator, fleet.chain(), new KvReputationStore(kv),
          engine, Clock.SYSTEM);
      final List<Double> totals = new ArrayList<>();
      final List<Double> fans = new ArrayList<>();
      for (int r = 0; r < rounds + 3; r++) {
        fleet.chain().setBlock(100 + r);
        final RoundReport rep = node.runRound().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        if (r >= 3) { // the first rounds warm the JIT and the connection pools
          totals.add(rep.totalMs());
          fans.add(rep.fanOutMs());
        }
        if (rep.outcomes().size() != miners) {
          throw new IllegalStateException("expected " + miners + " outcomes, got " + rep.outcomes().size());
        }
        final long answered = rep.outcomes().values().stream().filter(o -> o.reason().equals("ok")
            || o.reason().equals("stream-then-dump")).count();
        if (answered != miners) {
          throw new IllegalStateException("only " + answered + " of " + miners + " answered: " + rep.outcomes());
        }
      }
      node.close();
      totals.sort(null);
      fans.sort(null);
      System.out.printf(Locale.ROOT, "round vs %d miners (32 tokens each, no inference): median %.1f ms, "
          + "min %.1f ms, max %.1f ms (fan-out median %.1f ms) over %d rounds%n", miners, totals.get(totals.size() / 2),
          totals.get(0), totals.get(totals.size() - 1), fans.get(fans.size() / 2), totals.size());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      engine.close();
    }
  }

  /**
   * The validator's own work for one round without HTTP and without the miners: challenges, request
   * signing, both signature checks of every answer, timing, scoring and the RocksDB batch. One thread.
   */
  private static void validatorSideBenchmark(final int miners, final int rounds) throws Exception {
    final Random rnd = new Random(3);
    final KeyPair validator = KeyPair.generate(rnd);
    final List<KeyPair> keys = new ArrayList<>();
    final int[] uids = new int[miners];
    for (int i = 0; i < miners; i++) {
      keys.add(KeyPair.generate(rnd));
      uids[i] = i + 1;
    }
    final var gen = new dev.agora.validator.challenge.ChallengeGenerator(new byte[32],
        new dev.agora.validator.challenge.ChallengeParams(32000, 16, 32, 0.2));
    final var checker = new dev.agora.validator.node.AnswerChecker(50);
    final var scorer = new dev.agora.validator.scoring.RoundScorer(dev.agora.validator.scoring.ScoringParams.DEFAULTS);
    final Path db = Files.createTempDirectory("agora-bench-side");
    try (var kv = RocksDbKvStore.open(db)) {
      final var store = new KvReputationStore(kv);
      final List<Double> times = new ArrayList<>();
      for (int r = 0; r < rounds + 3; r++) {
        // the miners' answers, prepared outside the timed part
        final var challenges = gen.forRound(100 + r, r, uids);
        final List<dev.agora.validator.node.RawAnswer> answers = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
          answers.add(signedAnswer(keys.get(i), challenges.get(i).requestId(), rnd));
        }
        final long t0 = System.nanoTime();
        final var again = gen.forRound(100 + r, r, uids);
        final List<dev.agora.validator.scoring.ChallengedMiner> cms = new ArrayList<>();
        for (int i = 0; i < miners; i++) {
          final var c = again.get(i);
          final byte[] body = Json.MAPPER.writeValueAsBytes(new InferenceRequest(c.requestId(), "m",
              c.promptTokenIds(), 32, c.sampling().greedy(), c.sampling().temperature(), c.sampling().seed(), 10_000));
          SignedRequests.sign(validator, keys.get(i).publicKey(), "POST", "/v1/generate", 1, 1L, c.requestId(), body);
          final var pre = checker.precheck(c, answers.get(i), keys.get(i).publicKey());
          if (pre.isPresent()) {
            throw new IllegalStateException("answer refused: " + pre.get().reason());
          }
          final var a = answers.get(i);
          cms.add(new dev.agora.validator.scoring.ChallengedMiner(uids[i], keys.get(i).publicKey().address(),
              dev.agora.validator.scoring.Latency.measure(a.sentNanos(), a.arrivalNanos(), 50)));
        }
        final var result = scorer.score(1, cms, store.records());
        store.commitRound(r, result.records());
        if (r >= 3) {
          times.add((System.nanoTime() - t0) / 1e6);
        }
      }
      times.sort(null);
      System.out.printf(Locale.ROOT, "validator-side work per round for %d miners (one thread, no HTTP): median %.1f ms,"
          + " min %.1f ms%n", miners, times.get(times.size() / 2), times.get(0));
    }
  }

  private static dev.agora.validator.node.RawAnswer signedAnswer(final KeyPair miner, final String requestId,
      final Random rnd) {
    final int[] tokens = new int[32];
    final long[] arrivals = new long[32];
    for (int i = 0; i < 32; i++) {
      tokens[i] = 3 + rnd.nextInt(31_000);
      arrivals[i] = (5 + i) * 1_000_000L;
    }
    final String h = dev.agora.common.util.Hex.encode(dev.agora.common.protocol.AnswerHash.of(requestId, tokens));
    return new dev.agora.validator.node.RawAnswer(200, "", tokens, arrivals, 0, java.util.Optional.of(
        new dev.agora.common.protocol.FinalEvent(true, 32, h,
            dev.agora.common.auth.ResponseSignatures.sign(miner, requestId, 200, h))));
  }

  private static void authBenchmark(final int n) throws Exception {
    final Random rnd = new Random(9);
    final KeyPair miner = KeyPair.generate(rnd);
    final KeyPair validator = KeyPair.generate(rnd);
    final var auth = new RequestAuthenticator(new AuthConfig(1, miner.publicKey().address(), 65536, 10_000, 2_000, 0,
        true, 1e9, 1e9, n * 2), new SnapshotPeerDirectory(List.of(new Peer(0, validator.publicKey().address(), 1, true))));
    final long now = System.currentTimeMillis();
    final List<Map<String, String>> headers = new ArrayList<>(n);
    final List<byte[]> bodies = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      final String id = SignedRequests.newRequestId(rnd);
      final byte[] body = Json.MAPPER.writeValueAsBytes(new InferenceRequest(id, "demo-15m",
          new int[] {1, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, 32, false, 1f, i, 10_000));
      bodies.add(body);
      headers.add(SignedRequests.sign(validator, miner.publicKey(), "POST", "/v1/generate", 1, now, id, body));
    }
    final long t0 = System.nanoTime();
    int ok = 0;
    for (int i = 0; i < n; i++) {
      if (auth.authenticate("POST", "/v1/generate", headers.get(i), bodies.get(i), now).accepted()) {
        ok++;
      }
    }
    final double s = (System.nanoTime() - t0) / 1e9;
    if (ok != n) {
      throw new IllegalStateException("only " + ok + " of " + n + " accepted");
    }
    System.out.printf(Locale.ROOT, "miner authentication pipeline: %d requests in %.2f s = %.0f requests/s "
        + "(one thread, Ed25519 verify included)%n", n, s, n / s);
  }
}
