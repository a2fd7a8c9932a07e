package dev.agora.validator.scoring;

/**
 * One answer as measured on the validator's clock and judged by the verifier.
 *
 * @param verdict pass, proven failure, or no answer
 * @param ttftMs first token chunk minus request sent, in ms (NaN when no token arrived)
 * @param decodeTps (N-1) / (last chunk - first chunk), tokens per second (NaN when unknown)
 * @param e2eMs last chunk minus request sent, in ms (NaN when unknown)
 * @param streamThenDump the stream-then-dump flag of §2.6
 * @param reason a short code for logs and metrics (e.g. "ok", "bad-signature", "timeout")
 */
public record AnswerOutcome(
    Verdict verdict, double ttftMs, double decodeTps, double e2eMs, boolean streamThenDump, String reason) {

  public static AnswerOutcome noAnswer(final String reason) {
    return new AnswerOutcome(Verdict.NO_ANSWER, Double.NaN, Double.NaN, Double.NaN, false, reason);
  }

  public static AnswerOutcome fail(final String reason) {
    return new AnswerOutcome(Verdict.FAIL, Double.NaN, Double.NaN, Double.NaN, false, reason);
  }
}
