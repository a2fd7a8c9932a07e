package dev.agora.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Configuration of the chain node ({@code agora chain run}).
 *
 * @param dataDir RocksDB directory of the chain state and block log
 * @param rpcHost address the HTTP API binds to
 * @param rpcPort port of the HTTP API (0 = any free port)
 * @param blockTimeMs milliseconds between blocks
 * @param emissionPerBlockRao new rao issued per block
 * @param chainId name mixed into the genesis hash, so extrinsics cannot be replayed on another chain
 * @param genesisOwnerAddress account credited at genesis, if any
 * @param genesisOwnerBalanceRao free balance of that account at genesis
 * @param subnetTempo tempo (blocks per epoch) of a newly created subnet
 */
public record ChainConfig(
    Path dataDir,
    String rpcHost,
    int rpcPort,
    long blockTimeMs,
    long emissionPerBlockRao,
    String chainId,
    Optional<String> genesisOwnerAddress,
    long genesisOwnerBalanceRao,
    int subnetTempo) {

  /** One TAO in rao. */
  public static final long RAO_PER_TAO = 1_000_000_000L;

  public static final String DEFAULT_DATA_DIR = "~/.agora/chain";
  public static final String DEFAULT_RPC_HOST = "127.0.0.1";
  public static final int DEFAULT_RPC_PORT = 9944;
  public static final long DEFAULT_BLOCK_TIME_MS = 12_000L;
  public static final long DEFAULT_EMISSION_PER_BLOCK_RAO = RAO_PER_TAO;
  public static final long MAX_RAO = 21_000_000L * RAO_PER_TAO;
  public static final String DEFAULT_CHAIN_ID = "agora-local";
  public static final long DEFAULT_GENESIS_OWNER_BALANCE_RAO = 1_000_000L * RAO_PER_TAO;
  /** Reference chain default tempo (yuma/SPEC.md §8). */
  public static final int DEFAULT_SUBNET_TEMPO = 360;

  public static final Option<Path> DATA_DIR =
      Option.ofPath("data.dir", DEFAULT_DATA_DIR, "RocksDB directory of the chain state and block log.");

  public static final Option<String> RPC_HOST =
      Option.ofString(
          "rpc.host", DEFAULT_RPC_HOST, NodeOptions.HOST, "a host name or IP address",
          "Address the chain's HTTP API binds to.");

  public static final Option<Integer> RPC_PORT =
      Option.ofInt("rpc.port", DEFAULT_RPC_PORT, 0, 65_535, "Port of the chain's HTTP API (0 = any free port).");

  public static final Option<Long> BLOCK_TIME_MS =
      Option.ofLong("block.time.ms", DEFAULT_BLOCK_TIME_MS, 1, 3_600_000, "Milliseconds between blocks.");

  public static final Option<Long> EMISSION_PER_BLOCK_RAO =
      Option.ofLong(
          "emission.per.block.rao", DEFAULT_EMISSION_PER_BLOCK_RAO, 0, MAX_RAO,
          "New rao issued per block (1 TAO = 1e9 rao).");

  public static final Option<String> CHAIN_ID =
      Option.ofString(
          "chain.id", DEFAULT_CHAIN_ID, Pattern.compile("[a-z0-9][a-z0-9-]{0,63}"),
          "1..64 of a-z 0-9 -",
          "Chain name, part of the genesis hash that every extrinsic signs.");

  public static final Option<Optional<String>> GENESIS_OWNER_ADDRESS =
      Option.ofCustom(
          "genesis.owner.address",
          "address",
          Optional.empty(),
          ChainConfig::parseAddress,
          a -> a.orElse(""),
          "empty, or an agora1... address",
          "Account credited at genesis (empty = none).");

  public static final Option<Long> GENESIS_OWNER_BALANCE_RAO =
      Option.ofLong(
          "genesis.owner.balance.rao", DEFAULT_GENESIS_OWNER_BALANCE_RAO, 0, MAX_RAO,
          "Free balance of the genesis owner account, in rao.");

  public static final Option<Integer> SUBNET_TEMPO =
      Option.ofInt(
          "subnet.tempo", DEFAULT_SUBNET_TEMPO, 1, 65_535,
          "Tempo (blocks per epoch) of a newly created subnet.");

  public static final OptionSet OPTIONS =
      OptionSet.of(
          "chain",
          DATA_DIR,
          RPC_HOST,
          RPC_PORT,
          BLOCK_TIME_MS,
          EMISSION_PER_BLOCK_RAO,
          CHAIN_ID,
          GENESIS_OWNER_ADDRESS,
          GENESIS_OWNER_BALANCE_RAO,
          SUBNET_TEMPO);

  private static final Pattern ADDRESS = Pattern.compile("agora1[02-9ac-hj-np-z]{6,100}");

  /** Checks every bound; a record can only hold valid values. */
  public ChainConfig {
    DATA_DIR.check(dataDir);
    RPC_HOST.check(rpcHost);
    RPC_PORT.check(rpcPort);
    BLOCK_TIME_MS.check(blockTimeMs);
    EMISSION_PER_BLOCK_RAO.check(emissionPerBlockRao);
    CHAIN_ID.check(chainId);
    GENESIS_OWNER_ADDRESS.check(genesisOwnerAddress);
    genesisOwnerAddress.ifPresent(ChainConfig::parseAddress);
    GENESIS_OWNER_BALANCE_RAO.check(genesisOwnerBalanceRao);
    SUBNET_TEMPO.check(subnetTempo);
  }

  public static ChainConfig defaults() {
    return from(ConfigLoader.of(OPTIONS).load());
  }

  public static ChainConfig from(final OptionValues v) {
    return new ChainConfig(
        v.get(DATA_DIR),
        v.get(RPC_HOST),
        v.get(RPC_PORT),
        v.get(BLOCK_TIME_MS),
        v.get(EMISSION_PER_BLOCK_RAO),
        v.get(CHAIN_ID),
        v.get(GENESIS_OWNER_ADDRESS),
        v.get(GENESIS_OWNER_BALANCE_RAO),
        v.get(SUBNET_TEMPO));
  }

  /** Layers {@code --config FILE}/{@code AGORA_CONFIG}, the environment and the flags in {@code args}. */
  public static ChainConfig load(final List<String> args, final Map<String, String> env) {
    return from(ConfigLoader.of(OPTIONS).env(env).args(args).load());
  }

  /** Defaults with some options replaced by name, e.g. {@code Map.of("block.time.ms", "5")}. */
  public static ChainConfig with(final Map<String, String> overrides) {
    final ConfigLoader loader = ConfigLoader.of(OPTIONS);
    overrides.forEach(loader::set);
    return from(loader.load());
  }

  private static Optional<String> parseAddress(final String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!ADDRESS.matcher(text).matches()) {
      throw new IllegalArgumentException("not an agora1... address");
    }
    return Optional.of(text);
  }
}
