package dev.agora.validator.anomaly;

import java.util.List;

/**
 * Timing of one answer, every figure from the validator's clock (VERIFICATION.md §2.6).
 *
 * @param ttftMs time to first token: first arrival minus request sent, ms
 * @param decodeTps decode rate: (tokens − 1) / (last arrival − first arrival), tokens per second;
 *     the span is floored at {@link #MIN_SPAN_NANOS} so a stream dumped in one read stays finite
 * @param e2eMs end to end: last arrival minus request sent, ms
 * @param timeShareAt5Pct share of the end-to-end time already elapsed when the first 5% of the
 *     tokens (at least one) had arrived; close to 1 for stream-then-dump
 * @param gapCv coefficient of variation (population standard deviation / mean) of the inter-token
 *     gaps; 0 when there is one gap or all gaps are zero
 * @param tokens number of tokens
 */
public record TimingFeatures(
    double ttftMs,
    double decodeTps,
    double e2eMs,
    double timeShareAt5Pct,
    double gapCv,
    int tokens) {

  /** Floor of the decode span, 1 µs: below the useful resolution of arrival timestamps. */
  public static final long MIN_SPAN_NANOS = 1_000L;

  /** Percentage of tokens at which the elapsed share is taken (§2.6 stream-then-dump rule). */
  public static final int EARLY_TOKEN_PERCENT = 5;

  /** Names of the model inputs produced by {@link #modelInputs()}, in the same order. */
  public static final List<String> MODEL_FEATURE_NAMES =
      List.of(
          "f0_ln_ttft_ms",
          "f1_ln_decode_tps",
          "f2_ln_e2e_ms",
          "f3_time_share_at_5pct",
          "f4_gap_cv",
          "f5_ln_tokens");

  /** Validates the ranges; the constructor rejects NaN, infinities and negative values. */
  public TimingFeatures {
    requireFinite("ttftMs", ttftMs, 0);
    requireFinite("decodeTps", decodeTps, 0);
    requireFinite("e2eMs", e2eMs, 0);
    if (e2eMs == 0) {
      throw new IllegalArgumentException("e2eMs must be > 0");
    }
    requireFinite("timeShareAt5Pct", timeShareAt5Pct, 0);
    requireFinite("gapCv", gapCv, 0);
    if (timeShareAt5Pct > 1.0) {
      throw new IllegalArgumentException("timeShareAt5Pct must be <= 1, got " + timeShareAt5Pct);
    }
    if (ttftMs > e2eMs) {
      throw new IllegalArgumentException(
          "ttftMs (" + ttftMs + ") must not exceed e2eMs (" + e2eMs + ")");
    }
    if (tokens < 2) {
      throw new IllegalArgumentException("need at least 2 tokens, got " + tokens);
    }
  }

  /**
   * Computes the features of one answer from the validator's own timestamps.
   *
   * @param sentNanos validator clock ({@code Clock.nanos()}) when the request was sent
   * @param arrivalNanos arrival time of each token, one entry per token, non-decreasing; when a
   *     chunk carries several tokens, repeat the chunk's arrival time for each of them
   * @return the features; the token count is {@code arrivalNanos.length}
   * @throws IllegalArgumentException fewer than 2 tokens, arrivals out of order or before the
   *     request, or a zero end-to-end time
   */
  public static TimingFeatures fromArrivals(final long sentNanos, final long[] arrivalNanos) {
    final int n = arrivalNanos.length;
    if (n < 2) {
      throw new IllegalArgumentException("need at least 2 token arrivals, got " + n);
    }
    if (arrivalNanos[0] < sentNanos) {
      throw new IllegalArgumentException(
          "first arrival " + arrivalNanos[0] + " is before the request was sent at " + sentNanos);
    }
    for (int i = 1; i < n; i++) {
      if (arrivalNanos[i] < arrivalNanos[i - 1]) {
        throw new IllegalArgumentException(
            "arrival times must be non-decreasing; index " + i + " goes back in time");
      }
    }
    final long e2eNanos = arrivalNanos[n - 1] - sentNanos;
    if (e2eNanos <= 0) {
      throw new IllegalArgumentException("end-to-end time is zero; timestamps are unusable");
    }
    final long spanNanos = arrivalNanos[n - 1] - arrivalNanos[0];
    final double decodeTps = (n - 1) / (Math.max(spanNanos, MIN_SPAN_NANOS) / 1e9);
    final int early = earlyTokenCount(n);
    final double share = (double) (arrivalNanos[early - 1] - sentNanos) / e2eNanos;
    return new TimingFeatures(
        (arrivalNanos[0] - sentNanos) / 1e6,
        decodeTps,
        e2eNanos / 1e6,
        share,
        gapCv(arrivalNanos),
        n);
  }

  /** ceil(n · 5 / 100), at least 1, in integer arithmetic (no floating-point edge cases). */
  static int earlyTokenCount(final int n) {
    return Math.max(1, (n * EARLY_TOKEN_PERCENT + 99) / 100);
  }

  private static double gapCv(final long[] arrivals) {
    final int gaps = arrivals.length - 1;
    final double mean = (double) (arrivals[gaps] - arrivals[0]) / gaps;
    if (mean <= 0) {
      return 0.0;
    }
    double sumSq = 0;
    for (int i = 1; i < arrivals.length; i++) {
      final double d = (arrivals[i] - arrivals[i - 1]) - mean;
      sumSq += d * d;
    }
    return Math.sqrt(sumSq / gaps) / mean;
  }

  /**
   * The model inputs, named by {@link #MODEL_FEATURE_NAMES}: times, rate and count on a log scale
   * (multiplicative jitter becomes additive), shares and the coefficient of variation as they are.
   */
  public double[] modelInputs() {
    return new double[] {
      Math.log(Math.max(ttftMs, 1e-3)),
      Math.log(Math.max(decodeTps, 1e-3)),
      Math.log(e2eMs),
      timeShareAt5Pct,
      gapCv,
      Math.log(tokens)
    };
  }

  private static void requireFinite(final String name, final double value, final double min) {
    if (!Double.isFinite(value) || value < min) {
      throw new IllegalArgumentException(name + " must be finite and >= " + min + ", got " + value);
    }
  }
}
