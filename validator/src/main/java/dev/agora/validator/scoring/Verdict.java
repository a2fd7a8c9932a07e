package dev.agora.validator.scoring;

/** What the validator concluded about one answer. */
public enum Verdict {
  /** Signed, hashed, exact length, and every position verified. */
  PASS,
  /** A proven failure: bad signature or hash, wrong length, suppressed token or a verification break. */
  FAIL,
  /** No usable answer (refused, timed out, transport error): counts for nothing, proves nothing. */
  NO_ANSWER
}
