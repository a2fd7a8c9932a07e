package dev.agora.common.wallet;

import dev.agora.common.crypto.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * A wallet as listed, read without a password.
 *
 * @param name the wallet's directory name
 * @param coldkeyPub the coldkey's public key from {@code coldkeypub.txt}, empty if unreadable
 * @param encrypted whether the coldkey file is password-protected (false if unreadable)
 * @param hotkeys the hotkeys, sorted by name
 */
public record WalletInfo(
    String name, Optional<PublicKey> coldkeyPub, boolean encrypted, List<HotkeyInfo> hotkeys) {
  public WalletInfo {
    hotkeys = List.copyOf(hotkeys);
  }
}
