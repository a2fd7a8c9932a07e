package dev.agora.cli.node;

import dev.agora.common.util.Json;
import dev.agora.config.AdversarySpec;
import dev.agora.config.DevnetConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agora devnet}: the market running on one machine. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "Start a chain, an owner with a subnet, validators and miners in one process on loopback, "
        + "run some epochs and print the metagraph.")
public final class DevnetCommand implements Callable<Integer> {
  @Option(names = "--data-dir", description = "Model cache and databases (the run/ subfolder is wiped at start). "
      + "Default: ~/.agora/devnet.")
  Path dataDir;

  @Option(names = "--miners", defaultValue = "" + DevnetConfig.DEFAULT_MINERS, description = "Honest miners.")
  int miners;

  @Option(names = "--validators", defaultValue = "" + DevnetConfig.DEFAULT_VALIDATORS, description = "Validators.")
  int validators;

  @Option(names = "--epochs", defaultValue = "" + DevnetConfig.DEFAULT_EPOCHS,
      description = "Epochs to run once validators hold permits.")
  int epochs;

  @Option(names = "--adversaries", defaultValue = "",
      description = "Misbehaving miners, kind:count,... with kinds random, cacher, copycat, slow.")
  String adversaries;

  @Option(names = "--block-time-ms", defaultValue = "" + DevnetSettings.DEFAULT_BLOCK_TIME_MS,
      description = "Milliseconds per block.")
  long blockTimeMs;

  @Option(names = "--tempo", defaultValue = "" + DevnetConfig.DEFAULT_TEMPO, description = "Blocks per epoch.")
  int tempo;

  @Option(names = "--model", defaultValue = DevnetConfig.DEFAULT_MODEL,
      description = "Demo preset (demo-15m, demo-tiny, ...) or checkpoint path.")
  String model;

  @Option(names = "--tokens", defaultValue = "" + DevnetSettings.DEFAULT_MAX_NEW_TOKENS,
      description = "Tokens generated per challenge.")
  int tokens;

  @Option(names = "--prompt-tokens", defaultValue = "" + DevnetSettings.DEFAULT_PROMPT_TOKENS,
      description = "Random prompt tokens per challenge.")
  int promptTokens;

  @Option(names = "--commit-reveal", description = "Use commit-reveal for weights (slower: reveals wait an epoch).")
  boolean commitReveal;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of every key and behaviour.")
  long seed;

  @Option(names = "--verbose", description = "Log every validator round.")
  boolean verbose;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  @Override
  public Integer call() {
    final DevnetSettings s;
    try {
      final List<AdversarySpec> adv = AdversarySpec.parseList(adversaries);
      final Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".agora", "devnet");
      s = new DevnetSettings(dir, miners, validators, epochs, adv, blockTimeMs, tempo, model, promptTokens, tokens,
          DevnetSettings.DEFAULT_ROUND_INTERVAL_MS, commitReveal, seed, verbose);
    } catch (final IllegalArgumentException e) {
      System.err.println("agora devnet: " + e.getMessage());
      return 2;
    }
    try {
      final DevnetReport r = new Devnet(s, line -> {
        if (!json) {
          System.out.println("· " + line);
        }
      }).run();
      System.out.println(json ? Json.write(toJson(r)) : DevnetPrinter.table(r));
      if (!r.ok()) {
        System.err.println("agora devnet: checks failed (issuance conserved " + r.issuanceConserved()
            + ", honest miners earned " + r.honestEarned() + ", adversaries at zero " + r.adversariesZero()
            + ", weight submissions " + r.weightSubmissions() + ")");
        return 1;
      }
      return 0;
    } catch (final Exception e) {
      System.err.println("agora devnet: " + e);
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
