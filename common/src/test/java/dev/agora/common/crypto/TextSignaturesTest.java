package dev.agora.common.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextSignaturesTest {
  private final KeyPair key = KeyPair.generate(new Random(61));

  @Test
  void verify_shouldAcceptWhenSignatureRoundTrips() {
    assertTrue(TextSignatures.verify(key.publicKey(), "héllo", TextSignatures.sign(key, "héllo")));
  }

  @Test
  void verify_shouldRejectWhenTextKeyOrSignatureDiffers() {
    final byte[] sig = TextSignatures.sign(key, "hello");
    assertFalse(TextSignatures.verify(key.publicKey(), "hello ", sig));
    assertFalse(TextSignatures.verify(KeyPair.generate(new Random(62)).publicKey(), "hello", sig));
    assertFalse(TextSignatures.verify(key.publicKey(), "hello", new byte[64]));
    assertFalse(TextSignatures.verify(null, "hello", sig));
  }

  @Test
  void sign_shouldNotMatchRawSignatureWhenTextIsPrefixed() {
    final byte[] raw = key.sign("hello".getBytes(StandardCharsets.UTF_8));
    assertFalse(TextSignatures.verify(key.publicKey(), "hello", raw));
  }
}
