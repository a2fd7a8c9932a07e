package dev.agora.cli.wallet;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.wallet.WalletException;
import dev.agora.common.wallet.WalletStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Mixin for commands that act with a coldkey (stake, transfer, subnet, sudo): {@code
 * --password-file F}, else a terminal prompt. Unencrypted (devnet) coldkeys open without asking.
 */
public final class ColdkeyPasswordOptions {
  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the coldkey password from the first line of FILE (default: prompt).")
  Path passwordFile;

  /** The password file, if given. */
  public Optional<Path> passwordFile() {
    return Optional.ofNullable(passwordFile);
  }

  /** Opens the wallet's coldkey, prompting on the terminal when needed. */
  public KeyPair unlock(final WalletStore store, final String wallet) {
    return unlock(store, wallet, PasswordReader.CONSOLE);
  }

  /**
   * Opens the wallet's coldkey: no password for an unencrypted coldkey, else the password file, else
   * the reader's prompt.
   *
   * @throws WalletException with a one-line reason (wrong password, tampered file, no terminal...)
   */
  public KeyPair unlock(final WalletStore store, final String wallet, final PasswordReader reader) {
    if (!store.isColdkeyEncrypted(wallet)) {
      return store.unlockColdkey(wallet, Optional.empty());
    }
    final char[] password;
    if (passwordFile != null) {
      try {
        password = PasswordFiles.read(passwordFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      password =
          reader
              .read("Password for the coldkey of '" + wallet + "': ")
              .orElseThrow(
                  () ->
                      new WalletException(
                          "the coldkey of '" + wallet + "' is encrypted and there is no terminal to ask"
                              + " for its password; use --password-file FILE"));
    }
    try {
      return store.unlockColdkey(wallet, Optional.of(password));
    } finally {
      Arrays.fill(password, '\0');
    }
  }
}
