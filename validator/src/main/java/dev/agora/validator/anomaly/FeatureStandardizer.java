package dev.agora.validator.anomaly;

import java.util.List;

/**
 * Per-feature z-scoring fitted on the training window: z = (x − mean) / std. A feature with (near)
 * zero spread, e.g. a fixed challenge length, gets std 1 so it only shifts and never divides by
 * zero.
 */
public final class FeatureStandardizer {
  /** Spreads below this are treated as constant. */
  static final double MIN_STD = 1e-9;

  private final double[] means;
  private final double[] stds;

  private FeatureStandardizer(final double[] means, final double[] stds) {
    this.means = means;
    this.stds = stds;
  }

  /**
   * Fits means and population standard deviations over rows of equal length.
   *
   * @throws IllegalArgumentException no rows, or rows of different lengths
   */
  public static FeatureStandardizer fit(final List<double[]> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("cannot fit a standardizer on no rows");
    }
    final int d = rows.get(0).length;
    final double[] mean = new double[d];
    for (final double[] row : rows) {
      if (row.length != d) {
        throw new IllegalArgumentException("rows differ in length: " + row.length + " vs " + d);
      }
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= rows.size();
    }
    final double[] std = new double[d];
    for (final double[] row : rows) {
      for (int j = 0; j < d; j++) {
        final double t = row[j] - mean[j];
        std[j] += t * t;
      }
    }
    for (int j = 0; j < d; j++) {
      std[j] = Math.sqrt(std[j] / rows.size());
      if (!(std[j] >= MIN_STD)) {
        std[j] = 1.0;
      }
    }
    return new FeatureStandardizer(mean, std);
  }

  /** Standardises one row (a new array). */
  public double[] apply(final double[] row) {
    if (row.length != means.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " features, standardizer has " + means.length);
    }
    final double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - means[j]) / stds[j];
    }
    return out;
  }

  /** Fitted means (a copy). */
  public double[] means() {
    return means.clone();
  }

  /** Fitted standard deviations, 1 for constant features (a copy). */
  public double[] stds() {
    return stds.clone();
  }
}
