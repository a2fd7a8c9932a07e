package dev.agora.cli.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code agora miner}: serve inference on a subnet. */
@Command(name = "miner", mixinStandardHelpOptions = true, description = "Run a miner.",
    subcommands = {MinerRunCommand.class, CommandLine.HelpCommand.class})
public final class MinerCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
