package dev.agora.chain.yuma.bench;

import dev.agora.chain.yuma.U16Rows;
import dev.agora.chain.yuma.YumaEpoch;
import dev.agora.chain.yuma.YumaInput;
import dev.agora.chain.yuma.YumaOutput;
import dev.agora.chain.yuma.YumaParams;
import dev.agora.chain.yuma.baseline.BaselineYumaEpoch;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Times one Yuma epoch at 256/1024/4096 uids × 64/128/256 validators with dense weights (every
 * validator weights every uid) and dense bonds from a previous epoch. Not a test: run with
 *
 * <pre>
 * java -cp chain/target/test-classes:chain/target/classes:$(cat /tmp/chain.cp) \
 *   dev.agora.chain.yuma.bench.YumaBench [warmupRuns] [timedRuns] [uids vals [nobase]]
 * </pre>
 *
 * (see docs/benchmarks/yuma.md for the exact commands). Each timed run of {@link YumaEpoch} is
 * followed by one of the frozen pre-optimisation copy {@link BaselineYumaEpoch}, so the ratio
 * column compares both under the same machine load; pass {@code nobase} as the fifth argument to
 * skip the baseline.
 */
public final class YumaBench {
  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private YumaBench() {}

  public static void main(final String[] args) {
    final int warm = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    final int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    final int[] ns = args.length > 2 ? new int[] {Integer.parseInt(args[2])} : new int[] {256, 1024, 4096};
    final int[] vs = args.length > 3 ? new int[] {Integer.parseInt(args[3])} : new int[] {64, 128, 256};
    final boolean withBaseline = args.length <= 4 || !"nobase".equals(args[4]);
    System.out.printf(
        Locale.ROOT, "%6s %6s %8s %10s %10s %10s %10s %11s %11s %7s%n",
        "uids", "vals", "mode", "median ms", "min ms", "max ms", "entries", "cpu med ms",
        "base cpu ms", "ratio");
    for (final int n : ns) {
      for (final int v : vs) {
        for (final boolean yuma3 : new boolean[] {false, true}) {
          final YumaInput in = input(n, v, yuma3, 42L + n * 7L + v);
          if (withBaseline && !sameOutput(YumaEpoch.run(in), BaselineYumaEpoch.run(in))) {
            throw new IllegalStateException("output differs from the baseline at " + n + "x" + v);
          }
          final double[] t = new double[runs];
          final double[] cpu = new double[runs];
          final double[] base = new double[runs];
          long sink = 0;
          for (int i = 0; i < warm; i++) {
            sink += YumaEpoch.run(in).emission()[0];
            if (withBaseline) {
              sink += BaselineYumaEpoch.run(in).emission()[0];
            }
          }
          for (int i = 0; i < runs; i++) { // interleaved, so both see the same machine load
            final long c0 = THREADS.getCurrentThreadCpuTime();
            final long t0 = System.nanoTime();
            final YumaOutput o = YumaEpoch.run(in);
            t[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
            sink += o.emission()[0];
            if (withBaseline) {
              final long b0 = THREADS.getCurrentThreadCpuTime();
              sink += BaselineYumaEpoch.run(in).emission()[0];
              base[i] = (THREADS.getCurrentThreadCpuTime() - b0) / 1e6;
            }
          }
          Arrays.sort(t);
          Arrays.sort(cpu);
          Arrays.sort(base);
          final double b = base[runs / 2];
          System.out.printf(
              Locale.ROOT, "%6d %6d %8s %10.2f %10.2f %10.2f %10d %11.2f %11s %7s%s%n",
              n, v, yuma3 ? "yuma3" : "original", t[runs / 2], t[0], t[runs - 1], (long) n * v,
              cpu[runs / 2],
              withBaseline ? String.format(Locale.ROOT, "%.2f", b) : "-",
              withBaseline ? String.format(Locale.ROOT, "%.2fx", b / cpu[runs / 2]) : "-",
              sink == 42 ? " " : "");
        }
      }
    }
  }

  /** Every field of two outputs equal, bit for bit. */
  static boolean sameOutput(final YumaOutput a, final YumaOutput b) {
    return Arrays.equals(a.active(), b.active())
        && Arrays.equals(a.stakeWeight(), b.stakeWeight())
        && Arrays.equals(a.activeStake(), b.activeStake())
        && Arrays.equals(a.consensus(), b.consensus())
        && Arrays.equals(a.incentive(), b.incentive())
        && Arrays.equals(a.dividends(), b.dividends())
        && Arrays.equals(a.validatorTrust(), b.validatorTrust())
        && Arrays.equals(a.newValidatorPermit(), b.newValidatorPermit())
        && Arrays.equals(a.normalizedServerEmission(), b.normalizedServerEmission())
        && Arrays.equals(a.normalizedValidatorEmission(), b.normalizedValidatorEmission())
        && Arrays.equals(a.normalizedCombinedEmission(), b.normalizedCombinedEmission())
        && Arrays.equals(a.serverEmission(), b.serverEmission())
        && Arrays.equals(a.validatorEmission(), b.validatorEmission())
        && Arrays.equals(a.emission(), b.emission())
        && a.bonds().equals(b.bonds());
  }

  /** A subnet with v validators (uids 0..v-1, all permitted) weighting all n uids, with bonds. */
  static YumaInput input(final int n, final int v, final boolean yuma3, final long seed) {
    final Random rnd = new Random(seed);
    final long[] stake = new long[n];
    final long[] reg = new long[n];
    final long[] upd = new long[n];
    final boolean[] permit = new boolean[n];
    final int[][] wu = new int[n][];
    final int[][] wv = new int[n][];
    final int[][] bu = new int[n][];
    final int[][] bv = new int[n][];
    final int[] all = new int[n];
    for (int j = 0; j < n; j++) {
      all[j] = j;
    }
    for (int i = 0; i < n; i++) {
      reg[i] = 10;
      upd[i] = 990;
      if (i < v) {
        stake[i] = 1_000_000_000L + (long) (rnd.nextDouble() * 1e13);
        permit[i] = true;
        wu[i] = all;
        wv[i] = new int[n];
        bu[i] = all;
        bv[i] = new int[n];
        for (int j = 0; j < n; j++) {
          wv[i][j] = rnd.nextInt(65536);
          bv[i][j] = rnd.nextInt(65536);
        }
      } else {
        stake[i] = rnd.nextInt(1000);
        wu[i] = new int[0];
        wv[i] = new int[0];
        bu[i] = new int[0];
        bv[i] = new int[0];
      }
    }
    return YumaInput.builder(n)
        .currentBlock(1000)
        .stake(stake)
        .blockAtRegistration(reg)
        .lastUpdate(upd)
        .validatorPermit(permit)
        .weights(new U16Rows(wu, wv))
        .bonds(new U16Rows(bu, bv))
        .params(YumaParams.defaults().withYuma3(yuma3).withMaxAllowedValidators(v))
        .raoEmission(360L * 1_000_000_000L)
        .build();
  }
}
