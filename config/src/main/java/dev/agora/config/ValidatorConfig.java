package dev.agora.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Configuration of a validator ({@code agora validator run}).
 *
 * @param walletPath directory of the wallets
 * @param walletName wallet (coldkey) name
 * @param hotkey hotkey name; the validator signs as this hotkey
 * @param netuid subnet validated
 * @param chain chain RPC endpoint
 * @param roundIntervalMs time between challenge rounds
 * @param tokensPerChallenge exact number of tokens each challenge asks for
 * @param firstTokenTimeoutMs deadline for the first streamed token
 * @param totalTimeoutMs deadline for the whole answer
 * @param auditFraction share of answers verified by prefill, in (0, 1]
 * @param weightsIntervalBlocks blocks between weight submissions
 * @param dataDir RocksDB directory of the reputation store
 * @param tau greedy margin tolerance in nats (VERIFICATION.md §2.5)
 * @param epsilon seeded-sampling CDF tolerance in probability units (VERIFICATION.md §2.5)
 * @param model the model miners must serve and the validator verifies with (preset or checkpoint)
 * @param backend inference engine used for verification
 * @param promptTokens random prompt tokens after BOS in each challenge
 * @param anomalyMaxReduction largest score reduction the timing anomaly model may apply, in [0, 0.5]
 * @param anomalyRetrainRounds rounds between retrainings of the timing anomaly model
 * @param metricsPort port of the /metrics and /health endpoint (-1 = off, 0 = any free port)
 */
