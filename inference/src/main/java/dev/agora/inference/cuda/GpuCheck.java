package dev.agora.inference.cuda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agora.inference.Checkpoint;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.ModelConfig;
import dev.agora.inference.ModelSpec;
import dev.agora.inference.Sampler;
import dev.agora.inference.Tensor;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one-call GPU check run by scripts/gpu-check.sh on a machine with a CUDA device: oracle ids on
 * GPU and CPU, the distribution of logit differences GPU vs CPU (to calibrate τ, VERIFICATION.md
 * §2.5), decode and prefill speed on the 15M, 110M and a 1B-class shape, and decode's fraction of
 * the device-to-device copy bandwidth. Every phase has a time limit; results go to stdout and to
 * {@code <out>/gpu-check.json}.
 *
 * <p>Every GPU part runs for each kernel set of {@code --kernels} (default v2 then v1); a set that
 * fails a correctness check is flagged and the others still measured, and a closing summary names,
 * per shape, the fastest set that passed and whether issue 6's targets are met.
 *
 * <p>Usage: {@code GpuCheck --oracle FILE --work DIR --out DIR [--phases oracle,diff,perf]
 * [--shapes 15m,110m,1b] [--kernels v2,v1]}. Exit status: 0 all checks passed, 1 a check failed or
 * a phase timed out, 2 bad arguments, 3 no CUDA device.
 */
public final class GpuCheck {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  /** The 1B-class benchmark shape (TinyLlama-like): 22 layers, GQA 32/4, vocab 32000. */
  static final ModelSpec SHAPE_1B = new ModelSpec("bench-1b",
      new ModelConfig(2048, 5632, 22, 32, 4, 32000, 2048, true), 1, 0.02f);
  static final ModelSpec SHAPE_15M = new ModelSpec("demo-15m",
      new ModelConfig(288, 768, 6, 6, 6, 32000, 256, true), 42, 0.17f);
  static final ModelSpec SHAPE_110M = new ModelSpec("demo-110m",
      new ModelConfig(768, 2048, 12, 12, 12, 32000, 1024, true), 42, 0.17f);

  private static final int DECODE_WARMUP = 4;
  /** Largest |GPU - CPU| logit difference accepted by the check (VERIFICATION.md §2.5 τ floor). */
  private static final double DIFF_LIMIT = 0.005;

  private final Path oracle;
  private final Path work;
  private final Path out;
  private final List<String> phases;
  private final List<String> shapes;
  private final List<CudaKernelSet> sets;
  private final Map<String, Object> results = new LinkedHashMap<>();
  private final List<String> failures =
      java.util.Collections.synchronizedList(new ArrayList<>());
  private final long t0 = System.nanoTime();
  private final Set<CudaKernelSet> failedSets = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, Object>> perf =
      java.util.Collections.synchronizedMap(new LinkedHashMap<>());

  private GpuCheck(final Path oracle, final Path work, final Path out, final List<String> phases,
      final List<String> shapes, final List<CudaKernelSet> sets) {
    this.sets = sets;
    this.oracle = oracle;
    this.work = work;
    this.out = out;
    this.phases = phases;
    this.shapes = shapes;
  }

  public static void main(final String[] args) {
    System.exit(run(args));
  }

  /** Runs the check; returns the exit status. */
  static int run(final String[] args) {
    Path oracle = Path.of("oracles/llama2c-g128.json");
    Path work = Path.of(System.getProperty("java.io.tmpdir"), "agora-gpu-check");
    Path out = Path.of(".");
    List<String> phases = List.of("oracle", "diff", "perf");
    List<String> shapes = List.of("15m", "110m", "1b");
    List<CudaKernelSet> sets = List.of(CudaKernelSet.V2, CudaKernelSet.V1);
    for (int i = 0; i < args.length; i++) {
      final String a = args[i];
      if (i + 1 >= args.length) {
        System.err.println("gpu-check: " + a + " needs a value");
        return 2;
      }
      final String val = args[++i];
      switch (a) {
        case "--oracle" -> oracle = Path.of(val);
        case "--work" -> work = Path.of(val);
        case "--out" -> out = Path.of(val);
        case "--phases" -> phases = List.of(val.split(","));
        case "--shapes" -> shapes = List.of(val.split(","));
        case "--kernels" -> {
          final List<CudaKernelSet> ks = new ArrayList<>();
          for (final String k : val.split(",")) {
            final String u = k.strip().toUpperCase(Locale.ROOT);
            if (!u.equals("V1") && !u.equals("V2")) {
              System.err.println("gpu-check: --kernels takes v1 and/or v2, not " + k);
              return 2;
            }
            ks.add(CudaKernelSet.valueOf(u));
          }
          sets = List.copyOf(ks);
        }
        default -> {
          System.err.println("gpu-check: unknown option " + a
              + " (use --oracle FILE --work DIR --out DIR --phases oracle,diff,perf"
              + " --shapes 15m,110m,1b --kernels v2,v1)");
          return 2;
        }
      }
    }
    return new GpuCheck(oracle, work, out, phases, shapes, sets).execute();
  }

