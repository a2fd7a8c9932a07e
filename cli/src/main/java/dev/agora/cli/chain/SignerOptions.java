package dev.agora.cli.chain;

import dev.agora.cli.wallet.ColdkeyPasswordOptions;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.util.Hex;
import dev.agora.common.wallet.WalletPaths;
import dev.agora.common.wallet.WalletStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Which keys sign: a wallet's coldkey and hotkey ({@code --wallet-name}, {@code --wallet-hotkey},
 * btcli style), or for scripts a file holding a hex seed ({@code --coldkey-seed-file}, {@code
 * --hotkey-seed-file}).
 */
public final class SignerOptions {
  @Option(names = "--wallet-path", paramLabel = "DIR",
      description = "Wallet directory (default: $AGORA_WALLET_PATH, else ~/.agora/wallets).")
  private Path walletPath;

  @Option(names = {"--wallet-name", "--wallet.name"}, defaultValue = "default",
      description = "Wallet (coldkey) name (default: ${DEFAULT-VALUE}).")
  private String walletName;

  @Option(names = {"--wallet-hotkey", "--wallet.hotkey"}, defaultValue = "default",
      description = "Hotkey name in the wallet (default: ${DEFAULT-VALUE}).")
  private String hotkeyName;

  @Option(names = "--coldkey-seed-file", paramLabel = "FILE",
      description = "File with the coldkey's 32-byte seed in hex (instead of a wallet).")
  private Path coldkeySeedFile;

  @Option(names = "--hotkey-seed-file", paramLabel = "FILE",
      description = "File with the hotkey's 32-byte seed in hex (instead of a wallet).")
  private Path hotkeySeedFile;

  @Mixin private ColdkeyPasswordOptions password;

  private WalletStore store() {
    return new WalletStore(WalletPaths.resolveDefault(Optional.ofNullable(walletPath)));
  }

  public KeyPair coldkey() {
    if (coldkeySeedFile != null) {
      return fromSeedFile(coldkeySeedFile);
    }
    return password.unlock(store(), walletName);
  }

  public KeyPair hotkey() {
    if (hotkeySeedFile != null) {
      return fromSeedFile(hotkeySeedFile);
    }
    return store().hotkey(walletName, hotkeyName);
  }

  static KeyPair fromSeedFile(final Path file) {
    try {
      final String hex = Files.readString(file, StandardCharsets.UTF_8).trim();
      return KeyPair.fromSeed(Hex.decode(hex));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read seed file " + file, e);
    }
  }
}
