package dev.agora.validator.scoring;

import java.util.Arrays;

/** Latency figures of VERIFICATION.md §2.6 from arrival times taken on the validator's clock. */
public final class Latency {
  /** Share of the tokens whose arrival is compared against the end-to-end time. */
  public static final double DUMP_TOKEN_SHARE = 0.05;
  /** Flag when the first 5% of tokens took at least this share of the end-to-end time. */
  public static final double DUMP_TIME_SHARE = 0.85;

  private Latency() {}

  /**
   * @param sentNanos when the request was sent
   * @param arrivalNanos arrival time of each token chunk, in order, one per token
   * @param minDumpCheckMs below this end-to-end time the stream-then-dump flag is not raised: on
   *     loopback with a tiny model a whole honest answer fits in one network turn
   * @return the outcome; when flagged, decode_tps is N / e2e instead of the (N-1) / decode span
   */
  public static AnswerOutcome measure(
      final long sentNanos, final long[] arrivalNanos, final double minDumpCheckMs) {
    if (arrivalNanos.length == 0) {
      return AnswerOutcome.noAnswer("no-tokens");
    }
    final int n = arrivalNanos.length;
    final double ttft = (arrivalNanos[0] - sentNanos) / 1e6;
    final double e2e = (arrivalNanos[n - 1] - sentNanos) / 1e6;
    final double decodeSpan = (arrivalNanos[n - 1] - arrivalNanos[0]) / 1e9;
    final double tps = n == 1 ? Double.NaN : (decodeSpan <= 0 ? Double.POSITIVE_INFINITY : (n - 1) / decodeSpan);
    final int k = Math.max(1, (int) Math.ceil(n * DUMP_TOKEN_SHARE));
    final double toK = (arrivalNanos[k - 1] - sentNanos) / 1e6;
    final boolean dump = e2e >= minDumpCheckMs && toK >= DUMP_TIME_SHARE * e2e;
    // a flagged answer is rated by its whole duration: dumping cannot claim a fast decode
    final double rate = dump ? n / (e2e / 1e3) : tps;
    return new AnswerOutcome(Verdict.PASS, ttft, rate, e2e, dump, dump ? "stream-then-dump" : "ok");
  }

  /**
   * Percentile by linear interpolation between closest ranks (p in [0, 100]); NaN for no values.
   */
  public static double percentile(final double[] values, final double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
    }
    final double[] v = values.clone();
    Arrays.sort(v);
    final double pos = p / 100.0 * (v.length - 1);
    final int lo = (int) Math.floor(pos);
    final int hi = (int) Math.ceil(pos);
    if (lo == hi || v[hi] == v[lo]) {
      return v[lo];
    }
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }
}
