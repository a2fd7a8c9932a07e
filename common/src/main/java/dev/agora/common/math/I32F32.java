package dev.agora.common.math;

import java.math.BigInteger;

/**
 * Signed fixed point with 32 integer and 32 fractional bits, held as a raw {@code long} (value =
 * raw / 2^32), with the rounding of {@code substrate-fixed} v0.6 (yuma/SPEC.md §1).
 *
 * <ul>
 *   <li>{@link #mul} is {@code (a*b) >> 32} on the exact 128-bit product: it floors; it saturates
 *       on overflow like {@code saturating_mul}.
 *   <li>{@link #div} is {@code (a << 32) / b} with integer division: it truncates toward zero; it
 *       saturates on overflow like {@code saturating_div} and throws on division by zero.
 *   <li>{@link #safeDiv} returns 0 on division by zero or on overflow ({@code safe_div}).
 *   <li>{@link #fromDouble} rounds to nearest, ties to even ({@code from_num(f64)}).
 * </ul>
 *
 * <p>All methods are static and allocation-free on the common path; a {@code BigInteger} is used
 * only when a 128-bit quotient is really needed.
 */
public final class I32F32 {
  /** Number of fractional bits. */
  public static final int FRAC_BITS = 32;
  /** Raw 1.0. */
  public static final long ONE = 1L << FRAC_BITS;
  /** Raw 0.5. */
  public static final long HALF = 1L << (FRAC_BITS - 1);
  /** Raw 0. */
  public static final long ZERO = 0L;
  /** Largest representable value (≈ 2^31). */
  public static final long MAX = Long.MAX_VALUE;
  /** Smallest representable value (-2^31). */
  public static final long MIN = Long.MIN_VALUE;

  private static final double TWO_32 = 4294967296.0;
  private static final double TWO_63 = 9223372036854775808.0;

  private I32F32() {}

  /** The integer {@code v} as raw fixed point, saturating ({@code saturating_from_num(int)}). */
  public static long fromInt(final long v) {
    if (v > Integer.MAX_VALUE) {
      return MAX;
    }
    if (v < Integer.MIN_VALUE) {
      return MIN;
    }
    return v << FRAC_BITS;
  }

  /**
   * {@code from_num(f64)}: the nearest representable value, ties to even; saturates at the range
   * ends; NaN is rejected.
   */
  public static long fromDouble(final double v) {
    if (Double.isNaN(v)) {
      throw new IllegalArgumentException("I32F32 cannot hold NaN");
    }
    final double scaled = Math.rint(v * TWO_32); // exact scaling, then ties-to-even
    if (scaled >= TWO_63) {
      return MAX;
    }
    if (scaled < -TWO_63) {
      return MIN;
    }
    return (long) scaled;
  }

  /** {@code from_num(f32)}: the float widened exactly to double, then {@link #fromDouble}. */
  public static long fromFloat(final float v) {
    return fromDouble(v);
  }

  /** The exact value of {@code raw} as a double (rounded to 53 bits only for huge values). */
  public static double toDouble(final long raw) {
    return raw / TWO_32;
  }

  /** Floor of the value as an integer ({@code to_num::<i64>} for non-negative values). */
  public static long floorToLong(final long raw) {
    return raw >> FRAC_BITS;
  }

