package dev.agora.cli.chain;

import dev.agora.common.chain.Call;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code agora stake add|remove}: the coldkey moves tokens to or from stake on a hotkey. */
@Command(name = "stake", mixinStandardHelpOptions = true, description = "Add or remove stake.",
    subcommands = {StakeCommand.Add.class, StakeCommand.Remove.class})
public final class StakeCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Options of both subcommands. */
  static class StakeOptions {
    @Mixin ChainEndpointOptions chain;
    @Mixin SignerOptions signer;

    @Option(names = "--netuid", required = true, description = "Subnet id.")
    int netuid;

    @Option(names = "--amount", required = true, description = "Tokens (e.g. 1.5).")
    String amount;

    @Option(names = "--hotkey", paramLabel = "ADDRESS",
        description = "Hotkey address (default: the wallet's hotkey).")
    String hotkey;

    String hotkeyAddress() {
      return hotkey != null ? hotkey : signer.hotkey().publicKey().address();
    }
  }

  /** add_stake. */
  @Command(name = "add", description = "Stake tokens on a hotkey.")
  static final class Add extends StakeOptions implements Callable<Integer> {
    @Override
    public Integer call() {
      return ChainCli.withChain(chain, c -> ChainCli.submit(c, chain, signer.coldkey(),
          new Call.AddStake(netuid, hotkeyAddress(), ChainCli.toRao(amount))));
    }
  }

  /** remove_stake. */
  @Command(name = "remove", description = "Unstake tokens from a hotkey.")
  static final class Remove extends StakeOptions implements Callable<Integer> {
    @Override
    public Integer call() {
      return ChainCli.withChain(chain, c -> ChainCli.submit(c, chain, signer.coldkey(),
          new Call.RemoveStake(netuid, hotkeyAddress(), ChainCli.toRao(amount))));
    }
  }
}
