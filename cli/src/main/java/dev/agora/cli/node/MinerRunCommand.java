package dev.agora.cli.node;

import dev.agora.cli.chain.ChainEndpointOptions;
import dev.agora.cli.chain.SignerOptions;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.net.HttpChainClient;
import dev.agora.common.time.Clock;
import dev.agora.inference.InferenceEngine;
import dev.agora.miner.axon.AxonConfig;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.Behaviours;
import dev.agora.miner.node.MinerNode;
import dev.agora.miner.node.MinerNodeConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code agora miner run}: register if asked, serve the axon, publish it, serve until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Serve inference on a subnet until stopped.")
public final class MinerRunCommand implements Callable<Integer> {
  @Mixin SignerOptions signer;
  @Mixin ChainEndpointOptions chainOptions;

  @Option(names = "--netuid", defaultValue = "${env:AGORA_NETUID:-1}", description = "Subnet (default: ${DEFAULT-VALUE}).")
  int netuid;

  @Option(names = "--axon-host", defaultValue = "${env:AGORA_AXON_HOST:-127.0.0.1}", description = "Bind host.")
  String host;

  @Option(names = "--axon-port", defaultValue = "${env:AGORA_AXON_PORT:-8091}", description = "Bind port (0 = any).")
  int port;

  @Option(names = "--advertise-host", description = "Host published with serve_axon (default: the bind host).")
  String advertiseHost;

  @Option(names = "--model", defaultValue = "${env:AGORA_MODEL:-demo-15m}", description = "Demo preset or checkpoint.")
  String model;

  @Option(names = "--backend", defaultValue = "${env:AGORA_BACKEND:-auto}", description = "auto|cpu|cuda.")
  String backend;

  @Option(names = "--concurrency", defaultValue = "" + AxonConfig.DEFAULT_CONCURRENCY, description = "Parallel answers.")
  int concurrency;

  @Option(names = "--queue-size", defaultValue = "" + AxonConfig.DEFAULT_QUEUE_SIZE, description = "Waiting answers.")
  int queueSize;

  @Option(names = "--min-caller-stake", defaultValue = "" + MinerNodeConfig.DEFAULT_MIN_STAKE_RAO,
      description = "Minimum stake of a caller, rao.")
  long minStake;

  @Option(names = "--register", description = "Burn-register the hotkey (coldkey pays) if not registered.")
  boolean register;

  @Option(names = "--behaviour", defaultValue = "honest", hidden = true, description = "Test behaviour.")
  String behaviour;

  @Option(names = "--data-dir", description = "Model cache (default: ~/.agora/models).")
  Path dataDir;

  @Override
  public Integer call() throws Exception {
    final KeyPair hotkey;
    final Optional<KeyPair> coldkey;
    final InferenceEngine engine;
    try {
      hotkey = signer.hotkey();
      coldkey = register ? Optional.of(signer.coldkey()) : Optional.empty();
      final Path cache = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".agora", "models");
      engine = NodeRuntime.openEngine(model, cache, backend);
    } catch (final RuntimeException e) {
      System.err.println("agora miner run: " + e.getMessage());
      return 2;
    }
    final Vertx vertx = Vertx.vertx();
    final var chain = new HttpChainClient(vertx, chainOptions.endpoint());
    final MinerNode node = new MinerNode(vertx,
        new MinerNodeConfig(netuid, new AxonConfig(host, port, concurrency, queueSize, AxonConfig.DEFAULT_BODY_TIMEOUT_MS,
            AxonConfig.DEFAULT_DRAIN_TIMEOUT_MS, AxonConfig.DEFAULT_MAX_NEW_TOKENS, model),
            advertiseHost != null ? advertiseHost : host, minStake, MinerNodeConfig.DEFAULT_REFRESH_MS, register, 0),
        hotkey, coldkey, chain, Behaviours.create(behaviour, engine, AnswerBoard.NONE, hotkey.publicKey().address(), 1),
        engine.config(), Clock.SYSTEM);
    try {
      final int bound = node.start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
      System.out.println("miner " + hotkey.publicKey().address() + " serving " + model + " on " + host + ":" + bound
          + " (netuid " + netuid + ", backend " + engine.backend() + ")");
    } catch (final Exception e) {
      System.err.println("agora miner run: " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
      vertx.close();
      engine.close();
      return 1;
    }
    NodeRuntime.awaitShutdown(() -> {
      try {
        node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (final Exception e) {
        System.err.println("agora miner run: shutdown: " + e.getMessage());
      } finally {
        engine.close();
      }
    });
    return 0;
  }
}
