package dev.agora.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.crypto.Hashes;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SignedRequestsTest {
  private static final String METHOD = "POST";
  private static final String PATH = "/v1/generate";
  private static final int NETUID = 3;
  private static final long TS = 1_700_000_000_123L;
  private static final byte[] BODY = "{\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8);

  private final Random rnd = new Random(41);
  private final KeyPair validator = KeyPair.generate(rnd);
  private final KeyPair miner = KeyPair.generate(rnd);
  private final String requestId = SignedRequests.newRequestId(rnd);

  private Map<String, String> signed() {
    return SignedRequests.sign(validator, miner.publicKey(), METHOD, PATH, NETUID, TS, requestId, BODY);
  }

  @Test
  void sign_shouldProduceAllSixHeadersThatVerifyWhenRoundTripped() {
    final Map<String, String> h = signed();
    assertEquals(
        List.of(
            SignedRequests.SENDER,
            SignedRequests.RECEIVER,
            SignedRequests.TIMESTAMP,
            SignedRequests.REQUEST_ID,
            SignedRequests.BODY_SHA256,
            SignedRequests.SIGNATURE),
        List.copyOf(h.keySet()));
    assertEquals(validator.publicKey().address(), h.get(SignedRequests.SENDER));
    assertEquals(miner.publicKey().address(), h.get(SignedRequests.RECEIVER));
    assertEquals(Long.toString(TS), h.get(SignedRequests.TIMESTAMP));
    assertEquals(Hashes.sha256Hex(BODY), h.get(SignedRequests.BODY_SHA256));
    assertEquals(64, Base64.getDecoder().decode(h.get(SignedRequests.SIGNATURE)).length);
    assertTrue(SignedRequests.verifySignature(h, METHOD, PATH, NETUID));
  }

  @Test
  void message_shouldFollowDesignLayoutWhenBuilt() {
    final String msg =
        SignedRequests.message("GET", "/p", 7, "agora1s", "agora1r", 12L, "abcd", "ff00");
    assertEquals("agora-v1\nGET\n/p\n7\nagora1s\nagora1r\n12\nabcd\nff00", msg);
  }

  @Test
  void message_shouldRejectLineBreakWhenAFieldContainsOne() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SignedRequests.message("GET", "/p\n7", 7, "s", "r", 1L, "id", "h"));
    assertThrows(
        IllegalArgumentException.class,
        () -> SignedRequests.message("GET", "/p", 7, "s", "r\r", 1L, "id", "h"));
  }

  @Test
  void verifySignature_shouldFailWhenAnyHeaderIsTampered() {
    final KeyPair other = KeyPair.generate(rnd);
    final Map<String, String> tampered = new HashMap<>();
    tampered.put(SignedRequests.SENDER, other.publicKey().address());
    tampered.put(SignedRequests.RECEIVER, other.publicKey().address());
    tampered.put(SignedRequests.TIMESTAMP, Long.toString(TS + 1));
    tampered.put(SignedRequests.REQUEST_ID, SignedRequests.newRequestId(rnd));
    tampered.put(SignedRequests.BODY_SHA256, Hashes.sha256Hex("x".getBytes(StandardCharsets.UTF_8)));
    tampered.put(
        SignedRequests.SIGNATURE,
        Base64.getEncoder().encodeToString(validator.sign("x".getBytes(StandardCharsets.UTF_8))));
    for (final Map.Entry<String, String> e : tampered.entrySet()) {
      final Map<String, String> h = new HashMap<>(signed());
      assertNotEquals(h.get(e.getKey()), e.getValue());
      h.put(e.getKey(), e.getValue());
      assertFalse(SignedRequests.verifySignature(h, METHOD, PATH, NETUID), "tampered " + e.getKey());
    }
  }

  @Test
  void verifySignature_shouldFailWhenMethodPathOrNetuidDiffer() {
    final Map<String, String> h = signed();
    assertFalse(SignedRequests.verifySignature(h, "GET", PATH, NETUID));
    assertFalse(SignedRequests.verifySignature(h, METHOD, PATH + "x", NETUID));
    assertFalse(SignedRequests.verifySignature(h, METHOD, PATH, NETUID + 1));
  }

  @Test
  void verifySignature_shouldFailWhenAnyHeaderIsMissingOrMalformed() {
    for (final String name : signed().keySet()) {
      final Map<String, String> h = new HashMap<>(signed());
      h.remove(name);
      assertFalse(SignedRequests.verifySignature(h, METHOD, PATH, NETUID), "missing " + name);
      h.put(name, "");
      assertFalse(SignedRequests.verifySignature(h, METHOD, PATH, NETUID), "empty " + name);
      h.put(name, "%%%\n");
      assertFalse(SignedRequests.verifySignature(h, METHOD, PATH, NETUID), "garbage " + name);
    }
    final Map<String, String> padded = new HashMap<>(signed());
    padded.put(SignedRequests.TIMESTAMP, "0" + TS);
    assertFalse(SignedRequests.verifySignature(padded, METHOD, PATH, NETUID));
    assertFalse(SignedRequests.verifySignature(null, METHOD, PATH, NETUID));
  }

  @Test
  void verifySignature_shouldMatchHeaderNamesIgnoringCaseWhenHeadersAreLowerCase() {
    final Map<String, String> lower = new HashMap<>();
    signed().forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    assertTrue(SignedRequests.verifySignature(lower, METHOD, PATH, NETUID));
  }

  @Test
  void newRequestId_shouldBe128BitHexAndDeterministicWhenSeeded() {
    final String a = SignedRequests.newRequestId(new Random(5));
    assertEquals(32, a.length());
    assertTrue(a.matches("[0-9a-f]{32}"));
    assertEquals(a, SignedRequests.newRequestId(new Random(5)));
    assertNotEquals(a, SignedRequests.newRequestId(new Random(6)));
  }

  @Test
  void sign_shouldBindReceiverWhenReplayedToAnotherMiner() {
    final PublicKey otherMiner = KeyPair.generate(rnd).publicKey();
    final Map<String, String> h = new HashMap<>(signed());
    h.put(SignedRequests.RECEIVER, otherMiner.address());
    assertFalse(SignedRequests.verifySignature(h, METHOD, PATH, NETUID));
  }
}
