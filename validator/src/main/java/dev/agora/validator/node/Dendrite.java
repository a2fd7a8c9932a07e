package dev.agora.validator.node;

import dev.agora.common.auth.SignedRequests;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Json;
import dev.agora.common.protocol.FinalEvent;
import dev.agora.common.protocol.InferenceRequest;
import dev.agora.common.protocol.StreamEvents;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The validator's client: signs a request (DESIGN.md §3), sends it, and records the arrival of each
 * streamed token line on the validator's own clock. Never fails its future: transport errors and
 * timeouts come back as a {@link RawAnswer} with status 0.
 */
public final class Dendrite implements AutoCloseable {
  private final Vertx vertx;
  private final KeyPair hotkey;
  private final int netuid;
  private final Clock clock;
  private final HttpClient client;

  public Dendrite(final Vertx vertx, final KeyPair hotkey, final int netuid, final Clock clock, final int maxConnections) {
    this.vertx = vertx;
    this.hotkey = hotkey;
    this.netuid = netuid;
    this.clock = clock;
    this.client = vertx.createHttpClient(
        new HttpClientOptions().setKeepAlive(true).setConnectTimeout(2_000),
        new PoolOptions().setHttp1MaxSize(2).setMaxWaitQueueSize(maxConnections * 4));
  }

  /**
   * @param timeoutMs the whole answer must have arrived by then
   */
  public Future<RawAnswer> query(
      final String host, final int port, final PublicKey miner, final InferenceRequest request, final long timeoutMs) {
    return query(host, port, miner, request, timeoutMs, timeoutMs);
  }

  /**
   * @param firstTokenTimeoutMs the first token must have arrived by then ({@code first-token-timeout})
   * @param timeoutMs the whole answer must have arrived by then ({@code timeout})
   */
  public Future<RawAnswer> query(
      final String host, final int port, final PublicKey miner, final InferenceRequest request,
      final long firstTokenTimeoutMs, final long timeoutMs) {
    final byte[] body;
    try {
      body = Json.MAPPER.writeValueAsBytes(request);
    } catch (final com.fasterxml.jackson.core.JsonProcessingException e) {
      return Future.succeededFuture(RawAnswer.failed(0, "encode-error", clock.nanos()));
    }
    final var headers = SignedRequests.sign(hotkey, miner, "POST", StreamEvents.PATH, netuid, clock.millis(),
        request.requestId(), body);
    final Promise<RawAnswer> result = Promise.promise();
    final AtomicBoolean done = new AtomicBoolean();
    final long[] sent = {clock.nanos()};
    final AtomicBoolean firstToken = new AtomicBoolean();
    final long timer = vertx.setTimer(timeoutMs, id -> {
      if (done.compareAndSet(false, true)) {
        result.complete(RawAnswer.failed(0, "timeout", sent[0]));
      }
    });
    if (firstTokenTimeoutMs < timeoutMs) {
      vertx.setTimer(Math.max(1, firstTokenTimeoutMs), id -> {
        if (!firstToken.get() && done.compareAndSet(false, true)) {
          vertx.cancelTimer(timer);
          result.complete(RawAnswer.failed(0, "first-token-timeout", sent[0]));
        }
      });
    }
    final RequestOptions opts = new RequestOptions().setMethod(HttpMethod.POST).setHost(host).setPort(port)
        .setURI(StreamEvents.PATH).setIdleTimeout(timeoutMs);
    headers.forEach(opts::putHeader);
    opts.putHeader("Content-Type", "application/json");
    client.request(opts).compose(req -> {
      sent[0] = clock.nanos();
      return req.send(Buffer.buffer(body));
    }).onSuccess(resp -> {
      final int status = resp.statusCode();
      final Collector c = new Collector(status, sent[0]);
      final RecordParser parser = RecordParser.newDelimited("\n", line -> {
        c.line(line, clock.nanos());
        if (c.n > 0) {
          firstToken.set(true);
        }
      });
      resp.handler(parser);
      resp.exceptionHandler(e -> {
        if (done.compareAndSet(false, true)) {
          vertx.cancelTimer(timer);
          result.complete(c.build("stream-error"));
        }
      });
      resp.endHandler(v -> {
        if (done.compareAndSet(false, true)) {
          vertx.cancelTimer(timer);
          result.complete(c.build(""));
        }
      });
    }).onFailure(e -> {
      if (done.compareAndSet(false, true)) {
        vertx.cancelTimer(timer);
        result.complete(RawAnswer.failed(0, "transport-error", sent[0]));
      }
    });
    return result.future();
  }

  @Override
  public void close() {
    client.close();
  }

  /** Accumulates lines of one answer; used on one event loop only. */
  private static final class Collector {
    private final int status;
    private final long sentNanos;
    private int[] tokens = new int[64];
    private long[] arrivals = new long[64];
    private int n;
    private Optional<FinalEvent> fin = Optional.empty();
    private String error = "";

    Collector(final int status, final long sentNanos) {
      this.status = status;
      this.sentNanos = sentNanos;
    }

    void line(final Buffer line, final long nowNanos) {
      if (fin.isPresent() || !error.isEmpty()) {
        error = error.isEmpty() ? "data-after-final" : error;
        return;
      }
      final byte[] bytes = line.getBytes();
      final Optional<Integer> token = parseToken(bytes);
      if (token.isPresent() && status == 200) {
        if (n == tokens.length) {
          tokens = Arrays.copyOf(tokens, n * 2);
          arrivals = Arrays.copyOf(arrivals, n * 2);
        }
        tokens[n] = token.get();
        arrivals[n] = nowNanos;
        n++;
        return;
      }
      try {
        final var node = Json.readTree(bytes);
        if (node.has("error")) {
          error = node.get("error").asText("error");
        } else if (status == 200 && node.path("done").asBoolean(false)) {
          fin = Optional.of(Json.MAPPER.treeToValue(node, FinalEvent.class));
        } else {
          error = "malformed-line";
        }
      } catch (final IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
        error = "malformed-line";
      }
    }

    RawAnswer build(final String transportError) {
      final String code = !error.isEmpty() ? error : transportError;
      return new RawAnswer(status, code, Arrays.copyOf(tokens, n), Arrays.copyOf(arrivals, n), sentNanos, fin);
    }

    /** Fast path for {@code {"t":123}}. */
    private static Optional<Integer> parseToken(final byte[] b) {
      final byte[] prefix = "{\"t\":".getBytes(StandardCharsets.US_ASCII);
      if (b.length < prefix.length + 2 || b[b.length - 1] != '}') {
        return Optional.empty();
      }
      for (int i = 0; i < prefix.length; i++) {
        if (b[i] != prefix[i]) {
          return Optional.empty();
        }
      }
      long v = 0;
      for (int i = prefix.length; i < b.length - 1; i++) {
        if (b[i] < '0' || b[i] > '9' || v > Integer.MAX_VALUE) {
          return Optional.empty();
        }
        v = v * 10 + (b[i] - '0');
      }
      return v > Integer.MAX_VALUE ? Optional.empty() : Optional.of((int) v);
    }
  }
}
