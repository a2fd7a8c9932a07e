package dev.agora.miner.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.auth.SignedRequests;
import dev.agora.common.crypto.KeyPair;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestAuthenticatorTest {
  private static final long NOW = 1_700_000_000_000L;
  private static final Random RND = new Random(1);
  private static final KeyPair MINER = KeyPair.generate(RND);
  private static final KeyPair VALIDATOR = KeyPair.generate(RND);
  private static final KeyPair POOR = KeyPair.generate(RND);
  private static final KeyPair NO_PERMIT = KeyPair.generate(RND);
  private static final KeyPair STRANGER = KeyPair.generate(RND);
  private static final byte[] BODY = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

  private static RequestAuthenticator auth() {
    final var dir = new SnapshotPeerDirectory(List.of(
        new Peer(0, VALIDATOR.publicKey().address(), 5_000, true),
        new Peer(1, POOR.publicKey().address(), 10, true),
        new Peer(2, NO_PERMIT.publicKey().address(), 5_000, false)));
    return new RequestAuthenticator(
        AuthConfig.defaults(7, MINER.publicKey().address(), 1_000).withRate(1, 2), dir);
  }

  private static Map<String, String> signed(final KeyPair from, final long ts, final String id) {
    return new HashMap<>(SignedRequests.sign(from, MINER.publicKey(), "POST", "/v1/generate", 7, ts, id, BODY));
  }

  private static String code(final AuthDecision d) {
    return d.refusal().map(Refusal::code).orElse("accepted");
  }

  @Test
  void authenticate_shouldAcceptWhenEverythingHolds() {
    final AuthDecision d = auth().authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW, "a1"), BODY, NOW);
    assertTrue(d.accepted());
    assertEquals(0, d.caller().orElseThrow().uid());
  }

  @Test
  void authenticate_shouldRefuseEachBrokenRuleWithItsCode() {
    final var a = auth();
    final Map<String, String> unsigned = signed(VALIDATOR, NOW, "b1");
    unsigned.remove(SignedRequests.SIGNATURE);
    assertEquals(Refusal.UNSIGNED, code(a.authenticate("POST", "/v1/generate", unsigned, BODY, NOW)));
    final Map<String, String> empty = signed(VALIDATOR, NOW, "b1");
    empty.put(SignedRequests.SIGNATURE, "");
    assertEquals(Refusal.UNSIGNED, code(a.authenticate("POST", "/v1/generate", empty, BODY, NOW)));
    final Map<String, String> noTs = signed(VALIDATOR, NOW, "b2");
    noTs.remove(SignedRequests.TIMESTAMP);
    assertEquals(Refusal.MISSING_HEADER, code(a.authenticate("POST", "/v1/generate", noTs, BODY, NOW)));
    final Map<String, String> wrongRx = new HashMap<>(SignedRequests.sign(VALIDATOR, STRANGER.publicKey(), "POST",
        "/v1/generate", 7, NOW, "b3", BODY));
    assertEquals(Refusal.WRONG_RECEIVER, code(a.authenticate("POST", "/v1/generate", wrongRx, BODY, NOW)));
    assertEquals(Refusal.STALE_TIMESTAMP,
        code(a.authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW - 10_001, "b4"), BODY, NOW)));
    assertEquals(Refusal.FUTURE_TIMESTAMP,
        code(a.authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW + 2_001, "b5"), BODY, NOW)));
    assertEquals(Refusal.BODY_HASH_MISMATCH, code(a.authenticate("POST", "/v1/generate",
        signed(VALIDATOR, NOW, "b6"), "{\"x\":2}".getBytes(StandardCharsets.UTF_8), NOW)));
    final Map<String, String> forged = signed(STRANGER, NOW, "b7");
    forged.put(SignedRequests.SENDER, VALIDATOR.publicKey().address());
    assertEquals(Refusal.BAD_SIGNATURE, code(a.authenticate("POST", "/v1/generate", forged, BODY, NOW)));
    assertEquals(Refusal.BAD_SIGNATURE,
        code(a.authenticate("POST", "/v1/other", signed(VALIDATOR, NOW, "b8"), BODY, NOW)));
    assertEquals(Refusal.UNREGISTERED_SENDER,
        code(a.authenticate("POST", "/v1/generate", signed(STRANGER, NOW, "b9"), BODY, NOW)));
    assertEquals(Refusal.NO_VALIDATOR_PERMIT,
        code(a.authenticate("POST", "/v1/generate", signed(NO_PERMIT, NOW, "b10"), BODY, NOW)));
    assertEquals(Refusal.STAKE_TOO_LOW,
        code(a.authenticate("POST", "/v1/generate", signed(POOR, NOW, "b11"), BODY, NOW)));
    assertEquals(413, a.authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW, "b12"),
        new byte[AuthConfig.DEFAULT_MAX_BODY_BYTES + 1], NOW).refusal().orElseThrow().status());
  }

  @Test
  void authenticate_shouldRefuseReplayUntilWindowPassesAndNotBlameForgedSenders() {
    final var a = auth();
    final var h = signed(VALIDATOR, NOW, "r1");
    assertTrue(a.authenticate("POST", "/v1/generate", h, BODY, NOW).accepted());
    assertEquals(Refusal.REPLAYED, code(a.authenticate("POST", "/v1/generate", h, BODY, NOW + 5)));
    // after the window it is refused as stale, never accepted again
    assertEquals(Refusal.STALE_TIMESTAMP, code(a.authenticate("POST", "/v1/generate", h, BODY, NOW + 20_000)));
  }

  @Test
  void authenticate_shouldRateLimitPerHotkey() {
    final var a = auth();
    assertTrue(a.authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW, "q1"), BODY, NOW).accepted());
    assertTrue(a.authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW, "q2"), BODY, NOW).accepted());
    final AuthDecision third = a.authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW, "q3"), BODY, NOW);
    assertEquals(Refusal.RATE_LIMITED, code(third));
    assertEquals(429, third.refusal().orElseThrow().status());
    assertTrue(a.authenticate("POST", "/v1/generate", signed(VALIDATOR, NOW + 1000, "q4"), BODY, NOW + 1000)
        .accepted());
  }

  @Test
  void replayCache_shouldExpireByTimeAndRefuseWhenFull() {
    final var c = new ReplayCache(2, 100);
    assertEquals(ReplayCache.Outcome.FRESH, c.offer("a", 0));
    assertEquals(ReplayCache.Outcome.FRESH, c.offer("b", 10));
    assertEquals(ReplayCache.Outcome.FULL, c.offer("c", 20));
    assertEquals(ReplayCache.Outcome.REPLAYED, c.offer("a", 50));
    assertEquals(ReplayCache.Outcome.FRESH, c.offer("c", 100)); // "a" expired at 100
    assertEquals(2, c.size());
  }
}
