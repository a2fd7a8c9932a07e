package dev.agora.cli.node;

import dev.agora.chain.rpc.ChainRpcServer;
import dev.agora.chain.runtime.ChainNode;
import dev.agora.chain.runtime.GenesisSpec;
import dev.agora.chain.runtime.InProcessChainClient;
import dev.agora.chain.runtime.NodeOptions;
import dev.agora.chain.state.ChainParams;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.NeuronInfo;
import dev.agora.common.chain.SubnetInfo;
import dev.agora.common.chain.Totals;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.config.AdversarySpec;
import dev.agora.config.DevnetConfig;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.miner.axon.AxonConfig;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.Behaviours;
import dev.agora.common.chain.ExtrinsicSender;
import dev.agora.miner.node.MinerNode;
import dev.agora.miner.node.MinerNodeConfig;
import dev.agora.storage.KvStore;
import dev.agora.storage.RocksDbKvStore;
import dev.agora.validator.node.ValidatorNode;
import dev.agora.validator.node.ValidatorNodeConfig;
import dev.agora.validator.reputation.KvReputationStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole market in one JVM: a chain on RocksDB, an owner with a subnet, validators with stake and
 * miners (some adversarial) on loopback ports. Runs until the validators have held permits for the
 * asked number of epochs, then reads the metagraph.
 */
public final class Devnet {
  private static final long TOKEN = 1_000_000_000L;
  private static final long VALIDATOR_STAKE = 1_000 * TOKEN;

  private final DevnetConfig settings;
  private final boolean verbose;
  private final Consumer<String> log;

  /**
   * @param settings the devnet's options
   * @param verbose log every validator round
   * @param log progress lines
   */
  public Devnet(final DevnetConfig settings, final boolean verbose, final Consumer<String> log) {
    this.settings = settings;
    this.verbose = verbose;
    this.log = log;
  }

