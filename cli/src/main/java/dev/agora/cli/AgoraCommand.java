package dev.agora.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code agora} command tree; each subcommand lives in its own class. */
@Command(
    name = "agora",
    mixinStandardHelpOptions = true,
    version = "agora 0.1.0",
    description = "Agora: a decentralized GPU inference subnet (chain, miners, validators).",
    subcommands = {CommandLine.HelpCommand.class, dev.agora.cli.wallet.WalletCommand.class, dev.agora.cli.yuma.YumaCommand.class, dev.agora.cli.node.DevnetCommand.class, dev.agora.cli.node.MinerCommand.class, dev.agora.cli.node.ValidatorCommand.class, dev.agora.cli.chain.ChainCommand.class, dev.agora.cli.chain.SubnetCommand.class, dev.agora.cli.chain.StakeCommand.class, dev.agora.cli.chain.SudoCommand.class, dev.agora.cli.chain.WeightsCommand.class, dev.agora.cli.model.ModelCommand.class, dev.agora.cli.model.GenerateCommand.class})
public final class AgoraCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static int execute(final String[] args) {
    return new CommandLine(new AgoraCommand()).execute(args);
  }
}
