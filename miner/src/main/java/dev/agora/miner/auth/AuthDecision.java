package dev.agora.miner.auth;

import java.util.Optional;

/** The pipeline's answer: a refusal, or the authenticated caller. */
public record AuthDecision(Optional<Refusal> refusal, Optional<Peer> caller) {
  public static AuthDecision refuse(final Refusal r) {
    return new AuthDecision(Optional.of(r), Optional.empty());
  }

  public static AuthDecision accept(final Peer p) {
    return new AuthDecision(Optional.empty(), Optional.of(p));
  }

  public boolean accepted() {
    return refusal.isEmpty();
  }
}
