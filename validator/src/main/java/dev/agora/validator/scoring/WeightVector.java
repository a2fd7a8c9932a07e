package dev.agora.validator.scoring;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A normalised weight vector over uids, in ascending uid order.
 *
 * @param uids the uids with a positive weight, ascending
 * @param weights their weights, summing to 1
 */
public record WeightVector(int[] uids, double[] weights) {

  public WeightVector {
    if (uids.length != weights.length) {
      throw new IllegalArgumentException("uids and weights differ in length");
    }
    uids = uids.clone();
    weights = weights.clone();
  }

  /**
   * Normalises non-negative reputations to a vector that sums to 1; uids with zero (or non-finite)
   * reputation are left out. Empty when nobody has a positive reputation.
   */
  public static Optional<WeightVector> fromReputation(final Map<Integer, Double> reputationByUid) {
    final TreeMap<Integer, Double> sorted = new TreeMap<>();
    double sum = 0;
    for (final var e : reputationByUid.entrySet()) {
      final double v = e.getValue();
      if (Double.isFinite(v) && v > 0) {
        sorted.put(e.getKey(), v);
        sum += v;
      }
    }
    if (sorted.isEmpty() || !(sum > 0)) {
      return Optional.empty();
    }
    final int[] uids = new int[sorted.size()];
    final double[] w = new double[sorted.size()];
    int i = 0;
    for (final var e : sorted.entrySet()) {
      uids[i] = e.getKey();
      w[i] = e.getValue() / sum;
      i++;
    }
    return Optional.of(new WeightVector(uids, w));
  }

  @Override
  public int[] uids() {
    return uids.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof WeightVector v && Arrays.equals(uids, v.uids) && Arrays.equals(weights, v.weights);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(uids) + Arrays.hashCode(weights);
  }

  @Override
  public String toString() {
    return "WeightVector" + Arrays.toString(uids) + "=" + Arrays.toString(weights);
  }
}
