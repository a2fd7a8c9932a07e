package dev.agora.cli.node;

import dev.agora.inference.cuda.Backend;
import dev.agora.inference.Checkpoint;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cuda.BackendSelector;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** What the long-running node commands share: model loading and waiting for a shutdown signal. */
final class NodeRuntime {
  private NodeRuntime() {}

  /** The real selector: probes the CUDA driver once, CPU engine with the default thread count. */
  static BackendSelector systemSelector() {
    return BackendSelector.system(CpuInferenceEngine.defaultThreads());
  }

  /**
   * Opens the model on the requested backend through {@link BackendSelector} (docs/GPU.md): {@code auto}
   * uses a usable GPU, else the CPU, and logs the choice; {@code cuda} without a usable GPU throws a
   * {@code CudaUnavailableException} with a one-line reason before the model is loaded.
   */
  static InferenceEngine openEngine(final BackendSelector selector, final String model, final Path cacheDir,
      final dev.agora.config.Backend backend) {
    final Backend b = Backend.valueOf(backend.name());
    selector.choose(b);
    final Path file = ModelResolver.resolve(model, cacheDir);
    return selector.open(b, Checkpoint.open(file));
  }

  /** A throwable's message on one line (its class name when it has none). */
  static String oneLine(final Throwable e) {
    final String m = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then runs {@code onStop} first. */
  static void awaitShutdown(final Runnable onStop) throws InterruptedException {
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        onStop.run();
      } finally {
        stopped.countDown();
      }
    }, "agora-node-shutdown"));
    stopped.await();
  }
}
