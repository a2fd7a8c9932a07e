package dev.agora.cli.node;

import dev.agora.config.ConfigException;
import dev.agora.inference.cuda.Backend;
import dev.agora.inference.Checkpoint;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cuda.BackendSelector;
import dev.agora.inference.cpu.CpuInferenceEngine;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What the long-running node commands share: model loading, start-up errors, waiting on Vert.x futures
 * and stopping on a shutdown signal.
 */
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

  /**
   * Prints why a node could not start as {@code "<command>: <reason>"} (a config error's own message, else
   * {@link #oneLine}) and returns exit code 2.
   */
  static int startFailure(final PrintWriter err, final String command, final RuntimeException e) {
    err.println(command + ": " + (e instanceof ConfigException ? e.getMessage() : oneLine(e)));
    return 2;
  }

  /** Waits for a Vert.x future at most {@code timeout}; its failure comes as an ExecutionException. */
  static <T> T await(final Future<T> future, final long timeout, final TimeUnit unit) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(timeout, unit);
  }

  /** A shutdown step that may fail. */
  @FunctionalInterface
  interface StopStep {
    void run() throws Exception;
  }

  /**
   * Blocks until the JVM is asked to stop, then runs {@code stopNode} and closes Vert.x (10 s); a failure
   * of either prints {@code "<command>: shutdown: <message>"}. The {@code resources} are closed, in order,
   * whatever happened.
   */
  static void awaitShutdown(final PrintWriter err, final String command, final StopStep stopNode, final Vertx vertx,
      final Runnable... resources) throws InterruptedException {
    awaitShutdown(() -> {
      try {
        stopNode.run();
        await(vertx.close(), 10, TimeUnit.SECONDS);
      } catch (final Exception e) {
        err.println(command + ": shutdown: " + e.getMessage());
      } finally {
        for (final Runnable r : resources) {
          r.run();
        }
      }
    });
  }

  /** Blocks until the JVM is asked to stop (Ctrl-C, SIGTERM), then runs {@code onStop} first. */
  private static void awaitShutdown(final Runnable onStop) throws InterruptedException {
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
