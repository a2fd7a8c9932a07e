package dev.agora.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.config.AdversarySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    final DevnetSettings s = new DevnetSettings(dir, 3, 1, 2, List.of(new AdversarySpec("random", 1)), 50, 10,
        "demo-tiny", 8, 12, 50, false, 7, false);
    final DevnetReport r = new Devnet(s, line -> { }).run();
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
}
