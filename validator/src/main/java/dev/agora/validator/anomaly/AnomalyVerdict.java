package dev.agora.validator.anomaly;

/**
 * The model's opinion of one answer's timing. A secondary signal, never proof (docs/ANOMALY.md).
 *
 * @param anomalous true when the answer lies outside the learned honest cloud (score < 0)
 * @param score the one-class SVM decision value: ≥ 0 inside the cloud, < 0 outside; the more
 *     negative, the further out
 * @param trainingSize number of answers the judging model was trained on
 */
public record AnomalyVerdict(boolean anomalous, double score, int trainingSize) {}
