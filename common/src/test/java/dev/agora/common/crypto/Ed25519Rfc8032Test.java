package dev.agora.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.util.Hex;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Known-answer tests: RFC 8032 section 7.1 (see {@link Rfc8032Vectors}). */
class Ed25519Rfc8032Test {
  static Stream<Rfc8032Vectors.Vector> vectors() {
    return Rfc8032Vectors.ALL.stream();
  }

  @Test
  void vectors_shouldHoldAllFiveRfcCasesWhenLoaded() {
    assertEquals(5, Rfc8032Vectors.ALL.size());
    assertEquals(1023, Hex.decode(Rfc8032Vectors.ALL.get(3).message()).length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void fromSeed_shouldDeriveRfcPublicKeyWhenGivenRfcSecretKey(final Rfc8032Vectors.Vector v) {
    final KeyPair kp = KeyPair.fromSeed(Hex.decode(v.secretKey()));
    assertEquals(v.publicKey(), kp.publicKey().hex());
    assertEquals(v.secretKey(), Hex.encode(kp.seed()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void sign_shouldProduceRfcSignatureWhenGivenRfcMessage(final Rfc8032Vectors.Vector v) {
    final KeyPair kp = KeyPair.fromSeed(Hex.decode(v.secretKey()));
    assertEquals(v.signature(), Hex.encode(kp.sign(Hex.decode(v.message()))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_shouldAcceptRfcSignatureAndRejectAnyFlippedBitWhenGivenRfcVector(
      final Rfc8032Vectors.Vector v) {
    final PublicKey pk = PublicKey.fromHex(v.publicKey());
    final byte[] message = Hex.decode(v.message());
    final byte[] signature = Hex.decode(v.signature());
    assertTrue(pk.verify(message, signature));
    for (int bit = 0; bit < signature.length * 8; bit += 7) {
      final byte[] bad = signature.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertFalse(pk.verify(message, bad), "flipped signature bit " + bit);
    }
    final byte[] otherMessage = new byte[message.length + 1];
    System.arraycopy(message, 0, otherMessage, 0, message.length);
    assertFalse(pk.verify(otherMessage, signature));
    if (message.length > 0) {
      final byte[] flipped = message.clone();
      flipped[0] ^= 1;
      assertFalse(pk.verify(flipped, signature));
    }
  }

  @Test
  void sign_shouldBeDeterministicWhenSigningTwice() {
    final KeyPair kp = KeyPair.fromSeed(Hex.decode(Rfc8032Vectors.ALL.get(1).secretKey()));
    assertArrayEquals(kp.sign(new byte[] {1, 2, 3}), kp.sign(new byte[] {1, 2, 3}));
  }
}
