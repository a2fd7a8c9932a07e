package dev.agora.validator.node;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

/** Serves a validator's {@code /metrics} (Prometheus text) and {@code /health} (JSON) over HTTP. */
public final class MetricsEndpoint {
  private final HttpServer server;

  private MetricsEndpoint(final HttpServer server) {
    this.server = server;
  }

  /** Binds {@code host:port} (0 = any free port); completes once listening. */
  public static Future<MetricsEndpoint> start(final Vertx vertx, final String host, final int port,
      final ValidatorNode node) {
    final HttpServer server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/metrics" -> req.response().putHeader("Content-Type", "text/plain; version=0.0.4")
            .end(node.metrics().prometheus(node.netuid(), node.hotkey()));
        case "/health" -> req.response().putHeader("Content-Type", "application/json")
            .end("{\"status\":\"ok\",\"hotkey\":\"" + node.hotkey() + "\",\"netuid\":" + node.netuid()
                + ",\"weight_submissions\":" + node.weightSubmissions() + "}");
        default -> req.response().setStatusCode(404).end();
      }
    });
    return server.listen(port, host).map(s -> new MetricsEndpoint(s));
  }

  public int port() {
    return server.actualPort();
  }

  public Future<Void> close() {
    return server.close();
  }
}
