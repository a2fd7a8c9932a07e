package dev.agora.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the {@code agora} command tree; each subcommand lives in its own class. */
@Command(
    name = "agora",
    mixinStandardHelpOptions = true,
    version = "agora 0.1.0",
    description = "Agora: a decentralized GPU inference subnet (chain, miners, validators).",
    subcommands = {CommandLine.HelpCommand.class})
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