  private int execute() {
    say("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime()
        .availableProcessors() + " cpus, max heap " + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB");
    final CudaProbe.Result probe = CudaProbe.probeOnce();
    if (!probe.available()) {
      say("no CUDA device: " + probe.reason());
      results.put("device", "none: " + probe.reason());
      writeResults();
      return 3;
    }
    say("device: " + probe.device().get().describe());
    results.put("device", probe.device().get().describe());
    try {
      Files.createDirectories(work);
      Files.createDirectories(out);
    } catch (final IOException e) {
      say("cannot create " + work + " or " + out + ": " + e.getMessage());
      return 2;
    }
    try {
      if (phases.contains("oracle")) {
        phase("oracle", 60, this::oraclePhase);
      }
      if (phases.contains("diff")) {
        phase("diff", 90, this::diffPhase);
      }
      if (phases.contains("perf")) {
        for (final String s : shapes) {
          final ModelSpec spec = switch (s) {
            case "15m" -> SHAPE_15M;
            case "110m" -> SHAPE_110M;
            case "1b" -> SHAPE_1B;
            default -> null;
          };
          if (spec == null) {
            fail("unknown shape " + s + " (use 15m, 110m, 1b)");
            continue;
          }
          phase("perf-" + s, s.equals("1b") ? 120 : 45, () -> perfPhase(spec));
        }
      }
    } finally {
      results.put("failures", failures);
    }
    summary();
    writeResults();
    say(failures.isEmpty() ? "ALL CHECKS PASSED" : "FAILED: " + String.join("; ", failures));
    return failures.isEmpty() ? 0 : 1;
  }

  /**
   * Runs one phase on its own daemon thread, so that a phase stuck past its limit does not hold up
   * the next one (the JVM exits at the end regardless).
   */
  private void phase(final String name, final int baseLimitS, final Callable<Object> body) {
    // agora.gpucheck.limitScale stretches every limit, e.g. for the CPU emulator of scripts/gpu/emu.
    final int limitS = (int) Math.ceil(baseLimitS
        * Double.parseDouble(System.getProperty("agora.gpucheck.limitScale", "1")));
    say("phase " + name + " (limit " + limitS + " s)");
    final long start = System.nanoTime();
    final ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
      final Thread t = new Thread(r, "gpu-check-" + name);
      t.setDaemon(true);
      return t;
    });
    final Future<Object> f = ex.submit(body);
    ex.shutdown();
    try {
      results.put(name, f.get(limitS, TimeUnit.SECONDS));
      say(String.format(Locale.ROOT, "phase %s done in %.1f s", name, secs(start)));
    } catch (final TimeoutException e) {
      f.cancel(true);
      fail("phase " + name + " timed out after " + limitS + " s");
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted in phase " + name);
    } catch (final java.util.concurrent.ExecutionException e) {
      final Throwable c = e.getCause();
      c.printStackTrace(System.out);
      fail("phase " + name + " failed: " + c);
    }
    writeResults();
  }

  // ---------------------------------------------------------------- oracle

  private Object oraclePhase() throws Exception {
    final JsonNode cases = JSON.readTree(oracle.toFile());
    final Map<String, Object> r = new LinkedHashMap<>();
    for (final JsonNode c : cases) {
      final JsonNode s = c.get("shape");
      final ModelConfig cfg = new ModelConfig(s.get("dim").asInt(), s.get("hidden").asInt(),
          s.get("layers").asInt(), s.get("heads").asInt(), s.get("kv_heads").asInt(),
          s.get("vocab").asInt(), s.get("seq").asInt(), !s.get("unshared").asBoolean());
      final ModelSpec spec = new ModelSpec(c.get("name").asText(), cfg, s.get("seed").asLong(),
          (float) s.get("amp").asDouble());
      final Path file = checkpoint(spec);
      final String md5 = md5(file);
      if (!md5.equals(s.get("md5").asText())) {
        fail("oracle " + spec.name() + ": checkpoint md5 " + md5 + " != " + s.get("md5").asText());
      }
      final int[] prompt = ints(c.get("prompt_ids"));
      final int[] expected = ints(c.get("generated_ids"));
      final int steps = c.get("steps").asInt();
      final int n = Math.min(steps, cfg.seqLen()) - prompt.length + 1;
      for (final CudaKernelSet set : sets) {
      final Map<String, Object> cr = new LinkedHashMap<>();
      final String tag = spec.name() + " [" + set.label() + "]";
      try (Checkpoint ckpt = Checkpoint.open(file);
          CudaInferenceEngine gpu = CudaInferenceEngine.create(ckpt, set);
          CpuInferenceEngine cpu = CpuInferenceEngine.create(ckpt,
              CpuInferenceEngine.defaultThreads())) {
        final int[] gpuGraph = greedyOnDevice(gpu.newSession(true), prompt, n);
        final int[] gpuDirect = greedyOnDevice(gpu.newSession(false), prompt, n);
        final int[] gpuHost = greedyOnHost(gpu.newSession(true), prompt, n);
        final int[] cpuIds = greedyOnHost(cpu.newSession(), prompt, n);
        cr.put("expected", expected.length);
        cr.put("gpu_graph_identical", Arrays.equals(expected, gpuGraph));
        cr.put("gpu_direct_identical", Arrays.equals(expected, gpuDirect));
        cr.put("gpu_host_argmax_identical", Arrays.equals(expected, gpuHost));
        cr.put("cpu_identical", Arrays.equals(expected, cpuIds));
        say(String.format(Locale.ROOT,
            "oracle %s: %d ids; GPU graph %s, GPU direct %s, GPU logits+host argmax %s, CPU %s",
            tag, expected.length, same(expected, gpuGraph), same(expected, gpuDirect),
            same(expected, gpuHost), same(expected, cpuIds)));
        for (final String k : List.of("gpu_graph_identical", "gpu_direct_identical",
            "gpu_host_argmax_identical", "cpu_identical")) {
          if (!Boolean.TRUE.equals(cr.get(k))) {
            failSet(set, "oracle " + tag + ": " + k + " is false");
          }
        }
        // Graph replay and direct launches run the same kernels: logits must be bit-identical;
        // GPU prefill vs GPU decode differ only by summation order.
        final int[] seq = concat(prompt, expected);
        final float[][] viaGraph = decodeLogits(gpu.newSession(true), seq);
        final float[][] viaDirect = decodeLogits(gpu.newSession(false), seq);
        final float[][] viaPrefill = gpu.prefill(seq);
        final double graphVsDirect = maxAbsDiff(viaGraph, viaDirect);
        final double prefillVsDecode = maxAbsDiff(viaGraph, viaPrefill);
        cr.put("graph_vs_direct_max_abs", graphVsDirect);
        cr.put("gpu_prefill_vs_decode_max_abs", prefillVsDecode);
        say(String.format(Locale.ROOT, "oracle %s: max |logit diff| graph vs direct %.3g,"
            + " GPU prefill vs GPU decode %.3g over %d positions", tag, graphVsDirect,
            prefillVsDecode, seq.length));
        if (graphVsDirect != 0.0) {
          failSet(set, "oracle " + tag + ": graph and direct decode logits differ");
        }
        if (prefillVsDecode > 0.02) {
          failSet(set, "oracle " + tag + ": GPU prefill vs decode differ by " + prefillVsDecode);
        }
      } catch (final RuntimeException e) {
        e.printStackTrace(System.out);
        failSet(set, "oracle " + tag + ": " + e);
      }
      r.put(spec.name() + "_" + set.label(), cr);
      }
    }
    return r;
  }

  private static String same(final int[] expected, final int[] got) {
    if (Arrays.equals(expected, got)) {
      return "identical";
    }
    for (int i = 0; i < Math.min(expected.length, got.length); i++) {
      if (expected[i] != got[i]) {
        return "DIFFERENT from index " + i + " (" + got[i] + " vs " + expected[i] + ")";
      }
    }
    return "DIFFERENT length " + got.length + " vs " + expected.length;
  }

  private static int[] greedyOnDevice(final CudaInferenceEngine.CudaSession s, final int[] prompt,
      final int n) {
    try (s) {
      int next = 0;
      for (final int t : prompt) {
        next = s.forwardArgmax(t);
      }
      final int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = next;
        if (i + 1 < n) {
          next = s.forwardArgmax(next);
        }
      }
      return ids;
    }
  }

  private static int[] greedyOnHost(final InferenceEngine.Session s, final int[] prompt,
      final int n) {
    try (s) {
      float[] logits = null;
      for (final int t : prompt) {
        logits = s.forward(t);
      }
      final int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = Sampler.argmax(logits);
        if (i + 1 < n) {
          logits = s.forward(ids[i]);
        }
      }
      return ids;
    }
  }

  private static float[][] decodeLogits(final InferenceEngine.Session s, final int[] seq) {
    try (s) {
      final float[][] outRows = new float[seq.length][];
      for (int i = 0; i < seq.length; i++) {
        outRows[i] = s.forward(seq[i]).clone(); // a session may reuse its logits array
      }
      return outRows;
    }
  }

  // ---------------------------------------------------------------- logit differences

  private Object diffPhase() throws Exception {
    final Map<String, Object> r = new LinkedHashMap<>();
    for (final CudaKernelSet set : sets) {
      try {
        r.put(set.label(), diffPhase(set));
      } catch (final RuntimeException e) {
        e.printStackTrace(System.out);
        failSet(set, "diff [" + set.label() + "]: " + e);
      }
    }
    return r;
  }

  private Map<String, Object> diffPhase(final CudaKernelSet set) throws Exception {
    final Map<String, Object> r = new LinkedHashMap<>();
    final List<float[]> allPerPos = new ArrayList<>();
    final ModelSpec g128 = new ModelSpec("g128",
        new ModelConfig(128, 344, 3, 4, 2, 32000, 128, true), 3, 0.3f);
    final Object[][] plan = {{g128, 4, 128}, {SHAPE_15M, 4, 256}, {SHAPE_110M, 1, 512}};
    for (final Object[] p : plan) {
      final ModelSpec spec = (ModelSpec) p[0];
      final int seqs = (Integer) p[1];
      final int len = (Integer) p[2];
      final Path file = checkpoint(spec);
      final Random rnd = new Random(20_240_601L + len);
      final DiffStats st = new DiffStats();
      try (Checkpoint ckpt = Checkpoint.open(file);
          CudaInferenceEngine gpu = CudaInferenceEngine.create(ckpt, set);
          CpuInferenceEngine cpu = CpuInferenceEngine.create(ckpt,
              CpuInferenceEngine.defaultThreads())) {
        for (int sIdx = 0; sIdx < seqs; sIdx++) {
          // Half the sequences are greedy continuations (the model's own high-margin path), half
          // random tokens; both start with BOS.
          final int[] seq = sIdx % 2 == 0
              ? greedySequence(gpu, len, rnd)
              : randomSequence(len, spec.config().vocabSize(), rnd);
          final float[][] gpuDecode = decodeLogits(gpu.newSession(), seq);
          final float[][] gpuPrefill = gpu.prefill(seq);
          final float[][] cpuPrefill = cpu.prefill(seq);
          st.add(gpuDecode, cpuPrefill, gpuPrefill);
        }
      }
      final Map<String, Object> m = st.summary();
      r.put(spec.name(), m);
      allPerPos.add(st.perPositionMax());
      say(String.format(Locale.ROOT, "diff %s [%s]: %s", spec.name(), set.label(), m));
      final double worst = Math.max((Double) m.get("abs_max"),
          (Double) m.get("gpu_prefill_vs_cpu_prefill_abs_max"));
      if (!(worst <= DIFF_LIMIT)) {
        failSet(set, "diff " + spec.name() + " [" + set.label() + "]: |GPU - CPU| logit difference "
            + worst + " exceeds " + DIFF_LIMIT);
      }
      if (!((Double) m.get("max_greedy_margin_of_gpu_token_under_cpu") <= DIFF_LIMIT)) {
        failSet(set, "diff " + spec.name() + " [" + set.label() + "]: the GPU's greedy token"
            + " trails the CPU's by " + m.get("max_greedy_margin_of_gpu_token_under_cpu"));
      }
    }
    int total = 0;
    for (final float[] a : allPerPos) {
      total += a.length;
    }
    final float[] pooled = new float[total];
    int at = 0;
    for (final float[] a : allPerPos) {
      System.arraycopy(a, 0, pooled, at, a.length);
      at += a.length;
    }
    Arrays.sort(pooled);
    final Map<String, Object> pool = new LinkedHashMap<>();
    pool.put("positions", total);
    pool.put("per_position_max_abs_max", (double) pooled[pooled.length - 1]);
    pool.put("per_position_max_abs_p9999", (double) percentile(pooled, 0.9999));
    pool.put("suggested_tau", Math.max(0.005, 4.0 * percentile(pooled, 0.9999)));
    r.put("pooled", pool);
    say("diff [" + set.label() + "] pooled over " + total + " positions: " + pool);
    if (total < 1000) {
      fail("logit differences measured over only " + total + " positions");
    }
    return r;
  }

  private static int[] randomSequence(final int len, final int vocab, final Random rnd) {
    final int[] s = new int[len];
    s[0] = Sampler.BOS;
    for (int i = 1; i < len; i++) {
      s[i] = 3 + rnd.nextInt(vocab - 3);
    }
    return s;
  }

  private static int[] greedySequence(final CudaInferenceEngine gpu, final int len,
      final Random rnd) {
    final int[] s = new int[len];
    s[0] = Sampler.BOS;
    s[1] = 3 + rnd.nextInt(gpu.config().vocabSize() - 3);
    try (CudaInferenceEngine.CudaSession sess = gpu.newSession(true)) {
      int next = sess.forwardArgmax(s[0]);
      next = sess.forwardArgmax(s[1]);
      for (int i = 2; i < len; i++) {
        s[i] = next;
        if (i + 1 < len) {
          next = sess.forwardArgmax(next);
        }
      }
    }
    return s;
  }

  /** Logit differences between the GPU decode (miner) and the CPU prefill (validator). */
  private static final class DiffStats {
    private final List<float[]> elementDiffs = new ArrayList<>();
    private final List<Float> perPos = new ArrayList<>();
    private double prefillVsPrefillMax;
    private int argmaxAgree;
    private int positions;
    private double maxMargin;

    void add(final float[][] gpuDecode, final float[][] cpuPrefill, final float[][] gpuPrefill) {
      for (int i = 0; i < gpuDecode.length; i++) {
        final float[] g = gpuDecode[i];
        final float[] c = cpuPrefill[i];
        final float[] d = new float[g.length];
        float mx = 0f;
        for (int j = 0; j < g.length; j++) {
          d[j] = Math.abs(g[j] - c[j]);
          mx = Math.max(mx, d[j]);
          prefillVsPrefillMax = Math.max(prefillVsPrefillMax, Math.abs(gpuPrefill[i][j] - c[j]));
        }
        elementDiffs.add(d);
        perPos.add(mx);
        final int ga = Sampler.argmax(g);
        final int ca = Sampler.argmax(c);
        if (ga == ca) {
          argmaxAgree++;
        }
        // The validator's greedy margin for the miner's token (VERIFICATION.md §2.4).
        maxMargin = Math.max(maxMargin, c[ca] - c[ga]);
        positions++;
      }
    }

    float[] perPositionMax() {
      final float[] a = new float[perPos.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = perPos.get(i);
      }
      return a;
    }

    Map<String, Object> summary() {
      int total = 0;
      for (final float[] d : elementDiffs) {
        total += d.length;
      }
      final float[] all = new float[total];
      int at = 0;
      for (final float[] d : elementDiffs) {
        System.arraycopy(d, 0, all, at, d.length);
        at += d.length;
      }
      Arrays.parallelSort(all);
      final float[] pp = perPositionMax();
      Arrays.sort(pp);
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("positions", positions);
      m.put("logits_compared", total);
      m.put("abs_max", (double) all[all.length - 1]);
      m.put("abs_p9999", (double) percentile(all, 0.9999));
      m.put("abs_p99", (double) percentile(all, 0.99));
      m.put("per_position_max_abs_p9999", (double) percentile(pp, 0.9999));
      m.put("gpu_prefill_vs_cpu_prefill_abs_max", prefillVsPrefillMax);
      m.put("argmax_agreement", argmaxAgree / (double) positions);
      m.put("max_greedy_margin_of_gpu_token_under_cpu", maxMargin);
      return m;
    }
  }

  static float percentile(final float[] sorted, final double p) {
    final int idx = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  // ---------------------------------------------------------------- performance

  private Object perfPhase(final ModelSpec spec) throws Exception {
    final Map<String, Object> r = new LinkedHashMap<>();
    final long g0 = System.nanoTime();
    final Path file = checkpoint(spec);
    r.put("checkpoint_seconds", secs(g0));
    final ModelConfig c = spec.config();
    final double weightBytesPerToken = decodeWeightBytes(c);
    r.put("params", c.parameterCount());
    r.put("decode_weight_bytes_per_token", weightBytesPerToken);
    final Random rnd = new Random(7);
    try (Checkpoint ckpt = Checkpoint.open(file)) {
      for (final CudaKernelSet set : sets) {
        try {
          r.put("gpu_" + set.label(), perfGpu(spec, ckpt, set, weightBytesPerToken, rnd));
        } catch (final RuntimeException e) {
          e.printStackTrace(System.out);
          failSet(set, "perf " + spec.name() + " [" + set.label() + "]: " + e);
        }
      }
      // CPU on the same machine, kept short for the 1B shape.
      final boolean huge = c.parameterCount() > 500_000_000L;
      try (CpuInferenceEngine cpu = CpuInferenceEngine.create(ckpt,
          CpuInferenceEngine.defaultThreads())) {
        final int n = huge ? 8 : 64;
        final double cpuTps = decodeTps(cpu.newSession(), n, c.vocabSize(), rnd, false);
        final int pn = huge ? 32 : Math.min(128, c.seqLen());
        final double cpuPrefill = prefillSeconds(cpu, pn, c.vocabSize(), rnd, 1);
        r.put("cpu_threads", cpu.threads());
        r.put("cpu_decode_tok_s", cpuTps);
        r.put("cpu_prefill_" + pn + "_pos_s", pn / cpuPrefill);
        say(String.format(Locale.ROOT, "perf %s CPU (%d threads): decode %.1f tok/s, prefill %d"
            + " pos %.0f pos/s", spec.name(), cpu.threads(), cpuTps, pn, pn / cpuPrefill));
      }
    }
    if (spec == SHAPE_1B) {
      Files.deleteIfExists(file);
    }
    perf.put(spec.name(), r);
    return r;
  }

  private Map<String, Object> perfGpu(final ModelSpec spec, final Checkpoint ckpt,
      final CudaKernelSet set, final double weightBytesPerToken, final Random rnd) {
    final ModelConfig c = spec.config();
    final Map<String, Object> r = new LinkedHashMap<>();
    final long l0 = System.nanoTime();
    try (CudaInferenceEngine gpu = CudaInferenceEngine.create(ckpt, set)) {
      r.put("kernels", gpu.kernelSet().label());
      r.put("gpu_load_seconds", secs(l0));
      final double bw = gpu.measureCopyBandwidth(1L << 30, 20);
      r.put("dtod_copy_bytes_per_s", bw);
      final int decodeN = Math.min(256, c.seqLen() - DECODE_WARMUP);
      final double graphTps = decodeTps(gpu.newSession(true), decodeN, c.vocabSize(), rnd, true);
      final double directTps = decodeTps(gpu.newSession(false), decodeN, c.vocabSize(), rnd,
          true);
      final double logitsTps = decodeTps(gpu.newSession(true), decodeN, c.vocabSize(), rnd,
          false);
      r.put("gpu_decode_tok_s_graph", graphTps);
      r.put("gpu_decode_tok_s_direct", directTps);
      r.put("gpu_decode_tok_s_with_logits_copy", logitsTps);
      final double best = Math.max(graphTps, directTps);
      final double fraction = weightBytesPerToken * best / bw;
      r.put("gpu_decode_tok_s", best);
      r.put("gpu_decode_bandwidth_fraction", fraction);
      final int pn = Math.min(128, c.seqLen());
      final double prefill128 = prefillSeconds(gpu, pn, c.vocabSize(), rnd, 5);
      r.put("gpu_prefill_128_seconds", prefill128);
      r.put("gpu_prefill_128_pos_s", pn / prefill128);
      final boolean graphs = gpu.prefillGraphs();
      gpu.setPrefillGraphs(false);
      final double prefill128Direct = prefillSeconds(gpu, pn, c.vocabSize(), rnd, 5);
      gpu.setPrefillGraphs(graphs);
      r.put("gpu_prefill_128_graph_replay", graphs);
      r.put("gpu_prefill_128_seconds_direct_launches", prefill128Direct);
      final int big = Math.min(1024, c.seqLen());
      final double prefillBig = prefillSeconds(gpu, big, c.vocabSize(), rnd, 2);
      r.put("gpu_prefill_" + big + "_pos_s", big / prefillBig);
      final double decode128 = pn / best;
      final double speedup = decode128 / prefill128;
      r.put("prefill_128_speedup_vs_decode", speedup);
      r.put("prefill_128_speedup_vs_decode_with_logits_copy", (pn / logitsTps) / prefill128);
      say(String.format(Locale.ROOT,
          "perf %s GPU [%s]: decode %.1f tok/s (graph %.1f, direct %.1f, with logits copy %.1f),"
              + " %.0f%% of %.0f GB/s d2d; prefill %d pos %.2f ms = %.0f pos/s (%.1fx faster"
              + " than decoding them; %.2f ms = %.1fx with direct launches, no graph replay);"
              + " prefill %d pos %.0f pos/s",
          spec.name(), set.label(), best, graphTps, directTps, logitsTps, 100 * fraction,
          bw / 1e9, pn, prefill128 * 1e3, pn / prefill128, speedup, prefill128Direct * 1e3,
          decode128 / prefill128Direct, big, big / prefillBig));
      if (set == CudaKernelSet.V2) {
        // The split-K heuristic's assumption of blocks per multiprocessor, measured (informative).
        final Map<String, Object> tune = new LinkedHashMap<>();
        final StringBuilder line = new StringBuilder();
        for (final int kTile : new int[] {8, 16}) {
          gpu.setGemmKTile(kTile);
          for (final int perSm : new int[] {1, 2, 3}) {
            gpu.setGemmBlocksPerSm(perSm);
            final double t = prefillSeconds(gpu, pn, c.vocabSize(), rnd, 3);
            tune.put("prefill_128_ms_ktile_" + kTile + "_blocks_per_sm_" + perSm, t * 1e3);
            line.append(String.format(Locale.ROOT, " k%d %d/SM %.2f ms;", kTile, perSm, t * 1e3));
          }
        }
        gpu.resetGemmTuning();
        final double dev = gpu.prefillDeviceSeconds(pn, 5);
        tune.put("prefill_128_device_only_ms", dev * 1e3);
        line.append(String.format(Locale.ROOT, " device only (no logits copy, default plan)"
            + " %.2f ms", dev * 1e3));
        r.put("gemm_split_tuning", tune);
        say("perf " + spec.name() + " [v2] prefill " + pn + " by k tile and split-K slots:" + line);
      }
    }
    return r;
  }

  /** Bytes of weights one decode step reads: every layer matrix and norm plus the classifier. */
  static double decodeWeightBytes(final ModelConfig c) {
    final MemoryPlan p = MemoryPlan.of(c);
    final long embedding = 4L * Tensor.TOKEN_EMBEDDING.storedFloats(c);
    // A shared classifier is the embedding table, read in full; an unshared one leaves the
    // embedding table unread except one row.
    return c.sharedClassifier() ? p.weightBytes() : p.weightBytes() - embedding + 4L * c.dim();
  }

  private static double decodeTps(final InferenceEngine.Session s, final int n, final int vocab,
      final Random rnd, final boolean argmaxOnDevice) {
    try (s) {
      int tok = Sampler.BOS;
      for (int i = 0; i < DECODE_WARMUP; i++) {
        tok = step(s, tok, argmaxOnDevice);
      }
      final long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        tok = step(s, tok, argmaxOnDevice);
        if (tok < 3) {
          tok = 3 + rnd.nextInt(vocab - 3);
        }
      }
      return n / secs(start);
    }
  }

  private static int step(final InferenceEngine.Session s, final int tok, final boolean onDevice) {
    if (onDevice && s instanceof CudaInferenceEngine.CudaSession cs) {
      return cs.forwardArgmax(tok);
    }
    return Sampler.argmax(s.forward(tok));
  }

  private static double prefillSeconds(final InferenceEngine e, final int n, final int vocab,
      final Random rnd, final int reps) {
    final int[] seq = randomSequence(n, vocab, rnd);
    e.prefill(seq); // warm-up: workspace allocation, JIT
    double best = Double.MAX_VALUE;
    for (int i = 0; i < reps; i++) {
      final long start = System.nanoTime();
      e.prefill(seq);
      best = Math.min(best, secs(start));
    }
    return best;
  }

  // ---------------------------------------------------------------- helpers

  private Path checkpoint(final ModelSpec spec) {
    final ModelConfig c = spec.config();
    final Path p = work.resolve(spec.name() + "-" + c.dim() + "x" + c.hiddenDim() + "x"
        + c.layers() + "x" + c.heads() + "x" + c.kvHeads() + "x" + c.signedVocabSize() + "x"
        + c.seqLen() + "-s" + spec.seed() + ".bin");
    try {
      if (!Files.exists(p) || Files.size(p) != c.fileSizeBytes()) {
        final long start = System.nanoTime();
        spec.writeTo(p);
        say(String.format(Locale.ROOT, "wrote %s (%s) in %.1f s", p,
            MemoryPlan.human(c.fileSizeBytes()), secs(start)));
      }
    } catch (final IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p;
  }

  private static double maxAbsDiff(final float[][] a, final float[][] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
      }
    }
    return m;
  }

  private static int[] concat(final int[] a, final int[] b) {
    final int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private static int[] ints(final JsonNode arr) {
    final int[] r = new int[arr.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = arr.get(i).asInt();
    }
    return r;
  }

  private static String md5(final Path file) throws Exception {
    final MessageDigest md = MessageDigest.getInstance("MD5");
    try (InputStream in = Files.newInputStream(file)) {
      final byte[] buf = new byte[1 << 20];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static double secs(final long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  /** Failures of one kernel set: recorded like any failure, and the set is marked failed. */
  private void failSet(final CudaKernelSet set, final String why) {
    failedSets.add(set);
    fail(why);
  }

  /**
   * The closing lines: per shape, the fastest kernel set that passed every correctness check, and
   * whether it meets issue 6's targets (decode >= 60% of copy bandwidth, prefill of 128 positions
   * >= 20x faster than decoding them).
   */
  @SuppressWarnings("unchecked")
  private void summary() {
    final Map<String, Object> sum = new LinkedHashMap<>();
    for (final CudaKernelSet set : sets) {
      sum.put("kernels_" + set.label(), failedSets.contains(set) ? "FAILED" : "passed");
    }
    for (final Map.Entry<String, Map<String, Object>> e : perf.entrySet()) {
      Map<String, Object> best = null;
      for (final CudaKernelSet set : sets) {
        final Object o = e.getValue().get("gpu_" + set.label());
        if (o instanceof Map<?, ?> m && !failedSets.contains(set)) {
          final Map<String, Object> mm = (Map<String, Object>) m;
          if (best == null || (Double) mm.get("prefill_128_speedup_vs_decode")
              * (Double) mm.get("gpu_decode_bandwidth_fraction")
              > (Double) best.get("prefill_128_speedup_vs_decode")
              * (Double) best.get("gpu_decode_bandwidth_fraction")) {
            best = mm;
          }
        }
      }
      if (best == null) {
        say("summary " + e.getKey() + ": no kernel set passed");
        continue;
      }
      final double frac = (Double) best.get("gpu_decode_bandwidth_fraction");
      final double speedup = (Double) best.get("prefill_128_speedup_vs_decode");
      final Map<String, Object> s = new LinkedHashMap<>();
      s.put("kernels", best.get("kernels"));
      s.put("decode_tok_s", best.get("gpu_decode_tok_s"));
      s.put("decode_bandwidth_fraction", frac);
      s.put("prefill_128_speedup_vs_decode", speedup);
      s.put("decode_target_met", frac >= 0.60);
      s.put("prefill_target_met", speedup >= 20.0);
      sum.put(e.getKey(), s);
      say(String.format(Locale.ROOT, "summary %s [best passing kernels %s]: decode %.1f tok/s ="
          + " %.0f%% of copy bandwidth (target 60%%: %s); prefill 128 %.1fx faster than decoding"
          + " (target 20x: %s)", e.getKey(), best.get("kernels"), best.get("gpu_decode_tok_s"),
          100 * frac, frac >= 0.60 ? "met" : "missed", speedup, speedup >= 20 ? "met" : "missed"));
    }
    results.put("summary", sum);
  }

  private void fail(final String why) {
    failures.add(why);
    say("CHECK FAILED: " + why);
  }

  private void say(final String line) {
    System.out.printf(Locale.ROOT, "[gpu-check %7.1fs] %s%n", (System.nanoTime() - t0) / 1e9, line);
    System.out.flush();
  }

  private synchronized void writeResults() {
    try {
      Files.createDirectories(out);
      JSON.writeValue(out.resolve("gpu-check.json").toFile(), results);
    } catch (final IOException e) {
      say("cannot write results to " + out + ": " + e.getMessage());
    }
  }
}
