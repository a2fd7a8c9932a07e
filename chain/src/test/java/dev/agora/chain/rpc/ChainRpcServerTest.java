package dev.agora.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.chain.runtime.ChainNode;
import dev.agora.chain.runtime.TestChains;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.net.HttpChainClient;
import dev.agora.common.util.Json;
import dev.agora.storage.InMemoryKvStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainRpcServerTest {
  private Vertx vertx;
  private InMemoryKvStore kv;
  private ChainNode node;
  private TestChains tc;
  private ChainRpcServer server;
  private HttpChainClient client;
  private WebClient raw;

  private static <T> T await(final Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    kv = new InMemoryKvStore();
    tc = new TestChains(7, 3, TestChains.fastDefaults());
    node = tc.open(kv);
    node.start();
    server = new ChainRpcServer(node, "127.0.0.1", 0);
    await(vertx.deployVerticle(server));
    client = new HttpChainClient(vertx, "http://127.0.0.1:" + server.actualPort());
    raw = WebClient.create(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    client.close();
    raw.close();
    await(vertx.close());
    node.close();
    kv.close();
  }

  private HttpResponse<Buffer> post(final byte[] body) throws Exception {
    return await(raw.post(server.actualPort(), "127.0.0.1", "/extrinsics")
        .sendBuffer(Buffer.buffer(body)));
  }

  private SignedExtrinsic signed(final KeyPair key, final long nonce, final Call call)
      throws Exception {
    return Extrinsics.sign(key, await(client.genesisHash()), nonce, call);
  }

  @Test
  void submit_shouldIncludeExtrinsicAndServeMetagraphWhenSubmittedOverHttp() throws Exception {
    final KeyPair owner = tc.coldkeys.get(0);
    final KeyPair hot = KeyPair.generate(tc.rnd);
    final long nonce = await(client.nonce(owner.publicKey().address()));
    final String hash =
        await(client.submit(signed(owner, nonce, new Call.CreateSubnet(hot.publicKey().address()))));
    final ExtrinsicStatus st = await(client.awaitFinal(hash, 10_000));
    assertEquals(ExtrinsicStatus.State.INCLUDED, st.state(), st.toString());
    final Metagraph mg = await(client.metagraph(1));
    assertEquals(1, mg.n());
    assertEquals(hot.publicKey().address(), mg.neurons().get(0).hotkey());
    assertEquals(10, await(client.hyperparameters(1)).tempo());
    assertTrue(await(client.totals()).balanced());
    assertTrue(await(client.block(st.block())).isPresent());
  }

  @Test
  void stream_shouldSendBlockEventsWhenBlocksAreProduced() throws Exception {
    final io.vertx.core.http.HttpClient http = vertx.createHttpClient();
    final java.util.concurrent.CompletableFuture<String> got = new java.util.concurrent.CompletableFuture<>();
    final StringBuilder sb = new StringBuilder();
    http.request(io.vertx.core.http.HttpMethod.GET, server.actualPort(), "127.0.0.1", "/blocks/stream")
        .compose(req -> req.send())
        .onSuccess(resp -> resp.handler(buf -> {
          sb.append(buf.toString());
          final int i = sb.indexOf("event: block\ndata: ");
          final int j = i < 0 ? -1 : sb.indexOf("\n\n", i);
          if (j > 0) {
            got.complete(sb.substring(i + "event: block\ndata: ".length(), j));
          }
        }))
        .onFailure(got::completeExceptionally);
    final String data = got.get(10, TimeUnit.SECONDS);
    final var header = Json.MAPPER.readValue(data, dev.agora.common.chain.BlockHeader.class);
    assertTrue(header.height() > 0);
    assertEquals(64, header.hash().length());
    http.close();
    final HttpResponse<Buffer> bad = await(raw.get(server.actualPort(), "127.0.0.1",
        "/accounts/nope/nonce").send());
    assertEquals(400, bad.statusCode());
    final HttpResponse<Buffer> page = await(raw.get(server.actualPort(), "127.0.0.1", "/").send());
    assertEquals(200, page.statusCode());
    assertTrue(page.bodyAsString().contains("/subnets/"), "dashboard page served");
    final HttpResponse<Buffer> metrics = await(raw.get(server.actualPort(), "127.0.0.1", "/metrics")
        .send());
    assertTrue(metrics.bodyAsString().contains("agora_chain_height "), metrics.bodyAsString());
  }

  @Test
  void submit_shouldAnswer401WhenSignatureIsForged() throws Exception {
    final KeyPair a = tc.coldkeys.get(0);
    final KeyPair b = tc.coldkeys.get(1);
    final SignedExtrinsic good = signed(a, 0, new Call.Transfer(b.publicKey().address(), 5));
    final SignedExtrinsic forged = new SignedExtrinsic(a.publicKey().address(), 0,
        new Call.Transfer(b.publicKey().address(), 5_000_000), good.signature());
    final HttpResponse<Buffer> r = post(Json.write(forged).getBytes(StandardCharsets.UTF_8));
    assertEquals(401, r.statusCode());
    assertEquals("BAD_SIGNATURE", r.bodyAsJsonObject().getString("error"));
    assertEquals(0L, await(client.nonce(a.publicKey().address())));
  }

  @Test
  void submit_shouldAnswer409WhenNonceIsReused() throws Exception {
    final KeyPair a = tc.coldkeys.get(0);
    final String dest = tc.coldkeys.get(1).publicKey().address();
    final String h = await(client.submit(signed(a, 0, new Call.Transfer(dest, 5))));
    await(client.awaitFinal(h, 10_000));
    final HttpResponse<Buffer> r = post(Json.write(signed(a, 0, new Call.Transfer(dest, 6)))
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(409, r.statusCode());
    assertEquals("BAD_NONCE", r.bodyAsJsonObject().getString("error"));
    final ChainException e = assertThrows(ChainException.class,
        () -> await(client.submit(signed(a, 0, new Call.Transfer(dest, 7)))));
    assertEquals(ChainError.BAD_NONCE, e.code());
  }

  @Test
  void submit_shouldAnswer400AndKeepProducingBlocksWhenBodiesAreMalformed() throws Exception {
    final Random rnd = new Random(42);
    final KeyPair a = tc.coldkeys.get(0);
    final String good = Json.write(signed(a, 0, new Call.Transfer(
        tc.coldkeys.get(1).publicKey().address(), 5)));
    final List<byte[]> bodies = new ArrayList<>();
    final String[] templates = {
      "", "{", "null", "[]", "42", "\"x\"", "{}", "{\"signer\":1}",
      "{\"signer\":\"a\",\"nonce\":\"1\",\"call\":{\"type\":\"transfer\",\"dest\":\"x\",\"amount\":1},\"signature\":\"00\"}",
      "{\"signer\":\"a\",\"nonce\":1,\"call\":{\"type\":\"nope\"},\"signature\":\"00\"}",
      "{\"signer\":\"a\",\"nonce\":1.5,\"call\":{\"type\":\"transfer\",\"dest\":\"x\",\"amount\":1},\"signature\":\"00\"}",
      "{\"signer\":\"a\",\"nonce\":-1,\"call\":{\"type\":\"transfer\",\"dest\":\"x\",\"amount\":1},\"signature\":\"00\"}",
      "{\"signer\":\"a\",\"nonce\":1,\"call\":{\"type\":\"set_weights\",\"netuid\":1,\"uids\":null,\"weights\":[1],\"versionKey\":0},\"signature\":\"00\"}",
      "{\"signer\":\"a\",\"nonce\":1,\"call\":null,\"signature\":\"00\"}",
      "{\"signer\":\"a\",\"nonce\":99999999999999999999999,\"call\":{\"type\":\"transfer\",\"dest\":\"x\",\"amount\":1},\"signature\":\"00\"}",
    };
    for (final String t : templates) {
      bodies.add(t.getBytes(StandardCharsets.UTF_8));
    }
    while (bodies.size() < 1_100) {
      final byte[] g = good.getBytes(StandardCharsets.UTF_8);
      switch (rnd.nextInt(4)) {
        case 0 -> { // truncate
          bodies.add(java.util.Arrays.copyOf(g, rnd.nextInt(g.length)));
        }
        case 1 -> { // flip a byte
          final byte[] c = g.clone();
          c[rnd.nextInt(c.length)] = (byte) rnd.nextInt(256);
          bodies.add(c);
        }
        case 2 -> { // random bytes
          final byte[] c = new byte[rnd.nextInt(200)];
          rnd.nextBytes(c);
          bodies.add(c);
        }
        default -> { // swap a field's value for a wrong type
          final String[] repl = {"\"nonce\":0", "\"nonce\":\"0\"", "\"amount\":5", "\"amount\":true",
              "\"type\":\"transfer\"", "\"type\":\"mint\""};
          final int i = rnd.nextInt(repl.length / 2) * 2;
          bodies.add(good.replace(repl[i], repl[i + 1]).getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    final long before = node.head().height();
    int rejected = 0;
    for (final byte[] body : bodies) {
      final HttpResponse<Buffer> r = post(body);
      assertTrue(r.statusCode() < 500, "5xx for body " + new String(body, StandardCharsets.UTF_8)
          + " -> " + r.bodyAsString());
      if (r.statusCode() >= 400) {
        rejected++;
        assertFalse(r.bodyAsJsonObject().getString("error").isEmpty());
      }
    }
    assertTrue(rejected >= 1_000, "rejected " + rejected);
    final byte[] big = new byte[(int) ChainRpcServer.BODY_LIMIT + 10];
    java.util.Arrays.fill(big, (byte) ' ');
    final HttpResponse<Buffer> r = post(big);
    assertEquals(400, r.statusCode());
    assertEquals("BODY_TOO_LARGE", r.bodyAsJsonObject().getString("error"));
    final long deadline = System.nanoTime() + 5_000_000_000L;
    while (node.head().height() < before + 5 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(node.head().height() >= before + 5, "blocks kept coming");
    assertTrue(await(client.totals()).balanced());
  }
}
