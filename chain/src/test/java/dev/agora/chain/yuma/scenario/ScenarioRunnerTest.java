package dev.agora.chain.yuma.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agora.chain.yuma.Vectors;
import dev.agora.chain.yuma.YumaOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioRunnerTest {

  private static JsonNode epochCase(final String id) {
    for (final JsonNode c : Vectors.root().path("epoch_cases")) {
      if (c.path("id").asText().equals(id)) {
        return c.deepCopy();
      }
    }
    throw new IllegalStateException(id);
  }

  @Test
  void run_shouldReportFieldWithExpectedAndActualWhenExpectationIsAltered(@TempDir final Path dir)
      throws Exception {
    final ObjectNode c = (ObjectNode) epochCase("zero_weights_fallback_to_stake");
    final ObjectNode expect = (ObjectNode) c.path("steps").get(0).path("expect");
    ((ArrayNode) expect.path("emission")).set(0, 999_999_999L); // actual is 1_000_000_000
    final Path file = dir.resolve("altered.json");
    Files.writeString(file, "{\"epoch_cases\":[" + c + "]}");

    final ScenarioReport report = new ScenarioRunner(false).run(ScenarioParser.parse(file));

    assertFalse(report.passed());
    final ScenarioReport.StepResult step = report.cases().get(0).steps().get(0);
    assertEquals(1, step.mismatches().size());
    final ScenarioReport.Mismatch m = step.mismatches().get(0);
    assertEquals("emission", m.field());
    assertEquals("[0]", m.at());
    assertEquals("999999999", m.expected());
    assertEquals("1000000000", m.actual());
  }

  @Test
  void run_shouldPassWhenFileIsTheUnalteredCase(@TempDir final Path dir) throws Exception {
    final Path file = dir.resolve("ok.json");
    Files.writeString(file, "[" + epochCase("original_yuma_active_stake_masking") + "]");
    final ScenarioReport report = new ScenarioRunner(true).run(ScenarioParser.parse(file));
    assertTrue(report.passed(), () -> report.cases().toString());
    assertTrue(report.checkedSteps() >= 3);
  }

  @Test
  void run_shouldFailWhenToleranceIsExceeded() {
    final ObjectNode c = (ObjectNode) epochCase("yuma3_kappa_moves_first");
    final ObjectNode step = (ObjectNode) c.path("steps").get(6);
    ((ArrayNode) step.path("expect").path("dividends")).set(0, 0.802); // 0.002 off, tolerance 0.001
    final ScenarioReport.CaseResult r =
        new ScenarioRunner(false).runCase(ScenarioParser.parse(c.toString()).epochCases().get(0));
    assertFalse(r.passed());
    assertEquals("dividends", r.steps().get(6).mismatches().get(0).field());
    assertEquals(0.001, r.steps().get(6).mismatches().get(0).tolerance(), 1e-12);
  }

  @Test
  void run_shouldNameUnknownExpectField() {
    final ObjectNode c = (ObjectNode) epochCase("logs_topk_validator_permits");
    ((ObjectNode) c.path("steps").get(0).path("expect")).put("consensus_f64", 1);
    final ScenarioReport.CaseResult r =
        new ScenarioRunner(false).runCase(ScenarioParser.parse(c.toString()).epochCases().get(0));
    assertFalse(r.passed());
    assertEquals("consensus_f64", r.steps().get(0).mismatches().get(0).field());
  }

  @Test
  void run_shouldKeepOwnerSelfWeightWhenOwnerSetsIt() {
    final ScenarioReport.CaseResult r = new ScenarioRunner(false)
        .runCase(ScenarioParser.parse(epochCase("owner_self_weight_kept").toString()).epochCases().get(0));
    final YumaOutput out = r.steps().get(0).output().orElseThrow();
    // expect_rule: server_emission[0] == server_emission[1] and both > 0
    assertEquals(out.serverEmission()[0], out.serverEmission()[1]);
    assertTrue(out.serverEmission()[0] > 0);
  }

  @Test
  void run_shouldMatchUnenforcedYuma3BondTargetsWithinUpstreamTolerance() {
    for (final String id : List.of("yuma3_kappa_moves_first", "yuma3_liquid_alpha_disabled")) {
      final JsonNode c = epochCase(id);
      final ScenarioReport.CaseResult r = new ScenarioRunner(false)
          .runCase(ScenarioParser.parse(c.toString()).epochCases().get(0));
      int compared = 0;
      for (int s = 0; s < c.path("steps").size(); s++) {
        final JsonNode targets = c.path("steps").get(s).path("unenforced_upstream_bond_targets")
            .path("validator_rows_server_columns");
        if (targets.isMissingNode()) {
          continue;
        }
        final int[][] bonds = r.steps().get(s).output().orElseThrow().bonds().toDense(5);
        for (int i = 0; i < targets.size(); i++) {
          final JsonNode row = targets.get(i);
          for (int k = 0; k < 2; k++) { // the last two entries are servers 3 and 4
            final double expected = row.get(row.size() - 2 + k).doubleValue();
            assertEquals(expected, bonds[i][3 + k] / 65535.0, 1.5e-4, id + " step " + s + " bond " + i + "," + (3 + k));
            compared++;
          }
        }
      }
      assertTrue(compared >= 30, id + ": compared " + compared);
    }
  }

  @Test
  void run_shouldApplyReplaceNeuronAndResetBondsColumn() {
    final String json = """
        {"id":"ops","params":{"tempo":1,"activity_cutoff_blocks":100,"max_allowed_validators":4},
         "initial_state":{"n":3,"current_block":1,"stake":[9223372036854775000,0,0],
           "block_at_registration":[0,0,0],"last_update":[1,1,1],"validator_permit":[true,false,false]},
         "steps":[
           {"op":"advance_to_block","block":5},
           {"op":"set_weights","uid":0,"uids":[2,1],"values":[10,20]},
           {"op":"epoch","rao_emission":1000,
            "expect":{"bonds_u16":[{"i":0,"j":1,"value":65535},{"i":0,"j":2,"value":65535}],
                      "consensus_u16":{"1":43689,"2":21845}}},
           {"op":"reset_bonds_column","uid":2},
           {"op":"add_stake","uid":1,"amount":5},
           {"op":"advance_to_block","block":7},
           {"op":"replace_neuron","uid":1,"new_stake":3},
           {"op":"epoch","rao_emission":1000,
            "expect":{"bonds_u16":[[0,0,65535],[0,0,0],[0,0,0]],"incentive_u16":[0,0,65535]}}
         ]}""";
    final ScenarioReport.CaseResult r =
        new ScenarioRunner(false).runCase(ScenarioParser.parse(json).epochCases().get(0));
    assertTrue(r.error().isEmpty(), () -> r.error().orElse(""));
    assertEquals(List.of(), r.steps().stream().flatMap(s -> s.mismatches().stream()).toList());
  }

  @Test
  void parse_shouldRejectWhenStakeIsNotAnExactInteger() {
    final String json = """
        {"id":"bad","initial_state":{"n":1,"current_block":1,"stake":[1.5]},"steps":[]}""";
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScenarioParser.parse(json));
    assertTrue(e.getMessage().contains("stake[0]"), e.getMessage());
  }

  @Test
  void parse_shouldRejectWhenOpIsUnknown() {
    final String json = """
        {"id":"bad","initial_state":{"n":1,"current_block":1,"stake":[1]},"steps":[{"op":"explode"}]}""";
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScenarioParser.parse(json));
    assertTrue(e.getMessage().contains("unknown op 'explode'"), e.getMessage());
  }

  @Test
  void parse_shouldReadStakeAbove2Pow53Exactly() {
    final String json = """
        {"id":"big","initial_state":{"n":1,"current_block":1,"stake":[9007199254740993]},"steps":[]}""";
    assertEquals(9007199254740993L, ScenarioParser.parse(json).epochCases().get(0).initial().stake()[0]);
  }
}
