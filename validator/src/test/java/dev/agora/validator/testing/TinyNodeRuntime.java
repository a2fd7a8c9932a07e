package dev.agora.validator.testing;

import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.miner.testing.TinyModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Vert.x instance and a one-thread CPU engine on a tiny demo model, opened before a test class and closed
 * after it: {@code @RegisterExtension static final TinyNodeRuntime NODE = new TinyNodeRuntime("demo-tiny");}.
 */
public final class TinyNodeRuntime implements BeforeAllCallback, AfterAllCallback {
  private static final long AWAIT_SECONDS = 60;

  private final String model;
  private Vertx vertx;
  private InferenceEngine engine;

  public TinyNodeRuntime(final String model) {
    this.model = model;
  }

  @Override
  public void beforeAll(final ExtensionContext context) {
    vertx = Vertx.vertx();
    engine = CpuInferenceEngine.open(TinyModels.checkpoint(model), 1);
  }

  @Override
  public void afterAll(final ExtensionContext context) throws Exception {
    await(vertx.close());
    engine.close();
  }

  public Vertx vertx() {
    return vertx;
  }

  public InferenceEngine engine() {
    return engine;
  }

  /** The future's result, waiting at most 60 s. */
  public static <T> T await(final Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(AWAIT_SECONDS, TimeUnit.SECONDS);
  }
}
