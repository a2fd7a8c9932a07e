package dev.agora.validator.anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded synthetic answer timings for tests: a population of honest miners (each with its own base
 * TTFT, decode rate and gap jitter) and the cheats of VERIFICATION.md §2.6/§2.8 built on top of
 * honest behaviour. All times in nanoseconds on a simulated validator clock; sent at 0.
 */
final class SyntheticTimings {
  private static final long MS = 1_000_000L;

  private final Random rnd;
  private final double[] baseTtftMs;
  private final double[] baseTps;
  private final double[] gapJitter;

  /** A population of {@code miners} honest miners drawn from {@code seed}. */
  SyntheticTimings(final long seed, final int miners) {
    this.rnd = new Random(seed);
    this.baseTtftMs = new double[miners];
    this.baseTps = new double[miners];
    this.gapJitter = new double[miners];
    for (int m = 0; m < miners; m++) {
      baseTtftMs[m] = 15 + 20 * rnd.nextDouble();
      baseTps[m] = 250 + 250 * rnd.nextDouble();
      gapJitter[m] = 0.15 + 0.20 * rnd.nextDouble();
    }
  }

  /** Arrival times of an honest streamed answer from a random miner, with extra TTFT added. */
  long[] honestArrivals(final double extraTtftMs) {
    final int m = rnd.nextInt(baseTtftMs.length);
    final int tokens = 64 + rnd.nextInt(65);
    final double ttftMs = baseTtftMs[m] * Math.exp(0.15 * rnd.nextGaussian()) + extraTtftMs;
    final double tps = baseTps[m] * Math.exp(0.05 * rnd.nextGaussian());
    final long[] a = new long[tokens];
    double t = ttftMs * MS;
    a[0] = (long) t;
    for (int i = 1; i < tokens; i++) {
      final double gap = Math.max(0.05, 1 + gapJitter[m] * rnd.nextGaussian()) / tps * 1e9;
      t += gap;
      a[i] = (long) t;
    }
    return a;
  }

  /** An honest answer's features. */
  TimingFeatures honest() {
    return TimingFeatures.fromArrivals(0, honestArrivals(0));
  }

  /** Relayed through an extra hop: honest stream, TTFT later by {@code extraMs}. */
  TimingFeatures relayed(final double extraMs) {
    return TimingFeatures.fromArrivals(0, honestArrivals(extraMs));
  }

  /** Stream-then-dump: generated at honest speed, then every token sent in one burst. */
  TimingFeatures streamThenDump() {
    final long[] honest = honestArrivals(0);
    final long[] a = new long[honest.length];
    long t = honest[honest.length - 1];
    for (int i = 0; i < a.length; i++) {
      t += 2_000 + rnd.nextInt(18_000);
      a[i] = t;
    }
    return TimingFeatures.fromArrivals(0, a);
  }

  /**
   * Fake pacing: the whole answer is fetched elsewhere, then replayed at a constant, honest-looking
   * rate with almost no jitter (gap coefficient of variation about 1%).
   */
  TimingFeatures metronome() {
    final long[] honest = honestArrivals(0);
    final int tokens = honest.length;
    final double gapNs = (double) (honest[tokens - 1] - honest[0]) / (tokens - 1);
    final long[] a = new long[tokens];
    double t = honest[0];
    a[0] = honest[0];
    for (int i = 1; i < tokens; i++) {
      t += gapNs * (1 + 0.01 * rnd.nextGaussian());
      a[i] = (long) t;
    }
    return TimingFeatures.fromArrivals(0, a);
  }

  /** {@code n} answers from a generator. */
  static List<TimingFeatures> many(
      final int n, final java.util.function.Supplier<TimingFeatures> s) {
    final List<TimingFeatures> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(s.get());
    }
    return out;
  }
}
