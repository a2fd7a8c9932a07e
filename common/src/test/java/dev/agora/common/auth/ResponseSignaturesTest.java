package dev.agora.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.crypto.Hashes;
import dev.agora.common.crypto.KeyPair;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResponseSignaturesTest {
  private final Random rnd = new Random(51);
  private final KeyPair miner = KeyPair.generate(rnd);
  private final String requestId = SignedRequests.newRequestId(rnd);
  private final String bodyHash = Hashes.sha256Hex(new byte[] {1, 2, 3});

  @Test
  void verify_shouldAcceptWhenSignatureRoundTrips() {
    final String sig = ResponseSignatures.sign(miner, requestId, 200, bodyHash);
    assertEquals(64, Base64.getDecoder().decode(sig).length);
    assertTrue(ResponseSignatures.verify(miner.publicKey(), requestId, 200, bodyHash, sig));
  }

  @Test
  void verify_shouldRejectWhenAnyFieldIsTampered() {
    final String sig = ResponseSignatures.sign(miner, requestId, 200, bodyHash);
    final KeyPair other = KeyPair.generate(rnd);
    assertFalse(ResponseSignatures.verify(other.publicKey(), requestId, 200, bodyHash, sig));
    assertFalse(ResponseSignatures.verify(miner.publicKey(), SignedRequests.newRequestId(rnd), 200, bodyHash, sig));
    assertFalse(ResponseSignatures.verify(miner.publicKey(), requestId, 500, bodyHash, sig));
    assertFalse(
        ResponseSignatures.verify(miner.publicKey(), requestId, 200, Hashes.sha256Hex(new byte[0]), sig));
    assertFalse(
        ResponseSignatures.verify(
            miner.publicKey(), requestId, 200, bodyHash, ResponseSignatures.sign(other, requestId, 200, bodyHash)));
  }

  @Test
  void verify_shouldReturnFalseWithoutThrowingWhenSignatureIsMalformed() {
    assertFalse(ResponseSignatures.verify(miner.publicKey(), requestId, 200, bodyHash, null));
    assertFalse(ResponseSignatures.verify(miner.publicKey(), requestId, 200, bodyHash, ""));
    assertFalse(ResponseSignatures.verify(miner.publicKey(), requestId, 200, bodyHash, "not base64!"));
    assertFalse(ResponseSignatures.verify(miner.publicKey(), null, 200, bodyHash, "AAAA"));
    assertFalse(ResponseSignatures.verify(null, requestId, 200, bodyHash, "AAAA"));
  }

  @Test
  void message_shouldDifferFromRequestMessageWhenFieldsCoincide() {
    assertTrue(ResponseSignatures.message(requestId, 200, bodyHash).startsWith("agora-v1-response\n"));
  }
}
