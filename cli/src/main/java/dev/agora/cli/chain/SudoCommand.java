package dev.agora.cli.chain;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Hyperparameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code agora sudo set|get}: subnet owner (or root) hyperparameters. */
@Command(name = "sudo", mixinStandardHelpOptions = true,
    description = "Set or read subnet hyperparameters (owner or root).",
    subcommands = {SudoCommand.Set.class, SudoCommand.Get.class})
public final class SudoCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** sudo_set_hyperparameter, signed by the wallet's coldkey. */
  @Command(name = "set", description = "Set a hyperparameter (true/false accepted for flags).")
  static final class Set implements Callable<Integer> {
    @Mixin ChainEndpointOptions chain;
    @Mixin SignerOptions signer;

    @Option(names = "--netuid", required = true, description = "Subnet id.")
    int netuid;

    @Option(names = {"--param", "--name"}, required = true, description = "Hyperparameter name.")
    String param;

    @Option(names = "--value", required = true, description = "New value.")
    String value;

    @Override
    public Integer call() {
      final Hyperparameter h = Hyperparameter.byKey(param).orElse(null);
      if (h == null) {
        return ChainCli.fail(chain, "UNKNOWN_HYPERPARAMETER", "unknown hyperparameter '" + param
            + "'; known: " + java.util.Arrays.stream(Hyperparameter.values())
                .map(Hyperparameter::key).toList());
      }
      final long v;
      if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
        v = "true".equalsIgnoreCase(value) ? 1 : 0;
      } else {
        try {
          v = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          return ChainCli.fail(chain, "BAD_INPUT", "value must be an integer or true/false");
        }
      }
      return ChainCli.withChain(chain, c -> ChainCli.submit(c, chain, signer.coldkey(),
          new Call.SudoSetHyperparameter(netuid, h.key(), v)));
    }
  }

  /** Reads one or all hyperparameters, with their owner bounds and change log. */
  @Command(name = "get", description = "Show hyperparameters with their bounds and change log.")
  static final class Get implements Callable<Integer> {
    @Mixin ChainEndpointOptions chain;

    @Option(names = "--netuid", required = true, description = "Subnet id.")
    int netuid;

    @Option(names = {"--param", "--name"}, description = "Only this hyperparameter.")
    String param;

    @Override
    public Integer call() {
      return ChainCli.withChain(chain, c -> {
        final Hyperparameters hp = ChainCli.await(c.hyperparameters(netuid));
        final List<HyperparameterChange> log = ChainCli.await(c.hyperparameterLog(netuid));
        final Map<String, Object> out = new LinkedHashMap<>();
        final StringBuilder sb = new StringBuilder(String.format("%-32s %-14s %-8s %s%n", "NAME",
            "VALUE", "SETTER", "OWNER BOUNDS"));
        for (final Hyperparameter h : Hyperparameter.values()) {
          if (param != null && !Hyperparameter.byKey(param).map(h::equals).orElse(false)) {
            continue;
          }
          out.put(h.key(), hp.get(h));
          sb.append(String.format("%-32s %-14d %-8s %s%n", h.key(), hp.get(h),
              h.ownerSettable() ? "owner" : "root",
              h.ownerSettable() ? h.ownerMin() + ".." + h.ownerMax() : "-"));
        }
        if (out.isEmpty()) {
          return ChainCli.fail(chain, "UNKNOWN_HYPERPARAMETER", "unknown hyperparameter " + param);
        }
        if (!log.isEmpty()) {
          sb.append("changes:\n");
          for (final HyperparameterChange ch : log) {
            if (param == null || ch.name().equals(Hyperparameter.byKey(param).get().key())) {
              sb.append(String.format("  block %d: %s %d -> %d by %s%n", ch.block(), ch.name(),
                  ch.oldValue(), ch.newValue(), ch.by()));
            }
          }
        }
        final Map<String, Object> json = new LinkedHashMap<>();
        json.put("netuid", netuid);
        json.put("values", out);
        json.put("log", log);
        ChainCli.print(chain, json, sb.toString().stripTrailing());
        return 0;
      });
    }
  }
}
