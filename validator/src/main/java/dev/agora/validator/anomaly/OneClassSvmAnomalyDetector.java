package dev.agora.validator.anomaly;

import dev.agora.common.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link AnomalyDetector} backed by a Tribuo one-class SVM ({@link AnomalyModel}) over a sliding
 * window of the most recent observed answers.
 *
 * <p>Thread-safe: the window is guarded by this object's lock; training happens outside the lock on
 * a snapshot and the new model is published through a volatile field.
 */
public final class OneClassSvmAnomalyDetector implements AnomalyDetector {
  private final AnomalyConfig config;
  private final Clock clock;
  private final ArrayDeque<TimingFeatures> window;
  private volatile AnomalyModel current;

  /**
   * @param config window, minimum samples and SVM settings
   * @param clock creation time recorded in each model's provenance
   */
  public OneClassSvmAnomalyDetector(final AnomalyConfig config, final Clock clock) {
    this.config = config;
    this.clock = clock;
    this.window = new ArrayDeque<>(config.windowSize());
  }

  @Override
  public void observe(final TimingFeatures features) {
    if (features == null) {
      throw new IllegalArgumentException("features must not be null");
    }
    synchronized (window) {
      if (window.size() == config.windowSize()) {
        window.removeFirst();
      }
      window.addLast(features);
    }
  }

  @Override
  public Optional<AnomalyVerdict> assess(final TimingFeatures features) {
    final AnomalyModel model = current;
    return model == null ? Optional.empty() : Optional.of(model.assess(features));
  }

  @Override
  public Optional<AnomalyModel> retrain() {
    final List<TimingFeatures> snapshot;
    synchronized (window) {
      if (window.size() < config.minSamples()) {
        return Optional.empty();
      }
      snapshot = new ArrayList<>(window);
    }
    final AnomalyModel model = AnomalyModel.train(snapshot, config, clock);
    current = model;
    return Optional.of(model);
  }

  @Override
  public Optional<AnomalyModel> model() {
    return Optional.ofNullable(current);
  }

  @Override
  public int windowSize() {
    synchronized (window) {
      return window.size();
    }
  }

  /** The settings this detector was built with. */
  public AnomalyConfig config() {
    return config;
  }
}
