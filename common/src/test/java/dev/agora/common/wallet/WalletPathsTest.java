package dev.agora.common.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WalletPathsTest {
  private static final Path HOME = Path.of("/home/u");

  @Test
  void resolve_shouldPreferFlagOverEnvironmentWhenBothAreSet() {
    assertEquals(
        Path.of("/flag"),
        WalletPaths.resolve(Optional.of(Path.of("/flag")), Map.of(WalletPaths.ENV, "/env")::get, HOME));
  }

  @Test
  void resolve_shouldUseEnvironmentWhenNoFlag() {
    assertEquals(Path.of("/env"), WalletPaths.resolve(Optional.empty(), Map.of(WalletPaths.ENV, "/env")::get, HOME));
    assertEquals(
        Path.of("/home/u/w"), WalletPaths.resolve(Optional.empty(), Map.of(WalletPaths.ENV, "~/w")::get, HOME));
  }

  @Test
  void resolve_shouldDefaultToAgoraWalletsUnderHomeWhenNothingIsSet() {
    assertEquals(Path.of("/home/u/.agora/wallets"), WalletPaths.resolve(Optional.empty(), Map.<String, String>of()::get, HOME));
    assertEquals(
        Path.of("/home/u/.agora/wallets"),
        WalletPaths.resolve(Optional.empty(), Map.of(WalletPaths.ENV, "  ")::get, HOME));
  }
}
