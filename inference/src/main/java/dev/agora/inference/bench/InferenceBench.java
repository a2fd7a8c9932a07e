package dev.agora.inference.bench;

import dev.agora.inference.DemoModels;
import dev.agora.inference.Generator;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.ModelSpec;
import dev.agora.inference.Sampling;
import dev.agora.inference.VerificationResult;
import dev.agora.inference.Verifier;
import dev.agora.inference.VerifierConfig;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.inference.cpu.WeightPlacement;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures the CPU engine: decode tokens/s, prefill positions/s, and the cost of verifying an N-token
 * answer by prefill against generating it. Usage:
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -Xmx512m -cp agora.jar dev.agora.inference.bench.InferenceBench \
 *     [--preset demo-15m | --model FILE] [--threads 1,2] [--tokens 128] [--repeat 5]
 *     [--placement auto|heap|mapped] [--dir target/bench-models]
 * </pre>
 *
 * Each timing is repeated {@code --repeat} times and the median is reported.
 */
public final class InferenceBench {

  /** One measurement row. */
  public record Row(
      String model,
      int threads,
      double decodeTokPerS,
      double prefillPosPerS,
      int answerTokens,
      double generateMs,
      double verifyMs,
      boolean verified,
      long peakHeapMb) {

    public String format() {
      return String.format(Locale.ROOT,
          "%-10s threads=%d decode=%.1f tok/s prefill=%.1f pos/s | %d-token answer: generate %.0f ms,"
              + " verify %.0f ms (%.1fx cheaper, %s) | peak heap %d MB",
          model, threads, decodeTokPerS, prefillPosPerS, answerTokens, generateMs, verifyMs,
          generateMs / verifyMs, verified ? "pass" : "FAIL", peakHeapMb);
    }
  }

  private static final long WARMUP_NANOS = 3_000_000_000L;

  private InferenceBench() {}

  public static void main(final String[] args) throws Exception {
    String preset = "demo-15m";
    Path model = null;
    List<Integer> threads = List.of(1, 2);
    int tokens = 128;
    int repeat = 5;
    WeightPlacement placement = WeightPlacement.AUTO;
    Path dir = Path.of("target", "bench-models");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--preset" -> preset = args[++i];
        case "--model" -> model = Path.of(args[++i]);
        case "--threads" -> {
          final List<Integer> t = new ArrayList<>();
          for (final String s : args[++i].split(",")) {
            t.add(Integer.parseInt(s.trim()));
          }
          threads = t;
        }
        case "--tokens" -> tokens = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--placement" -> placement = WeightPlacement.valueOf(args[++i].toUpperCase(Locale.ROOT));
        case "--dir" -> dir = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    final String label = model != null ? model.getFileName().toString() : preset;
    final Path file = model != null ? model : ensure(DemoModels.preset(preset), dir, System.out);
    for (final int t : threads) {
      System.out.println(run(label, file, t, tokens, repeat, placement).format());
    }
  }

  /** Generates a preset's checkpoint into {@code dir} unless it is there already. */
  public static Path ensure(final ModelSpec spec, final Path dir, final PrintStream log)
      throws Exception {
    Files.createDirectories(dir);
    final Path file = dir.resolve(spec.name() + ".bin");
    if (!Files.exists(file) || Files.size(file) != spec.config().fileSizeBytes()) {
      log.println("generating " + file + " ...");
      spec.writeTo(file);
    }
    return file;
  }

  /** Runs every measurement for one model file and thread count, once, weights placed by default. */
  public static Row run(final String label, final Path file, final int threads, final int tokens) {
    return run(label, file, threads, tokens, 1, WeightPlacement.AUTO);
  }

  /** Runs every measurement {@code repeat} times (medians) for one model file and thread count. */
  public static Row run(
      final String label,
      final Path file,
      final int threads,
      final int tokens,
      final int repeat,
      final WeightPlacement placement) {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be >= 1, got " + repeat);
    }
    resetPeaks();
    try (CpuInferenceEngine engine = CpuInferenceEngine.open(file, threads, placement)) {
      final int[] prompt = {1};
      final int n = Math.min(tokens, engine.config().seqLen());
      // warm-up: JIT (the Vector API is slow until C2 compiles it) and the page cache
      final long warmEnd = System.nanoTime() + WARMUP_NANOS;
      int rounds = 0;
      while (rounds < 2 || System.nanoTime() < warmEnd) {
        Generator.generate(engine, prompt, Math.min(32, n), Sampling.greedy(), true, null);
        engine.prefill(warmSeq(Math.min(32, n)), 0);
        rounds++;
      }
      final double[] gen = new double[repeat];
      final double[] pre = new double[repeat];
      final double[] ver = new double[repeat];
      int[] answer = new int[0];
      boolean passed = true;
      for (int k = 0; k < repeat; k++) {
        final long g0 = System.nanoTime();
        answer = Generator.generate(engine, prompt, n, Sampling.greedy(), true, null);
        gen[k] = (System.nanoTime() - g0) / 1e6;
      }
      final int[] seq = new int[prompt.length + n - 1];
      seq[0] = prompt[0];
      System.arraycopy(answer, 0, seq, 1, n - 1);
      final Verifier verifier = new Verifier(engine, VerifierConfig.defaults());
      for (int k = 0; k < repeat; k++) {
        final long p0 = System.nanoTime();
        engine.prefill(seq, 0);
        pre[k] = (System.nanoTime() - p0) / 1e6;
        final long v0 = System.nanoTime();
        final VerificationResult r = verifier.verify(prompt, answer, n, Sampling.greedy());
        ver[k] = (System.nanoTime() - v0) / 1e6;
        passed &= r.passed();
      }
      final double genMs = median(gen);
      final double prefMs = median(pre);
      final double verMs = median(ver);
      return new Row(label, threads, n / (genMs / 1e3), seq.length / (prefMs / 1e3), n, genMs,
          verMs, passed, peakHeapMb());
    }
  }

  /** The median of {@code v} (the mean of the middle two for an even count); v is not changed. */
  static double median(final double[] v) {
    final double[] s = v.clone();
    java.util.Arrays.sort(s);
    final int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  private static int[] warmSeq(final int n) {
    final int[] s = new int[n];
    for (int i = 0; i < n; i++) {
      s[i] = 3 + i;
    }
    return s;
  }

  private static void resetPeaks() {
    for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (final MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }
}
