package dev.agora.cli.node;

import dev.agora.common.util.Json;
import dev.agora.config.ConfigException;
import dev.agora.config.DevnetConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agora devnet}: the market running on one machine. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "Start a chain, an owner with a subnet, validators and miners in one process on loopback, "
        + "run some epochs and print the metagraph. Options also come from --config FILE / AGORA_CONFIG and "
        + "AGORA_* variables (file < environment < flags); see docs/CONFIGURATION.md.")
public final class DevnetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file with devnet options.")
  Path config;

  @Option(names = "--data-dir", description = "Model cache and databases (the run/ subfolder is wiped at start). "
      + "Default: ~/.agora/devnet.")
  String dataDir;

  @Option(names = "--miners", description = "Honest miners (default: " + DevnetConfig.DEFAULT_MINERS + ").")
  String miners;

  @Option(names = "--validators", description = "Validators (default: " + DevnetConfig.DEFAULT_VALIDATORS + ").")
  String validators;

  @Option(names = "--epochs", description = "Epochs to run once validators hold permits (default: "
      + DevnetConfig.DEFAULT_EPOCHS + ").")
  String epochs;

  @Option(names = "--adversaries",
      description = "Misbehaving miners, kind:count,... with kinds random, cacher, copycat, slow.")
  String adversaries;

  @Option(names = "--block-time-ms", description = "Milliseconds per block (default: "
      + DevnetConfig.DEFAULT_BLOCK_TIME_MS + ").")
  String blockTimeMs;

  @Option(names = "--tempo", description = "Blocks per epoch (default: " + DevnetConfig.DEFAULT_TEMPO + ").")
  String tempo;

  @Option(names = "--model", description = "Demo preset (demo-15m, demo-tiny, ...) or checkpoint path (default: "
      + DevnetConfig.DEFAULT_MODEL + ").")
  String model;

  @Option(names = "--tokens", description = "Tokens generated per challenge (default: "
      + DevnetConfig.DEFAULT_TOKENS + ").")
  String tokens;

  @Option(names = "--prompt-tokens", description = "Random prompt tokens per challenge (default: "
      + DevnetConfig.DEFAULT_PROMPT_TOKENS + ").")
  String promptTokens;

  @Option(names = "--commit-reveal", arity = "0..1", fallbackValue = "true",
      description = "Use commit-reveal for weights (slower: reveals wait an epoch).")
  String commitReveal;

  @Option(names = "--seed", description = "Seed of every key and behaviour (default: " + DevnetConfig.DEFAULT_SEED
      + ").")
  String seed;

  @Option(names = "--round-interval-ms", description = "Pause between a validator's rounds (default: "
      + DevnetConfig.DEFAULT_ROUND_INTERVAL_MS + ").")
  String roundIntervalMs;

  @Option(names = "--dashboard-port", description = "Serve the chain API and dashboard on 127.0.0.1 at this port "
      + "(0 = any free port; default: off).")
  String dashboardPort;

  @Option(names = "--dashboard-linger-seconds", description = "Keep the dashboard up this long after the report "
      + "(default: " + DevnetConfig.DEFAULT_DASHBOARD_LINGER_SECONDS + ").")
  String dashboardLingerSeconds;

  @Option(names = "--verbose", description = "Log every validator round.")
  boolean verbose;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  /** The environment the config reads; tests replace it. */
  Map<String, String> env = System.getenv();

  /** The devnet config: defaults < file < AGORA_* environment < these flags. */
  DevnetConfig loadConfig() {
    final NodeConfigs.Flags f = new NodeConfigs.Flags()
        .put(DevnetConfig.DATA_DIR, dataDir)
        .put(DevnetConfig.MINERS, miners)
        .put(DevnetConfig.VALIDATORS, validators)
        .put(DevnetConfig.EPOCHS, epochs)
        .put(DevnetConfig.ADVERSARIES, adversaries)
        .put(DevnetConfig.BLOCK_TIME_MS, blockTimeMs)
        .put(DevnetConfig.TEMPO, tempo)
        .put(DevnetConfig.MODEL, model)
        .put(DevnetConfig.TOKENS, tokens)
        .put(DevnetConfig.PROMPT_TOKENS, promptTokens)
        .put(DevnetConfig.ROUND_INTERVAL_MS, roundIntervalMs)
        .put(DevnetConfig.COMMIT_REVEAL, commitReveal)
        .put(DevnetConfig.SEED, seed)
        .put(DevnetConfig.DASHBOARD_PORT, dashboardPort)
        .put(DevnetConfig.DASHBOARD_LINGER_SECONDS, dashboardLingerSeconds);
    return DevnetConfig.from(NodeConfigs.load(DevnetConfig.OPTIONS, Optional.ofNullable(config), env, f));
  }

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    final DevnetConfig c;
    try {
      c = loadConfig();
    } catch (final ConfigException | IllegalArgumentException e) {
      err.println("agora devnet: " + e.getMessage());
      return 2;
    }
    try {
      final DevnetReport r = new Devnet(c, verbose, line -> {
        if (!json) {
          out.println("· " + line);
          out.flush();
        }
      }).run();
      out.println(json ? Json.write(toJson(r)) : DevnetPrinter.table(r));
      out.flush();
      if (!r.ok()) {
        err.println("agora devnet: checks failed (issuance conserved " + r.issuanceConserved()
            + ", honest miners earned " + r.honestEarned() + ", adversaries at zero " + r.adversariesZero()
            + ", weight submissions " + r.weightSubmissions() + ")");
        return 1;
      }
      return 0;
    } catch (final Exception e) {
      err.println("agora devnet: " + NodeRuntime.oneLine(e));
      return 1;
    }
  }

  static Map<String, Object> toJson(final DevnetReport r) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("netuid", r.netuid());
    m.put("block", r.block());
    m.put("epochs", r.epochs());
    m.put("neurons", r.rows().stream().map(row -> {
      final Map<String, Object> n = new LinkedHashMap<>();
      n.put("uid", row.uid());
      n.put("role", row.role());
      n.put("hotkey", row.hotkey());
      n.put("stake", row.stake());
      n.put("validator_trust", row.validatorTrust() / 65535.0);
      n.put("consensus", row.consensus() / 65535.0);
      n.put("incentive", row.incentive() / 65535.0);
      n.put("dividends", row.dividends() / 65535.0);
      n.put("emission", row.emission());
      if ("miner".equals(row.role())) {
        n.put("behaviour", row.behaviour());
      }
      return n;
    }).toList());
    m.put("totals", r.totals());
    m.put("issuance_conserved", r.issuanceConserved());
    m.put("honest_miners_earned", r.honestEarned());
    m.put("adversaries_at_zero", r.adversariesZero());
    m.put("weight_submissions", r.weightSubmissions());
    m.put("elapsed_ms", r.elapsedMs());
    m.put("ok", r.ok());
    return m;
  }
}
