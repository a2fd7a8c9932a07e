package dev.agora.chain.yuma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.chain.yuma.scenario.ScenarioCase;
import dev.agora.chain.yuma.scenario.ScenarioParser;
import dev.agora.chain.yuma.scenario.ScenarioReport;
import dev.agora.chain.yuma.scenario.ScenarioRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every epoch case of vectors.json: the upstream-asserted {@code expect} (exact or within the
 * step's tolerance), and separately the {@code secondary_reference} and the emission values from
 * the upstream test comments.
 */
class YumaVectorsTest {

  private static List<ScenarioCase> cases() {
    final List<ScenarioCase> out = new ArrayList<>();
    for (final JsonNode c : Vectors.root().path("epoch_cases")) {
      out.add(ScenarioParser.parse(c.toString()).epochCases().get(0));
    }
    return out;
  }

  @TestFactory
  List<DynamicTest> epochCase_shouldMatchUpstreamExpectationsWhenRun() {
    final List<DynamicTest> tests = new ArrayList<>();
    for (final ScenarioCase c : cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.id(),
              () -> {
                final ScenarioReport.CaseResult r = new ScenarioRunner(false).runCase(c);
                assertTrue(r.error().isEmpty(), () -> "case stopped: " + r.error().orElse(""));
                assertEquals(List.of(), describe(r), c.id());
              }));
    }
    assertTrue(tests.size() >= 15, "expected at least 15 epoch cases, got " + tests.size());
    return tests;
  }

  @TestFactory
  List<DynamicTest> epochCase_shouldMatchSecondaryReferenceWhenRun() {
    final List<DynamicTest> tests = new ArrayList<>();
    for (final ScenarioCase c : cases()) {
      tests.add(
          DynamicTest.dynamicTest(
              c.id(),
              () -> {
                final ScenarioReport.CaseResult r = new ScenarioRunner(true).runCase(c);
                assertTrue(r.error().isEmpty(), () -> "case stopped: " + r.error().orElse(""));
                final long secondary =
                    r.steps().stream()
                        .flatMap(s -> s.checkedFields().stream())
                        .filter(f -> f.startsWith("secondary_reference."))
                        .count();
                if (secondary == 0) {
                  fail("no secondary_reference fields were compared in " + c.id());
                }
                assertEquals(List.of(), describe(r), c.id());
              }));
    }
    return tests;
  }

  static List<String> describe(final ScenarioReport.CaseResult r) {
    return r.steps().stream()
        .flatMap(
            s ->
                s.mismatches().stream()
                    .map(
                        m ->
                            "step " + s.index() + " " + m.field() + m.at() + ": expected "
                                + m.expected() + ", actual " + m.actual()))
        .limit(40)
        .collect(Collectors.toList());
  }
}
