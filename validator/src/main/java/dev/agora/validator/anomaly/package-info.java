/**
 * Timing anomaly model (DESIGN.md §1, VERIFICATION.md §2.6): per-answer timing features measured on
 * the validator's own clock, and a Tribuo one-class SVM trained on a window of verified answers
 * that marks answers whose timing falls outside the honest cloud (relay hop, stream-then-dump, fake
 * pacing).
 *
 * <p>Pure logic: no I/O, no Vert.x, time only through an injected {@link
 * dev.agora.common.time.Clock}. Training is CPU work (milliseconds for a few hundred answers,
 * growing roughly quadratically with the window), so callers run {@link
 * dev.agora.validator.anomaly.AnomalyDetector#retrain()} on a worker pool, never on an event loop.
 *
 * <p>The verdict is a secondary signal only (docs/ANOMALY.md): it may be logged, counted and may
 * lower a score by a bounded factor ({@link dev.agora.validator.anomaly.AnomalyPolicy}); it never
 * zeroes a miner. Only failed verification does (VERIFICATION.md §2.7).
 *
 * <p>Every trained model records its Tribuo {@link org.tribuo.provenance.ModelProvenance}: trainer
 * parameters, data size, feature names, standardisation and creation time.
 */
package dev.agora.validator.anomaly;
