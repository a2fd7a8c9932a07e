package dev.agora.chain.emission;

import java.math.BigInteger;

/**
 * The per-block split of {@code run_coinbase} (SPEC §5) in U96F32 arithmetic: {@code owner_cut =
 * alpha_out × cut/65535}, {@code rest = alpha_out − owner_cut}, {@code root = root_proportion ×
 * rest × 0.5}, {@code server = rest × 0.5}, {@code validator = rest − server − root}; each pool
 * receives the floor of its part.
 */
public final class EmissionSplit {
  /** Default {@code SubnetOwnerCut}: 11796/65535 ≈ 18%. */
  public static final int DEFAULT_OWNER_CUT_U16 = 11796;

  private static final int FRAC = 32;

  private EmissionSplit() {}

  /** The split without a root network (root proportion 0). */
  public static BlockEmission split(final long alphaOut, final int ownerCutU16) {
    return split(alphaOut, ownerCutU16, 0L);
  }

  /**
   * The split with a root proportion.
   *
   * @param alphaOut the block's emission for the subnet (rao, >= 0)
   * @param ownerCutU16 owner cut as u16 (cut = ownerCutU16/65535)
   * @param rootProportionRaw the root proportion as I32F32 raw in [0, 2^32]
   */
  public static BlockEmission split(
      final long alphaOut, final int ownerCutU16, final long rootProportionRaw) {
    if (alphaOut < 0) {
      throw new IllegalArgumentException("alphaOut must be >= 0, got " + alphaOut);
    }
    if (ownerCutU16 < 0 || ownerCutU16 > 65535) {
      throw new IllegalArgumentException("ownerCutU16 must be a u16, got " + ownerCutU16);
    }
    if (rootProportionRaw < 0 || rootProportionRaw > (1L << FRAC)) {
      throw new IllegalArgumentException("root proportion must be in [0, 1]");
    }
    final BigInteger out = BigInteger.valueOf(alphaOut).shiftLeft(FRAC); // U96F32 raw
    // cut_percent = U96F32(cut) / U96F32(65535), truncated
    final BigInteger cut =
        BigInteger.valueOf(ownerCutU16).shiftLeft(FRAC).divide(BigInteger.valueOf(65535));
    final BigInteger ownerCut = mul(out, cut);
    final BigInteger rest = out.subtract(ownerCut);
    final BigInteger half = BigInteger.ONE.shiftLeft(FRAC - 1);
    final BigInteger root = mul(mul(BigInteger.valueOf(rootProportionRaw), rest), half);
    final BigInteger server = mul(rest, half);
    final BigInteger validator = rest.subtract(server).subtract(root).max(BigInteger.ZERO);
    return new BlockEmission(toRao(ownerCut), toRao(server), toRao(validator), toRao(root));
  }

  private static BigInteger mul(final BigInteger a, final BigInteger b) {
    return a.multiply(b).shiftRight(FRAC);
  }

  private static long toRao(final BigInteger raw) {
    return raw.shiftRight(FRAC).longValueExact();
  }
}
