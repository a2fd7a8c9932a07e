package dev.agora.cli.node;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code agora validator}: challenge, verify and score miners, set weights. */
@Command(name = "validator", mixinStandardHelpOptions = true, description = "Run a validator.",
    subcommands = {ValidatorRunCommand.class, CommandLine.HelpCommand.class})
public final class ValidatorCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
