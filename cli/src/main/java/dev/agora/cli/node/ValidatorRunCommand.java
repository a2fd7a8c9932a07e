package dev.agora.cli.node;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.net.HttpChainClient;
import dev.agora.common.time.Clock;
import dev.agora.config.ValidatorConfig;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.VerifierConfig;
import dev.agora.inference.cuda.BackendSelector;
import dev.agora.storage.KvStore;
import dev.agora.storage.RocksDbKvStore;
import dev.agora.validator.anomaly.AnomalyConfig;
import dev.agora.validator.node.MetricsEndpoint;
import dev.agora.validator.node.ValidatorNode;
import dev.agora.validator.node.ValidatorNodeConfig;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.scoring.ScoringParams;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code agora validator run}: rounds of challenges, reputation in RocksDB, weights, until stopped. Every
 * option of {@link ValidatorConfig} also comes from a config file and {@code AGORA_*}.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Challenge, verify and score miners and set weights until stopped. Options also come from "
        + "--config FILE / AGORA_CONFIG and AGORA_* variables (file < environment < flags); see "
        + "docs/CONFIGURATION.md.")
public final class ValidatorRunCommand implements Callable<Integer> {
  /** Greedy share of challenges (VERIFICATION.md §2.3: mostly seeded sampling). */
  private static final double GREEDY_FRACTION = 0.2;
  private static final int VERIFY_THREADS = 2;
  private static final String COMMAND = "agora validator run";

  @Spec CommandSpec spec;

  @Mixin NodeKeys keys;

  @Mixin NodeChainOptions chainOptions;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file with validator options.")
  Path config;

  @Option(names = "--model", description = "Model miners must serve (default: demo-15m).")
  String model;

  @Option(names = {"--inference-backend", "--backend"}, description = "auto|cpu|cuda for verification (default: auto).")
  String backend;

  @Option(names = "--round-interval-ms", description = "Pause between rounds (default: 12000).")
  String roundIntervalMs;

  @Option(names = {"--tokens-per-challenge", "--tokens"}, description = "Tokens per challenge (default: 32).")
  String tokens;

  @Option(names = "--prompt-tokens", description = "Random prompt tokens per challenge (default: 16).")
  String promptTokens;

  @Option(names = "--timeout-first-token-ms", description = "First-token deadline (default: 5000).")
  String firstTokenTimeoutMs;

  @Option(names = {"--timeout-total-ms", "--timeout-ms"}, description = "Whole-answer deadline (default: 30000).")
  String timeoutMs;

  @Option(names = "--audit-fraction", description = "Share of answers verified by prefill, (0, 1] (default: 1.0).")
  String auditFraction;

  @Option(names = {"--weights-interval-blocks", "--weights-interval"},
      description = "Blocks between weight submissions; the chain's rate limit also applies (default: 100).")
  String weightsInterval;

  @Option(names = "--data-dir", description = "Reputation database and model cache (default: ~/.agora/validator).")
  String dataDir;

  @Option(names = "--tau", description = "Greedy margin tolerance, nats (default: 0.02).")
  String tau;

  @Option(names = "--epsilon", description = "Seeded-sampling CDF tolerance (default: 0.001).")
  String epsilon;

  @Option(names = "--anomaly-max-reduction",
      description = "Largest share of a score the timing anomaly model may take off, [0, 0.5] (default: 0.2).")
  String anomalyMaxReduction;

  @Option(names = "--anomaly-retrain-rounds", description = "Rounds between anomaly model retrainings (default: 10).")
  String anomalyRetrainRounds;

  @Option(names = "--metrics-port", description = "Serve /metrics and /health on 127.0.0.1 (-1 = off, default).")
  String metricsPort;

  /** The environment the config reads; tests replace it. */
  Map<String, String> env = System.getenv();

  /** Chooses the verification engine; tests replace it. */
  Supplier<BackendSelector> selector = NodeRuntime::systemSelector;

