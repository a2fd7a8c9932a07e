package dev.agora.common.wallet;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** Where wallets live: a flag, else {@code AGORA_WALLET_PATH}, else {@code ~/.agora/wallets}. */
public final class WalletPaths {
  /** Environment variable that overrides the default wallet path. */
  public static final String ENV = "AGORA_WALLET_PATH";

  private WalletPaths() {}

  /**
   * Resolves the wallet root.
   *
   * @param flag the {@code --wallet-path} value, if given
   * @param env environment lookup (returns null when unset), e.g. {@code System::getenv}
   * @param userHome the user's home directory
   */
  public static Path resolve(
      final Optional<Path> flag, final Function<String, String> env, final Path userHome) {
    if (flag.isPresent()) {
      return flag.get();
    }
    final String fromEnv = env.apply(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(expandHome(fromEnv.strip(), userHome));
    }
    return userHome.resolve(".agora").resolve("wallets");
  }

  /** The default for this process: environment and {@code user.home}. */
  public static Path resolveDefault(final Optional<Path> flag) {
    return resolve(flag, System::getenv, Path.of(System.getProperty("user.home")));
  }

  private static String expandHome(final String path, final Path userHome) {
    if (path.equals("~")) {
      return userHome.toString();
    }
    if (path.startsWith("~/")) {
      return userHome.resolve(path.substring(2)).toString();
    }
    return path;
  }
}
