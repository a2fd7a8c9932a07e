package dev.agora.cli.node;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.net.HttpChainClient;
import dev.agora.common.time.Clock;
import dev.agora.config.MinerConfig;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cuda.BackendSelector;
import dev.agora.miner.axon.AxonConfig;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.Behaviours;
import dev.agora.miner.node.MinerNode;
import dev.agora.miner.node.MinerNodeConfig;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code agora miner run}: register if asked, serve the axon, publish it, serve until stopped. Every
 * option of {@link MinerConfig} also comes from a config file and {@code AGORA_*} (docs/CONFIGURATION.md).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Serve inference on a subnet until stopped. Options also come from --config FILE / "
        + "AGORA_CONFIG and AGORA_* variables (file < environment < flags); see docs/CONFIGURATION.md.")
public final class MinerRunCommand implements Callable<Integer> {
  private static final String COMMAND = "agora miner run";

  @Spec CommandSpec spec;

  @Mixin NodeKeys keys;

  @Mixin NodeChainOptions chainOptions;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file with miner options.")
  Path config;

  @Option(names = "--axon-host", description = "Bind host (default: 127.0.0.1).")
  String axonHost;

  @Option(names = "--axon-port", description = "Bind port, 0 = any (default: 8091).")
  String axonPort;

  @Option(names = {"--axon-advertise-host", "--advertise-host"},
      description = "Host published with serve_axon (default: the bind host).")
  String advertiseHost;

  @Option(names = "--model", description = "Demo preset or checkpoint (default: demo-15m).")
  String model;

  @Option(names = {"--inference-backend", "--backend"}, description = "auto|cpu|cuda (default: auto).")
  String backend;

  @Option(names = "--concurrency", description = "Parallel answers (default: 2).")
  String concurrency;

  @Option(names = "--queue-size", description = "Waiting answers before 429 (default: 64).")
  String queueSize;

  @Option(names = {"--min-caller-stake-rao", "--min-caller-stake"},
      description = "Minimum stake of a caller, rao (default: 1).")
  String minCallerStake;

  @Option(names = "--request-window-past-ms", description = "Oldest request timestamp accepted (default: 10000).")
  String windowPast;

  @Option(names = "--request-window-future-ms", description = "Furthest-ahead timestamp accepted (default: 2000).")
  String windowFuture;

  @Option(names = "--max-body-bytes", description = "Largest request body (default: 65536).")
  String maxBodyBytes;

  @Option(names = "--rate-limit-per-hotkey", description = "Requests per second per caller (default: 50).")
  String rateLimit;

  @Option(names = "--register", arity = "0..1", fallbackValue = "true",
      description = "Burn-register the hotkey (coldkey pays) if not registered.")
  String register;

  @Option(names = {"--model-cache-dir", "--data-dir"}, description = "Model cache (default: ~/.agora/models).")
  String modelCacheDir;

  @Option(names = "--behaviour", defaultValue = "honest", hidden = true, description = "Test behaviour.")
  String behaviour;

  /** The environment the config reads; tests replace it. */
  Map<String, String> env = System.getenv();

  /** Chooses the inference engine; tests replace it. */
  Supplier<BackendSelector> selector = NodeRuntime::systemSelector;

  /** The miner config: defaults < file < AGORA_* environment < these flags. */
  MinerConfig loadConfig() {
    final NodeConfigs.Flags f = chainOptions.flags()
        .put(MinerConfig.AXON_HOST, axonHost)
        .put(MinerConfig.AXON_PORT, axonPort)
        .put(MinerConfig.ADVERTISE_HOST, advertiseHost)
        .put(MinerConfig.MODEL, model)
        .put(MinerConfig.BACKEND, backend)
        .put(MinerConfig.CONCURRENCY, concurrency)
        .put(MinerConfig.QUEUE_SIZE, queueSize)
        .put(MinerConfig.MIN_CALLER_STAKE_RAO, minCallerStake)
        .put(MinerConfig.REQUEST_WINDOW_PAST_MS, windowPast)
        .put(MinerConfig.REQUEST_WINDOW_FUTURE_MS, windowFuture)
        .put(MinerConfig.MAX_BODY_BYTES, maxBodyBytes)
        .put(MinerConfig.RATE_LIMIT_PER_HOTKEY, rateLimit)
        .put(MinerConfig.REGISTER, register)
        .put(MinerConfig.MODEL_CACHE_DIR, modelCacheDir);
    return MinerConfig.from(NodeConfigs.load(MinerConfig.OPTIONS, Optional.ofNullable(config), env, f));
  }

  /** The node's settings from the config. */
  static MinerNodeConfig nodeConfig(final MinerConfig c) {
    return new MinerNodeConfig(c.netuid(),
        new AxonConfig(c.axonHost(), c.axonPort(), c.concurrency(), c.queueSize(), AxonConfig.DEFAULT_BODY_TIMEOUT_MS,
            AxonConfig.DEFAULT_DRAIN_TIMEOUT_MS, AxonConfig.DEFAULT_MAX_NEW_TOKENS, c.model()),
        c.publishedHost(), c.minCallerStakeRao(), MinerNodeConfig.DEFAULT_REFRESH_MS, c.register(), 0,
        c.maxBodyBytes(), c.requestWindowPastMs(), c.requestWindowFutureMs(), c.rateLimitPerHotkey());
  }

  @Override
  public Integer call() throws Exception {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final MinerConfig cfg;
    final MinerNodeConfig nodeConfig;
    final KeyPair hotkey;
    final Optional<KeyPair> coldkey;
    final InferenceEngine engine;
    try {
      cfg = loadConfig();
      nodeConfig = nodeConfig(cfg);
      hotkey = keys.hotkey(cfg.walletPath(), cfg.walletName(), cfg.hotkey());
      coldkey = cfg.register() ? Optional.of(keys.coldkey(cfg.walletPath(), cfg.walletName())) : Optional.empty();
      engine = NodeRuntime.openEngine(selector.get(), cfg.model(), cfg.modelCacheDir(), cfg.backend());
    } catch (final RuntimeException e) {
      return NodeRuntime.startFailure(err, COMMAND, e);
    }
    final Vertx vertx = Vertx.vertx();
    final var chainClient = new HttpChainClient(vertx, cfg.chain());
    final MinerNode node = new MinerNode(vertx, nodeConfig, hotkey, coldkey, chainClient,
        Behaviours.create(behaviour, engine, AnswerBoard.NONE, hotkey.publicKey().address(), 1),
        engine.config(), Clock.SYSTEM);
    try {
      final int bound = NodeRuntime.await(node.start(), 2, TimeUnit.MINUTES);
      out.println("miner " + hotkey.publicKey().address() + " serving " + cfg.model() + " on " + cfg.axonHost() + ":"
          + bound + " (netuid " + cfg.netuid() + ", backend " + engine.backend() + ")");
      out.flush();
    } catch (final Exception e) {
      err.println(COMMAND + ": " + NodeRuntime.oneLine(e.getCause() != null ? e.getCause() : e));
      vertx.close();
      engine.close();
      return 1;
    }
    NodeRuntime.awaitShutdown(err, COMMAND, () -> NodeRuntime.await(node.stop(), 30, TimeUnit.SECONDS), vertx,
        engine::close);
    return 0;
  }
}
