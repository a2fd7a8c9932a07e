package dev.agora.inference.cuda;

import dev.agora.inference.Checkpoint;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.Sampler;
import dev.agora.inference.TestModels;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Runs the CUDA engine against the CPU engine in a JVM whose libcuda.so.1 is the CPU emulator of
 * scripts/gpu/emu (started by {@link EmulatedCudaEngineTest}). Prints "EMULATED-CUDA-OK" and exits
 * 0 when every check holds; prints each failure and exits 1 otherwise. With the argument
 * {@code too-small}, checks instead that the engine refuses a model that does not fit.
 */
public final class EmulatedCudaCheck {
  private static final float TOL = 1e-3f;
  private final List<String> failures = new ArrayList<>();

  private EmulatedCudaCheck() {}

  public static void main(final String[] args) {
    final EmulatedCudaCheck c = new EmulatedCudaCheck();
    try {
      if (args.length > 0 && args[0].equals("too-small")) {
        c.tooSmall();
      } else {
        // v2's prefill SGEMM with both k tiles and forced split-K (tiny k would not split).
        System.setProperty("agora.cuda.gemmMinKPerSplit", "16");
        System.setProperty("agora.cuda.gemmKTile", "8");
        c.compare("demo-tiny", CudaKernelSet.V2);
        System.setProperty("agora.cuda.gemmKTile", "16");
        c.compare("demo-tiny-unshared", CudaKernelSet.V2);
        c.compare("demo-tiny", CudaKernelSet.V1);
      }
    } catch (final RuntimeException e) {
      e.printStackTrace(System.out);
      c.failures.add("exception: " + e);
    }
    if (c.failures.isEmpty()) {
      System.out.println("EMULATED-CUDA-OK");
      System.exit(0);
    }
    c.failures.forEach(f -> System.out.println("FAIL: " + f));
    System.exit(1);
  }

  private void check(final boolean ok, final String what) {
    if (!ok) {
      failures.add(what);
    }
  }

  private void tooSmall() {
    try (Checkpoint ckpt = Checkpoint.open(TestModels.checkpoint("demo-tiny"))) {
      try (CudaInferenceEngine e = CudaInferenceEngine.create(ckpt)) {
        failures.add("engine created although EMU_FREE_BYTES is too small: " + e.device());
      } catch (final CudaUnavailableException e) {
        System.out.println("refused: " + e.getMessage());
        check(e.getMessage().startsWith("GPU memory too small for this model: Agora CPU emulator"),
            "unexpected message: " + e.getMessage());
      }
      final InferenceEngine auto = BackendSelector.system(1).open(Backend.AUTO, ckpt);
      check(auto.backend().equals("cpu"), "auto did not fall back to cpu: " + auto.backend());
      auto.close();
    }
  }

