package dev.agora.common.math;

/**
 * The u16 weight quantisation of the reference chain ({@code vec_u16_max_upscale_to_u16} and
 * {@code vec_max_upscale_to_u16} in {@code epoch/math.rs}; yuma/SPEC.md §1 and §6 rule 10).
 *
 * <p>The chain applies {@link #maxUpscaleToU16(int[])} to every submitted weight vector, so the
 * largest weight of a row is stored as 65535 and only ratios within a row matter. Validators call
 * the same function (or {@link #maxUpscaleFixedToU16(long[])} from I32F32 scores) so that what they
 * sign is what the chain stores.
 */
public final class WeightQuantizer {
  /** The largest u16. */
  public static final int U16_MAX = 65535;

  private static final long U16_MAX_FIXED = I32F32.fromInt(U16_MAX);
  private static final long THRESHOLD = I32F32.fromInt(32768);

  private WeightQuantizer() {}

  /**
   * {@code vec_u16_max_upscale_to_u16}: scales u16 values so the maximum becomes 65535 (an
   * all-zero vector stays zero).
   *
   * @param values u16 values (each 0..65535)
   * @return a new array of the same length
   * @throws IllegalArgumentException if a value is outside 0..65535
   */
  public static int[] maxUpscaleToU16(final int[] values) {
    final long[] fixed = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < 0 || values[i] > U16_MAX) {
        throw new IllegalArgumentException(
            "weight value " + values[i] + " at index " + i + " is not a u16 (0..65535)");
      }
      fixed[i] = I32F32.fromInt(values[i]);
    }
    return maxUpscaleFixedToU16(fixed);
  }

  /**
   * {@code vec_max_upscale_to_u16}: scales non-negative I32F32 raws so the maximum becomes 65535,
   * rounding half away from zero. Two paths as upstream: if the maximum exceeds 32768 each value is
   * multiplied by {@code 65535/max}; otherwise {@code (x*65535)/max}.
   *
   * @param raws I32F32 raw values
   * @return u16 values in a new array
   */
  public static int[] maxUpscaleFixedToU16(final long[] raws) {
    final int[] out = new int[raws.length];
    if (raws.length == 0) {
      return out;
    }
    long max = raws[0];
    for (final long r : raws) {
      max = Math.max(max, r);
    }
    if (max == 0) {
      for (int i = 0; i < raws.length; i++) {
        out[i] = toU16(I32F32.mul(raws[i], U16_MAX_FIXED));
      }
      return out;
    }
    if (max > THRESHOLD) {
      final long ratio = I32F32.div(U16_MAX_FIXED, max);
      for (int i = 0; i < raws.length; i++) {
        out[i] = toU16(I32F32.round(I32F32.mul(raws[i], ratio)));
      }
      return out;
    }
    for (int i = 0; i < raws.length; i++) {
      out[i] = toU16(I32F32.round(I32F32.div(I32F32.mul(raws[i], U16_MAX_FIXED), max)));
    }
    return out;
  }

  /**
   * {@code check_vec_max_limited}: true if the largest normalised weight is at most {@code
   * maxLimit/65535} (an empty vector passes; an all-zero vector passes).
   */
  public static boolean checkVecMaxLimited(final int[] values, final int maxLimit) {
    if (values.length == 0) {
      return true;
    }
    long sum = 0;
    long max = 0;
    for (final int v : values) {
      sum += v;
      max = Math.max(max, v);
    }
    if (sum == 0) {
      return true;
    }
    // normalised max = max/sum (I32F32, truncated) compared with maxLimit/65535 (truncated)
    final long maxShare = I32F32.safeDiv(I32F32.fromInt(max), I32F32.fromInt(sum));
    final long limit = I32F32.fromU16Proportion(maxLimit);
    return maxShare <= limit;
  }

  private static int toU16(final long raw) {
    final long v = I32F32.floorToLong(raw);
    if (v < 0) {
      return 0;
    }
    return (int) Math.min(U16_MAX, v);
  }
}
