package dev.agora.miner.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.agora.common.auth.ResponseSignatures;
import dev.agora.common.auth.SignedRequests;
import dev.agora.common.crypto.Hashes;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import dev.agora.inference.ModelConfig;
import dev.agora.miner.auth.AuthDecision;
import dev.agora.miner.auth.Peer;
import dev.agora.miner.auth.Refusal;
import dev.agora.miner.auth.RequestAuthenticator;
import dev.agora.miner.behaviour.AnswerAborted;
import dev.agora.miner.behaviour.MinerBehaviour;
import dev.agora.common.protocol.AnswerHash;
import dev.agora.common.protocol.FinalEvent;
import dev.agora.common.protocol.InferenceRequest;
import dev.agora.common.protocol.StreamEvents;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The miner's axon. Every request goes through {@link RequestAuthenticator} on the event loop (cheap
 * checks, one signature verification), then waits in a queue ordered by the caller's stake, and runs
 * on a named, bounded {@link WorkerExecutor}; tokens are written back on the event loop as they come.
 */
public final class AxonVerticle extends VerticleBase {
  private static final Logger LOG = Logger.getLogger(AxonVerticle.class.getName());

  private final AxonConfig config;
  private final KeyPair hotkey;
  private final RequestAuthenticator auth;
  private final MinerBehaviour behaviour;
  private final ModelConfig model;
  private final Clock clock;
  private final AxonMetrics metrics = new AxonMetrics();
  private final AtomicLong sequence = new AtomicLong();
  private final PriorityQueue<Job> queue =
      new PriorityQueue<>(Comparator.comparingLong((Job j) -> -j.stake).thenComparingLong(j -> j.seq));
  private int running;
  private boolean draining;
  private HttpServer server;
  private WorkerExecutor workers;

  public AxonVerticle(
      final AxonConfig config,
      final KeyPair hotkey,
      final RequestAuthenticator auth,
      final MinerBehaviour behaviour,
      final ModelConfig model,
      final Clock clock) {
    this.config = config;
    this.hotkey = hotkey;
    this.auth = auth;
    this.behaviour = behaviour;
    this.model = model;
    this.clock = clock;
  }

  public AxonMetrics metrics() {
    return metrics;
  }

  /** The bound port (after start). */
  public int actualPort() {
    return server.actualPort();
  }

  public String behaviourName() {
    return behaviour.name();
  }

  @Override
  public Future<?> start() {
    workers = vertx.createSharedWorkerExecutor(
        "agora-miner-inference-" + hotkey.publicKey().address().substring(6, 14), config.concurrency(), 10,
        TimeUnit.MINUTES);
    final HttpServerOptions options = new HttpServerOptions()
        .setHost(config.host())
        .setPort(config.port())
        .setMaxHeaderSize(8 * 1024)
        .setMaxInitialLineLength(1024)
        // silent connections are dropped after a while; bodies are bounded by their own timer, and a
        // queued request must not be dropped while it waits for a worker
        .setIdleTimeout(120)
        .setIdleTimeoutUnit(TimeUnit.SECONDS);
    server = vertx.createHttpServer(options).requestHandler(this::handle);
    return server.listen().onSuccess(s -> LOG.info(() -> "axon " + hotkey.publicKey().address() + " ("
        + behaviour.name() + ") listening on " + config.host() + ":" + s.actualPort()));
  }

  @Override
  public Future<?> stop() {
    draining = true;
    final Promise<Void> drained = Promise.promise();
    final long deadline = clock.millis() + config.drainTimeoutMs();
    waitDrained(drained, deadline);
    return drained.future()
        .compose(v -> server.close())
        .onComplete(ar -> workers.close());
  }

  private void waitDrained(final Promise<Void> p, final long deadline) {
    if ((running == 0 && queue.isEmpty()) || clock.millis() >= deadline) {
      p.tryComplete();
    } else {
      vertx.setTimer(10, id -> waitDrained(p, deadline));
    }
  }

  private void handle(final HttpServerRequest req) {
    final String path = req.path();
    if (req.method() == HttpMethod.GET && "/health".equals(path)) {
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("status", draining ? "draining" : "ok");
      m.put("hotkey", hotkey.publicKey().address());
      m.put("in_flight", running);
      m.put("queued", queue.size());
      req.response().setStatusCode(draining ? 503 : 200).putHeader("Content-Type", "application/json")
          .end(Json.write(m));
      return;
    }
    if (req.method() == HttpMethod.GET && "/metrics".equals(path)) {
      req.response().putHeader("Content-Type", "text/plain; version=0.0.4")
          .end(metrics.prometheus(hotkey.publicKey().address()));
      return;
    }
    if (req.method() == HttpMethod.POST && StreamEvents.PATH.equals(path)) {
      generate(req);
      return;
    }
    refuse(req, Refusal.of(404, Refusal.NOT_FOUND, "no route " + req.method() + " " + path), true);
  }

