package dev.agora.cli.node;

import dev.agora.inference.cuda.Backend;
import dev.agora.inference.Checkpoint;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cuda.BackendSelector;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** What the long-running node commands share: model loading and waiting for a shutdown signal. */
final class NodeRuntime {
  private NodeRuntime() {}

  static InferenceEngine openEngine(final String model, final Path cacheDir, final String backend) {
    final Path file = ModelResolver.resolve(model, cacheDir);
    final Backend b;
    try {
      b = Backend.valueOf(backend.toUpperCase(Locale.ROOT));
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException("--backend must be auto, cpu or cuda, got " + backend);
    }
    final int threads = CpuInferenceEngine.defaultThreads();
    return BackendSelector.system(threads).open(b, Checkpoint.open(file));
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
