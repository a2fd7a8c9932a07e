package dev.agora.cli.node;

import dev.agora.cli.wallet.ColdkeyPasswordOptions;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.util.Hex;
import dev.agora.common.wallet.WalletStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A node's keys: the wallet named by the configuration ({@code wallet.path}, {@code wallet.name},
 * {@code wallet.hotkey}), or for scripts files holding a hex seed.
 */
public final class NodeKeys {
  @Option(names = "--coldkey-seed-file", paramLabel = "FILE",
      description = "File with the coldkey's 32-byte seed in hex (instead of the wallet).")
  Path coldkeySeedFile;

  @Option(names = "--hotkey-seed-file", paramLabel = "FILE",
      description = "File with the hotkey's 32-byte seed in hex (instead of the wallet).")
  Path hotkeySeedFile;

  @Mixin ColdkeyPasswordOptions password;

  KeyPair hotkey(final Path walletPath, final String walletName, final String hotkeyName) {
    if (hotkeySeedFile != null) {
      return fromSeedFile(hotkeySeedFile);
    }
    return new WalletStore(walletPath).hotkey(walletName, hotkeyName);
  }

  KeyPair coldkey(final Path walletPath, final String walletName) {
    if (coldkeySeedFile != null) {
      return fromSeedFile(coldkeySeedFile);
    }
    return password.unlock(new WalletStore(walletPath), walletName);
  }

  private static KeyPair fromSeedFile(final Path file) {
    try {
      return KeyPair.fromSeed(Hex.decode(Files.readString(file, StandardCharsets.UTF_8).trim()));
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read seed file " + file + ": " + e.getMessage(), e);
    }
  }
}
