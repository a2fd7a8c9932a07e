package dev.agora.cli.yuma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agora.cli.AgoraCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class YumaCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(final String... args) {
    final CommandLine cl = new CommandLine(new AgoraCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  private static Path vectors() {
    return Path.of(System.getProperty("agora.shared.dir", "../../shared"), "yuma", "vectors.json");
  }

  /** A copy of vectors.json with one expected value of one case's first checked epoch replaced. */
  private static Path alter(
      final Path dir, final String caseId, final String field, final int uid, final String json)
      throws Exception {
    final ObjectMapper m = new ObjectMapper();
    final JsonNode root = m.readTree(vectors().toFile());
    boolean done = false;
    for (final JsonNode c : root.path("epoch_cases")) {
      if (!c.path("id").asText().equals(caseId)) {
        continue;
      }
      for (final JsonNode step : c.path("steps")) {
        final JsonNode arr = step.path("expect").path(field);
        if (arr.isArray() && !done) {
          ((ArrayNode) arr).set(uid, m.readTree(json));
          done = true;
        }
      }
    }
    assertTrue(done, "no " + field + " expectation in " + caseId);
    final Path file = dir.resolve("altered.json");
    m.writeValue(file.toFile(), root);
    return file;
  }

  @Test
  void run_shouldExitZeroWhenEveryReferenceVectorHolds() {
    assertEquals(0, run("yuma", "run", vectors().toString(), "--secondary", "--quiet"), out + "\n" + err);
    assertTrue(out.toString().contains("PASS: 17 of 17 cases pass"), out.toString());
  }

  @Test
  void run_shouldExitOneAndNameFieldWhenAnExpectationIsAltered(@TempDir final Path dir) throws Exception {
    // logs_two_distinct_servers expects dividends_i32f32 [0.5, 0, 0.5, 0, 0]; make uid 2 wrong
    final Path file = alter(dir, "logs_two_distinct_servers", "dividends_i32f32", 2, "0.4");

    assertEquals(1, run("yuma", "run", file.toString()));
    final String text = out.toString();
    assertTrue(text.contains("FAIL  case logs_two_distinct_servers"), text);
    assertTrue(text.contains("dividends_i32f32[2]: expected 0.4, got 0.5"), text);
  }

  @Test
  void run_shouldPrintJsonWithMismatchWhenAskedForJson(@TempDir final Path dir) throws Exception {
    final Path file = alter(dir, "logs_topk_validator_permits", "new_validator_permit", 0, "false");
    assertEquals(1, run("yuma", "run", file.toString(), "--json"));
    assertTrue(out.toString().contains("\"field\" : \"new_validator_permit\""), out.toString());
    assertTrue(out.toString().contains("\"passed\" : false"), out.toString());
  }

  @Test
  void run_shouldExitTwoWithReasonWhenFileIsInvalid(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\"epoch_cases\": [{\"id\": \"x\"}]}");
    assertEquals(2, run("yuma", "run", file.toString()));
    assertTrue(err.toString().contains("initial_state is missing"), err.toString());
    assertEquals(2, run("yuma", "run", dir.resolve("missing.json").toString()));
  }
}
