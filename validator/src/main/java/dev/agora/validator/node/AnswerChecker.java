package dev.agora.validator.node;

import dev.agora.common.auth.ResponseSignatures;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.util.Hex;
import dev.agora.inference.Sampling;
import dev.agora.inference.VerificationResult;
import dev.agora.inference.Verifier;
import dev.agora.common.protocol.AnswerHash;
import dev.agora.common.protocol.FinalEvent;
import dev.agora.validator.challenge.Challenge;
import dev.agora.validator.scoring.AnswerOutcome;
import dev.agora.validator.scoring.Latency;
import java.util.Optional;

/**
 * Judges one {@link RawAnswer}: first the cheap checks (complete, signed, hashed, exact length), then
 * the teacher-forced verification (VERIFICATION.md §2.4), then the timing (§2.6). A refused or
 * incomplete answer proves nothing (NO_ANSWER); a mis-signed, mis-hashed, wrong-length or unverified
 * one is a proven failure.
 */
public final class AnswerChecker {
  private final double minDumpCheckMs;

  public AnswerChecker(final double minDumpCheckMs) {
    this.minDumpCheckMs = minDumpCheckMs;
  }

  /** The cheap checks; empty when the answer may go to verification. */
  public Optional<AnswerOutcome> precheck(final Challenge c, final RawAnswer a, final PublicKey miner) {
    if (a.status() != 200) {
      return Optional.of(AnswerOutcome.noAnswer(a.status() == 0 ? a.errorCode() : "status-" + a.status()));
    }
    if (a.finalEvent().isEmpty()) {
      return Optional.of(AnswerOutcome.noAnswer(a.errorCode().isEmpty() ? "incomplete" : a.errorCode()));
    }
    final FinalEvent fin = a.finalEvent().get();
    if (!ResponseSignatures.verify(miner, c.requestId(), 200, fin.h(), fin.rs())) {
      return Optional.of(AnswerOutcome.fail("bad-response-signature"));
    }
    if (a.tokens().length != c.maxNewTokens() || fin.n() != c.maxNewTokens()) {
      return Optional.of(AnswerOutcome.fail("wrong-length"));
    }
    if (!Hex.encode(AnswerHash.of(c.requestId(), a.tokens())).equals(fin.h())) {
      return Optional.of(AnswerOutcome.fail("bad-answer-hash"));
    }
    return Optional.empty();
  }

  /** Full judgement; blocking (runs a prefill): call on a worker thread. */
  public AnswerOutcome check(
      final Challenge c, final RawAnswer a, final PublicKey miner, final Verifier verifier, final boolean audit) {
    final Optional<AnswerOutcome> early = precheck(c, a, miner);
    if (early.isPresent()) {
      return early.get();
    }
    if (audit) {
      final Sampling s = c.sampling().greedy()
          ? Sampling.greedy()
          : Sampling.seeded(c.sampling().temperature(), c.sampling().seed());
      final VerificationResult r = verifier.verify(c.promptTokenIds(), a.tokens(), c.maxNewTokens(), s);
      if (!r.passed()) {
        return AnswerOutcome.fail("verification: " + r.reason());
      }
    }
    return Latency.measure(a.sentNanos(), a.arrivalNanos(), minDumpCheckMs);
  }
}
