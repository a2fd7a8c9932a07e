package dev.agora.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HashesTest {
  @Test
  void sha256Hex_shouldMatchFips180ExamplesWhenGivenKnownInputs() {
    // FIPS 180-2 appendix B.1 ("abc") and the SHA-256 of the empty string.
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Hashes.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        Hashes.sha256Hex(new byte[0]));
  }

  @Test
  void sha256_shouldHashConcatenationWhenGivenSeveralParts() {
    final byte[] whole = "hello world".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(
        Hashes.sha256(whole),
        Hashes.sha256(
            "hello".getBytes(StandardCharsets.UTF_8),
            new byte[0],
            " world".getBytes(StandardCharsets.UTF_8)));
  }
}
