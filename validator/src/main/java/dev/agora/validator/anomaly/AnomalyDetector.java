package dev.agora.validator.anomaly;

import java.util.Optional;

/**
 * Keeps a window of verified answers' timing and judges new answers against it.
 *
 * <p>Threading: {@link #observe} and {@link #assess} are cheap and may be called from an event
 * loop; {@link #retrain()} is CPU work and must run on a worker pool ({@code executeBlocking} or a
 * named {@code WorkerExecutor}). Implementations are thread-safe: {@code assess} keeps using the
 * previous model while a retrain runs.
 */
public interface AnomalyDetector {

  /**
   * Adds one answer to the training window. Feed only answers that passed verification
   * (VERIFICATION.md §2.4); the oldest answer leaves when the window is full. Does not retrain.
   */
  void observe(TimingFeatures features);

  /**
   * Judges one answer with the latest trained model.
   *
   * @return empty until a model has been trained on at least {@code minSamples} answers
   */
  Optional<AnomalyVerdict> assess(TimingFeatures features);

  /**
   * Trains a new model on a snapshot of the current window and makes it the one {@link #assess}
   * uses. CPU work: call it on a worker pool.
   *
   * @return the new model, or empty (and the previous model kept) when the window holds fewer than
   *     {@code minSamples} answers
   */
  Optional<AnomalyModel> retrain();

  /** The model {@link #assess} uses now, if any (for its provenance). */
  Optional<AnomalyModel> model();

  /** Answers currently in the window. */
  int windowSize();
}
