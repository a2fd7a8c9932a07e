package dev.agora.chain.emission;

/**
 * Emission accumulated since the last epoch of a subnet (rao).
 *
 * @param server {@code PendingServerEmission}
 * @param validator {@code PendingValidatorEmission}
 * @param ownerCut {@code PendingOwnerCut}
 */
public record PendingPools(long server, long validator, long ownerCut) {
  /** Nothing pending. */
  public static final PendingPools EMPTY = new PendingPools(0, 0, 0);

  /** Validates non-negative pools. */
  public PendingPools {
    if (server < 0 || validator < 0 || ownerCut < 0) {
      throw new IllegalArgumentException("pending pools must be >= 0");
    }
  }

  /** The pools after one more block (a root share, if any, goes to the validators here). */
  public PendingPools add(final BlockEmission e) {
    return new PendingPools(
        Math.addExact(server, e.server()),
        Math.addExact(validator, Math.addExact(e.validator(), e.rootAlphaDivs())),
        Math.addExact(ownerCut, e.ownerCut()));
  }

  /** The epoch's {@code rao_emission}: miners' plus validators' pools. */
  public long epochEmission() {
    return Math.addExact(server, validator);
  }

  /** Everything pending. */
  public long total() {
    return Math.addExact(epochEmission(), ownerCut);
  }
}