  private void generate(final HttpServerRequest req) {
    metrics.requests.increment();
    if (draining) {
      refuse(req, Refusal.of(503, Refusal.SHUTTING_DOWN, "miner is shutting down"), true);
      return;
    }
    final String declared = req.getHeader("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > auth.config().maxBodyBytes()) {
          refuse(req, Refusal.of(413, Refusal.BODY_TOO_LARGE,
              "body exceeds " + auth.config().maxBodyBytes() + " bytes"), true);
          return;
        }
      } catch (final NumberFormatException e) {
        refuse(req, Refusal.of(400, Refusal.BAD_REQUEST, "bad Content-Length"), true);
        return;
      }
    }
    final Buffer body = Buffer.buffer();
    final AtomicBoolean finished = new AtomicBoolean();
    final long timer = vertx.setTimer(config.bodyTimeoutMs(), id -> {
      if (finished.compareAndSet(false, true)) {
        refuse(req, Refusal.of(408, Refusal.BODY_TIMEOUT,
            "body not received within " + config.bodyTimeoutMs() + " ms"), true);
      }
    });
    req.handler(chunk -> {
      if (finished.get()) {
        return;
      }
      if (body.length() + chunk.length() > auth.config().maxBodyBytes()) {
        finished.set(true);
        vertx.cancelTimer(timer);
        refuse(req, Refusal.of(413, Refusal.BODY_TOO_LARGE,
            "body exceeds " + auth.config().maxBodyBytes() + " bytes"), true);
        return;
      }
      body.appendBuffer(chunk);
    });
    req.exceptionHandler(e -> {
      if (finished.compareAndSet(false, true)) {
        vertx.cancelTimer(timer);
      }
    });
    req.endHandler(v -> {
      if (finished.compareAndSet(false, true)) {
        vertx.cancelTimer(timer);
        authenticated(req, body.getBytes());
      }
    });
  }

  private void authenticated(final HttpServerRequest req, final byte[] body) {
    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (final var e : req.headers()) {
      headers.putIfAbsent(e.getKey(), e.getValue());
    }
    final long now = clock.millis();
    final AuthDecision d = auth.authenticate("POST", StreamEvents.PATH, headers, body, now);
    if (!d.accepted()) {
      refuse(req, d.refusal().orElseThrow(), false);
      return;
    }
    final InferenceRequest ir;
    try {
      ir = Json.MAPPER.readValue(body, InferenceRequest.class);
    } catch (final java.io.IOException | RuntimeException e) {
      refuse(req, Refusal.of(400, Refusal.BAD_REQUEST, "body is not an inference request: "
          + firstLine(e.getMessage())), false);
      return;
    }
    final String headerId = SignedRequests.header(headers, SignedRequests.REQUEST_ID).orElseThrow();
    if (!ir.requestId().equals(headerId)) {
      refuse(req, Refusal.of(400, Refusal.BAD_REQUEST, "body request id differs from the header"), false);
      return;
    }
    if (!ir.modelId().equals(config.modelId())) {
      refuse(req, Refusal.of(400, Refusal.BAD_REQUEST, "this miner serves model " + config.modelId()), false);
      return;
    }
    final var problem = ir.problem(model.vocabSize(), model.seqLen(), config.maxNewTokens());
    if (problem.isPresent()) {
      refuse(req, Refusal.of(400, Refusal.BAD_REQUEST, problem.get()), false);
      return;
    }
    final long ts = Long.parseLong(headers.get(SignedRequests.TIMESTAMP));
    final long deadlineAt = ts + ir.deadlineMs();
    if (now >= deadlineAt) {
      refuse(req, Refusal.of(504, Refusal.DEADLINE, "deadline passed before the answer could start"), false);
      return;
    }
    if (running + queue.size() >= config.concurrency() + config.queueSize()) {
      refuse(req, new Refusal(429, Refusal.QUEUE_FULL, "inference queue is full", 1), false);
      return;
    }
    final Peer caller = d.caller().orElseThrow();
    queue.add(new Job(req, ir, caller.stake(), sequence.getAndIncrement(), deadlineAt));
    metrics.queued.set(queue.size());
    dispatch();
  }

  private void dispatch() {
    while (running < config.concurrency() && !queue.isEmpty()) {
      final Job job = queue.poll();
      metrics.queued.set(queue.size());
      if (clock.millis() >= job.deadlineAt) {
        refuse(job.req, Refusal.of(504, Refusal.DEADLINE, "deadline passed while queued"), false);
        continue;
      }
      running++;
      metrics.inFlight.incrementAndGet();
      start(job);
    }
  }

  private void start(final Job job) {
    final HttpServerResponse resp = job.req.response();
    final AtomicBoolean gone = new AtomicBoolean();
    resp.closeHandler(v -> gone.set(true));
    resp.setStatusCode(200).setChunked(true).putHeader("Content-Type", StreamEvents.CONTENT_TYPE)
        .putHeader(SignedRequests.REQUEST_ID, job.request.requestId());
    workers.executeBlocking(() -> run(job, resp, gone), false)
        .onComplete(ar -> {
          running--;
          metrics.inFlight.decrementAndGet();
          if (ar.failed()) {
            LOG.log(Level.WARNING, "inference job failed", ar.cause());
            if (!resp.ended() && !gone.get()) {
              resp.end(errorLine(Refusal.INTERNAL, "inference failed"));
            }
          }
          dispatch();
        });
  }

  /** Runs on a worker thread; writes go back to the event loop through the context. */
  private Void run(final Job job, final HttpServerResponse resp, final AtomicBoolean gone) {
    final TokenFlusher out = new TokenFlusher(resp, gone);
    try {
      final int[] tokens = behaviour.answer(job.request, (i, t) -> {
        if (gone.get()) {
          throw new AnswerAborted("client-gone", "the caller closed the connection");
        }
        if (clock.millis() >= job.deadlineAt) {
          throw new AnswerAborted(Refusal.DEADLINE, "deadline passed during generation");
        }
        out.add(StreamEvents.tokenLine(t));
      });
      final String h = Hex.encode(AnswerHash.of(job.request.requestId(), tokens));
      final FinalEvent fin = new FinalEvent(true, tokens.length, h,
          ResponseSignatures.sign(hotkey, job.request.requestId(), 200, h));
      final byte[] finLine = (Json.write(fin) + "\n").getBytes(StandardCharsets.UTF_8);
      context.runOnContext(v -> {
        out.flush();
        if (!resp.ended() && !gone.get()) {
          resp.end(Buffer.buffer(finLine));
          metrics.answered.increment();
          metrics.tokens.add(tokens.length);
        }
      });
    } catch (final AnswerAborted e) {
      metrics.refused(e.code());
      context.runOnContext(v -> {
        out.flush();
        if (!resp.ended() && !gone.get()) {
          resp.end(errorLine(e.code(), e.getMessage()));
        }
      });
    }
    return null;
  }

  private void refuse(final HttpServerRequest req, final Refusal r, final boolean closeConnection) {
    metrics.refused(r.code());
    final byte[] json = Json.write(r.toJson()).getBytes(StandardCharsets.UTF_8);
    final String rid = SignedRequests.header(headerMap(req), SignedRequests.REQUEST_ID)
        .filter(s -> s.matches("[0-9a-fA-F]{1,64}")).orElse("none");
    final HttpServerResponse resp = req.response();
    if (resp.ended() || resp.headWritten()) {
      return;
    }
    resp.setStatusCode(r.status()).putHeader("Content-Type", "application/json")
        .putHeader(SignedRequests.SIGNATURE, ResponseSignatures.sign(hotkey, rid, r.status(), Hashes.sha256Hex(json)));
    if (r.retryAfterSeconds() > 0) {
      resp.putHeader("Retry-After", Long.toString(r.retryAfterSeconds()));
    }
    if (closeConnection) {
      resp.putHeader("Connection", "close");
    }
    resp.end(Buffer.buffer(json)).onComplete(ar -> {
      if (closeConnection) {
        req.connection().close();
      }
    });
  }

  private static Map<String, String> headerMap(final HttpServerRequest req) {
    final Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (final var e : req.headers()) {
      m.putIfAbsent(e.getKey(), e.getValue());
    }
    return m;
  }

  private static Buffer errorLine(final String code, final String message) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", code);
    m.put("message", message);
    return Buffer.buffer(Json.write(m) + "\n");
  }

  private static String firstLine(final String s) {
    if (s == null) {
      return "";
    }
    final int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /**
   * Hands token lines from the worker to the event loop. Each token is written as soon as the event
   * loop gets to it; tokens produced faster than that (a burst) go out in one write instead of one
   * write each, which keeps per-token timing for real decoding and saves thousands of tiny writes
   * when a round fans out to hundreds of miners.
   */
  private final class TokenFlusher {
    private final HttpServerResponse resp;
    private final AtomicBoolean gone;
    private Buffer pending = Buffer.buffer();
    private boolean scheduled;

    TokenFlusher(final HttpServerResponse resp, final AtomicBoolean gone) {
      this.resp = resp;
      this.gone = gone;
    }

    /** Called on the worker thread. */
    void add(final byte[] line) {
      final boolean schedule;
      synchronized (this) {
        pending.appendBytes(line);
        schedule = !scheduled;
        scheduled = true;
      }
      if (schedule) {
        context.runOnContext(v -> flush());
      }
    }

    /** Called on the event loop. */
    void flush() {
      final Buffer b;
      synchronized (this) {
        b = pending;
        pending = Buffer.buffer();
        scheduled = false;
      }
      if (b.length() > 0 && !resp.ended() && !gone.get()) {
        resp.write(b);
      }
    }
  }

  private static final class Job {
    final HttpServerRequest req;
    final InferenceRequest request;
    final long stake;
    final long seq;
    final long deadlineAt;

    Job(final HttpServerRequest req, final InferenceRequest request, final long stake, final long seq,
        final long deadlineAt) {
      this.req = req;
      this.request = request;
      this.stake = stake;
      this.seq = seq;
      this.deadlineAt = deadlineAt;
    }
  }
}
