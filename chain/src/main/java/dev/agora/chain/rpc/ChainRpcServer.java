package dev.agora.chain.rpc;

import dev.agora.chain.runtime.ChainNode;
import dev.agora.chain.runtime.InProcessChainClient;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ChainJson;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.util.Json;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The chain's HTTP API. Paths: {@code POST /extrinsics}, {@code GET /extrinsics/:hash}, {@code GET
 * /genesis}, {@code GET /blocks/latest}, {@code GET /blocks/:height}, {@code GET /blocks/stream}
 * (SSE), {@code GET /subnets}, {@code GET /subnets/:netuid/metagraph}, {@code GET
 * /subnets/:netuid/neurons/:uid}, {@code GET /subnets/:netuid/hyperparameters}, {@code GET
 * /subnets/:netuid/hyperparameters/log}, {@code GET /subnets/:netuid/stake/:hotkey}, {@code GET
 * /accounts/:address}, {@code GET /accounts/:address/nonce}, {@code GET /totals}, {@code GET
 * /health}, {@code GET /metrics}, and a dashboard page at {@code GET /}.
 */
public final class ChainRpcServer extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(ChainRpcServer.class.getName());
  /** Request body limit (bytes); larger bodies get 400 BODY_TOO_LARGE. */
  public static final long BODY_LIMIT = 256 * 1024;
  private static final String DASHBOARD = loadDashboard();

  private final ChainNode node;
  private final String host;
  private final int port;
  private InProcessChainClient chain;
  private HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();

  public ChainRpcServer(final ChainNode node, final String host, final int port) {
    this.node = node;
    this.host = host;
    this.port = port;
  }

  /** The bound port (after start). */
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public Future<?> start() {
    chain = new InProcessChainClient(vertx, node);
    final Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      requests.incrementAndGet();
      ctx.next();
    });
    router.post("/extrinsics").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.post("/extrinsics").handler(this::submit);
    router.get("/extrinsics/:hash").handler(this::status);
    router.get("/genesis").handler(this::genesis);
    router.get("/blocks/latest").handler(this::latest);
    router.get("/blocks/stream").handler(this::stream);
    router.get("/blocks/:height").handler(this::block);
    router.get("/subnets").handler(this::subnets);
    router.get("/subnets/:netuid/metagraph").handler(this::metagraph);
    router.get("/subnets/:netuid/neurons/:uid").handler(this::neuron);
    router.get("/subnets/:netuid/hyperparameters").handler(this::hyperparameters);
    router.get("/subnets/:netuid/hyperparameters/log").handler(this::hyperparameterLog);
    router.get("/subnets/:netuid/stake/:hotkey").handler(this::stake);
    router.get("/accounts/:address").handler(this::account);
    router.get("/accounts/:address/nonce").handler(this::nonce);
    router.get("/totals").handler(this::totals);
    router.get("/health").handler(this::health);
    router.get("/metrics").handler(this::metrics);
    router.get("/").handler(this::dashboard);
    router.get("/dashboard").handler(this::dashboard);
    router.route().last().handler(ctx -> error(ctx, ChainError.NOT_FOUND, "no such endpoint"));
    router.route().failureHandler(this::failure);
    return vertx.createHttpServer()
        .requestHandler(router)
        .listen(port, host)
        .onSuccess(s -> {
          server = s;
          LOG.info("chain RPC listening on http://" + host + ":" + s.actualPort());
        });
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  // ---------------------------------------------------------------- handlers

  private void submit(final RoutingContext ctx) {
    final SignedExtrinsic ext;
    try {
      ext = ChainJson.parseExtrinsic(ctx.body().buffer() == null ? new byte[0]
          : ctx.body().buffer().getBytes());
    } catch (ChainException e) {
      rejected.incrementAndGet();
      error(ctx, e.code(), e.getMessage());
      return;
    }
    chain.submit(ext)
        .onSuccess(hash -> {
          submitted.incrementAndGet();
          json(ctx, 202, Map.of("hash", hash));
        })
        .onFailure(t -> {
          rejected.incrementAndGet();
          fail(ctx, t);
        });
  }

  private void status(final RoutingContext ctx) {
    final String hash = ctx.pathParam("hash");
    if (hash.length() != 64) {
      error(ctx, ChainError.BAD_REQUEST, "extrinsic hash must be 64 hex characters");
      return;
    }
    reply(ctx, chain.status(hash));
  }

  private void genesis(final RoutingContext ctx) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("genesisHash", node.genesisHash());
    m.put("chainName", node.genesis().chainName());
    m.put("author", node.genesis().author());
    m.put("blockTimeMs", node.options().blockTimeMs());
    json(ctx, 200, m);
  }

  private void latest(final RoutingContext ctx) {
    reply(ctx, chain.latestBlock());
  }

  private void block(final RoutingContext ctx) {
    final long height;
    try {
      height = Long.parseLong(ctx.pathParam("height"));
    } catch (NumberFormatException e) {
      error(ctx, ChainError.BAD_REQUEST, "height must be an integer");
      return;
    }
    chain.block(height).onSuccess(b -> {
      if (b.isPresent()) {
        json(ctx, 200, b.get());
      } else {
        error(ctx, ChainError.NOT_FOUND, "no block " + height);
      }
    }).onFailure(t -> fail(ctx, t));
  }

  private void stream(final RoutingContext ctx) {
    final HttpServerResponse resp = ctx.response();
    resp.setChunked(true)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache");
    final Context context = vertx.getOrCreateContext();
    final Consumer<Block> listener = b -> {
      final String data = Json.write(b.header());
      context.runOnContext(v -> {
        if (!resp.closed() && !resp.ended()) {
          resp.write("event: block\ndata: " + data + "\n\n");
        }
      });
    };
    node.onBlock(listener);
    resp.closeHandler(v -> node.removeListener(listener));
    resp.write(": agora block stream\n\n");
  }

  private void subnets(final RoutingContext ctx) {
    reply(ctx, chain.subnets());
  }

  private void metagraph(final RoutingContext ctx) {
    intParam(ctx, "netuid").ifPresent(netuid -> reply(ctx, chain.metagraph(netuid)));
  }

  private void neuron(final RoutingContext ctx) {
    intParam(ctx, "netuid").ifPresent(netuid -> intParam(ctx, "uid").ifPresent(uid ->
        chain.neuron(netuid, uid).onSuccess(n -> {
          if (n.isPresent()) {
            json(ctx, 200, n.get());
          } else {
            error(ctx, ChainError.NOT_FOUND, "no uid " + uid + " on subnet " + netuid);
          }
        }).onFailure(t -> fail(ctx, t))));
  }

  private void hyperparameters(final RoutingContext ctx) {
    intParam(ctx, "netuid").ifPresent(netuid -> reply(ctx, chain.hyperparameters(netuid)));
  }

  private void hyperparameterLog(final RoutingContext ctx) {
    intParam(ctx, "netuid").ifPresent(netuid -> reply(ctx, chain.hyperparameterLog(netuid)));
  }

  private void stake(final RoutingContext ctx) {
    intParam(ctx, "netuid").ifPresent(netuid ->
        reply(ctx, chain.stake(netuid, ctx.pathParam("hotkey"))));
  }

  private static boolean badAddress(final RoutingContext ctx) {
    if (!Extrinsics.isAddress(ctx.pathParam("address"))) {
      error(ctx, ChainError.BAD_REQUEST, "not an account address: " + ctx.pathParam("address"));
      return true;
    }
    return false;
  }

  private void account(final RoutingContext ctx) {
    if (!badAddress(ctx)) {
      reply(ctx, chain.account(ctx.pathParam("address")));
    }
  }

  private void nonce(final RoutingContext ctx) {
    if (badAddress(ctx)) {
      return;
    }
    chain.nonce(ctx.pathParam("address"))
        .onSuccess(n -> json(ctx, 200, Map.of("nonce", n)))
        .onFailure(t -> fail(ctx, t));
  }

  private void totals(final RoutingContext ctx) {
    reply(ctx, chain.totals());
  }

  private void health(final RoutingContext ctx) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", node.isRunning() ? "UP" : "STOPPED");
    m.put("height", node.head().height());
    m.put("pool", node.poolSize());
    json(ctx, node.isRunning() ? 200 : 503, m);
  }

  private void dashboard(final RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(DASHBOARD);
  }

  private static String loadDashboard() {
    try (java.io.InputStream in = ChainRpcServer.class.getResourceAsStream("dashboard.html")) {
      return in == null ? "<p>dashboard missing</p>"
          : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      return "<p>dashboard unreadable</p>";
    }
  }

  private void metrics(final RoutingContext ctx) {
    final StringBuilder sb = new StringBuilder();
    final var totals = node.read(s -> s.totals());
    gauge(sb, "agora_chain_height", "Height of the last committed block.", node.head().height());
    gauge(sb, "agora_chain_pool_size", "Extrinsics pending in the pool.", node.poolSize());
    gauge(sb, "agora_chain_issuance_rao", "Total issuance in rao.", totals.issuance());
    gauge(sb, "agora_chain_burned_rao", "Total burned in rao.", totals.burned());
    gauge(sb, "agora_chain_staked_rao", "Total stake in rao.", totals.staked());
    counter(sb, "agora_rpc_requests_total", "HTTP requests received.", requests.get());
    counter(sb, "agora_rpc_extrinsics_submitted_total", "Extrinsics accepted into the pool.",
        submitted.get());
    counter(sb, "agora_rpc_extrinsics_rejected_total", "Extrinsics rejected at submission.",
        rejected.get());
    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4").end(sb.toString());
  }

  private static void gauge(final StringBuilder sb, final String name, final String help,
      final long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(v)
        .append('\n');
  }

  private static void counter(final StringBuilder sb, final String name, final String help,
      final long v) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v)
        .append('\n');
  }

  // ---------------------------------------------------------------- helpers

  private static java.util.Optional<Integer> intParam(final RoutingContext ctx, final String name) {
    try {
      return java.util.Optional.of(Integer.parseInt(ctx.pathParam(name)));
    } catch (NumberFormatException e) {
      error(ctx, ChainError.BAD_REQUEST, name + " must be an integer");
      return java.util.Optional.empty();
    }
  }

  private static <T> void reply(final RoutingContext ctx, final Future<T> f) {
    f.onSuccess(v -> json(ctx, 200, v)).onFailure(t -> fail(ctx, t));
  }

  private static void json(final RoutingContext ctx, final int status, final Object body) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
        .end(Json.write(body));
  }

  private static void fail(final RoutingContext ctx, final Throwable t) {
    if (t instanceof ChainException ce) {
      error(ctx, ce.code(), ce.getMessage());
    } else {
      LOG.log(Level.WARNING, "internal error on " + ctx.request().path(), t);
      error(ctx, ChainError.INTERNAL, "internal error");
    }
  }

  /** Answers {@code {"error": CODE, "message": ...}} with the code's HTTP status. */
  public static void error(final RoutingContext ctx, final ChainError code, final String message) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", code.name());
    m.put("message", message == null ? "" : message);
    json(ctx, code.httpStatus(), m);
  }

  private void failure(final RoutingContext ctx) {
    rejected.incrementAndGet();
    if (ctx.statusCode() == 413) {
      error(ctx, ChainError.BODY_TOO_LARGE, "body exceeds " + BODY_LIMIT + " bytes");
    } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      error(ctx, ChainError.BAD_REQUEST, "bad request");
    } else {
      if (ctx.failure() != null) {
        LOG.log(Level.WARNING, "internal error on " + ctx.request().path(), ctx.failure());
      }
      error(ctx, ChainError.INTERNAL, "internal error");
    }
  }
}