  /** Runs the devnet; blocking (call from a plain thread, never an event loop). */
  public DevnetReport run() throws Exception {
    final long t0 = System.nanoTime();
    final Path modelFile = ModelResolver.resolve(settings.model(), settings.dataDir().resolve("models"));
    final Path runDir = settings.dataDir().resolve("run");
    deleteTree(runDir);
    Files.createDirectories(runDir);
    final Random rnd = new Random(settings.seed());
    final KeyPair chainKey = KeyPair.generate(rnd);
    final KeyPair ownerCold = KeyPair.generate(rnd);
    final KeyPair ownerHot = KeyPair.generate(rnd);
    final List<KeyPair[]> validatorKeys = new ArrayList<>();
    for (int i = 0; i < settings.validators(); i++) {
      validatorKeys.add(new KeyPair[] {KeyPair.generate(rnd), KeyPair.generate(rnd)});
    }
    final List<String> behaviours = new ArrayList<>();
    for (int i = 0; i < settings.miners(); i++) {
      behaviours.add("honest");
    }
    for (final AdversarySpec a : settings.adversaries()) {
      for (int i = 0; i < a.count(); i++) {
        behaviours.add(a.kind());
      }
    }
    final List<KeyPair[]> minerKeys = new ArrayList<>();
    for (int i = 0; i < behaviours.size(); i++) {
      minerKeys.add(new KeyPair[] {KeyPair.generate(rnd), KeyPair.generate(rnd)});
    }

    final Map<String, Long> balances = new HashMap<>();
    balances.put(ownerCold.publicKey().address(), 10_000 * TOKEN);
    validatorKeys.forEach(k -> balances.put(k[0].publicKey().address(), 2 * VALIDATOR_STAKE));
    minerKeys.forEach(k -> balances.put(k[0].publicKey().address(), 10 * TOKEN));
    final Map<String, Long> subnet = new HashMap<>();
    subnet.put(Hyperparameter.TEMPO.key(), (long) settings.tempo());
    subnet.put(Hyperparameter.WEIGHTS_RATE_LIMIT.key(), 1L);
    subnet.put(Hyperparameter.COMMIT_REVEAL_WEIGHTS_ENABLED.key(), settings.commitReveal() ? 1L : 0L);
    subnet.put(Hyperparameter.MAX_ALLOWED_VALIDATORS.key(), (long) settings.validators());
    subnet.put(Hyperparameter.BURN.key(), TOKEN);
    subnet.put(Hyperparameter.MIN_ALLOWED_WEIGHTS.key(), 1L);
    final ChainParams params = new ChainParams(ownerCold.publicKey().address(), 100 * TOKEN, TOKEN, 10, subnet);
    final GenesisSpec genesis = new GenesisSpec("agora-devnet", 1_700_000_000_000L, chainKey.publicKey().address(),
        balances, params);

    final Vertx vertx = Vertx.vertx();
    final List<KvStore> stores = new ArrayList<>();
    final List<MinerNode> miners = new ArrayList<>();
    final List<ValidatorNode> validators = new ArrayList<>();
    final KvStore chainKv = RocksDbKvStore.open(runDir.resolve("chain"));
    stores.add(chainKv);
    final ChainNode chainNode = ChainNode.open(chainKv, chainKey, Clock.SYSTEM,
        NodeOptions.defaults(settings.blockTimeMs()), genesis);
    final InferenceEngine engine = CpuInferenceEngine.open(modelFile, 1);
    try {
      chainNode.start();
      if (settings.dashboardPort() >= 0) {
        final ChainRpcServer rpc = new ChainRpcServer(chainNode, "127.0.0.1", settings.dashboardPort());
        await(vertx.deployVerticle(rpc));
        log.accept("dashboard and chain API at http://127.0.0.1:" + rpc.actualPort() + "/");
      }
      final ChainClient chain = new InProcessChainClient(vertx, chainNode);
      log.accept("chain started (block time " + settings.blockTimeMs() + " ms, tempo " + settings.tempo() + ")");
      await(new ExtrinsicSender(chain, ownerCold, 30_000).send(new Call.CreateSubnet(ownerHot.publicKey().address())));
      final int netuid = await(chain.subnets()).stream()
          .filter(s -> s.ownerHotkey().equals(ownerHot.publicKey().address()))
          .mapToInt(SubnetInfo::netuid).findFirst().orElseThrow();
      log.accept("subnet " + netuid + " created by " + ownerCold.publicKey().address());
      final List<Future<?>> setup = new ArrayList<>();
      for (final KeyPair[] k : validatorKeys) {
        final ExtrinsicSender cold = new ExtrinsicSender(chain, k[0], 30_000);
        final String hot = k[1].publicKey().address();
        setup.add(cold.send(new Call.Register(netuid, hot, 0))
            .compose(st -> cold.send(new Call.AddStake(netuid, hot, VALIDATOR_STAKE))));
      }
      await(Future.all(setup));
      final AnswerBoard board = new AnswerBoard();
      final List<Future<Integer>> started = new ArrayList<>();
      for (int i = 0; i < behaviours.size(); i++) {
        final KeyPair[] k = minerKeys.get(i);
        final String id = k[1].publicKey().address();
        final MinerNode m = new MinerNode(vertx,
            new MinerNodeConfig(netuid, new AxonConfig("127.0.0.1", 0, settings.validators(), 8, 2_000, 5_000, 256, settings.model()),
                "127.0.0.1", TOKEN, Math.max(200, settings.blockTimeMs() * 2), true, 0),
            k[1], Optional.of(k[0]), chain, Behaviours.create(behaviours.get(i), engine, board, id, settings.seed() + i),
            engine.config(), Clock.SYSTEM);
        miners.add(m);
        started.add(m.start());
      }
      await(Future.all(new ArrayList<>(started)));
      log.accept(validatorKeys.size() + " validators staked, " + miners.size() + " miners serving " + settings.model());
      // validator permits are handed out by the first epoch
      final long firstEpoch = waitEpochs(chain, netuid, await(chain.metagraph(netuid)).lastEpochBlock(), 1);
      for (final MinerNode m : miners) {
        await(m.refresh());
      }
      for (int i = 0; i < validatorKeys.size(); i++) {
        final KvStore kv = RocksDbKvStore.open(runDir.resolve("validator-" + i));
        stores.add(kv);
        final ValidatorNodeConfig vc = ValidatorNodeConfig.defaults(netuid, settings.model())
            .withTokens(settings.promptTokens(), settings.tokens())
            .withTiming(settings.roundIntervalMs(), Math.max(1, settings.tempo() / 4), 20_000);
        final ValidatorNode v = new ValidatorNode(vertx, vc, validatorKeys.get(i)[1], chain, new KvReputationStore(kv),
            engine, Clock.SYSTEM);
        validators.add(v);
        final int vi = i;
        if (verbose) {
          v.onRound(r -> log.accept("validator " + vi + " round " + r.round() + " block " + r.block() + " total "
              + Math.round(r.totalMs()) + " ms: " + r.outcomes().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue().verdict() + "/" + e.getValue().reason() + "/"
                  + String.format(java.util.Locale.ROOT, "%.2f(ttft %.1fms, %.0f tok/s)", r.scores().get(e.getKey()),
                  e.getValue().ttftMs(), e.getValue().decodeTps()))
              .toList()));
        }
        v.start();
      }
      log.accept("validators running from block " + firstEpoch + "; waiting " + settings.epochs() + " epochs");
      long lastEpoch = waitEpochs(chain, netuid, firstEpoch, settings.epochs() - 1);
      // the last epoch must come after every validator has set weights at least once
      final long waitLimit = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (validators.stream().anyMatch(v -> v.weightSubmissions() == 0) && System.nanoTime() < waitLimit) {
        Thread.sleep(20);
      }
      // an epoch at the very block that included the weights may have run before them: wait for a later one
      final long weightsSeenAt = await(chain.metagraph(netuid)).block();
      while (lastEpoch <= weightsSeenAt) {
        lastEpoch = waitEpochs(chain, netuid, lastEpoch, 1);
      }
      for (final ValidatorNode v : validators) {
        await(v.stop());
      }
      chainNode.stop();
      final Metagraph mg = await(chain.metagraph(netuid));
      final Totals totals = await(chain.totals());
      if (settings.dashboardPort() >= 0 && settings.dashboardLingerSeconds() > 0) {
        log.accept("run finished at block " + mg.block() + "; the dashboard stays up for "
            + settings.dashboardLingerSeconds() + " s");
        Thread.sleep(TimeUnit.SECONDS.toMillis(settings.dashboardLingerSeconds()));
      }
      return report(netuid, mg, totals, ownerHot, validatorKeys, minerKeys, behaviours, validators, settings.epochs(),
          (System.nanoTime() - t0) / 1_000_000);
    } finally {
      for (final ValidatorNode v : validators) {
        v.close();
      }
      for (final MinerNode m : miners) {
        m.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      }
      chainNode.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      engine.close();
      stores.forEach(KvStore::close);
    }
  }

  private long waitEpochs(final ChainClient chain, final int netuid, final long from, final int epochs)
      throws Exception {
    long last = from;
    int seen = 0;
    final long limit = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (seen < epochs) {
      if (System.nanoTime() > limit) {
        throw new IllegalStateException("epochs did not advance within 10 minutes");
      }
      Thread.sleep(Math.max(5, settings.blockTimeMs() / 2));
      final long now = await(chain.metagraph(netuid)).lastEpochBlock();
      if (now != last) {
        last = now;
        seen++;
        log.accept("epoch at block " + now);
      }
    }
    return last;
  }

  private static DevnetReport report(
      final int netuid, final Metagraph mg, final Totals totals, final KeyPair ownerHot,
      final List<KeyPair[]> validatorKeys, final List<KeyPair[]> minerKeys, final List<String> behaviours,
      final List<ValidatorNode> validators, final int epochs, final long elapsedMs) {
    final Map<String, String> roleOf = new HashMap<>();
    final Map<String, String> behaviourOf = new HashMap<>();
    roleOf.put(ownerHot.publicKey().address(), "owner");
    validatorKeys.forEach(k -> roleOf.put(k[1].publicKey().address(), "validator"));
    for (int i = 0; i < minerKeys.size(); i++) {
      roleOf.put(minerKeys.get(i)[1].publicKey().address(), "miner");
      behaviourOf.put(minerKeys.get(i)[1].publicKey().address(), behaviours.get(i));
    }
    final List<DevnetReport.Row> rows = new ArrayList<>();
    boolean honestEarned = true;
    boolean adversariesZero = true;
    for (final NeuronInfo n : mg.neurons().stream().sorted(Comparator.comparingInt(NeuronInfo::uid)).toList()) {
      final String role = roleOf.getOrDefault(n.hotkey(), "unknown");
      final String b = behaviourOf.getOrDefault(n.hotkey(), "");
      rows.add(new DevnetReport.Row(n.uid(), role, n.hotkey(), n.stake(), n.validatorTrust(), n.consensus(),
          n.incentive(), n.dividends(), n.emission(), b));
      if ("honest".equals(b) || "slow".equals(b)) {
        honestEarned &= n.incentive() > 0;
      } else if (!b.isEmpty()) {
        adversariesZero &= n.incentive() == 0;
      }
    }
    final long submissions = validators.stream().mapToLong(ValidatorNode::weightSubmissions).sum();
    return new DevnetReport(netuid, mg.block(), epochs, rows, totals, totals.balanced(), honestEarned, adversariesZero,
        submissions, elapsedMs);
  }

  private static <T> T await(final Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (final java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  private static void deleteTree(final Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (final Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
    }
  }
}
