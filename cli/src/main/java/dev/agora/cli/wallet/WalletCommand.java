package dev.agora.cli.wallet;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code agora wallet}: the wallet command group (as btcli's). */
@Command(
    name = "wallet",
    mixinStandardHelpOptions = true,
    description = "Create and inspect wallets (coldkey + hotkeys); sign and verify messages.",
    subcommands = {
      WalletCreateCommand.class,
      WalletNewHotkeyCommand.class,
      WalletListCommand.class,
      WalletSignCommand.class,
      WalletVerifyCommand.class
    })
public final class WalletCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
