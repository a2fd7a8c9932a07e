package dev.agora.miner.auth;

import dev.agora.common.auth.SignedRequests;
import dev.agora.common.crypto.Hashes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DESIGN.md §3's checks in order, failing closed at the first one that does not hold. The cheap checks
 * come before the signature, and the blacklist comes only after the signature, so that nobody can be
 * blacklisted or rate-limited under someone else's unverified hotkey. Not thread-safe (replay cache
 * and rate limiter): call from one event loop.
 */
public final class RequestAuthenticator {
  private static final List<String> REQUIRED = List.of(
      SignedRequests.SENDER, SignedRequests.RECEIVER, SignedRequests.TIMESTAMP,
      SignedRequests.REQUEST_ID, SignedRequests.BODY_SHA256);

  private final AuthConfig config;
  private final PeerDirectory peers;
  private final ReplayCache replay;
  private final RateLimiter rate;

  public RequestAuthenticator(final AuthConfig config, final PeerDirectory peers) {
    this.config = config;
    this.peers = peers;
    this.replay = new ReplayCache(config.replayCapacity(), config.pastWindowMs() + config.futureWindowMs() + 1);
    this.rate = new RateLimiter(config.ratePerSecond(), config.rateBurst());
  }

  public AuthConfig config() {
    return config;
  }

  /**
   * @param headers request headers (names matched case-insensitively)
   * @param body the whole body, already bounded by {@link AuthConfig#maxBodyBytes()} while reading
   * @param nowMs the miner's wall clock
   */
  public AuthDecision authenticate(
      final String method, final String path, final Map<String, String> headers, final byte[] body,
      final long nowMs) {
    if (body.length > config.maxBodyBytes()) {
      return refuse(413, Refusal.BODY_TOO_LARGE, "body exceeds " + config.maxBodyBytes() + " bytes");
    }
    if (SignedRequests.header(headers, SignedRequests.SIGNATURE).filter(s -> !s.isBlank()).isEmpty()) {
      return refuse(401, Refusal.UNSIGNED, "missing " + SignedRequests.SIGNATURE + " header");
    }
    for (final String h : REQUIRED) {
      if (SignedRequests.header(headers, h).filter(s -> !s.isBlank()).isEmpty()) {
        return refuse(401, Refusal.MISSING_HEADER, "missing " + h + " header");
      }
    }
    final String sender = SignedRequests.header(headers, SignedRequests.SENDER).orElseThrow();
    final String receiver = SignedRequests.header(headers, SignedRequests.RECEIVER).orElseThrow();
    if (!receiver.equals(config.ownHotkey())) {
      return refuse(401, Refusal.WRONG_RECEIVER, "request is addressed to another hotkey");
    }
    final long ts;
    try {
      ts = Long.parseLong(SignedRequests.header(headers, SignedRequests.TIMESTAMP).orElseThrow());
    } catch (final NumberFormatException e) {
      return refuse(400, Refusal.BAD_TIMESTAMP, "timestamp is not an integer of milliseconds");
    }
    if (nowMs - ts > config.pastWindowMs()) {
      return refuse(401, Refusal.STALE_TIMESTAMP, "timestamp older than " + config.pastWindowMs() + " ms");
    }
    if (ts - nowMs > config.futureWindowMs()) {
      return refuse(401, Refusal.FUTURE_TIMESTAMP, "timestamp more than " + config.futureWindowMs() + " ms ahead");
    }
    final String claimedHash = SignedRequests.header(headers, SignedRequests.BODY_SHA256).orElseThrow();
    if (!Hashes.sha256Hex(body).equals(claimedHash.toLowerCase(Locale.ROOT))) {
      return refuse(400, Refusal.BODY_HASH_MISMATCH, "body does not match " + SignedRequests.BODY_SHA256);
    }
    if (!SignedRequests.verifySignature(headers, method, path, config.netuid())) {
      return refuse(401, Refusal.BAD_SIGNATURE, "signature does not verify for the sender");
    }
    final String requestId = SignedRequests.header(headers, SignedRequests.REQUEST_ID).orElseThrow();
    switch (replay.offer(sender + "/" + requestId, nowMs)) {
      case REPLAYED:
        return refuse(409, Refusal.REPLAYED, "request id already seen");
      case FULL:
        return new AuthDecision(Optional.of(new Refusal(429, Refusal.REPLAY_CACHE_FULL,
            "too many requests in the window", 1)), Optional.empty());
      default:
        break;
    }
    final Optional<Peer> peer = peers.byHotkey(sender);
    if (peer.isEmpty()) {
      return refuse(403, Refusal.UNREGISTERED_SENDER, "sender is not registered on netuid " + config.netuid());
    }
    if (config.requirePermit() && !peer.get().validatorPermit()) {
      return refuse(403, Refusal.NO_VALIDATOR_PERMIT, "sender holds no validator permit");
    }
    if (peer.get().stake() < config.minStakeRao()) {
      return refuse(403, Refusal.STAKE_TOO_LOW, "sender stake below " + config.minStakeRao() + " rao");
    }
    if (!rate.tryAcquire(sender, nowMs)) {
      return new AuthDecision(Optional.of(new Refusal(429, Refusal.RATE_LIMITED, "per-hotkey rate limit",
          rate.retryAfterSeconds())), Optional.empty());
    }
    return AuthDecision.accept(peer.get());
  }

  private static AuthDecision refuse(final int status, final String code, final String message) {
    return AuthDecision.refuse(Refusal.of(status, code, message));
  }
}
