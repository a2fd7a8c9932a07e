package dev.agora.chain.emission;

/**
 * One block's emission for one subnet, split into pending pools (rao).
 *
 * @param ownerCut to the subnet owner ({@code PendingOwnerCut})
 * @param server to miners ({@code PendingServerEmission})
 * @param validator to validators ({@code PendingValidatorEmission})
 * @param rootAlphaDivs the root share ({@code PendingRootAlphaDivs}); 0 without a root network
 */
public record BlockEmission(long ownerCut, long server, long validator, long rootAlphaDivs) {
  /** Validates that every part is non-negative. */
  public BlockEmission {
    if (ownerCut < 0 || server < 0 || validator < 0 || rootAlphaDivs < 0) {
      throw new IllegalArgumentException("emission parts must be >= 0");
    }
  }

  /** What this block mints: the sum of the parts (the flooring dust is never minted). */
  public long total() {
    return Math.addExact(Math.addExact(ownerCut, server), Math.addExact(validator, rootAlphaDivs));
  }
}
