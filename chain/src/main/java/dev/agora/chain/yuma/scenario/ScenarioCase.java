package dev.agora.chain.yuma.scenario;

import dev.agora.chain.yuma.YumaParams;
import java.util.List;
import java.util.OptionalInt;

/**
 * One parsed epoch case.
 *
 * @param id the case id
 * @param description free text (may be empty)
 * @param params the epoch hyperparameters
 * @param ownerUid the subnet owner's uid, if any
 * @param lastMechanismStepBlock {@code last_mechanism_step_block} (0 = use current − tempo)
 * @param initial the initial state
 * @param steps the ops in order
 * @param warnings non-fatal remarks found while parsing (e.g. unknown parameter keys)
 */
public record ScenarioCase(
    String id,
    String description,
    YumaParams params,
    OptionalInt ownerUid,
    long lastMechanismStepBlock,
    InitialState initial,
    List<Step> steps,
    List<String> warnings) {

  /**
   * The subnet before the first op.
   *
   * @param n uids
   * @param currentBlock starting block
   * @param stake raw stake per uid
   * @param blockAtRegistration per uid
   * @param lastUpdate per uid
   * @param validatorPermit per uid
   * @param weightUids optional initial weight rows (uids)
   * @param weightValues optional initial weight rows (u16 values, stored as given)
   */
  public record InitialState(
      int n,
      long currentBlock,
      long[] stake,
      long[] blockAtRegistration,
      long[] lastUpdate,
      boolean[] validatorPermit,
      int[][] weightUids,
      int[][] weightValues) {}
}
