package dev.agora.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.common.util.Json;
import dev.agora.config.DevnetConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The market end to end: a chain on RocksDB, one validator, three honest miners and one random miner
 * talking signed HTTP on loopback, with the tiny demo model.
 */
class DevnetIntegrationTest {
  @Test
  void run_shouldPayHonestMinersOnlyAndConserveIssuanceWhenOneMinerSendsRandomTokens(@TempDir final Path dir)
      throws Exception {
    final DevnetConfig s = DevnetConfig.with(Map.ofEntries(
        Map.entry("data.dir", dir.toString()), Map.entry("miners", "3"), Map.entry("validators", "1"),
        Map.entry("epochs", "2"), Map.entry("adversaries", "random:1"), Map.entry("block.time.ms", "50"),
        Map.entry("tempo", "10"), Map.entry("model", "demo-tiny"), Map.entry("prompt.tokens", "8"),
        Map.entry("tokens", "12"), Map.entry("round.interval.ms", "50"), Map.entry("commit.reveal", "false"),
        Map.entry("seed", "7"), Map.entry("dashboard.port", "0")));
    // while the devnet runs, its dashboard and chain API answer on loopback
    final AtomicReference<String> url = new AtomicReference<>();
    final List<String> seen = new ArrayList<>();
    final DevnetReport r = new Devnet(s, false, line -> {
      if (line.startsWith("dashboard and chain API at ")) {
        url.set(line.substring("dashboard and chain API at ".length()));
      } else if (line.startsWith("epoch at block") && seen.isEmpty() && url.get() != null) {
        seen.add(get(url.get()));
        seen.add(get(url.get() + "subnets/1/metagraph"));
      }
    }).run();
    assertEquals(2, seen.size(), "the dashboard was fetched during the run");
    assertTrue(seen.get(0).contains("/subnets/"), "the dashboard page loads the subnets' metagraphs");
    final JsonNode metagraph = Json.MAPPER.readTree(seen.get(1));
    assertEquals(1, metagraph.get("netuid").asInt());
    assertEquals(6, metagraph.get("neurons").size(), "owner, validator and four miners registered");
    assertTrue(Files.isDirectory(dir.resolve("run").resolve("chain")), "chain on RocksDB under the data dir");
    final List<DevnetReport.Row> miners = r.rows().stream().filter(row -> row.role().equals("miner")).toList();
    assertEquals(4, miners.size());
    for (final DevnetReport.Row m : miners) {
      if (m.behaviour().equals("honest")) {
        assertTrue(m.incentive() > 0, "honest uid " + m.uid() + " earned nothing");
        assertTrue(m.emission() > 0);
      } else {
        assertEquals("random", m.behaviour());
        assertEquals(0, m.incentive());
        assertEquals(0, m.emission());
      }
    }
    assertTrue(r.totals().balanced(), "issuance " + r.totals());
    assertTrue(r.issuanceConserved() && r.honestEarned() && r.adversariesZero());
    assertTrue(r.weightSubmissions() >= 1);
    assertTrue(r.ok());
    // the JSON form carries role and behaviour
    final Map<String, Object> json = DevnetCommand.toJson(r);
    assertEquals(true, json.get("ok"));
  }

  private static String get(final String url) {
    try {
      final HttpResponse<String> res = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, res.statusCode(), url);
      return res.body();
    } catch (final Exception e) {
      throw new AssertionError("GET " + url + " failed: " + e, e);
    }
  }
}
