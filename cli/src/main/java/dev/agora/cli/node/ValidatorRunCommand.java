package dev.agora.cli.node;

import dev.agora.cli.chain.ChainEndpointOptions;
import dev.agora.cli.chain.SignerOptions;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.net.HttpChainClient;
import dev.agora.common.time.Clock;
import dev.agora.inference.InferenceEngine;
import dev.agora.storage.KvStore;
import dev.agora.storage.RocksDbKvStore;
import dev.agora.validator.node.ValidatorNode;
import dev.agora.validator.node.ValidatorNodeConfig;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.scoring.ScoringParams;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code agora validator run}: rounds of challenges, reputation in RocksDB, weights, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Challenge, verify and score miners and set weights until stopped.")
public final class ValidatorRunCommand implements Callable<Integer> {
  @Mixin SignerOptions signer;
  @Mixin ChainEndpointOptions chainOptions;

  @Option(names = "--netuid", defaultValue = "${env:AGORA_NETUID:-1}", description = "Subnet (default: ${DEFAULT-VALUE}).")
  int netuid;

  @Option(names = "--model", defaultValue = "${env:AGORA_MODEL:-demo-15m}", description = "Model miners must serve.")
  String model;

  @Option(names = "--backend", defaultValue = "${env:AGORA_BACKEND:-cpu}", description = "auto|cpu|cuda for verification.")
  String backend;

  @Option(names = "--round-interval-ms", defaultValue = "" + ValidatorNodeConfig.DEFAULT_ROUND_INTERVAL_MS,
      description = "Pause between rounds.")
  long roundIntervalMs;

  @Option(names = "--tokens", defaultValue = "" + ValidatorNodeConfig.DEFAULT_MAX_NEW_TOKENS,
      description = "Tokens per challenge.")
  int tokens;

  @Option(names = "--prompt-tokens", defaultValue = "" + ValidatorNodeConfig.DEFAULT_PROMPT_TOKENS,
      description = "Random prompt tokens per challenge.")
  int promptTokens;

  @Option(names = "--timeout-ms", defaultValue = "" + ValidatorNodeConfig.DEFAULT_REQUEST_TIMEOUT_MS,
      description = "Each answer must be complete within this time.")
  long timeoutMs;

  @Option(names = "--audit-fraction", defaultValue = "" + ValidatorNodeConfig.DEFAULT_AUDIT_FRACTION,
      description = "Share of answers verified by prefill, (0, 1].")
  double auditFraction;

  @Option(names = "--weights-interval", defaultValue = "" + ValidatorNodeConfig.DEFAULT_WEIGHTS_INTERVAL_BLOCKS,
      description = "Blocks between weight submissions (the chain's rate limit also applies).")
  long weightsInterval;

  @Option(names = "--data-dir", description = "Reputation database and model cache (default: ~/.agora/validator).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    final KeyPair hotkey;
    final InferenceEngine engine;
    final ValidatorNodeConfig config;
    final Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".agora", "validator");
    try {
      hotkey = signer.hotkey();
      config = new ValidatorNodeConfig(netuid, model, promptTokens, tokens, 0.2, timeoutMs, roundIntervalMs,
          weightsInterval, auditFraction, 2, ValidatorNodeConfig.DEFAULT_MIN_DUMP_CHECK_MS, ScoringParams.DEFAULTS);
      engine = NodeRuntime.openEngine(model, dir.resolve("models"), backend);
    } catch (final RuntimeException e) {
      System.err.println("agora validator run: " + e.getMessage());
      return 2;
    }
    final KvStore kv = RocksDbKvStore.open(dir.resolve("reputation-" + netuid));
    final Vertx vertx = Vertx.vertx();
    final ValidatorNode node = new ValidatorNode(vertx, config, hotkey, new HttpChainClient(vertx, chainOptions.endpoint()),
        new KvReputationStore(kv), engine, Clock.SYSTEM);
    node.onRound(r -> System.out.println(String.format(Locale.ROOT,
        "round %d block %d: %d miners, %.0f ms (fan-out %.0f ms, verify %.0f ms); scores %s", r.round(), r.block(),
        r.outcomes().size(), r.totalMs(), r.fanOutMs(), r.verifyMs(), r.scores())));
    System.out.println("validator " + hotkey.publicKey().address() + " on netuid " + netuid + ", data in " + dir);
    node.start();
    NodeRuntime.awaitShutdown(() -> {
      try {
        node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        node.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (final Exception e) {
        System.err.println("agora validator run: shutdown: " + e.getMessage());
      } finally {
        engine.close();
        kv.close();
      }
    });
    return 0;
  }
}
