package dev.agora.common.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Signatures over human text (the {@code agora wallet sign} command). The signed bytes are the
 * UTF-8 of {@code "agora-signed-message-v1\n" + text}, so a signed text can never double as a
 * signed request, response or extrinsic, whose messages start differently.
 */
public final class TextSignatures {
  /** Prefix of every signed text message. */
  public static final String PREFIX = "agora-signed-message-v1\n";

  private TextSignatures() {}

  /** The exact bytes that are signed for a text. */
  public static byte[] message(final String text) {
    return (PREFIX + text).getBytes(StandardCharsets.UTF_8);
  }

  /** A 64-byte Ed25519 signature of the text. */
  public static byte[] sign(final KeyPair key, final String text) {
    return key.sign(message(text));
  }

  /** True if the signature is the key's over this text; false, never throws, otherwise. */
  public static boolean verify(final PublicKey key, final String text, final byte[] signature64) {
    return key != null && text != null && key.verify(message(text), signature64);
  }
}
