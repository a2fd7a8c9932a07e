package dev.agora.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration of a miner ({@code agora miner run}).
 *
 * @param walletPath directory of the wallets
 * @param walletName wallet (coldkey) name
 * @param hotkey hotkey name; the miner serves as this hotkey
 * @param netuid subnet served
 * @param chain chain RPC endpoint
 * @param axonHost address the axon binds to
 * @param axonPort axon port (0 = any free port)
 * @param model checkpoint path or demo preset name
 * @param backend inference engine choice
 * @param concurrency inference worker threads
 * @param queueSize requests waiting for a worker before 429
 * @param register register with burn when not yet registered
 * @param requestWindowPastMs how old a request timestamp may be
 * @param requestWindowFutureMs how far ahead a request timestamp may be
 * @param maxBodyBytes largest request body accepted
 * @param rateLimitPerHotkey requests per second accepted from one caller hotkey
 * @param minCallerStakeRao least stake a caller needs
 * @param advertiseHost host published with serve_axon; empty = the bind host
 * @param modelCacheDir where generated demo presets are kept
 */
public record MinerConfig(
    Path walletPath,
    String walletName,
    String hotkey,
    int netuid,
    String chain,
    String axonHost,
    int axonPort,
    String model,
    Backend backend,
    int concurrency,
    int queueSize,
    boolean register,
    long requestWindowPastMs,
    long requestWindowFutureMs,
    int maxBodyBytes,
    int rateLimitPerHotkey,
    long minCallerStakeRao,
    Optional<String> advertiseHost,
    Path modelCacheDir) {

  public static final String DEFAULT_AXON_HOST = "127.0.0.1";
  /** Bittensor's default axon port. */
  public static final int DEFAULT_AXON_PORT = 8091;
  public static final String DEFAULT_MODEL = "demo-15m";
  public static final Backend DEFAULT_BACKEND = Backend.AUTO;
  public static final int DEFAULT_CONCURRENCY = 2;
  public static final int DEFAULT_QUEUE_SIZE = 64;
  public static final boolean DEFAULT_REGISTER = false;
  /** DESIGN.md §3: 10 s into the past. */
  public static final long DEFAULT_REQUEST_WINDOW_PAST_MS = 10_000L;
  /** DESIGN.md §3: 2 s into the future. */
  public static final long DEFAULT_REQUEST_WINDOW_FUTURE_MS = 2_000L;
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;
  public static final int DEFAULT_RATE_LIMIT_PER_HOTKEY = 50;
  public static final long DEFAULT_MIN_CALLER_STAKE_RAO = 1L;
  public static final String DEFAULT_MODEL_CACHE_DIR = "~/.agora/models";

  public static final Option<Path> WALLET_PATH = NodeOptions.WALLET_PATH;
  public static final Option<String> WALLET_NAME = NodeOptions.WALLET_NAME;
  public static final Option<String> WALLET_HOTKEY = NodeOptions.WALLET_HOTKEY;
  public static final Option<Integer> NETUID = NodeOptions.NETUID;
  public static final Option<String> CHAIN = NodeOptions.CHAIN;

  public static final Option<String> AXON_HOST =
      Option.ofString(
          "axon.host", DEFAULT_AXON_HOST, NodeOptions.HOST, "a host name or IP address",
          "Address the axon binds to and publishes with serve_axon.");

  public static final Option<Integer> AXON_PORT =
      Option.ofInt("axon.port", DEFAULT_AXON_PORT, 0, 65_535, "Axon port (0 = any free port).");

  public static final Option<String> MODEL =
      Option.ofText("model", DEFAULT_MODEL, 4096, "Checkpoint path or demo preset name (demo-15m, ...).");

  public static final Option<Backend> BACKEND =
      Option.ofEnum(
          "inference.backend", Backend.class, DEFAULT_BACKEND,
          "Inference engine: auto tries CUDA once and falls back to the CPU.");

  public static final Option<Integer> CONCURRENCY =
      Option.ofInt("concurrency", DEFAULT_CONCURRENCY, 1, 256, "Inference worker threads.");

  public static final Option<Integer> QUEUE_SIZE =
      Option.ofInt(
          "queue.size", DEFAULT_QUEUE_SIZE, 1, 100_000,
          "Requests that may wait for a worker; beyond it the axon answers 429.");

  public static final Option<Boolean> REGISTER =
      Option.ofBoolean("register", DEFAULT_REGISTER, "Register with burn on start if not yet registered.");

  public static final Option<Long> REQUEST_WINDOW_PAST_MS =
      Option.ofLong(
          "request.window.past.ms", DEFAULT_REQUEST_WINDOW_PAST_MS, 1, 600_000,
          "How old a request's timestamp may be, in ms.");

  public static final Option<Long> REQUEST_WINDOW_FUTURE_MS =
      Option.ofLong(
          "request.window.future.ms", DEFAULT_REQUEST_WINDOW_FUTURE_MS, 0, 60_000,
          "How far in the future a request's timestamp may be, in ms.");

  public static final Option<Integer> MAX_BODY_BYTES =
      Option.ofInt(
          "max.body.bytes", DEFAULT_MAX_BODY_BYTES, 256, 16 * 1024 * 1024,
          "Largest request body accepted, in bytes.");

  public static final Option<Integer> RATE_LIMIT_PER_HOTKEY =
      Option.ofInt(
          "rate.limit.per.hotkey", DEFAULT_RATE_LIMIT_PER_HOTKEY, 1, 1_000_000,
          "Requests per second accepted from one caller hotkey.");

  public static final Option<Long> MIN_CALLER_STAKE_RAO =
      Option.ofLong(
          "min.caller.stake.rao", DEFAULT_MIN_CALLER_STAKE_RAO, 0, ChainConfig.MAX_RAO,
          "Least stake (rao) a caller needs, besides registration and a validator permit.");

  public static final Option<Optional<String>> ADVERTISE_HOST =
      Option.ofCustom(
          "axon.advertise.host",
          "host",
          Optional.empty(),
          MinerConfig::parseHost,
          h -> h.orElse(""),
          "empty, or a host name or IP address",
          "Host published with serve_axon when it differs from the bind host (NAT); empty = axon.host.");

  public static final Option<Path> MODEL_CACHE_DIR =
      Option.ofPath(
          "model.cache.dir", DEFAULT_MODEL_CACHE_DIR, "Directory where generated demo models are kept.");

  public static final OptionSet OPTIONS =
      OptionSet.of(
          "miner",
          WALLET_PATH,
          WALLET_NAME,
          WALLET_HOTKEY,
          NETUID,
          CHAIN,
          AXON_HOST,
          AXON_PORT,
          MODEL,
          BACKEND,
          CONCURRENCY,
          QUEUE_SIZE,
          REGISTER,
          REQUEST_WINDOW_PAST_MS,
          REQUEST_WINDOW_FUTURE_MS,
          MAX_BODY_BYTES,
          RATE_LIMIT_PER_HOTKEY,
          MIN_CALLER_STAKE_RAO,
          ADVERTISE_HOST,
          MODEL_CACHE_DIR);

  /** Checks every bound; a record can only hold valid values. */
  public MinerConfig {
    WALLET_PATH.check(walletPath);
    WALLET_NAME.check(walletName);
    WALLET_HOTKEY.check(hotkey);
    NETUID.check(netuid);
    CHAIN.check(chain);
    AXON_HOST.check(axonHost);
    AXON_PORT.check(axonPort);
    MODEL.check(model);
    BACKEND.check(backend);
    CONCURRENCY.check(concurrency);
    QUEUE_SIZE.check(queueSize);
    REGISTER.check(register);
    REQUEST_WINDOW_PAST_MS.check(requestWindowPastMs);
    REQUEST_WINDOW_FUTURE_MS.check(requestWindowFutureMs);
    MAX_BODY_BYTES.check(maxBodyBytes);
    RATE_LIMIT_PER_HOTKEY.check(rateLimitPerHotkey);
    MIN_CALLER_STAKE_RAO.check(minCallerStakeRao);
    ADVERTISE_HOST.check(advertiseHost);
    MODEL_CACHE_DIR.check(modelCacheDir);
  }

  /** Every option but the advertised host (the bind host) and the model cache (its default). */
  public MinerConfig(
      final Path walletPath,
      final String walletName,
      final String hotkey,
      final int netuid,
      final String chain,
      final String axonHost,
      final int axonPort,
      final String model,
      final Backend backend,
      final int concurrency,
      final int queueSize,
      final boolean register,
      final long requestWindowPastMs,
      final long requestWindowFutureMs,
      final int maxBodyBytes,
      final int rateLimitPerHotkey,
      final long minCallerStakeRao) {
    this(walletPath, walletName, hotkey, netuid, chain, axonHost, axonPort, model, backend, concurrency,
        queueSize, register, requestWindowPastMs, requestWindowFutureMs, maxBodyBytes, rateLimitPerHotkey,
        minCallerStakeRao, Optional.empty(), MODEL_CACHE_DIR.defaultValue());
  }

  /** The host published with serve_axon: the advertised host when set, else the bind host. */
  public String publishedHost() {
    return advertiseHost.orElse(axonHost);
  }

  private static Optional<String> parseHost(final String text) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    if (!NodeOptions.HOST.matcher(text).matches()) {
      throw new IllegalArgumentException("not a host name or IP address");
    }
    return Optional.of(text);
  }

  public static MinerConfig defaults() {
    return from(ConfigLoader.of(OPTIONS).load());
  }

  public static MinerConfig from(final OptionValues v) {
    return new MinerConfig(
        v.get(WALLET_PATH),
        v.get(WALLET_NAME),
        v.get(WALLET_HOTKEY),
        v.get(NETUID),
        v.get(CHAIN),
        v.get(AXON_HOST),
        v.get(AXON_PORT),
        v.get(MODEL),
        v.get(BACKEND),
        v.get(CONCURRENCY),
        v.get(QUEUE_SIZE),
        v.get(REGISTER),
        v.get(REQUEST_WINDOW_PAST_MS),
        v.get(REQUEST_WINDOW_FUTURE_MS),
        v.get(MAX_BODY_BYTES),
        v.get(RATE_LIMIT_PER_HOTKEY),
        v.get(MIN_CALLER_STAKE_RAO),
        v.get(ADVERTISE_HOST),
        v.get(MODEL_CACHE_DIR));
  }

  /** Layers {@code --config FILE}/{@code AGORA_CONFIG}, the environment and the flags in {@code args}. */
  public static MinerConfig load(final List<String> args, final Map<String, String> env) {
    return from(ConfigLoader.of(OPTIONS).env(env).args(args).load());
  }

  /** Defaults with some options replaced by name, e.g. {@code Map.of("axon.port", "0")}. */
  public static MinerConfig with(final Map<String, String> overrides) {
    final ConfigLoader loader = ConfigLoader.of(OPTIONS);
    overrides.forEach(loader::set);
    return from(loader.load());
  }
}
