package dev.agora.validator.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimingFeaturesTest {
  private static final long MS = 1_000_000L;

  @Test
  void fromArrivals_shouldGiveHandCheckedValuesWhenTokensAreEvenlySpaced() {
    // sent at 0; tokens at 10, 20, 30, 40, 50 ms
    final TimingFeatures f =
        TimingFeatures.fromArrivals(0, new long[] {10 * MS, 20 * MS, 30 * MS, 40 * MS, 50 * MS});
    assertEquals(10.0, f.ttftMs(), 1e-12);
    assertEquals(50.0, f.e2eMs(), 1e-12);
    assertEquals(100.0, f.decodeTps(), 1e-9); // 4 tokens in 40 ms
    assertEquals(0.2, f.timeShareAt5Pct(), 1e-12); // 5% of 5 tokens -> first token, 10/50
    assertEquals(0.0, f.gapCv(), 1e-12);
    assertEquals(5, f.tokens());
  }

  @Test
  void fromArrivals_shouldGiveHandCheckedValuesWhenGapsAreUneven() {
    final long sent = 1_000;
    // gaps 1, 2, 4 ms: mean 7/3, population std sqrt(14/9) -> cv = sqrt(14)/7 = 0.534522...
    final long[] a = {sent + 2 * MS, sent + 3 * MS, sent + 5 * MS, sent + 9 * MS};
    final TimingFeatures f = TimingFeatures.fromArrivals(sent, a);
    assertEquals(2.0, f.ttftMs(), 1e-12);
    assertEquals(9.0, f.e2eMs(), 1e-12);
    assertEquals(3 / 0.007, f.decodeTps(), 1e-9);
    assertEquals(2.0 / 9.0, f.timeShareAt5Pct(), 1e-12);
    assertEquals(Math.sqrt(14) / 7, f.gapCv(), 1e-12);
    assertEquals(4, f.tokens());
  }

  @Test
  void earlyTokenCount_shouldBeCeilingOfFivePercentWithAtLeastOne() {
    assertEquals(1, TimingFeatures.earlyTokenCount(2));
    assertEquals(1, TimingFeatures.earlyTokenCount(20));
    assertEquals(2, TimingFeatures.earlyTokenCount(21));
    assertEquals(3, TimingFeatures.earlyTokenCount(60));
    assertEquals(5, TimingFeatures.earlyTokenCount(100));
    assertEquals(6, TimingFeatures.earlyTokenCount(101));
    assertEquals(7, TimingFeatures.earlyTokenCount(128));
  }

  @Test
  void fromArrivals_shouldUseTheFifthPercentTokenWhenTheAnswerIsLong() {
    // 40 tokens, 1 ms apart, first at 10 ms: 5% of 40 = 2 tokens -> second token at 11 ms
    final long[] a = new long[40];
    for (int i = 0; i < a.length; i++) {
      a[i] = (10 + i) * MS;
    }
    final TimingFeatures f = TimingFeatures.fromArrivals(0, a);
    assertEquals(11.0 / 49.0, f.timeShareAt5Pct(), 1e-12);
    assertEquals(1000.0, f.decodeTps(), 1e-9);
  }

  @Test
  void fromArrivals_shouldShowStreamThenDumpWhenAllTokensArriveAtTheEnd() {
    // 100 tokens: first at 990 ms, the rest within the following 10 ms
    final long[] a = new long[100];
    for (int i = 0; i < a.length; i++) {
      a[i] = 990 * MS + i * (MS / 10);
    }
    final TimingFeatures f = TimingFeatures.fromArrivals(0, a);
    assertTrue(f.timeShareAt5Pct() >= 0.85, "share " + f.timeShareAt5Pct());
    assertEquals((990.0 + 0.4) / (990.0 + 9.9), f.timeShareAt5Pct(), 1e-12);
  }

  @Test
  void fromArrivals_shouldStayFiniteWhenEveryTokenArrivesAtOnce() {
    final TimingFeatures f = TimingFeatures.fromArrivals(0, new long[] {5 * MS, 5 * MS, 5 * MS});
    assertEquals(2 / 1e-6, f.decodeTps(), 1e-3); // span floored at 1 µs
    assertEquals(0.0, f.gapCv(), 0.0);
    assertEquals(1.0, f.timeShareAt5Pct(), 0.0);
    for (final double x : f.modelInputs()) {
      assertTrue(Double.isFinite(x));
    }
  }

  @Test
  void fromArrivals_shouldRejectBadInputWithAClearMessage() {
    assertMessage("at least 2", () -> TimingFeatures.fromArrivals(0, new long[] {MS}));
    assertMessage(
        "before the request", () -> TimingFeatures.fromArrivals(10 * MS, new long[] {MS, 2 * MS}));
    assertMessage("non-decreasing", () -> TimingFeatures.fromArrivals(0, new long[] {2 * MS, MS}));
    assertMessage("zero", () -> TimingFeatures.fromArrivals(7, new long[] {7, 7}));
  }

  @Test
  void constructor_shouldRejectNonFiniteOrInconsistentValues() {
    assertMessage("decodeTps", () -> new TimingFeatures(1, Double.NaN, 2, 0.5, 0.1, 10));
    assertMessage("timeShareAt5Pct", () -> new TimingFeatures(1, 10, 2, 1.5, 0.1, 10));
    assertMessage("must not exceed", () -> new TimingFeatures(3, 10, 2, 0.5, 0.1, 10));
    assertMessage("tokens", () -> new TimingFeatures(1, 10, 2, 0.5, 0.1, 1));
  }

  @Test
  void modelInputs_shouldMatchTheNamedFeaturesInOrder() {
    final TimingFeatures f = new TimingFeatures(20, 400, 340, 0.07, 0.3, 128);
    final double[] x = f.modelInputs();
    assertEquals(TimingFeatures.MODEL_FEATURE_NAMES.size(), x.length);
    assertEquals(Math.log(20), x[0], 1e-12);
    assertEquals(Math.log(400), x[1], 1e-12);
    assertEquals(Math.log(340), x[2], 1e-12);
    assertEquals(0.07, x[3], 0.0);
    assertEquals(0.3, x[4], 0.0);
    assertEquals(Math.log(128), x[5], 1e-12);
  }

  private static void assertMessage(final String fragment, final Runnable r) {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains(fragment), "message was: " + e.getMessage());
  }
}
