package dev.agora.chain.yuma.scenario;

import dev.agora.chain.yuma.YumaOutput;
import java.util.List;
import java.util.Optional;

/**
 * The result of running a scenario file.
 *
 * @param cases one result per epoch case
 * @param coinbase one result per coinbase case
 * @param mathCaseCount math cases present in the file (not run here)
 */
public record ScenarioReport(
    List<CaseResult> cases, List<CoinbaseResult> coinbase, int mathCaseCount) {

  /** True when every case ran and every expectation held. */
  public boolean passed() {
    return cases.stream().allMatch(CaseResult::passed)
        && coinbase.stream().allMatch(CoinbaseResult::passed);
  }

  /** Number of epoch steps that carried at least one checked expectation. */
  public int checkedSteps() {
    return cases.stream().mapToInt(c -> (int) c.steps().stream().filter(s -> !s.checkedFields().isEmpty()).count()).sum();
  }

  /**
   * One field of one step that differs from the expectation.
   *
   * @param field the expect field, prefixed by its source when not {@code expect} (e.g. {@code
   *     secondary_reference.emission})
   * @param at the position: {@code [uid]}, {@code (i,j)} or {@code length}
   * @param expected the expected value as written
   * @param actual the computed value
   * @param tolerance the absolute tolerance that applied (0 = exact)
   */
  public record Mismatch(String field, String at, String expected, String actual, double tolerance) {}

  /**
   * One op of a case.
   *
   * @param index position in the steps array
   * @param op op name
   * @param block current block when it ran
   * @param note the step's note, if any
   * @param checkedFields expectation fields that were compared
   * @param mismatches the failures among them
   * @param uncheckedRule a free-text {@code expect_rule} the runner cannot evaluate
   * @param stake raw stake per uid when the step ran (epoch steps)
   * @param output the epoch output (epoch steps)
   */
  public record StepResult(
      int index,
      String op,
      long block,
      Optional<String> note,
      List<String> checkedFields,
      List<Mismatch> mismatches,
      Optional<String> uncheckedRule,
      Optional<long[]> stake,
      Optional<YumaOutput> output) {
    /** No mismatch. */
    public boolean passed() {
      return mismatches.isEmpty();
    }
  }

  /**
   * One case.
   *
   * @param id case id
   * @param description its description
   * @param steps the steps that ran
   * @param error why the case stopped early, if it did
   * @param warnings parse remarks
   */
  public record CaseResult(
      String id,
      String description,
      List<StepResult> steps,
      Optional<String> error,
      List<String> warnings) {
    /** Ran to the end with every expectation met. */
    public boolean passed() {
      return error.isEmpty() && steps.stream().allMatch(StepResult::passed);
    }

    /** Mismatches over all steps. */
    public int mismatchCount() {
      return steps.stream().mapToInt(s -> s.mismatches().size()).sum();
    }
  }

  /**
   * One coinbase case.
   *
   * @param id case id
   * @param mismatches failures (field = pool name)
   * @param checks number of values compared
   */
  public record CoinbaseResult(String id, List<Mismatch> mismatches, int checks) {
    /** No mismatch. */
    public boolean passed() {
      return mismatches.isEmpty();
    }
  }
}
