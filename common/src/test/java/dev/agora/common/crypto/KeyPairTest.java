package dev.agora.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyPairTest {
  private static final byte[] MSG = "hello agora".getBytes(StandardCharsets.UTF_8);

  @Test
  void generate_shouldGiveSameKeyWhenRandomHasSameSeed() {
    final KeyPair a = KeyPair.generate(new Random(42));
    final KeyPair b = KeyPair.generate(new Random(42));
    final KeyPair c = KeyPair.generate(new Random(43));
    assertEquals(a.publicKey(), b.publicKey());
    assertArrayEquals(a.seed(), b.seed());
    assertNotEquals(a.publicKey(), c.publicKey());
  }

  @Test
  void seed_shouldReturnCopyWhenCallerMutatesIt() {
    final KeyPair kp = KeyPair.generate(new Random(1));
    final byte[] seed = kp.seed();
    seed[0] ^= 1;
    assertFalse(java.util.Arrays.equals(seed, kp.seed()));
    assertEquals(kp.publicKey(), KeyPair.fromSeed(kp.seed()).publicKey());
  }

  @Test
  void fromSeed_shouldThrowWhenSeedHasWrongLength() {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyPair.fromSeed(new byte[31]));
    assertTrue(e.getMessage().contains("32 bytes"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KeyPair.fromSeed(null));
  }

  @Test
  void verify_shouldReturnFalseWithoutThrowingWhenSignatureMalformed() {
    final KeyPair kp = KeyPair.generate(new Random(2));
    final byte[] sig = kp.sign(MSG);
    assertTrue(kp.publicKey().verify(MSG, sig));
    assertFalse(kp.publicKey().verify(MSG, new byte[63]));
    assertFalse(kp.publicKey().verify(MSG, new byte[64]));
    assertFalse(kp.publicKey().verify(MSG, null));
    assertFalse(kp.publicKey().verify(null, sig));
    final byte[] allOnes = new byte[64];
    java.util.Arrays.fill(allOnes, (byte) 0xff);
    assertFalse(kp.publicKey().verify(MSG, allOnes));
  }

  @Test
  void verify_shouldReturnFalseWhenSignedByAnotherKey() {
    final KeyPair a = KeyPair.generate(new Random(3));
    final KeyPair b = KeyPair.generate(new Random(4));
    assertFalse(b.publicKey().verify(MSG, a.sign(MSG)));
  }

  @Test
  void verify_shouldReturnFalseWithoutThrowingWhenKeyBytesAreNotACurvePoint() {
    final KeyPair signer = KeyPair.generate(new Random(5));
    final byte[] sig = signer.sign(MSG);
    // About half of random 32-byte strings are not encodings of a curve point.
    final Random rnd = new Random(6);
    for (int i = 0; i < 64; i++) {
      final byte[] bytes = new byte[32];
      rnd.nextBytes(bytes);
      assertFalse(PublicKey.of(bytes).verify(MSG, sig));
    }
  }

  @Test
  void toString_shouldShowAddressButNotSeedWhenPrinted() {
    final KeyPair kp = KeyPair.generate(new Random(7));
    assertTrue(kp.toString().contains(kp.publicKey().address()));
    assertFalse(kp.toString().contains(dev.agora.common.util.Hex.encode(kp.seed())));
  }
}
