package dev.agora.cli.node;

import dev.agora.config.AdversarySpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything {@link Devnet} needs.
 *
 * @param dataDir chain and validator databases (wiped at start) and the model cache
 * @param miners honest miners
 * @param validators validators
 * @param epochs epochs to run once validators hold permits
 * @param adversaries misbehaving miners
 * @param blockTimeMs milliseconds per block
 * @param tempo blocks per epoch
 * @param model demo preset or checkpoint path
 * @param promptTokens random prompt tokens per challenge
 * @param maxNewTokens tokens per challenge
 * @param roundIntervalMs pause between validator rounds
 * @param commitReveal whether the subnet uses commit-reveal for weights
 * @param seed seed of every key and behaviour
 * @param verbose log every validator round
 * @param dashboardPort loopback port of the chain API and dashboard; 0 = any free port, -1 = none
 * @param dashboardLingerSeconds how long the dashboard stays up after the run
 */
public record DevnetSettings(
    Path dataDir,
    int miners,
    int validators,
    int epochs,
    List<AdversarySpec> adversaries,
    long blockTimeMs,
    int tempo,
    String model,
    int promptTokens,
    int maxNewTokens,
    long roundIntervalMs,
    boolean commitReveal,
    long seed,
    boolean verbose,
    int dashboardPort,
    int dashboardLingerSeconds) {
  public static final int DEFAULT_PROMPT_TOKENS = 8;
  public static final int DEFAULT_MAX_NEW_TOKENS = 16;
  public static final long DEFAULT_ROUND_INTERVAL_MS = 200;
  public static final long DEFAULT_BLOCK_TIME_MS = 250;

  public DevnetSettings {
    adversaries = List.copyOf(adversaries);
    if (miners < 1 || validators < 1 || epochs < 1 || tempo < 2 || blockTimeMs < 1) {
      throw new IllegalArgumentException("need >= 1 miner, validator and epoch, tempo >= 2, block time >= 1 ms");
    }
    if (miners + validators + AdversarySpec.total(adversaries) + 1 > 256) {
      throw new IllegalArgumentException("too many neurons for one subnet (256 uids)");
    }
  }
}
