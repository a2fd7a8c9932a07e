package dev.agora.validator.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyTest {
  private static final long MS = 1_000_000L;

  @Test
  void measure_shouldComputeTtftDecodeRateAndE2e() {
    final long[] arrivals = new long[21];
    for (int i = 0; i < arrivals.length; i++) {
      arrivals[i] = (50 + 10L * i) * MS; // first at 50 ms, then one every 10 ms
    }
    final AnswerOutcome o = Latency.measure(0, arrivals, 20);
    assertEquals(50.0, o.ttftMs(), 1e-9);
    assertEquals(250.0, o.e2eMs(), 1e-9);
    assertEquals(20 / 0.2, o.decodeTps(), 1e-9);
    assertFalse(o.streamThenDump());
  }

  @Test
  void measure_shouldFlagStreamThenDumpWhenFirstTokensComeLate() {
    final long[] arrivals = new long[20];
    for (int i = 0; i < arrivals.length; i++) {
      arrivals[i] = (900 + i) * MS; // all tokens arrive at the end
    }
    assertTrue(Latency.measure(0, arrivals, 20).streamThenDump());
    assertEquals(20 / 0.919, Latency.measure(0, arrivals, 20).decodeTps(), 1e-9);
    // below the minimum e2e the flag is not raised
    assertFalse(Latency.measure(0, arrivals, 5000).streamThenDump());
  }

  @Test
  void measure_shouldReportNoAnswerWhenNoTokens() {
    assertEquals(Verdict.NO_ANSWER, Latency.measure(0, new long[0], 20).verdict());
  }

  @Test
  void percentile_shouldInterpolateBetweenRanks() {
    final double[] v = {5, 1, 4, 2, 3};
    assertEquals(1.0, Latency.percentile(v, 0));
    assertEquals(5.0, Latency.percentile(v, 100));
    assertEquals(3.0, Latency.percentile(v, 50));
    assertEquals(2.2, Latency.percentile(v, 30), 1e-12);
    assertEquals(3.8, Latency.percentile(v, 70), 1e-12);
    assertTrue(Double.isNaN(Latency.percentile(new double[0], 30)));
  }
}