  private void compare(final String name, final CudaKernelSet set) {
    final String preset = name + " (kernels " + set.label() + ")";
    try (Checkpoint ckpt = Checkpoint.open(TestModels.checkpoint(name));
        CudaInferenceEngine gpu = CudaInferenceEngine.create(ckpt, set);
        CpuInferenceEngine cpu = CpuInferenceEngine.create(ckpt, 1)) {
      check(gpu.kernelSet() == set, name + ": asked for kernels " + set + ", got "
          + gpu.kernelSet());
      final CudaProbe.Result probe = CudaProbe.probeOnce();
      check(probe.available() && probe.device().get().name().equals("Agora CPU emulator"),
          "probe did not find the emulator: " + probe);
      try (InferenceEngine viaSelector = BackendSelector.system(1).open(Backend.AUTO, ckpt)) {
        check(viaSelector.backend().equals("cuda"), "auto did not choose cuda");
      }
      final int vocab = ckpt.config().vocabSize();
      final Random rnd = new Random(5);
      final int[] seq = new int[24];
      seq[0] = Sampler.BOS;
      for (int i = 1; i < seq.length; i++) {
        seq[i] = 3 + rnd.nextInt(vocab - 3);
      }
      final float[][] cpuRows = cpu.prefill(seq);
      for (final boolean graph : new boolean[] {true, false}) {
        try (CudaInferenceEngine.CudaSession s = gpu.newSession(graph)) {
          for (int i = 0; i < seq.length; i++) {
            final float[] g = s.forward(seq[i]);
            final float d = maxDiff(g, cpuRows[i]);
            check(d < TOL, preset + " decode (graph " + graph + ") position " + i
                + " differs from CPU by " + d);
            check(Sampler.argmax(g) == Sampler.argmax(cpuRows[i]),
                preset + " argmax differs at " + i);
          }
          check(s.position() == seq.length, "position not advanced");
        }
      }
      final float[][] gpuRows = gpu.prefill(seq);
      for (int i = 0; i < seq.length; i++) {
        final float d = maxDiff(gpuRows[i], cpuRows[i]);
        check(d < TOL, preset + " prefill position " + i + " differs from CPU by " + d);
      }
      // The second and later prefills of one shape replay a captured graph: same kernels, so
      // bit-identical logits.
      for (int rep = 0; rep < 2; rep++) {
        final float[][] again = gpu.prefill(seq);
        for (int i = 0; i < seq.length; i++) {
          check(Arrays.equals(again[i], gpuRows[i]),
              preset + " repeated prefill (graph replay " + rep + ") differs at " + i);
        }
      }
      final float[][] tail = gpu.prefill(seq, 20);
      check(tail.length == 4, "prefill from 20 returned " + tail.length + " rows");
      check(Arrays.equals(tail[3], gpuRows[23]), "prefill from 20 differs from the full prefill");
      // Greedy: device argmax, host argmax on GPU logits, and the CPU engine agree.
      final int[] prompt = {Sampler.BOS, seq[1], seq[2]};
      final int[] cpuIds = greedy(cpu.newSession(), prompt, 12);
      try (CudaInferenceEngine.CudaSession s = gpu.newSession(true)) {
        int next = 0;
        for (final int t : prompt) {
          next = s.forwardArgmax(t);
        }
        final int[] ids = new int[12];
        for (int i = 0; i < ids.length; i++) {
          ids[i] = next;
          next = s.forwardArgmax(next);
        }
        check(Arrays.equals(ids, cpuIds), preset + " device greedy " + Arrays.toString(ids)
            + " vs CPU " + Arrays.toString(cpuIds));
      }
      check(Arrays.equals(greedy(gpu.newSession(false), prompt, 12), cpuIds),
          preset + " host greedy on GPU logits differs from CPU");
      // Bad input changes nothing.
      try (CudaInferenceEngine.CudaSession s = gpu.newSession()) {
        expectThrow(() -> s.forward(vocab), IllegalArgumentException.class, "token out of range");
        check(s.position() == 0, "a rejected token advanced the session");
      }
      expectThrow(() -> gpu.prefill(new int[0]), IllegalArgumentException.class, "empty prefill");
      expectThrow(() -> gpu.prefill(new int[ckpt.config().seqLen() + 1]),
          IllegalArgumentException.class, "too long prefill");
      System.out.println(preset + ": compared " + seq.length + " positions, greedy "
          + Arrays.toString(cpuIds));
    }
  }

  private void expectThrow(final Runnable r, final Class<? extends Throwable> type,
      final String what) {
    try {
      r.run();
      failures.add(what + ": no exception");
    } catch (final RuntimeException e) {
      check(type.isInstance(e), what + ": threw " + e);
    }
  }

  private static int[] greedy(final InferenceEngine.Session s, final int[] prompt, final int n) {
    try (s) {
      float[] logits = null;
      for (final int t : prompt) {
        logits = s.forward(t);
      }
      final int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        ids[i] = Sampler.argmax(logits);
        logits = s.forward(ids[i]);
      }
      return ids;
    }
  }

  private static float maxDiff(final float[] a, final float[] b) {
    float m = 0f;
    for (int i = 0; i < a.length; i++) {
      final float d = Math.abs(a[i] - b[i]);
      if (!(d <= m)) {
        m = d; // NaN propagates as a failure
      }
    }
    return m;
  }
}
