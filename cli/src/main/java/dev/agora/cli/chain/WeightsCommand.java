package dev.agora.cli.chain;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.CommitHash;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code agora weights set|commit|reveal}, signed by the wallet's hotkey. */
@Command(name = "weights", mixinStandardHelpOptions = true,
    description = "Set, commit or reveal weights (u16 values; the chain max-upscales them).",
    subcommands = {WeightsCommand.SetW.class, WeightsCommand.Commit.class,
        WeightsCommand.Reveal.class})
public final class WeightsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options shared by the three subcommands. */
  static class WeightOptions {
    @Mixin ChainEndpointOptions chain;
    @Mixin SignerOptions signer;

    @Option(names = "--netuid", required = true, description = "Subnet id.")
    int netuid;

    @Option(names = "--uids", required = true, split = ",", description = "Uids, e.g. 1,2,3.")
    int[] uids;

    @Option(names = "--weights", required = true, split = ",",
        description = "u16 weights (0..65535), one per uid.")
    int[] weights;

    @Option(names = "--version-key", defaultValue = "0", description = "weights_version_key.")
    long versionKey;
  }

  /** set_weights. */
  @Command(name = "set", description = "Set weights (commit-reveal off).")
  static final class SetW extends WeightOptions implements Callable<Integer> {
    @Override
    public Integer call() {
      return ChainCli.withChain(chain, c -> ChainCli.submit(c, chain, signer.hotkey(),
          new Call.SetWeights(netuid, uids, weights, versionKey)));
    }
  }

  /** commit_weights: prints the salt to keep for the reveal. */
  @Command(name = "commit", description = "Commit a hash of the weights; keep the printed salt.")
  static final class Commit extends WeightOptions implements Callable<Integer> {
    @Option(names = "--salt", description = "Salt in hex (default: 16 random bytes).")
    String salt;

    @Override
    public Integer call() {
      final String s = salt != null ? salt : Hex.encode(new SecureRandom().generateSeed(16));
      return ChainCli.withChain(chain, c -> {
        final KeyPair hot = signer.hotkey();
        final String hash = CommitHash.of(hot.publicKey().address(), netuid, uids, weights, s,
            versionKey);
        if (!chain.json()) {
          System.out.println("salt " + s + " (keep it for the reveal), commit hash " + hash);
        }
        final int rc = ChainCli.submit(c, chain, hot, new Call.CommitWeights(netuid, hash));
        if (chain.json()) {
          final Map<String, Object> m = new LinkedHashMap<>();
          m.put("salt", s);
          m.put("hash", hash);
          m.put("uids", Arrays.stream(uids).boxed().toList());
          m.put("weights", Arrays.stream(weights).boxed().toList());
          System.out.println(Json.write(m));
        }
        return rc;
      });
    }
  }

  /** reveal_weights. */
  @Command(name = "reveal", description = "Reveal committed weights (same values and salt).")
  static final class Reveal extends WeightOptions implements Callable<Integer> {
    @Option(names = "--salt", required = true, description = "The salt used at commit.")
    String salt;

    @Override
    public Integer call() {
      return ChainCli.withChain(chain, c -> ChainCli.submit(c, chain, signer.hotkey(),
          new Call.RevealWeights(netuid, uids, weights, salt, versionKey)));
    }
  }
}