public record ValidatorConfig(
    Path walletPath,
    String walletName,
    String hotkey,
    int netuid,
    String chain,
    long roundIntervalMs,
    int tokensPerChallenge,
    long firstTokenTimeoutMs,
    long totalTimeoutMs,
    double auditFraction,
    int weightsIntervalBlocks,
    Path dataDir,
    double tau,
    double epsilon,
    String model,
    Backend backend,
    int promptTokens,
    double anomalyMaxReduction,
    int anomalyRetrainRounds,
    int metricsPort) {

  public static final long DEFAULT_ROUND_INTERVAL_MS = 12_000L;
  public static final int DEFAULT_TOKENS_PER_CHALLENGE = 32;
  public static final long DEFAULT_FIRST_TOKEN_TIMEOUT_MS = 5_000L;
  public static final long DEFAULT_TOTAL_TIMEOUT_MS = 30_000L;
  /** VERIFICATION.md §2.7: verify every answer. */
  public static final double DEFAULT_AUDIT_FRACTION = 1.0;
  /** The reference chain's default weights rate limit (yuma/SPEC.md §8). */
  public static final int DEFAULT_WEIGHTS_INTERVAL_BLOCKS = 100;
  public static final String DEFAULT_DATA_DIR = "~/.agora/validator";
  /** VERIFICATION.md §2.5: greedy tolerance for fp32-class engines. */
  public static final double DEFAULT_TAU = 0.02;
  /** VERIFICATION.md §2.5: seeded-sampling tolerance. */
  public static final double DEFAULT_EPSILON = 1e-3;
  public static final String DEFAULT_MODEL = "demo-15m";
  public static final Backend DEFAULT_BACKEND = Backend.AUTO;
  public static final int DEFAULT_PROMPT_TOKENS = 16;
  /** docs/ANOMALY.md: at most 20% off a miner's score for timing anomalies. */
  public static final double DEFAULT_ANOMALY_MAX_REDUCTION = 0.2;
  /** docs/ANOMALY.md's cap on that reduction: a score always keeps at least half. */
  public static final double ANOMALY_MAX_REDUCTION_CAP = 0.5;
  public static final int DEFAULT_ANOMALY_RETRAIN_ROUNDS = 10;
  public static final int DEFAULT_METRICS_PORT = -1;

  public static final Option<Path> WALLET_PATH = NodeOptions.WALLET_PATH;
  public static final Option<String> WALLET_NAME = NodeOptions.WALLET_NAME;
  public static final Option<String> WALLET_HOTKEY = NodeOptions.WALLET_HOTKEY;
  public static final Option<Integer> NETUID = NodeOptions.NETUID;
  public static final Option<String> CHAIN = NodeOptions.CHAIN;

  public static final Option<Long> ROUND_INTERVAL_MS =
      Option.ofLong(
          "round.interval.ms", DEFAULT_ROUND_INTERVAL_MS, 1, 3_600_000, "Time between challenge rounds, in ms.");

  public static final Option<Integer> TOKENS_PER_CHALLENGE =
      Option.ofInt(
          "tokens.per.challenge", DEFAULT_TOKENS_PER_CHALLENGE, 1, 4096,
          "Exact number of tokens each challenge asks for.");

  public static final Option<Long> FIRST_TOKEN_TIMEOUT_MS =
      Option.ofLong(
          "timeout.first.token.ms", DEFAULT_FIRST_TOKEN_TIMEOUT_MS, 1, 600_000,
          "Deadline for the first streamed token, in ms.");

  public static final Option<Long> TOTAL_TIMEOUT_MS =
      Option.ofLong(
          "timeout.total.ms", DEFAULT_TOTAL_TIMEOUT_MS, 1, 3_600_000,
          "Deadline for the whole answer, in ms (>= timeout.first.token.ms).");

  public static final Option<Double> AUDIT_FRACTION =
      Option.ofDouble(
          "audit.fraction", DEFAULT_AUDIT_FRACTION, 0.0, true, 1.0,
          "Share of answers verified by teacher-forced prefill.");

  public static final Option<Integer> WEIGHTS_INTERVAL_BLOCKS =
      Option.ofInt(
          "weights.interval.blocks", DEFAULT_WEIGHTS_INTERVAL_BLOCKS, 1, 1_000_000,
          "Blocks between weight submissions (never faster than the chain allows).");

  public static final Option<Path> DATA_DIR =
      Option.ofPath("data.dir", DEFAULT_DATA_DIR, "RocksDB directory of the reputation store.");

  public static final Option<Double> TAU =
      Option.ofDouble("tau", DEFAULT_TAU, 0.0, false, 10.0, "Greedy margin tolerance, in nats.");

  public static final Option<Double> EPSILON =
      Option.ofDouble(
          "epsilon", DEFAULT_EPSILON, 0.0, false, 1.0, "Seeded-sampling CDF tolerance, in probability units.");

  public static final Option<String> MODEL =
      Option.ofText(
          "model", DEFAULT_MODEL, 4096,
          "Model the miners must serve, used for verification: demo preset name or checkpoint path.");

  public static final Option<Backend> BACKEND =
      Option.ofEnum(
          "inference.backend", Backend.class, DEFAULT_BACKEND,
          "Verification engine: auto uses a CUDA device when one is usable, else the CPU.");

  public static final Option<Integer> PROMPT_TOKENS =
      Option.ofInt(
          "prompt.tokens", DEFAULT_PROMPT_TOKENS, 1, 4096,
          "Random prompt tokens after BOS in each challenge.");

  public static final Option<Double> ANOMALY_MAX_REDUCTION =
      Option.ofDouble(
          "anomaly.max.reduction", DEFAULT_ANOMALY_MAX_REDUCTION, 0.0, false, ANOMALY_MAX_REDUCTION_CAP,
          "Largest share of a miner's round score the timing anomaly model may take off (0 = off).");

  public static final Option<Integer> ANOMALY_RETRAIN_ROUNDS =
      Option.ofInt(
          "anomaly.retrain.rounds", DEFAULT_ANOMALY_RETRAIN_ROUNDS, 1, 1_000_000,
          "Rounds between retrainings of the timing anomaly model.");

  public static final Option<Integer> METRICS_PORT =
      Option.ofInt(
          "metrics.port", DEFAULT_METRICS_PORT, -1, 65_535,
          "Port of the validator's /metrics and /health on 127.0.0.1 (-1 = off, 0 = any free port).");

  public static final OptionSet OPTIONS =
      OptionSet.of(
          "validator",
          WALLET_PATH,
          WALLET_NAME,
          WALLET_HOTKEY,
          NETUID,
          CHAIN,
          ROUND_INTERVAL_MS,
          TOKENS_PER_CHALLENGE,
          FIRST_TOKEN_TIMEOUT_MS,
          TOTAL_TIMEOUT_MS,
          AUDIT_FRACTION,
          WEIGHTS_INTERVAL_BLOCKS,
          DATA_DIR,
          TAU,
          EPSILON,
          MODEL,
          BACKEND,
          PROMPT_TOKENS,
          ANOMALY_MAX_REDUCTION,
          ANOMALY_RETRAIN_ROUNDS,
          METRICS_PORT);

  /** Checks every bound; a record can only hold valid values. */
  public ValidatorConfig {
    WALLET_PATH.check(walletPath);
    WALLET_NAME.check(walletName);
    WALLET_HOTKEY.check(hotkey);
    NETUID.check(netuid);
    CHAIN.check(chain);
    ROUND_INTERVAL_MS.check(roundIntervalMs);
    TOKENS_PER_CHALLENGE.check(tokensPerChallenge);
    FIRST_TOKEN_TIMEOUT_MS.check(firstTokenTimeoutMs);
    TOTAL_TIMEOUT_MS.check(totalTimeoutMs);
    AUDIT_FRACTION.check(auditFraction);
    WEIGHTS_INTERVAL_BLOCKS.check(weightsIntervalBlocks);
    DATA_DIR.check(dataDir);
    TAU.check(tau);
    EPSILON.check(epsilon);
    MODEL.check(model);
    BACKEND.check(backend);
    PROMPT_TOKENS.check(promptTokens);
    ANOMALY_MAX_REDUCTION.check(anomalyMaxReduction);
    ANOMALY_RETRAIN_ROUNDS.check(anomalyRetrainRounds);
    METRICS_PORT.check(metricsPort);
    if (firstTokenTimeoutMs > totalTimeoutMs) {
      throw new ConfigException(
          "timeout.first.token.ms = " + firstTokenTimeoutMs
              + " is out of bounds (allowed: <= timeout.total.ms = " + totalTimeoutMs + ")");
    }
  }

  /** The first fourteen options; the rest at their defaults. */
  public ValidatorConfig(
      final Path walletPath,
      final String walletName,
      final String hotkey,
      final int netuid,
      final String chain,
      final long roundIntervalMs,
      final int tokensPerChallenge,
      final long firstTokenTimeoutMs,
      final long totalTimeoutMs,
      final double auditFraction,
      final int weightsIntervalBlocks,
      final Path dataDir,
      final double tau,
      final double epsilon) {
    this(walletPath, walletName, hotkey, netuid, chain, roundIntervalMs, tokensPerChallenge, firstTokenTimeoutMs,
        totalTimeoutMs, auditFraction, weightsIntervalBlocks, dataDir, tau, epsilon, DEFAULT_MODEL, DEFAULT_BACKEND,
        DEFAULT_PROMPT_TOKENS, DEFAULT_ANOMALY_MAX_REDUCTION, DEFAULT_ANOMALY_RETRAIN_ROUNDS, DEFAULT_METRICS_PORT);
  }

  public static ValidatorConfig defaults() {
    return from(ConfigLoader.of(OPTIONS).load());
  }

  public static ValidatorConfig from(final OptionValues v) {
    return new ValidatorConfig(
        v.get(WALLET_PATH),
        v.get(WALLET_NAME),
        v.get(WALLET_HOTKEY),
        v.get(NETUID),
        v.get(CHAIN),
        v.get(ROUND_INTERVAL_MS),
        v.get(TOKENS_PER_CHALLENGE),
        v.get(FIRST_TOKEN_TIMEOUT_MS),
        v.get(TOTAL_TIMEOUT_MS),
        v.get(AUDIT_FRACTION),
        v.get(WEIGHTS_INTERVAL_BLOCKS),
        v.get(DATA_DIR),
        v.get(TAU),
        v.get(EPSILON),
        v.get(MODEL),
        v.get(BACKEND),
        v.get(PROMPT_TOKENS),
        v.get(ANOMALY_MAX_REDUCTION),
        v.get(ANOMALY_RETRAIN_ROUNDS),
        v.get(METRICS_PORT));
  }

  /** Layers {@code --config FILE}/{@code AGORA_CONFIG}, the environment and the flags in {@code args}. */
  public static ValidatorConfig load(final List<String> args, final Map<String, String> env) {
    return from(ConfigLoader.of(OPTIONS).env(env).args(args).load());
  }

  /** Defaults with some options replaced by name, e.g. {@code Map.of("audit.fraction", "0.5")}. */
  public static ValidatorConfig with(final Map<String, String> overrides) {
    final ConfigLoader loader = ConfigLoader.of(OPTIONS);
    overrides.forEach(loader::set);
    return from(loader.load());
  }
}
