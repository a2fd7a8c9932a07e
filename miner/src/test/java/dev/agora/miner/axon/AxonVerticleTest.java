package dev.agora.miner.axon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.common.auth.ResponseSignatures;
import dev.agora.common.auth.SignedRequests;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import dev.agora.inference.Generator;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.Sampling;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.miner.auth.AuthConfig;
import dev.agora.miner.auth.Peer;
import dev.agora.miner.auth.Refusal;
import dev.agora.miner.auth.RequestAuthenticator;
import dev.agora.miner.auth.SnapshotPeerDirectory;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.HonestBehaviour;
import dev.agora.miner.behaviour.MinerBehaviour;
import dev.agora.miner.behaviour.TokenSink;
import dev.agora.common.protocol.AnswerHash;
import dev.agora.common.protocol.InferenceRequest;
import dev.agora.miner.testing.TinyModels;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AxonVerticleTest {
  private static final int NETUID = 3;
  private static final String MODEL = "demo-tiny";
  private static final Random RND = new Random(42);
  private static final KeyPair MINER = KeyPair.generate(RND);
  private static final KeyPair VALIDATOR = KeyPair.generate(RND);
  private static final KeyPair POOR = KeyPair.generate(RND);
  private static final KeyPair NO_PERMIT = KeyPair.generate(RND);
  private static final KeyPair STRANGER = KeyPair.generate(RND);
  private static final KeyPair BUSY = KeyPair.generate(RND);

  private static Vertx vertx;
  private static InferenceEngine engine;
  private static AxonVerticle axon;
  private static String base;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    engine = CpuInferenceEngine.open(TinyModels.checkpoint(MODEL), 1);
    final var peers = new SnapshotPeerDirectory(List.of(
        new Peer(0, VALIDATOR.publicKey().address(), 10_000, true),
        new Peer(1, POOR.publicKey().address(), 1, true),
        new Peer(2, NO_PERMIT.publicKey().address(), 10_000, false),
        new Peer(5, BUSY.publicKey().address(), 10_000, true)));
    final var auth = new RequestAuthenticator(new AuthConfig(NETUID, MINER.publicKey().address(), 4096,
        10_000, 2_000, 100, true, 1000, 1000, 10_000), peers);
    axon = new AxonVerticle(new AxonConfig("127.0.0.1", 0, 1, 1, 300, 5_000, 64, MODEL), MINER, auth,
        new HonestBehaviour(engine, AnswerBoard.NONE, "m"), engine.config(), Clock.SYSTEM);
    await(vertx.deployVerticle(axon));
    base = "http://127.0.0.1:" + axon.actualPort();
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
    engine.close();
  }

  private static <T> T await(final Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static InferenceRequest request(final String id, final int n) {
    return new InferenceRequest(id, MODEL, new int[] {1, 40, 41, 42, 43}, n, false, 1.0f, 99L, 10_000);
  }

  private static byte[] body(final InferenceRequest r) throws Exception {
    return Json.MAPPER.writeValueAsBytes(r);
  }

  private static HttpResponse<String> post(final Map<String, String> headers, final byte[] body) throws Exception {
    final var b = HttpRequest.newBuilder(URI.create(base + "/v1/generate"))
        .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> signedPost(final KeyPair from, final long ts, final InferenceRequest r)
      throws Exception {
    final byte[] body = body(r);
    return post(SignedRequests.sign(from, MINER.publicKey(), "POST", "/v1/generate", NETUID, ts, r.requestId(), body),
        body);
  }

  private static String code(final HttpResponse<String> resp) {
    return Json.readTree(resp.body().getBytes(StandardCharsets.UTF_8)).path("error").asText();
  }

  private static String newId() {
    return SignedRequests.newRequestId(RND);
  }

  /** Asserts a full honest answer: N token lines, H and both signatures valid, tokens = the engine's. */
  private static void assertHonestAnswer(final InferenceRequest r, final HttpResponse<String> resp) {
    assertEquals(200, resp.statusCode(), resp.body());
    final String[] lines = resp.body().split("\n");
    assertEquals(r.maxNewTokens() + 1, lines.length);
    final int[] tokens = new int[r.maxNewTokens()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = Json.readTree(lines[i].getBytes(StandardCharsets.UTF_8)).get("t").asInt();
    }
    final int[] expected = Generator.generate(engine, r.promptTokenIds(), r.maxNewTokens(),
        Sampling.seeded(r.temperature(), r.seed()), true, null);
    assertArrayEquals(expected, tokens);
    final JsonNode fin = Json.readTree(lines[tokens.length].getBytes(StandardCharsets.UTF_8));
    final String h = Hex.encode(AnswerHash.of(r.requestId(), tokens));
    assertEquals(h, fin.get("h").asText());
    assertTrue(ResponseSignatures.verify(MINER.publicKey(), r.requestId(), 200, h, fin.get("rs").asText()));
  }

  @Test
  void generate_shouldStreamSignedExactAnswerWhenRequestIsValid() throws Exception {
    final var r = request(newId(), 12);
    assertHonestAnswer(r, signedPost(VALIDATOR, System.currentTimeMillis(), r));
  }

  @Test
  void generate_shouldRefuseEveryBadRequestAndKeepServingTheHonestValidator() throws Exception {
    final long now = System.currentTimeMillis();
    // forged signature: signed by a stranger, claiming the validator's hotkey
    final var r1 = request(newId(), 4);
    final Map<String, String> forged = new java.util.HashMap<>(SignedRequests.sign(STRANGER, MINER.publicKey(),
        "POST", "/v1/generate", NETUID, now, r1.requestId(), body(r1)));
    forged.put(SignedRequests.SENDER, VALIDATOR.publicKey().address());
    var resp = post(forged, body(r1));
    assertEquals(401, resp.statusCode());
    assertEquals(Refusal.BAD_SIGNATURE, code(resp));
    // wrong receiver
    final var r2 = request(newId(), 4);
    resp = post(SignedRequests.sign(VALIDATOR, STRANGER.publicKey(), "POST", "/v1/generate", NETUID, now,
        r2.requestId(), body(r2)), body(r2));
    assertEquals(401, resp.statusCode());
    assertEquals(Refusal.WRONG_RECEIVER, code(resp));
    // stale and future timestamps
    resp = signedPost(VALIDATOR, now - 60_000, request(newId(), 4));
    assertEquals(Refusal.STALE_TIMESTAMP, code(resp));
    assertEquals(401, resp.statusCode());
    resp = signedPost(VALIDATOR, now + 60_000, request(newId(), 4));
    assertEquals(Refusal.FUTURE_TIMESTAMP, code(resp));
    // replay
    final var r3 = request(newId(), 4);
    final var h3 = SignedRequests.sign(VALIDATOR, MINER.publicKey(), "POST", "/v1/generate", NETUID, now,
        r3.requestId(), body(r3));
    assertEquals(200, post(h3, body(r3)).statusCode());
    resp = post(h3, body(r3));
    assertEquals(409, resp.statusCode());
    assertEquals(Refusal.REPLAYED, code(resp));
    // unsigned
    final Map<String, String> unsigned = new java.util.HashMap<>(SignedRequests.sign(VALIDATOR, MINER.publicKey(),
        "POST", "/v1/generate", NETUID, now, "ab", body(r1)));
    unsigned.remove(SignedRequests.SIGNATURE);
    resp = post(unsigned, body(r1));
    assertEquals(401, resp.statusCode());
    assertEquals(Refusal.UNSIGNED, code(resp));
    // blacklist
    resp = signedPost(STRANGER, now, request(newId(), 4));
    assertEquals(403, resp.statusCode());
    assertEquals(Refusal.UNREGISTERED_SENDER, code(resp));
    resp = signedPost(NO_PERMIT, now, request(newId(), 4));
    assertEquals(403, resp.statusCode());
    assertEquals(Refusal.NO_VALIDATOR_PERMIT, code(resp));
    resp = signedPost(POOR, now, request(newId(), 4));
    assertEquals(403, resp.statusCode());
    assertEquals(Refusal.STAKE_TOO_LOW, code(resp));
    // oversize body
    final byte[] big = new byte[8192];
    resp = post(SignedRequests.sign(VALIDATOR, MINER.publicKey(), "POST", "/v1/generate", NETUID, now, newId(), big),
        big);
    assertEquals(413, resp.statusCode());
    assertEquals(Refusal.BODY_TOO_LARGE, code(resp));
    // the honest validator is still served
    final var ok = request(newId(), 8);
    assertHonestAnswer(ok, signedPost(VALIDATOR, System.currentTimeMillis(), ok));
    final Map<String, Long> refusals = axon.metrics().refusals();
    assertTrue(refusals.get(Refusal.BAD_SIGNATURE) >= 1 && refusals.get(Refusal.REPLAYED) >= 1);
  }

  @Test
  void generate_shouldRefuseWhenHeadersComeWithoutBody() throws Exception {
    final var r = request(newId(), 4);
    final byte[] body = body(r);
    final var h = SignedRequests.sign(VALIDATOR, MINER.publicKey(), "POST", "/v1/generate", NETUID,
        System.currentTimeMillis(), r.requestId(), body);
    try (Socket s = new Socket("127.0.0.1", axon.actualPort())) {
      s.setSoTimeout(5_000);
      final StringBuilder head = new StringBuilder("POST /v1/generate HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      h.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
      final OutputStream out = s.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
      out.write(body, 0, 3); // a few bytes, then nothing
      out.flush();
      final long t0 = System.nanoTime();
      final String answer = new String(readAll(s.getInputStream()), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains(Refusal.BODY_TIMEOUT));
      assertTrue(System.nanoTime() - t0 < 3_000_000_000L);
    }
    final var ok = request(newId(), 4);
    assertHonestAnswer(ok, signedPost(VALIDATOR, System.currentTimeMillis(), ok));
  }

  @Test
  void generate_shouldAnswer429WithRetryAfterWhenQueueIsFullAndDrainOnShutdown() throws Exception {
    // concurrency 1 + queue 1: with one answer held running and one queued, the third is refused
    final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    final java.util.concurrent.CountDownLatch runningNow = new java.util.concurrent.CountDownLatch(1);
    final MinerBehaviour held = new MinerBehaviour() {
      @Override
      public String name() {
        return "held";
      }

      @Override
      public int[] answer(final InferenceRequest request, final TokenSink sink) {
        runningNow.countDown();
        try {
          release.await(20, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return new HonestBehaviour(engine, AnswerBoard.NONE, "h").answer(request, sink);
      }
    };
    final var heldAxon = new AxonVerticle(new AxonConfig("127.0.0.1", 0, 1, 1, 300, 10_000, 64, MODEL), MINER,
        new RequestAuthenticator(new AuthConfig(NETUID, MINER.publicKey().address(), 4096, 10_000, 2_000, 0, true,
            1000, 1000, 1000), new SnapshotPeerDirectory(List.of(new Peer(5, BUSY.publicKey().address(), 1, true)))),
        held, engine.config(), Clock.SYSTEM);
    final String heldId = await(vertx.deployVerticle(heldAxon));
    final String url = "http://127.0.0.1:" + heldAxon.actualPort() + "/v1/generate";
    final List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
    pending.add(sendAsync(url, request(newId(), 8)));
    assertTrue(runningNow.await(10, TimeUnit.SECONDS));
    pending.add(sendAsync(url, request(newId(), 8)));
    long waited = 0;
    while (heldAxon.metrics().prometheus("x").contains("agora_axon_queued{hotkey=\"x\"} 0") && waited < 5_000) {
      Thread.sleep(10);
      waited += 10;
    }
    final HttpResponse<String> third = sendAsync(url, request(newId(), 4)).get(10, TimeUnit.SECONDS);
    assertEquals(429, third.statusCode());
    assertEquals(Refusal.QUEUE_FULL, code(third));
    assertEquals("1", third.headers().firstValue("Retry-After").orElseThrow());
    // graceful shutdown: undeploying waits for the running and the queued answer
    final Future<Void> undeployed = vertx.undeploy(heldId);
    release.countDown();
    await(undeployed);
    for (final var p : pending) {
      final HttpResponse<String> r = p.get(20, TimeUnit.SECONDS);
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("\"done\":true"), r.body());
    }
  }

  private static CompletableFuture<HttpResponse<String>> sendAsync(final String url, final InferenceRequest r)
      throws Exception {
    final byte[] body = body(r);
    final var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    SignedRequests.sign(BUSY, MINER.publicKey(), "POST", "/v1/generate", NETUID, System.currentTimeMillis(),
        r.requestId(), body).forEach(b::header);
    return HTTP.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthAndMetrics_shouldAnswer() throws Exception {
    final var health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertEquals(MINER.publicKey().address(), Json.readTree(health.body().getBytes()).get("hotkey").asText());
    final var metrics = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertTrue(metrics.body().contains("agora_axon_requests_total"));
  }

  private static byte[] readAll(final InputStream in) throws java.io.IOException {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final byte[] buf = new byte[4096];
    int n;
    try {
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.toString(StandardCharsets.UTF_8).contains("}")) {
          break;
        }
      }
    } catch (final java.net.SocketTimeoutException e) {
      // return what came
    }
    return out.toByteArray();
  }
}
