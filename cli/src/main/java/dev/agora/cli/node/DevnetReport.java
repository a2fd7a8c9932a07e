package dev.agora.cli.node;

import dev.agora.common.chain.Totals;
import java.util.List;

/**
 * The devnet's outcome: the metagraph rows, the totals and the checks that decide the exit code.
 *
 * @param netuid the subnet
 * @param block the block the metagraph was read at
 * @param epochs epochs run with validators active
 * @param rows one row per uid
 * @param totals issuance and its parts
 * @param issuanceConserved issuance = free + staked + pending + burned
 * @param honestEarned every honest (or slow) miner has incentive > 0
 * @param adversariesZero every random/cacher/copycat miner has incentive 0
 * @param weightSubmissions weight submissions accepted, all validators together
 * @param elapsedMs wall time of the run
 */
public record DevnetReport(
    int netuid,
    long block,
    int epochs,
    List<Row> rows,
    Totals totals,
    boolean issuanceConserved,
    boolean honestEarned,
    boolean adversariesZero,
    long weightSubmissions,
    long elapsedMs) {

  /** All checks hold. */
  public boolean ok() {
    return issuanceConserved && honestEarned && adversariesZero && weightSubmissions > 0;
  }

  /**
   * One uid. Proportions are u16 (value / 65535) as on the chain.
   *
   * @param behaviour for miners: honest, random, cacher, copycat, slow; "" otherwise
   */
  public record Row(
      int uid,
      String role,
      String hotkey,
      long stake,
      int validatorTrust,
      int consensus,
      int incentive,
      int dividends,
      long emission,
      String behaviour) {}
}
