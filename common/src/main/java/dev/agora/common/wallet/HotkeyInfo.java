package dev.agora.common.wallet;

import dev.agora.common.crypto.PublicKey;
import java.util.Optional;

/**
 * A hotkey as listed: its file name and its public key, empty if the file cannot be read.
 *
 * @param name the hotkey's name (its file name under {@code hotkeys/})
 * @param publicKey the hotkey's public key, empty when the file is unreadable
 */
public record HotkeyInfo(String name, Optional<PublicKey> publicKey) {}
