package dev.agora.inference.bench;

import static dev.agora.inference.bench.InferenceBench.median;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * An A/B of two builds of the CPU engine in one JVM, for a fair comparison on a shared machine: each
 * build is loaded from its own class folder (say the git HEAD build and the working tree), and their
 * greedy decodes and prefills alternate round by round; medians are reported. Usage:
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -Xmx512m -cp CLASSES dev.agora.inference.bench.EngineAb \
 *     MODEL.bin THREADS ROUNDS TOKENS DIR_A DIR_B ...
 * </pre>
 */
public final class EngineAb {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private EngineAb() {}

  public static void main(final String[] a) throws Exception {
    if (a.length < 5) {
      throw new IllegalArgumentException("usage: MODEL THREADS ROUNDS TOKENS DIR [DIR...]");
    }
    final Path model = Path.of(a[0]);
    final int threads = Integer.parseInt(a[1]);
    final int rounds = Integer.parseInt(a[2]);
    final int tokens = Integer.parseInt(a[3]);
    final int n = a.length - 4;
    final Build[] builds = new Build[n];
    for (int i = 0; i < n; i++) {
      builds[i] = new Build(Path.of(a[4 + i]), model, threads);
    }
    final long warmEnd = System.nanoTime() + 4_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      for (final Build b : builds) {
        b.decode(32);
        b.prefill(32);
      }
    }
    final double[][] tps = new double[n][rounds];
    final double[][] cpu = new double[n][rounds];
    final double[][] pps = new double[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < n; i++) {
        final long[] d = builds[i].decode(tokens);
        tps[i][r] = tokens / (d[0] / 1e9);
        cpu[i][r] = d[1] / 1e6 / tokens;
        pps[i][r] = tokens / (builds[i].prefill(tokens) / 1e9);
      }
    }
    final String load = Files.readString(Path.of("/proc/loadavg")).trim();
    for (int i = 0; i < n; i++) {
      System.out.printf(Locale.ROOT,
          "%s threads=%d decode median %.1f tok/s (best %.1f), caller cpu %.3f ms/token |"
              + " prefill median %.1f pos/s (best %.1f) | loadavg %s%n",
          a[4 + i], threads, median(tps[i]), max(tps[i]), median(cpu[i]), median(pps[i]),
          max(pps[i]), load);
      builds[i].close();
    }
    for (int i = 1; i < n; i++) {
      final double[] dec = new double[rounds];
      final double[] pre = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        dec[r] = tps[i][r] / tps[0][r];
        pre[r] = pps[i][r] / pps[0][r];
      }
      final double[] sorted = dec.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT,
          "%s / %s per round: decode median %.3f (quartiles %.3f..%.3f), prefill median %.3f%n",
          a[4 + i], a[4], median(dec), sorted[rounds / 4], sorted[(3 * rounds) / 4], median(pre));
    }
  }

  /** One engine build behind its own class loader, driven through reflection. */
  private static final class Build {
    private final Object engine;
    private final Method newSession;
    private final Method prefill;

    Build(final Path classes, final Path model, final int threads) throws Exception {
      final ClassLoader cl = new URLClassLoader(
          new URL[] {classes.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      final Class<?> c = cl.loadClass("dev.agora.inference.cpu.CpuInferenceEngine");
      engine = c.getMethod("open", Path.class, int.class).invoke(null, model, threads);
      newSession = c.getMethod("newSession");
      prefill = c.getMethod("prefill", int[].class, int.class);
    }

    /** Wall and caller-thread CPU nanoseconds of a greedy decode of {@code n} tokens after BOS. */
    long[] decode(final int n) throws Exception {
      final long w0 = System.nanoTime();
      final long c0 = THREADS.getCurrentThreadCpuTime();
      final Object s = newSession.invoke(engine);
      final Method forward = s.getClass().getMethod("forward", int.class);
      forward.setAccessible(true);
      int tok = 1;
      for (int i = 0; i < n; i++) {
        final float[] l = (float[]) forward.invoke(s, tok);
        int best = 3;
        for (int v = 4; v < l.length; v++) {
          if (l[v] > l[best]) {
            best = v;
          }
        }
        tok = best;
      }
      return new long[] {System.nanoTime() - w0, THREADS.getCurrentThreadCpuTime() - c0};
    }

    /** Wall nanoseconds of one prefill of {@code n} positions. */
    long prefill(final int n) throws Exception {
      final int[] t = new int[n];
      t[0] = 1;
      for (int i = 1; i < n; i++) {
        t[i] = 3 + (i * 7919) % 500;
      }
      final long w0 = System.nanoTime();
      prefill.invoke(engine, t, 0);
      return System.nanoTime() - w0;
    }

    void close() throws Exception {
      ((AutoCloseable) engine).close();
    }
  }

  private static double max(final double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
