package dev.agora.chain.yuma.scenario;

import java.util.List;

/**
 * A parsed coinbase case: per-block split inputs and the expected pools.
 *
 * @param id case id
 * @param checks each sub-case: inputs and expected values
 */
public record CoinbaseCase(String id, List<Check> checks) {
  /**
   * One split to check.
   *
   * @param alphaOut rao emitted in the block
   * @param ownerCutU16 owner cut as u16
   * @param rootProportionRaw root proportion, I32F32 raw
   * @param expected pool name ({@code PendingServerEmission}, {@code PendingValidatorEmission},
   *     {@code PendingRootAlphaDivs}, {@code PendingOwnerCut}) → rao
   * @param tolerance absolute tolerance in rao
   */
  public record Check(
      long alphaOut,
      int ownerCutU16,
      long rootProportionRaw,
      java.util.Map<String, Long> expected,
      long tolerance) {}
}
