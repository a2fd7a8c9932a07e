package dev.agora.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Configuration of {@code agora devnet}: a chain, an owner and subnet, validators and miners in one JVM.
 *
 * @param dataDir directory for the chain's and validators' databases
 * @param miners number of honest miners
 * @param validators number of validators
 * @param epochs epochs to run before printing the metagraph
 * @param adversaries misbehaving miners added to the honest ones
 * @param blockTimeMs milliseconds between blocks
 * @param tempo blocks per epoch of the devnet subnet
 * @param model demo preset or checkpoint path every node loads
 * @param tokens tokens generated per challenge
 * @param promptTokens random prompt tokens per challenge
 * @param roundIntervalMs pause between a validator's rounds
 * @param commitReveal whether the devnet subnet uses commit-reveal for weights
 * @param seed seed of every key and miner behaviour
 * @param dashboardPort loopback port of the chain API and dashboard; 0 = any free port, -1 = none
 * @param dashboardLingerSeconds how long the dashboard stays up after the report
 */
public record DevnetConfig(
    Path dataDir,
    int miners,
    int validators,
    int epochs,
    List<AdversarySpec> adversaries,
    long blockTimeMs,
    int tempo,
    String model,
    int tokens,
    int promptTokens,
    long roundIntervalMs,
    boolean commitReveal,
    long seed,
    int dashboardPort,
    int dashboardLingerSeconds) {

  /** The subnet's default uid limit (yuma/SPEC.md §8): every devnet neuron must fit. */
  public static final int MAX_NEURONS = 256;

  public static final String DEFAULT_DATA_DIR = "~/.agora/devnet";
  public static final int DEFAULT_MINERS = 4;
  public static final int DEFAULT_VALIDATORS = 2;
  public static final int DEFAULT_EPOCHS = 3;
  public static final String DEFAULT_ADVERSARIES = "";
  /** 250 ms with tempo 20: a 5 s epoch, room for a few demo-15m rounds on two cores (docs/NODES.md). */
  public static final long DEFAULT_BLOCK_TIME_MS = 250L;
  public static final int DEFAULT_TEMPO = 20;
  public static final String DEFAULT_MODEL = "demo-15m";
  public static final int DEFAULT_TOKENS = 16;
  public static final int DEFAULT_PROMPT_TOKENS = 8;
  public static final long DEFAULT_ROUND_INTERVAL_MS = 200L;
  public static final boolean DEFAULT_COMMIT_REVEAL = false;
  public static final long DEFAULT_SEED = 42L;
  public static final int DEFAULT_DASHBOARD_PORT = -1;
  public static final int DEFAULT_DASHBOARD_LINGER_SECONDS = 0;

  public static final Option<Path> DATA_DIR =
      Option.ofPath("data.dir", DEFAULT_DATA_DIR, "Directory for the chain's and validators' databases.");

  public static final Option<Integer> MINERS =
      Option.ofInt("miners", DEFAULT_MINERS, 1, MAX_NEURONS, "Number of honest miners.");

  public static final Option<Integer> VALIDATORS =
      Option.ofInt("validators", DEFAULT_VALIDATORS, 1, 64, "Number of validators.");

  public static final Option<Integer> EPOCHS =
      Option.ofInt("epochs", DEFAULT_EPOCHS, 1, 10_000, "Epochs to run before printing the metagraph.");

  public static final Option<List<AdversarySpec>> ADVERSARIES =
      Option.ofCustom(
          "adversaries",
          "list",
          AdversarySpec.parseList(DEFAULT_ADVERSARIES),
          AdversarySpec::parseList,
          AdversarySpec::formatList,
          "empty, or kind:count,... with kinds " + String.join("|", AdversarySpec.KINDS),
          "Misbehaving miners added to the honest ones, e.g. random:1,copycat:2.");

  public static final Option<Long> BLOCK_TIME_MS =
      Option.ofLong("block.time.ms", DEFAULT_BLOCK_TIME_MS, 1, 60_000, "Milliseconds between blocks.");

  public static final Option<Integer> TEMPO =
      Option.ofInt("tempo", DEFAULT_TEMPO, 2, 65_535, "Blocks per epoch of the devnet subnet.");

  public static final Option<String> MODEL =
      Option.ofText("model", DEFAULT_MODEL, 4096, "Demo preset or checkpoint path every node loads.");

  public static final Option<Integer> TOKENS =
      Option.ofInt("tokens", DEFAULT_TOKENS, 1, 4096, "Tokens generated per challenge.");

  public static final Option<Long> ROUND_INTERVAL_MS =
      Option.ofLong(
          "round.interval.ms", DEFAULT_ROUND_INTERVAL_MS, 0, 600_000, "Pause between a validator's rounds.");

  public static final Option<Integer> PROMPT_TOKENS =
      Option.ofInt("prompt.tokens", DEFAULT_PROMPT_TOKENS, 1, 4096, "Random prompt tokens per challenge.");

  public static final Option<Boolean> COMMIT_REVEAL =
      Option.ofBoolean(
          "commit.reveal", DEFAULT_COMMIT_REVEAL,
          "Weights by commit-reveal (reveals wait an epoch: run 4 or more epochs).");

  public static final Option<Long> SEED =
      Option.ofLong("seed", DEFAULT_SEED, 0, Long.MAX_VALUE, "Seed of every key and miner behaviour.");

  public static final Option<Integer> DASHBOARD_PORT =
      Option.ofInt(
          "dashboard.port", DEFAULT_DASHBOARD_PORT, -1, 65535,
          "Serve the chain's HTTP API and dashboard on 127.0.0.1 at this port (0 = any free port, -1 = off).");

  public static final Option<Integer> DASHBOARD_LINGER_SECONDS =
      Option.ofInt(
          "dashboard.linger.seconds", DEFAULT_DASHBOARD_LINGER_SECONDS, 0, 86_400,
          "Seconds the dashboard stays up after the metagraph is printed (needs dashboard.port).");

  public static final OptionSet OPTIONS =
      OptionSet.of(
          "devnet", DATA_DIR, MINERS, VALIDATORS, EPOCHS, ADVERSARIES, BLOCK_TIME_MS, TEMPO, MODEL, TOKENS,
          PROMPT_TOKENS, ROUND_INTERVAL_MS, COMMIT_REVEAL, SEED, DASHBOARD_PORT, DASHBOARD_LINGER_SECONDS);

  /** Checks every bound; a record can only hold valid values. */
  public DevnetConfig {
    DATA_DIR.check(dataDir);
    MINERS.check(miners);
    VALIDATORS.check(validators);
    EPOCHS.check(epochs);
    adversaries = List.copyOf(ADVERSARIES.check(adversaries));
    BLOCK_TIME_MS.check(blockTimeMs);
    TEMPO.check(tempo);
    MODEL.check(model);
    TOKENS.check(tokens);
    PROMPT_TOKENS.check(promptTokens);
    ROUND_INTERVAL_MS.check(roundIntervalMs);
    COMMIT_REVEAL.check(commitReveal);
    SEED.check(seed);
    DASHBOARD_PORT.check(dashboardPort);
    DASHBOARD_LINGER_SECONDS.check(dashboardLingerSeconds);
    final int total = miners + validators + AdversarySpec.total(adversaries);
    // the subnet owner holds one of the MAX_NEURONS uids too
    if (total > MAX_NEURONS - 1) {
      throw new ConfigException(
          "miners + validators + adversaries = " + total
              + " is out of bounds (allowed: <= " + (MAX_NEURONS - 1) + " neurons besides the owner's uid)");
    }
  }

  /** Honest plus adversarial miners. */
  public int totalMiners() {
    return miners + AdversarySpec.total(adversaries);
  }

  public static DevnetConfig defaults() {
    return from(ConfigLoader.of(OPTIONS).load());
  }

  public static DevnetConfig from(final OptionValues v) {
    return new DevnetConfig(
        v.get(DATA_DIR),
        v.get(MINERS),
        v.get(VALIDATORS),
        v.get(EPOCHS),
        v.get(ADVERSARIES),
        v.get(BLOCK_TIME_MS),
        v.get(TEMPO),
        v.get(MODEL),
        v.get(TOKENS),
        v.get(PROMPT_TOKENS),
        v.get(ROUND_INTERVAL_MS),
        v.get(COMMIT_REVEAL),
        v.get(SEED),
        v.get(DASHBOARD_PORT),
        v.get(DASHBOARD_LINGER_SECONDS));
  }

  /** Layers {@code --config FILE}/{@code AGORA_CONFIG}, the environment and the flags in {@code args}. */
  public static DevnetConfig load(final List<String> args, final Map<String, String> env) {
    return from(ConfigLoader.of(OPTIONS).env(env).args(args).load());
  }

  /** Defaults with some options replaced by name, e.g. {@code Map.of("miners", "3")}. */
  public static DevnetConfig with(final Map<String, String> overrides) {
    final ConfigLoader loader = ConfigLoader.of(OPTIONS);
    overrides.forEach(loader::set);
    return from(loader.load());
  }
}
