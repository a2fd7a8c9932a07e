package dev.agora.chain.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.common.util.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import dev.agora.chain.runtime.ChainNode;
import dev.agora.chain.runtime.ChainViews;
import dev.agora.chain.runtime.NodeOptions;
import dev.agora.chain.runtime.TestChains;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.storage.RocksDbKvStore;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the dashboard in a real headless Chromium against a real chain (RocksDB, HTTP on a random
 * loopback port) and checks the DOM the page's JavaScript builds: the metagraph rows, the miner's
 * incentive, the live block height and the issuance check. Needs Debian's {@code chromium}
 * ({@code scripts/install-test-deps.sh}); without it the test is skipped, or fails when {@code CI=true}.
 * Set {@code -Dagora.dashboard.screenshot=/tmp/dash.png} to also save a screenshot of the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {
  private static final long BROWSER_LIMIT_S = 20;
  private static final long BLOCK_TIME_MS = 100;
  private static final int NETUID = 1;
  private static final AtomicLong RUNS = new AtomicLong();

  @TempDir
  static Path tmp;
  private Path chromium;
  private Vertx vertx;
  private RocksDbKvStore kv;
  private ChainNode node;
  private List<KeyPair> hotkeys;
  private String base;

  @BeforeAll
  void startChain() throws Exception {
    chromium = chromiumOrSkip();
    final TestChains tc = new TestChains(11, 4, TestChains.fastDefaults());
    vertx = Vertx.vertx();
    kv = RocksDbKvStore.open(tmp.resolve("chain"));
    node = ChainNode.open(kv, tc.chainKey, Clock.SYSTEM, NodeOptions.defaults(BLOCK_TIME_MS), tc.genesis);
    hotkeys = populate(tc, node);
    final Metagraph before = node.read(s -> ChainViews.metagraph(s, NETUID, node.head().height()))
        .orElseThrow();
    assertTrue(before.byUid(2).orElseThrow().incentive() > 0, "fixture: the weighted miner earned");
    assertEquals(0, before.byUid(3).orElseThrow().incentive(), "fixture: the unweighted miner earned nothing");
    node.start();
    final ChainRpcServer server = new ChainRpcServer(node, "127.0.0.1", 0);
    vertx.deployVerticle(server).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    base = "http://127.0.0.1:" + server.actualPort() + "/";
  }

  @AfterAll
  void stopChain() throws Exception {
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (node != null) {
      node.close();
    }
    if (kv != null) {
      kv.close();
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void dashboard_shouldRenderMetagraphAndIssuanceCheckWhenOpenedInHeadlessChromium() throws Exception {
    // polling mode: an open block stream would keep a virtual-time-budget run from ever finishing
    final String url = base + "?live=poll";
    final long heightBefore = node.head().height();

    final String dom = dumpDom(url);

    // everything below is rendered by the script; the static page has none of it
    final long shownHeight = Long.parseLong(text(dom, "id=\"height\"[^>]*>(\\d+)<").orElseThrow(
        () -> new AssertionError("no block height rendered; DOM:\n" + head(dom))));
    assertTrue(shownHeight >= heightBefore, "height " + shownHeight + " < " + heightBefore);
    assertEquals("ok", text(dom, "id=\"issuance-check\"[^>]*>([^<]*)<").orElse("(missing)"),
        "issuance check; DOM:\n" + head(dom));
    assertTrue(dom.contains("id=\"metagraph-" + NETUID + "\""), "metagraph table rendered");
    for (int uid = 0; uid < hotkeys.size(); uid++) {
      final String hk = hotkeys.get(uid).publicKey().address();
      final String row = row(dom, "n" + NETUID + "-" + uid);
      assertTrue(row.contains("title=\"" + hk + "\""), "uid " + uid + " hotkey " + hk + ": " + row);
      assertTrue(row.contains(hk.substring(0, 10)), "uid " + uid + " short hotkey: " + row);
      assertEquals(String.valueOf(uid), cell(row, "c-uid"), row);
    }
    final double minerIncentive = Double.parseDouble(cell(row(dom, "n1-2"), "c-incentive"));
    assertTrue(minerIncentive > 0, "miner uid 2 incentive shown " + minerIncentive);
    assertEquals(0.0, Double.parseDouble(cell(row(dom, "n1-3"), "c-incentive")), "idle miner uid 3");
    assertTrue(Double.parseDouble(cell(row(dom, "n1-2"), "c-emission")) > 0, "miner emission");
    assertEquals("✔", cell(row(dom, "n1-1"), "c-vpermit"), "validator permit shown");
    assertTrue(row(dom, "n1-1").contains(">validator<"), "validator role: " + row(dom, "n1-1"));
    assertTrue(row(dom, "n1-2").contains("127.0.0.1:8091"), "miner axon: " + row(dom, "n1-2"));
    // who earned what: the latest epoch's emission per uid
    final String earned = row(dom, "e1-2");
    final double firstEpoch = Double.parseDouble(text(earned, "<td[^>]*>(\\d+\\.\\d+)</td>")
        .orElseThrow(() -> new AssertionError("no epoch cell: " + earned)));
    assertTrue(firstEpoch > 0, "miner earned in the latest epoch: " + earned);
    final String idleEarned = row(dom, "e1-3");
    assertEquals(0.0, Double.parseDouble(text(idleEarned, "<td[^>]*>(\\d+\\.\\d+)</td>").orElseThrow(
        () -> new AssertionError("no epoch cell: " + idleEarned))), "idle miner earned nothing: " + idleEarned);
    assertEquals("", text(dom, "<div id=\"error\"[^>]*>([^<]*)<").orElse("(no error element)"),
        "error banner");

    final String shot = System.getProperty("agora.dashboard.screenshot", "");
    if (!shot.isEmpty()) {
      runChromium(List.of("--virtual-time-budget=2500", "--screenshot=" + Path.of(shot).toAbsolutePath(), url));
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void dashboard_shouldRerenderFromBlockStreamWhenOpenedLive() throws Exception {
    final Path profile = Files.createTempDirectory(tmp, "chromium-live");
    final Path err = profile.resolveSibling(profile.getFileName() + ".err");
    final Process p = browser(command(profile, List.of("--remote-debugging-port=0", base)))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    try (DevTools page = DevTools.open(profile, base)) {
      final String probe = "JSON.stringify({mode: document.getElementById('mode').textContent,"
          + " rendered: Number(document.body.dataset.rendered || -1),"
          + " height: Number(document.getElementById('height').textContent) || -1})";
      final JsonNode first = waitFor(page, probe, m -> m.path("rendered").asLong() >= 0
          && m.path("mode").asText().startsWith("live"), 10_000);
      // The tables re-render from block events: the fallback poll waits 4 s after a refresh, so a
      // re-render within 3 s can only come from the stream (one block every 100 ms).
      final long rendered = first.path("rendered").asLong();
      final JsonNode later = waitFor(page, probe, m -> m.path("rendered").asLong() > rendered, 3_000);
      assertTrue(later.path("height").asLong() > rendered, "height from the stream: " + later);
    } catch (AssertionError | Exception e) {
      throw new AssertionError(e.getMessage() + "; chromium stderr:\n" + tail(err), e);
    } finally {
      kill(p);
    }
  }

  private static JsonNode waitFor(final DevTools page, final String probe,
      final java.util.function.Predicate<JsonNode> done, final long limitMs) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      final String v = page.eval(probe);
      last = v.isEmpty() ? null : Json.MAPPER.readTree(v);
      if (last != null && done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("page state not reached within " + limitMs + " ms; last: " + last);
  }

  /**
   * Subnet 1: uid 0 the owner, uid 1 a staked validator, uids 2 and 3 miners serving axons. The
   * validator weights only uid 2; blocks are produced by hand until an epoch has paid it.
   */
  private static List<KeyPair> populate(final TestChains tc, final ChainNode node) {
    final List<KeyPair> hot = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      hot.add(KeyPair.generate(tc.rnd));
    }
    final KeyPair owner = tc.coldkeys.get(0);
    node.submit(tc.sign(node, owner, new Call.CreateSubnet(address(hot.get(0)))));
    produce(node, 1);
    for (int i = 1; i < 4; i++) {
      node.submit(tc.sign(node, tc.coldkeys.get(i), new Call.Register(NETUID, address(hot.get(i)), 0)));
    }
    node.submit(tc.sign(node, tc.coldkeys.get(1),
        new Call.AddStake(NETUID, address(hot.get(1)), 100 * TestChains.TAO)));
    produce(node, 1);
    node.submit(tc.sign(node, hot.get(2), new Call.ServeAxon(NETUID, "127.0.0.1", 8091)));
    node.submit(tc.sign(node, hot.get(3), new Call.ServeAxon(NETUID, "127.0.0.1", 8092)));
    produce(node, 11); // an epoch gives the validator its permit
    node.submit(tc.sign(node, hot.get(1), new Call.SetWeights(NETUID, new int[] {2}, new int[] {100}, 0)));
    produce(node, 12); // and the next one pays the miner
    return hot;
  }

  private static void produce(final ChainNode node, final int blocks) {
    for (int i = 0; i < blocks; i++) {
      final Block b = node.produceBlock();
      assertTrue(b.receipts().stream().allMatch(r -> r.ok()), "fixture refused: " + b.receipts());
    }
  }

  private static String address(final KeyPair k) {
    return k.publicKey().address();
  }

  // ---------------------------------------------------------------- the browser

  private static Path chromiumOrSkip() {
    final List<Path> candidates = new ArrayList<>();
    final String env = System.getenv("AGORA_CHROMIUM");
    if (env != null && !env.isBlank()) {
      candidates.add(Path.of(env));
    }
    candidates.add(Path.of("/usr/bin/chromium"));
    candidates.add(Path.of("/usr/bin/chromium-browser"));
    final Optional<Path> found = candidates.stream().filter(Files::isExecutable).findFirst();
    if (found.isEmpty()) {
      final String msg = "no chromium at " + candidates
          + ": run scripts/install-test-deps.sh (or set AGORA_CHROMIUM)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
    return found.get();
  }

  /** Headless, offline, a fresh profile; {@code extra} last (the URL goes there). */
  private List<String> command(final Path profile, final List<String> extra) {
    final List<String> cmd = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-quic", "--disable-dev-shm-usage", "--hide-scrollbars",
        "--user-data-dir=" + profile, "--window-size=1400,900"));
    cmd.addAll(extra);
    return cmd;
  }

  /**
   * Chromium keeps its singleton socket under TMPDIR (and leaves it there when killed): point that
   * into the test's temp dir, with a short name (a unix socket path has at most 107 bytes).
   */
  private static ProcessBuilder browser(final List<String> cmd) throws IOException {
    final ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("TMPDIR", Files.createDirectories(tmp.resolve("t" + RUNS.incrementAndGet())).toString());
    return pb;
  }

  private String dumpDom(final String url) throws IOException, InterruptedException {
    return runChromium(List.of("--virtual-time-budget=2500", "--dump-dom", url));
  }

  /** Runs Chromium to completion (at most BROWSER_LIMIT_S) and answers its stdout. */
  private String runChromium(final List<String> extra) throws IOException, InterruptedException {
    final Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    final Path out = profile.resolveSibling(profile.getFileName() + ".out");
    final Path err = profile.resolveSibling(profile.getFileName() + ".err");
    final Process p = browser(command(profile, extra)).redirectOutput(out.toFile())
        .redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(BROWSER_LIMIT_S, TimeUnit.SECONDS)) {
        fail("chromium did not finish within " + BROWSER_LIMIT_S + " s; stderr:\n" + tail(err));
      }
      assertEquals(0, p.exitValue(), "chromium exit status; stderr:\n" + tail(err));
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      kill(p);
    }
  }

  /** SIGTERM first (Chromium then removes its temp files), SIGKILL to the whole tree after 3 s. */
  private static void kill(final Process p) throws InterruptedException {
    if (p.isAlive()) {
      p.destroy();
      p.waitFor(3, TimeUnit.SECONDS);
    }
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(5, TimeUnit.SECONDS);
  }

  /** A page's DevTools connection: evaluates expressions over the Chrome DevTools Protocol. */
  private static final class DevTools implements WebSocket.Listener, AutoCloseable {
    private final Map<Long, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong ids = new AtomicLong();
    private WebSocket ws;

    static DevTools open(final Path profile, final String pageUrl) throws Exception {
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BROWSER_LIMIT_S);
      final Path portFile = profile.resolve("DevToolsActivePort");
      final HttpClient http = HttpClient.newHttpClient();
      while (System.nanoTime() < deadline) {
        if (Files.exists(portFile) && !Files.readAllLines(portFile).isEmpty()) {
          final int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
          final String list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
              .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
          for (final JsonNode t : Json.MAPPER.readTree(list)) {
            if ("page".equals(t.path("type").asText()) && t.path("url").asText().startsWith(pageUrl)) {
              final DevTools d = new DevTools();
              d.ws = http.newWebSocketBuilder().buildAsync(URI.create(t.path("webSocketDebuggerUrl").asText()), d)
                  .get(5, TimeUnit.SECONDS);
              return d;
            }
          }
        }
        Thread.sleep(100);
      }
      throw new AssertionError("chromium's DevTools page for " + pageUrl + " did not appear");
    }

    /** The string value of a JavaScript expression in the page. */
    String eval(final String expression) throws Exception {
      final long id = ids.incrementAndGet();
      final CompletableFuture<JsonNode> reply = new CompletableFuture<>();
      calls.put(id, reply);
      final Map<String, Object> msg = Map.of("id", id, "method", "Runtime.evaluate",
          "params", Map.of("expression", expression, "returnByValue", true));
      ws.sendText(Json.MAPPER.writeValueAsString(msg), true).get(5, TimeUnit.SECONDS);
      return reply.get(5, TimeUnit.SECONDS).path("result").path("result").path("value").asText();
    }

    @Override
    public CompletionStage<?> onText(final WebSocket socket, final CharSequence data, final boolean last) {
      partial.append(data);
      if (last) {
        try {
          final JsonNode m = Json.MAPPER.readTree(partial.toString());
          final CompletableFuture<JsonNode> f = m.has("id") ? calls.remove(m.get("id").asLong()) : null;
          if (f != null) {
            f.complete(m);
          }
        } catch (IOException e) {
          calls.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }

    @Override
    public void close() {
      if (ws != null) {
        ws.abort();
      }
    }
  }

  // ---------------------------------------------------------------- DOM helpers

  private static Optional<String> text(final String dom, final String regex) {
    final Matcher m = Pattern.compile(regex).matcher(dom);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String row(final String dom, final String id) {
    return text(dom, "(?s)(<tr id=\"" + Pattern.quote(id) + "\".*?</tr>)").orElseThrow(
        () -> new AssertionError("no row " + id + " rendered; DOM:\n" + head(dom)));
  }

  private static String cell(final String row, final String cls) {
    return text(row, "<td class=\"" + Pattern.quote(cls) + "\"[^>]*>([^<]*)</td>").orElseThrow(
        () -> new AssertionError("no cell " + cls + " in " + row));
  }

  private static String head(final String dom) {
    return dom.length() <= 4000 ? dom : dom.substring(0, 4000) + "…";
  }

  private static String tail(final Path file) throws IOException {
    final String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    return s.length() <= 3000 ? s : "…" + s.substring(s.length() - 3000);
  }
}
