package dev.agora.cli.chain;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.NeuronInfo;
import dev.agora.common.chain.SubnetInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code agora subnet create|register|list|metagraph|hyperparameters}. */
@Command(name = "subnet", aliases = "subnets", mixinStandardHelpOptions = true,
    description = "Create, join and inspect subnets.",
    subcommands = {SubnetCommand.Create.class, SubnetCommand.Register.class,
        SubnetCommand.ListSubnets.class, SubnetCommand.ShowMetagraph.class,
        SubnetCommand.ShowHyperparameters.class})
public final class SubnetCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** create_subnet: the wallet's coldkey owns it; its hotkey becomes the owner hotkey (uid 0). */
  @Command(name = "create", description = "Create a subnet (burns the lock cost).")
  static final class Create implements Callable<Integer> {
    @Mixin ChainEndpointOptions chain;
    @Mixin SignerOptions signer;

    @Override
    public Integer call() {
      return ChainCli.withChain(chain, c -> ChainCli.submit(c, chain, signer.coldkey(),
          new Call.CreateSubnet(signer.hotkey().publicKey().address())));
    }
  }

  /** Burn registration of the wallet's hotkey, paid by its coldkey. */
  @Command(name = "register", description = "Register the wallet's hotkey on a subnet (burn).")
  static final class Register implements Callable<Integer> {
    @Mixin ChainEndpointOptions chain;
    @Mixin SignerOptions signer;

    @Option(names = "--netuid", required = true, description = "Subnet id.")
    int netuid;

    @Option(names = "--max-burn", defaultValue = "0",
        description = "Refuse if the burn exceeds this many tokens (0 = no limit).")
    String maxBurn;

    @Override
    public Integer call() {
      return ChainCli.withChain(chain, c -> ChainCli.submit(c, chain, signer.coldkey(),
          new Call.Register(netuid, signer.hotkey().publicKey().address(),
              ChainCli.toRao(maxBurn))));
    }
  }

  /** Lists subnets. */
  @Command(name = "list", description = "List subnets.")
  static final class ListSubnets implements Callable<Integer> {
    @Mixin ChainEndpointOptions chain;

    @Override
    public Integer call() {
      return ChainCli.show(chain, ChainClient::subnets, ListSubnets::table);
    }

    private static String table(final List<SubnetInfo> list) {
      final StringBuilder sb = new StringBuilder(
          String.format("%-6s %-5s %-6s %-14s %s%n", "NETUID", "N", "TEMPO", "BURN", "OWNER"));
      for (final SubnetInfo s : list) {
        sb.append(String.format("%-6d %-5d %-6d %-14s %s%n", s.netuid(), s.n(), s.tempo(),
            ChainCli.tokens(s.burn()), s.ownerColdkey()));
      }
      return sb.toString();
    }
  }

  /** The metagraph of a subnet. */
  @Command(name = "metagraph", description = "Show a subnet's metagraph.")
  static final class ShowMetagraph implements Callable<Integer> {
    @Mixin ChainEndpointOptions chain;

    @Option(names = "--netuid", required = true, description = "Subnet id.")
    int netuid;

    @Override
    public Integer call() {
      return ChainCli.show(chain, c -> c.metagraph(netuid), this::table);
    }

    private String table(final Metagraph m) {
      final StringBuilder sb = new StringBuilder();
      sb.append("subnet ").append(netuid).append(" at block ").append(m.block())
          .append(", last epoch ").append(m.lastEpochBlock()).append('\n');
      sb.append(String.format("%-4s %-16s %-6s %-7s %-7s %-7s %-7s %-14s %-4s %s%n", "UID",
          "STAKE", "VPERM", "CONS", "VTRUST", "INCENT", "DIVS", "EMISSION", "ACT", "HOTKEY / AXON"));
      for (final NeuronInfo n : m.neurons()) {
        sb.append(String.format("%-4d %-16s %-6s %-7.4f %-7.4f %-7.4f %-7.4f %-14s %-4s %s %s%n",
            n.uid(), ChainCli.tokens(n.stake()), n.validatorPermit() ? "yes" : "-",
            n.consensus() / 65535.0, n.validatorTrust() / 65535.0, n.incentive() / 65535.0,
            n.dividends() / 65535.0, ChainCli.tokens(n.emission()), n.active() ? "yes" : "-",
            n.hotkey(), n.axon().serving() ? n.axon().url() : ""));
      }
      return sb.toString();
    }
  }

  /** The hyperparameters of a subnet. */
  @Command(name = "hyperparameters", description = "Show a subnet's hyperparameters.")
  static final class ShowHyperparameters implements Callable<Integer> {
    @Mixin ChainEndpointOptions chain;

    @Option(names = "--netuid", required = true, description = "Subnet id.")
    int netuid;

    @Override
    public Integer call() {
      return ChainCli.show(chain, c -> c.hyperparameters(netuid), ShowHyperparameters::table);
    }

    private static String table(final Hyperparameters h) {
      final StringBuilder sb = new StringBuilder();
      for (final Map.Entry<String, Long> e : h.values().entrySet()) {
        sb.append(String.format("%-32s %d%n", e.getKey(), e.getValue()));
      }
      return sb.toString();
    }
  }
}