  /** {@code saturating_add}. */
  public static long add(final long a, final long b) {
    final long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      return a < 0 ? MIN : MAX;
    }
    return r;
  }

  /** {@code saturating_sub}. */
  public static long sub(final long a, final long b) {
    final long r = a - b;
    if (((a ^ b) & (a ^ r)) < 0) {
      return a < 0 ? MIN : MAX;
    }
    return r;
  }

  /** {@code saturating_mul}: floor of the exact product, saturating on overflow. */
  public static long mul(final long a, final long b) {
    final long hi = Math.multiplyHigh(a, b);
    final long lo = a * b;
    // The result is bits 32..95 of the 128-bit product; it fits iff bits 95..127 are all equal.
    final long top = hi >> 31; // bits 95..127 as a sign-extended number: 0 or -1 when it fits
    if (top != 0 && top != -1) {
      return ((a ^ b) < 0) ? MIN : MAX;
    }
    return (hi << 32) | (lo >>> 32);
  }

  /**
   * Product of two non-negative raws known not to overflow (both at most 2^32, i.e. values in
   * [0, 1] times anything below 2^31/value). Same result as {@link #mul} in that range.
   */
  public static long mulNonNeg(final long a, final long b) {
    final long hi = Math.multiplyHigh(a, b);
    return (hi << 32) | ((a * b) >>> 32);
  }

  /**
   * {@link #mul} when {@code unit} is in [0, 1] (raw 0..2^32), for any {@code b}: then |unit·b| ≤
   * 2^32·2^63, so {@code (unit·b) >> 32} always lies in [MIN, MAX], never saturates, and is bits
   * 32..95 of the 128-bit product. Same result as {@code mul(unit, b)}, without the overflow test.
   *
   * <p>Callers check the range with {@link #isUnit}.
   */
  public static long mulUnit(final long unit, final long b) {
    final long hi = Math.multiplyHigh(unit, b);
    return (hi << 32) | ((unit * b) >>> 32);
  }

  /** Whether {@code raw} is in [0, 1], the range {@link #mulUnit} needs. */
  public static boolean isUnit(final long raw) {
    return raw >= 0 && raw <= ONE;
  }

  /** {@code saturating_div}: {@code (a << 32) / b} truncated toward zero, saturating on overflow. */
  public static long div(final long a, final long b) {
    if (b == 0) {
      throw new ArithmeticException("I32F32 division by zero");
    }
    final long q = quotientOrOverflow(a, b);
    if (q == OVERFLOW_MARK && overflows(a, b)) {
      return ((a < 0) ^ (b < 0)) ? MIN : MAX;
    }
    return q;
  }

  /** {@code safe_div}: like {@link #div} but 0 on division by zero or on overflow. */
  public static long safeDiv(final long a, final long b) {
    if (b == 0) {
      return 0;
    }
    final long q = quotientOrOverflow(a, b);
    if (q == OVERFLOW_MARK && overflows(a, b)) {
      return 0;
    }
    return q;
  }

  /**
   * The divisor scale {@code 2^32 / b} as a double, for {@link #safeDiv(long, long, double)} when
   * many dividends share the divisor {@code b} (0 for {@code b = 0}).
   */
  public static double divScale(final long b) {
    return b == 0 ? 0.0 : TWO_32 / (double) b;
  }

  /**
   * {@link #safeDiv(long, long)} with the divisor's precomputed {@link #divScale}: the same result
   * for every input, bit for bit. For {@code a >= 0}, {@code 0 < b < 2^60} and a quotient below
   * 2^49 it avoids the hardware division: the double estimate {@code a * scale} has relative error
   * below 5·2^-53 (three roundings), so below 2^49 it is within 0.3 of {@code a·2^32/b} and its
   * floor within 1 of {@code floor(a·2^32/b)}; the exact remainder {@code a·2^32 − q·b} then lies
   * in (−b, 2b) ⊂ (−2^63, 2^63), so its low 64 bits (wrapping long arithmetic) are the remainder
   * itself, and one branch-free correction step makes {@code q} exact (checked; anything else
   * falls back). All other inputs take {@link #safeDiv(long, long)}.
   */
  public static long safeDiv(final long a, final long b, final double scale) {
    if (a >= 0 && b > 0 && b < (1L << 60)) {
      final double est = (double) a * scale;
      if (est < 0x1p49) {
        long q = (long) est;
        long r = (a << FRAC_BITS) - q * b;
        final long low = r >> 63; // -1 when the estimate was one too large
        q += low;
        r += b & low;
        final long high = ~((r - b) >> 63); // -1 when it was one too small
        q -= high;
        r -= b & high;
        if (r >= 0 && r < b) { // always, by the error bound; the check keeps it exact regardless
          return q;
        }
      }
    }
    return safeDiv(a, b);
  }

  private static final long OVERFLOW_MARK = Long.MIN_VALUE;

  /** {@code (a<<32)/b} truncated; returns OVERFLOW_MARK when it does not fit (or equals MIN). */
  private static long quotientOrOverflow(final long a, final long b) {
    if (a > -(1L << 31) && a < (1L << 31)) {
      return (a << FRAC_BITS) / b; // |a<<32| < 2^63: exact in a long
    }
    if (a != Long.MIN_VALUE && b != Long.MIN_VALUE) {
      final long mag = divMagnitude(Math.abs(a), Math.abs(b));
      if (mag >= 0) {
        return ((a < 0) ^ (b < 0)) ? -mag : mag;
      }
    }
    final BigInteger q = BigInteger.valueOf(a).shiftLeft(FRAC_BITS).divide(BigInteger.valueOf(b));
    if (q.bitLength() > 63) {
      return OVERFLOW_MARK;
    }
    return q.longValue();
  }

  /**
   * {@code floor(a * 2^32 / b)} for {@code a >= 0, b > 0} without allocation, or -1 when the
   * quotient does not fit 63 bits. Long division: the integer part of a/b, then the 32 fraction
   * bits of the remainder from a double estimate corrected with exact 128-bit arithmetic.
   */
  static long divMagnitude(final long a, final long b) {
    if (a < (1L << 31)) {
      return (a << FRAC_BITS) / b;
    }
    final int k = Math.min(32, Long.numberOfTrailingZeros(b));
    if (k > 0 && (k == 32 || a < (1L << (31 + k)))) {
      // b = b'·2^k: a·2^32/b = a·2^(32−k)/b' exactly, and the shifted numerator fits
      return (a << (32 - k)) / (b >>> k);
    }
    final long qa = a / b;
    final long ra = a - qa * b;
    if (qa >= (1L << 31)) {
      return -1;
    }
    final long high = qa << FRAC_BITS;
    if (ra < (1L << 31)) {
      return high + (ra << FRAC_BITS) / b;
    }
    // here b > ra >= 2^31 and the quotient of ra*2^32/b is below 2^32
    long q = (long) ((double) ra / (double) b * TWO_32);
    if (q < 0) {
      q = 0;
    } else if (q > 0xFFFFFFFFL) {
      q = 0xFFFFFFFFL;
    }
    final long nHi = ra >>> 32;
    final long nLo = ra << 32;
    final long pHi = Math.multiplyHigh(q, b);
    final long pLo = q * b;
    long rLo = nLo - pLo;
    long rHi = nHi - pHi - (Long.compareUnsigned(nLo, pLo) < 0 ? 1 : 0);
    while (rHi < 0) { // remainder negative: estimate too large
      q--;
      final long nl = rLo + b;
      rHi += Long.compareUnsigned(nl, rLo) < 0 ? 1 : 0;
      rLo = nl;
    }
    while (rHi > 0 || Long.compareUnsigned(rLo, b) >= 0) { // remainder >= b: estimate too small
      q++;
      rHi -= Long.compareUnsigned(rLo, b) < 0 ? 1 : 0;
      rLo = rLo - b;
    }
    return high + q;
  }

  private static boolean overflows(final long a, final long b) {
    final BigInteger q = BigInteger.valueOf(a).shiftLeft(FRAC_BITS).divide(BigInteger.valueOf(b));
    return q.bitLength() > 63;
  }

  /** {@code round()}: half away from zero, result still raw fixed point. */
  public static long round(final long raw) {
    if (raw >= 0) {
      final long r = raw + HALF;
      return r < 0 ? (MAX & ~(ONE - 1)) : r & ~(ONE - 1);
    }
    return -round(raw == MIN ? MAX : -raw);
  }

  /**
   * {@code fixed_proportion_to_u16}: {@code floor(x * 65535)} clamped to [0, 65535] — how the
   * chain stores consensus, incentive, dividends, trust and Yuma3 bonds.
   */
  public static int toU16Proportion(final long raw) {
    if (raw <= 0) {
      return 0;
    }
    if (raw >= ONE) {
      return 65535;
    }
    return (int) ((raw * 65535L) >>> FRAC_BITS);
  }

  /** {@code u16_proportion_to_fixed}: {@code u / 65535} truncated. */
  public static long fromU16Proportion(final int u) {
    // (u·2^32 << 32) / (65535·2^32) = floor(u·2^32 / 65535); identical to safe_div here
    return ((long) u << FRAC_BITS) / 65535L;
  }

  /**
   * {@code floor(share * amount)} computed exactly in 128 bits (I96F32 share times an integer
   * amount, then {@code to_num::<u64>}); negative shares give 0, results above {@code
   * Long.MAX_VALUE} saturate.
   */
  public static long mulFloorToLong(final long shareRaw, final long amount) {
    if (shareRaw <= 0 || amount <= 0) {
      return 0;
    }
    final long hi = Math.multiplyHigh(shareRaw, amount);
    final long lo = shareRaw * amount;
    if ((hi >>> 31) != 0) {
      return Long.MAX_VALUE;
    }
    return (hi << 32) | (lo >>> 32);
  }

  /**
   * {@code floor(x * 2^32 / total)} for {@code 0 <= x <= total}: the I64F64 stake share truncated
   * to I32F32 (SPEC §3.2). Returns 0 when total is 0.
   */
  public static long ratio(final long x, final long total) {
    if (total <= 0 || x <= 0) {
      return 0;
    }
    final long q = divMagnitude(x, total); // x <= total, so the quotient is at most 2^32
    if (q >= 0) {
      return q;
    }
    return BigInteger.valueOf(x).shiftLeft(FRAC_BITS).divide(BigInteger.valueOf(total)).longValue();
  }

  /**
   * The bonds EMA step {@code alpha = 1 - I32F32(I64F64(bma) / 1e6)} for a per-million moving
   * average (900000 → raw 429496730).
   */
  public static long alphaFromMovingAverage(final long bondsMovingAveragePpm) {
    final long ppm = Math.max(0, bondsMovingAveragePpm);
    final long frac =
        BigInteger.valueOf(ppm)
            .shiftLeft(FRAC_BITS)
            .divide(BigInteger.valueOf(1_000_000L))
            .min(BigInteger.valueOf(MAX))
            .longValue();
    return sub(ONE, frac);
  }

  /** A readable decimal rendering with 10 fractional digits (for reports). */
  public static String toString(final long raw) {
    return new java.math.BigDecimal(BigInteger.valueOf(raw))
        .divide(new java.math.BigDecimal(BigInteger.ONE.shiftLeft(FRAC_BITS)))
        .setScale(10, java.math.RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }
}
