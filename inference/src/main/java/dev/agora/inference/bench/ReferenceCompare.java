package dev.agora.inference.bench;

import static dev.agora.inference.bench.InferenceBench.median;

import dev.agora.inference.Generator;
import dev.agora.inference.Sampling;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.inference.cpu.WeightPlacement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decode speed of the CPU engine against C reference decoders (scripts/bench/refc.c), measured in
 * the same run: rounds alternate one Java decode with one run of each reference binary, so both
 * see the same machine load, and the result is a ratio per round plus the median ratio. Usage:
 *
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp agora.jar dev.agora.inference.bench.ReferenceCompare \
 *     --model FILE --ref BINARY [--ref BINARY2] [--threads 2] [--rounds 7] [--tokens 128]
 *     [--placement auto|heap|mapped]
 * </pre>
 *
 * Both sides decode {@code --tokens} tokens greedily from BOS and time every forward pass; the
 * reference gets {@code OMP_NUM_THREADS} equal to {@code --threads}. {@code scripts/bench-vs-c.sh}
 * builds the references and runs this.
 */
public final class ReferenceCompare {
  private static final Pattern REF_LINE = Pattern.compile("mean ([0-9.]+) tok/s");
  private static final long WARMUP_NANOS = 3_000_000_000L;
  private static final long REF_TIMEOUT_SECONDS = 300;

  private ReferenceCompare() {}

  public static void main(final String[] args) throws Exception {
    Path model = null;
    final List<String> refs = new ArrayList<>();
    int threads = 2;
    int rounds = 7;
    int tokens = 128;
    WeightPlacement placement = WeightPlacement.AUTO;
    for (int i = 0; i < args.length; i++) {
      final String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--model" -> model = Path.of(need(args[i], v));
        case "--ref" -> refs.add(need(args[i], v));
        case "--threads" -> threads = Integer.parseInt(need(args[i], v));
        case "--rounds" -> rounds = Integer.parseInt(need(args[i], v));
        case "--tokens" -> tokens = Integer.parseInt(need(args[i], v));
        case "--placement" ->
            placement = WeightPlacement.valueOf(need(args[i], v).toUpperCase(Locale.ROOT));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (model == null || refs.isEmpty()) {
      throw new IllegalArgumentException("need --model FILE and at least one --ref BINARY");
    }
    if (threads < 1 || rounds < 1 || tokens < 2) {
      throw new IllegalArgumentException("need --threads >= 1, --rounds >= 1, --tokens >= 2");
    }
    final double[] java = new double[rounds];
    final double[][] ref = new double[refs.size()][rounds];
    try (CpuInferenceEngine engine = CpuInferenceEngine.open(model, threads, placement)) {
      final int n = Math.min(tokens, engine.config().seqLen());
      System.out.printf(Locale.ROOT, "model %s, %d threads, %d tokens, weights %s, load %.2f%n",
          model.getFileName(), threads, n, engine.weightsOnHeap() ? "on heap" : "mapped", load());
      final long warmEnd = System.nanoTime() + WARMUP_NANOS;
      while (System.nanoTime() < warmEnd) {
        decode(engine, n);
      }
      for (int r = 0; r < rounds; r++) {
        java[r] = decode(engine, n);
        final StringBuilder line = new StringBuilder(
            String.format(Locale.ROOT, "round %d: java %.1f tok/s", r + 1, java[r]));
        for (int k = 0; k < refs.size(); k++) {
          ref[k][r] = runReference(refs.get(k), model, threads, n);
          line.append(String.format(Locale.ROOT, " | %s %.1f tok/s (java/ref %.2f)",
              Path.of(refs.get(k)).getFileName(), ref[k][r], java[r] / ref[k][r]));
        }
        System.out.println(line);
      }
    }
    System.out.printf(Locale.ROOT, "median java %.1f tok/s%n", median(java));
    for (int k = 0; k < refs.size(); k++) {
      final double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = java[r] / ref[k][r];
      }
      System.out.printf(Locale.ROOT, "median %s %.1f tok/s; java/ref median %.2f (min %.2f, max %.2f)%n",
          Path.of(refs.get(k)).getFileName(), median(ref[k]), median(ratio),
          Arrays.stream(ratio).min().orElseThrow(), Arrays.stream(ratio).max().orElseThrow());
    }
    System.out.printf(Locale.ROOT, "load %.2f%n", load());
  }

  private static String need(final String flag, final String value) {
    if (value == null) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return value;
  }

  /** Greedy decode of {@code n} tokens from BOS; tokens per second over every forward pass. */
  private static double decode(final CpuInferenceEngine engine, final int n) {
    final long t0 = System.nanoTime();
    Generator.generate(engine, new int[] {1}, n, Sampling.greedy(), true, null);
    return n / ((System.nanoTime() - t0) / 1e9);
  }

  /** One run of a reference binary (one warm-up pass, one timed pass); its mean tok/s. */
  static double runReference(final String binary, final Path model, final int threads, final int n)
      throws IOException, InterruptedException {
    final ProcessBuilder pb = new ProcessBuilder(binary, model.toString(), Integer.toString(n), "1");
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
    final String out = run(pb, REF_TIMEOUT_SECONDS);
    final Matcher m = REF_LINE.matcher(out);
    if (!m.find()) {
      throw new IOException(binary + " printed no speed: " + out.strip());
    }
    return Double.parseDouble(m.group(1));
  }

  /**
   * Runs {@code pb} with stdout and stderr into a temporary file, so a process that hangs is
   * killed after {@code timeoutSeconds} instead of blocking a pipe read; its output when it exits
   * with status 0, else an IOException naming the status and the output.
   */
  static String run(final ProcessBuilder pb, final long timeoutSeconds)
      throws IOException, InterruptedException {
    final Path log = Files.createTempFile("agora-bench-", ".log");
    try {
      pb.redirectErrorStream(true).redirectOutput(log.toFile());
      final Process p = pb.start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new IOException(pb.command().get(0) + " did not finish in " + timeoutSeconds + " s");
      }
      final String out = Files.readString(log, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IOException(
            pb.command().get(0) + " failed (exit " + p.exitValue() + "): " + out.strip());
      }
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  private static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
