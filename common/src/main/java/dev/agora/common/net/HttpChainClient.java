package dev.agora.common.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JavaType;
import dev.agora.common.chain.AccountInfo;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.BlockHeader;
import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.NeuronInfo;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.chain.StakeInfo;
import dev.agora.common.chain.SubnetInfo;
import dev.agora.common.chain.Totals;
import dev.agora.common.util.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@link ChainClient} over the chain's HTTP API (Vert.x WebClient). The endpoint is a base URL such
 * as {@code http://127.0.0.1:9944}. Errors answered by the chain become {@link ChainException}s with
 * the chain's code; transport failures become ChainException INTERNAL with the cause's message.
 */
public final class HttpChainClient implements ChainClient, AutoCloseable {
  private final Vertx vertx;
  private final WebClient client;
  private final String host;
  private final int port;
  private final long timeoutMs;
  private volatile String genesis;

  public HttpChainClient(final Vertx vertx, final String endpoint) {
    this(vertx, endpoint, 10_000);
  }

  public HttpChainClient(final Vertx vertx, final String endpoint, final long timeoutMs) {
    final URI uri = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1)
        : endpoint);
    if (uri.getHost() == null || !"http".equals(uri.getScheme())) {
      throw new IllegalArgumentException("chain endpoint must be http://host:port, got " + endpoint);
    }
    this.vertx = vertx;
    this.host = uri.getHost();
    this.port = uri.getPort() > 0 ? uri.getPort() : 80;
    this.timeoutMs = timeoutMs;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
  }

  private Future<HttpResponse<Buffer>> send(final HttpMethod method, final String path,
      final byte[] body) {
    final var req = client.request(method, port, host, path).timeout(timeoutMs);
    final Future<HttpResponse<Buffer>> f = body == null ? req.send()
        : req.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(body));
    return f.recover(t -> Future.failedFuture(t instanceof ChainException ? t
        : new ChainException(ChainError.INTERNAL, "chain unreachable at " + host + ":" + port
            + ": " + t.getMessage())));
  }

  private <T> Future<T> get(final String path, final JavaType type) {
    return send(HttpMethod.GET, path, null).compose(r -> decode(r, type));
  }

  private <T> Future<T> get(final String path, final Class<T> type) {
    return get(path, Json.MAPPER.getTypeFactory().constructType(type));
  }

  private static <T> Future<T> decode(final HttpResponse<Buffer> r, final JavaType type) {
    final byte[] bytes = r.body() == null ? new byte[0] : r.body().getBytes();
    if (r.statusCode() >= 300) {
      return Future.failedFuture(errorOf(r.statusCode(), bytes));
    }
    try {
      return Future.succeededFuture(Json.MAPPER.readValue(bytes, type));
    } catch (IOException e) {
      return Future.failedFuture(
          new ChainException(ChainError.INTERNAL, "bad chain response: " + e.getMessage()));
    }
  }

  static ChainException errorOf(final int status, final byte[] body) {
    try {
      final JsonNode n = Json.MAPPER.readTree(body);
      final String code = n.path("error").asText("");
      final ChainError e = ChainError.valueOf(code);
      return new ChainException(e, n.path("message").asText(""));
    } catch (IOException | IllegalArgumentException e) {
      return new ChainException(ChainError.INTERNAL, "HTTP " + status);
    }
  }

  private static String enc(final String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private <T> Future<Optional<T>> optional(final Future<T> f) {
    return f.map(Optional::of).recover(t -> t instanceof ChainException ce
        && ce.code() == ChainError.NOT_FOUND ? Future.succeededFuture(Optional.empty())
        : Future.failedFuture(t));
  }

  @Override
  public Future<String> genesisHash() {
    if (genesis != null) {
      return Future.succeededFuture(genesis);
    }
    return get("/genesis", JsonNode.class).map(n -> {
      genesis = n.path("genesisHash").asText();
      return genesis;
    });
  }

  @Override
  public Future<String> submit(final SignedExtrinsic extrinsic) {
    return send(HttpMethod.POST, "/extrinsics", Json.write(extrinsic).getBytes(StandardCharsets.UTF_8))
        .compose(r -> decode(r, Json.MAPPER.getTypeFactory().constructType(JsonNode.class)))
        .map(n -> ((JsonNode) n).path("hash").asText());
  }

  @Override
  public Future<ExtrinsicStatus> status(final String extrinsicHash) {
    return get("/extrinsics/" + enc(extrinsicHash), ExtrinsicStatus.class);
  }

  @Override
  public Future<ExtrinsicStatus> awaitFinal(final String extrinsicHash, final long timeoutMs) {
    final Promise<ExtrinsicStatus> p = Promise.promise();
    final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
    poll(extrinsicHash, deadline, p);
    return p.future();
  }

  private void poll(final String hash, final long deadline, final Promise<ExtrinsicStatus> p) {
    status(hash).onComplete(ar -> {
      if (ar.succeeded() && ar.result().done()) {
        p.tryComplete(ar.result());
      } else if (System.nanoTime() > deadline) {
        p.tryFail(new ChainException(ChainError.NOT_FOUND, "extrinsic " + hash + " not final in time"));
      } else {
        vertx.setTimer(50, id -> poll(hash, deadline, p));
      }
    });
  }

  @Override
  public Future<BlockHeader> latestBlock() {
    return get("/blocks/latest", BlockHeader.class);
  }

  @Override
  public Future<Optional<Block>> block(final long height) {
    return optional(get("/blocks/" + height, Block.class));
  }

  @Override
  public Future<List<SubnetInfo>> subnets() {
    return get("/subnets",
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, SubnetInfo.class));
  }

  @Override
  public Future<Metagraph> metagraph(final int netuid) {
    return get("/subnets/" + netuid + "/metagraph", Metagraph.class);
  }

  @Override
  public Future<Optional<NeuronInfo>> neuron(final int netuid, final int uid) {
    return optional(get("/subnets/" + netuid + "/neurons/" + uid, NeuronInfo.class));
  }

  @Override
  public Future<Hyperparameters> hyperparameters(final int netuid) {
    return get("/subnets/" + netuid + "/hyperparameters", Hyperparameters.class);
  }

  @Override
  public Future<List<HyperparameterChange>> hyperparameterLog(final int netuid) {
    return get("/subnets/" + netuid + "/hyperparameters/log",
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, HyperparameterChange.class));
  }

  @Override
  public Future<AccountInfo> account(final String address) {
    return get("/accounts/" + enc(address), AccountInfo.class);
  }

  @Override
  public Future<Long> nonce(final String address) {
    return get("/accounts/" + enc(address) + "/nonce", JsonNode.class)
        .map(n -> ((JsonNode) n).path("nonce").asLong());
  }

  @Override
  public Future<List<StakeInfo>> stake(final int netuid, final String hotkey) {
    return get("/subnets/" + netuid + "/stake/" + enc(hotkey),
        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, StakeInfo.class));
  }

  @Override
  public Future<Totals> totals() {
    return get("/totals", Totals.class);
  }

  @Override
  public void close() {
    client.close();
  }
}
