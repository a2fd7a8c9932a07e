package dev.agora.cli.chain;

import dev.agora.chain.rpc.ChainRpcServer;
import dev.agora.chain.runtime.ChainNode;
import dev.agora.chain.runtime.GenesisSpec;
import dev.agora.chain.runtime.NodeOptions;
import dev.agora.chain.state.ChainParams;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import dev.agora.config.ChainConfig;
import dev.agora.config.ConfigException;
import dev.agora.config.ConfigLoader;
import dev.agora.storage.KvStore;
import dev.agora.storage.RocksDbKvStore;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agora chain run}: a chain node with its HTTP API. */
@Command(name = "chain", mixinStandardHelpOptions = true, description = "Run the chain.",
    subcommands = {ChainCommand.Run.class})
public final class ChainCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Runs a node on RocksDB. The first run writes {@code chain-key.hex} (the block-signing key) and
   * {@code genesis.json} into the data dir from the flags; later runs reuse them and resume from the
   * last block.
   */
  @Command(name = "run", description = "Run a chain node (creates the genesis on first run). "
      + "Options also come from --config FILE / AGORA_CONFIG and AGORA_* variables (flags win).")
  static final class Run implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Config file (chain options).")
    Path config;

    @Option(names = "--data-dir", description = "Data directory (default: "
        + ChainConfig.DEFAULT_DATA_DIR + ").")
    Path dataDir;

    @Option(names = "--rpc-host", description = "HTTP API bind address (default: "
        + ChainConfig.DEFAULT_RPC_HOST + ").")
    String rpcHost;

    @Option(names = "--rpc-port", description = "HTTP API port, 0 = any (default: "
        + ChainConfig.DEFAULT_RPC_PORT + ").")
    Integer rpcPort;

    @Option(names = "--block-time-ms", description = "Milliseconds between blocks (default: "
        + ChainConfig.DEFAULT_BLOCK_TIME_MS + ").")
    Long blockTimeMs;

    @Option(names = {"--chain-id", "--chain-name"},
        description = "Chain name in the genesis (first run only; default: "
            + ChainConfig.DEFAULT_CHAIN_ID + ").")
    String chainName;

    @Option(names = "--emission-per-block-rao",
        description = "Rao minted per block per subnet (first run only; default: "
            + ChainConfig.DEFAULT_EMISSION_PER_BLOCK_RAO + ").")
    Long emissionRao;

    @Option(names = "--subnet-tempo",
        description = "Tempo of new subnets (first run only; default: "
            + ChainConfig.DEFAULT_SUBNET_TEMPO + ").")
    Integer subnetTempo;

    @Option(names = "--genesis-owner-address", paramLabel = "ADDRESS",
        description = "Account funded at genesis with --genesis-owner-balance-rao (first run only).")
    String genesisOwner;

    @Option(names = "--genesis-owner-balance-rao",
        description = "Balance of that account (default: "
            + ChainConfig.DEFAULT_GENESIS_OWNER_BALANCE_RAO + ").")
    Long genesisOwnerBalance;

    @Option(names = "--fund", paramLabel = "ADDRESS=TOKENS",
        description = "Fund an account at genesis (repeatable; first run only).")
    Map<String, String> fund = new LinkedHashMap<>();

    @Option(names = "--root", paramLabel = "ADDRESS",
        description = "Sudo account (default: the chain key; first run only).")
    String root;

    @Option(names = "--subnet-lock-cost", defaultValue = "100",
        description = "Tokens burned to create a subnet (first run only).")
    String lockCost;

    @Option(names = "--subnet-default", paramLabel = "NAME=VALUE",
        description = "Hyperparameter default for new subnets (repeatable; first run only).")
    Map<String, Long> subnetDefaults = new LinkedHashMap<>();

    @Option(names = "--run-for-ms", hidden = true, defaultValue = "0",
        description = "Stop after this many ms (tests).")
    long runForMs;

    /** The chain config: defaults < file < AGORA_* environment < these flags. */
    ChainConfig loadConfig() {
      final ConfigLoader loader = ConfigLoader.of(ChainConfig.OPTIONS).env(System.getenv());
      if (config != null) {
        loader.file(config);
      }
      final Map<String, Object> flags = new LinkedHashMap<>();
      flags.put(ChainConfig.DATA_DIR.name(), dataDir);
      flags.put(ChainConfig.RPC_HOST.name(), rpcHost);
      flags.put(ChainConfig.RPC_PORT.name(), rpcPort);
      flags.put(ChainConfig.BLOCK_TIME_MS.name(), blockTimeMs);
      flags.put(ChainConfig.CHAIN_ID.name(), chainName);
      flags.put(ChainConfig.EMISSION_PER_BLOCK_RAO.name(), emissionRao);
      flags.put(ChainConfig.SUBNET_TEMPO.name(), subnetTempo);
      flags.put(ChainConfig.GENESIS_OWNER_ADDRESS.name(), genesisOwner);
      flags.put(ChainConfig.GENESIS_OWNER_BALANCE_RAO.name(), genesisOwnerBalance);
      flags.forEach((k, v) -> {
        if (v != null) {
          loader.set(k, v.toString());
        }
      });
      return ChainConfig.from(loader.load());
    }

    @Override
    public Integer call() throws Exception {
      final ChainConfig cfg;
      try {
        cfg = loadConfig();
      } catch (ConfigException e) {
        System.err.println("agora: " + e.getMessage());
        return 2;
      }
      final Path dir = cfg.dataDir();
      Files.createDirectories(dir);
      final KeyPair key = chainKey(dir.resolve("chain-key.hex"));
      final GenesisSpec genesis = genesis(dir.resolve("genesis.json"), key, cfg);
      final KvStore kv = RocksDbKvStore.open(dir.resolve("db"));
      final ChainNode node = ChainNode.open(kv, key, Clock.SYSTEM,
          NodeOptions.defaults(cfg.blockTimeMs()), genesis);
      final Vertx vertx = Vertx.vertx();
      final String rpcHost = cfg.rpcHost();
      final ChainRpcServer rpc = new ChainRpcServer(node, rpcHost, cfg.rpcPort());
      vertx.deployVerticle(rpc).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      node.start();
      System.out.println("chain " + genesis.chainName() + " genesis " + node.genesisHash()
          + " at height " + node.head().height() + "; RPC http://" + rpcHost + ":"
          + rpc.actualPort());
      final CountDownLatch done = new CountDownLatch(1);
      final Thread hook = new Thread(() -> {
        node.stop();
        vertx.close().toCompletionStage().toCompletableFuture().join();
        kv.close();
        done.countDown();
      });
      Runtime.getRuntime().addShutdownHook(hook);
      if (runForMs > 0) {
        Thread.sleep(runForMs);
        Runtime.getRuntime().removeShutdownHook(hook);
        hook.run();
      }
      done.await();
      return 0;
    }

    private static KeyPair chainKey(final Path file) throws java.io.IOException {
      if (Files.exists(file)) {
        return SignerOptions.fromSeedFile(file);
      }
      final byte[] seed = new SecureRandom().generateSeed(32);
      Files.writeString(file, Hex.encode(seed) + "\n", StandardCharsets.UTF_8);
      return KeyPair.fromSeed(seed);
    }

    private GenesisSpec genesis(final Path file, final KeyPair key, final ChainConfig cfg)
        throws java.io.IOException {
      if (Files.exists(file)) {
        return Json.MAPPER.readValue(file.toFile(), GenesisSpec.class);
      }
      final Map<String, Long> balances = new LinkedHashMap<>();
      cfg.genesisOwnerAddress().ifPresent(a -> balances.put(a, cfg.genesisOwnerBalanceRao()));
      fund.forEach((a, t) -> balances.put(a, ChainCli.toRao(t)));
      final Map<String, Long> defaults = new LinkedHashMap<>();
      defaults.put("tempo", (long) cfg.subnetTempo());
      defaults.putAll(subnetDefaults);
      final ChainParams params = new ChainParams(
          root != null ? root : key.publicKey().address(), ChainCli.toRao(lockCost),
          cfg.emissionPerBlockRao(), 10, defaults);
      final GenesisSpec g = new GenesisSpec(cfg.chainId(), Clock.SYSTEM.millis(),
          key.publicKey().address(), balances, params);
      Files.writeString(file, Json.write(g) + "\n", StandardCharsets.UTF_8);
      return g;
    }
  }
}
