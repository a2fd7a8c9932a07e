package dev.agora.cli.wallet;

import dev.agora.common.wallet.WalletPaths;
import dev.agora.common.wallet.WalletStore;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Options shared by every wallet command. */
public final class WalletOptions {
  @Option(
      names = "--wallet-path",
      paramLabel = "DIR",
      description = "Wallet directory (default: $AGORA_WALLET_PATH, else ~/.agora/wallets).")
  private Path walletPath;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  private boolean json;

  /** The wallet root: the flag, else the environment, else the default. */
  public Path root() {
    return WalletPaths.resolveDefault(Optional.ofNullable(walletPath));
  }

  /** A store over {@link #root()} with production scrypt parameters. */
  public WalletStore store() {
    return new WalletStore(root());
  }

  /** Whether to print JSON. */
  public boolean json() {
    return json;
  }
}