  /** The validator config: defaults < file < AGORA_* environment < these flags. */
  ValidatorConfig loadConfig() {
    final NodeConfigs.Flags f = chainOptions.flags()
        .put(ValidatorConfig.MODEL, model)
        .put(ValidatorConfig.BACKEND, backend)
        .put(ValidatorConfig.ROUND_INTERVAL_MS, roundIntervalMs)
        .put(ValidatorConfig.TOKENS_PER_CHALLENGE, tokens)
        .put(ValidatorConfig.PROMPT_TOKENS, promptTokens)
        .put(ValidatorConfig.FIRST_TOKEN_TIMEOUT_MS, firstTokenTimeoutMs)
        .put(ValidatorConfig.TOTAL_TIMEOUT_MS, timeoutMs)
        .put(ValidatorConfig.AUDIT_FRACTION, auditFraction)
        .put(ValidatorConfig.WEIGHTS_INTERVAL_BLOCKS, weightsInterval)
        .put(ValidatorConfig.DATA_DIR, dataDir)
        .put(ValidatorConfig.TAU, tau)
        .put(ValidatorConfig.EPSILON, epsilon)
        .put(ValidatorConfig.ANOMALY_MAX_REDUCTION, anomalyMaxReduction)
        .put(ValidatorConfig.ANOMALY_RETRAIN_ROUNDS, anomalyRetrainRounds)
        .put(ValidatorConfig.METRICS_PORT, metricsPort);
    return ValidatorConfig.from(NodeConfigs.load(ValidatorConfig.OPTIONS, Optional.ofNullable(config), env, f));
  }

  /** The node's settings from the config. */
  static ValidatorNodeConfig nodeConfig(final ValidatorConfig c) {
    return new ValidatorNodeConfig(c.netuid(), c.model(), c.promptTokens(), c.tokensPerChallenge(), GREEDY_FRACTION,
        c.totalTimeoutMs(), c.roundIntervalMs(), c.weightsIntervalBlocks(), c.auditFraction(), VERIFY_THREADS,
        ValidatorNodeConfig.DEFAULT_MIN_DUMP_CHECK_MS, ScoringParams.DEFAULTS, c.firstTokenTimeoutMs(),
        AnomalyConfig.defaults(), c.anomalyMaxReduction(), c.anomalyRetrainRounds(),
        new VerifierConfig((float) c.tau(), (float) c.epsilon(), false, true));
  }

  @Override
  public Integer call() throws Exception {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final ValidatorConfig cfg;
    final ValidatorNodeConfig nodeConfig;
    final KeyPair hotkey;
    final InferenceEngine engine;
    try {
      cfg = loadConfig();
      nodeConfig = nodeConfig(cfg);
      hotkey = keys.hotkey(cfg.walletPath(), cfg.walletName(), cfg.hotkey());
      engine = NodeRuntime.openEngine(selector.get(), cfg.model(), cfg.dataDir().resolve("models"), cfg.backend());
    } catch (final RuntimeException e) {
      return NodeRuntime.startFailure(err, COMMAND, e);
    }
    final Path dir = cfg.dataDir();
    final KvStore kv = RocksDbKvStore.open(dir.resolve("reputation-" + cfg.netuid()));
    final Vertx vertx = Vertx.vertx();
    final ValidatorNode node = new ValidatorNode(vertx, nodeConfig, hotkey, new HttpChainClient(vertx, cfg.chain()),
        new KvReputationStore(kv), engine, Clock.SYSTEM);
    node.onRound(r -> {
      out.println(String.format(Locale.ROOT,
          "round %d block %d: %d miners, %.0f ms (fan-out %.0f ms, verify %.0f ms); scores %s%s", r.round(),
          r.block(), r.outcomes().size(), r.totalMs(), r.fanOutMs(), r.verifyMs(), r.scores(),
          r.anomalyMultipliers().isEmpty() ? "" : "; anomaly multipliers " + r.anomalyMultipliers()));
      out.flush();
    });
    out.println("validator " + hotkey.publicKey().address() + " on netuid " + cfg.netuid() + ", data in " + dir
        + ", backend " + engine.backend());
    if (cfg.metricsPort() >= 0) {
      final MetricsEndpoint metrics = NodeRuntime.await(
          MetricsEndpoint.start(vertx, "127.0.0.1", cfg.metricsPort(), node), 30, TimeUnit.SECONDS);
      out.println("metrics on http://127.0.0.1:" + metrics.port() + "/metrics");
    }
    out.flush();
    node.start();
    NodeRuntime.awaitShutdown(err, COMMAND, () -> {
      NodeRuntime.await(node.stop(), 60, TimeUnit.SECONDS);
      node.close();
    }, vertx, engine::close, kv::close);
    return 0;
  }
}
