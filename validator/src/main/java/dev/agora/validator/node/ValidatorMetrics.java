package dev.agora.validator.node;

import dev.agora.validator.scoring.Verdict;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one validator, rendered in the Prometheus text format for {@code /metrics}. */
public final class ValidatorMetrics {
  private final LongAdder rounds = new LongAdder();
  private final Map<Verdict, LongAdder> answers = new ConcurrentHashMap<>();
  private final LongAdder weightSubmissions = new LongAdder();
  private final LongAdder reveals = new LongAdder();
  private final LongAdder anomalyRetrains = new LongAdder();
  /** Per miner (uid + hotkey): [assessed, anomalous]. */
  private final Map<String, LongAdder[]> anomalies = new ConcurrentHashMap<>();

  void round(final Map<Integer, Verdict> verdicts) {
    rounds.increment();
    verdicts.values().forEach(v -> answers.computeIfAbsent(v, k -> new LongAdder()).increment());
  }

  void weightsSubmitted() {
    weightSubmissions.increment();
  }

  void revealed(final int n) {
    reveals.add(n);
  }

  void anomalyRetrained() {
    anomalyRetrains.increment();
  }

  void anomalyAssessed(final int uid, final String hotkey, final boolean anomalous) {
    final LongAdder[] c = anomalies.computeIfAbsent("uid=\"" + uid + "\",hotkey=\"" + hotkey + "\"",
        k -> new LongAdder[] {new LongAdder(), new LongAdder()});
    c[0].increment();
    if (anomalous) {
      c[1].increment();
    }
  }

  /** Answers the anomaly model flagged, over all miners. */
  public long anomalous() {
    return anomalies.values().stream().mapToLong(c -> c[1].sum()).sum();
  }

  /** Answers the anomaly model judged, over all miners. */
  public long assessed() {
    return anomalies.values().stream().mapToLong(c -> c[0].sum()).sum();
  }

  /** The Prometheus text exposition, every series labelled with the validator's netuid and hotkey. */
  public String prometheus(final int netuid, final String hotkey) {
    final String base = "netuid=\"" + netuid + "\",validator=\"" + hotkey + "\"";
    final StringBuilder sb = new StringBuilder();
    counter(sb, "agora_validator_rounds_total", "{" + base + "}", rounds.sum());
    sb.append("# TYPE agora_validator_answers_total counter\n");
    for (final Verdict v : Verdict.values()) {
      final LongAdder a = answers.get(v);
      sb.append("agora_validator_answers_total{").append(base).append(",verdict=\"")
          .append(v.name().toLowerCase(java.util.Locale.ROOT)).append("\"} ").append(a == null ? 0 : a.sum())
          .append('\n');
    }
    counter(sb, "agora_validator_weight_submissions_total", "{" + base + "}", weightSubmissions.sum());
    counter(sb, "agora_validator_reveals_total", "{" + base + "}", reveals.sum());
    counter(sb, "agora_validator_anomaly_retrains_total", "{" + base + "}", anomalyRetrains.sum());
    counter(sb, "agora_validator_anomalies_total", "{" + base + "}", anomalous());
    counter(sb, "agora_validator_anomaly_assessed_total", "{" + base + "}", assessed());
    final Map<String, LongAdder[]> sorted = new TreeMap<>(anomalies);
    sb.append("# TYPE agora_validator_miner_anomalies_total counter\n");
    sorted.forEach((k, c) -> sb.append("agora_validator_miner_anomalies_total{").append(base).append(',').append(k)
        .append("} ").append(c[1].sum()).append('\n'));
    sb.append("# TYPE agora_validator_miner_anomaly_assessed_total counter\n");
    sorted.forEach((k, c) -> sb.append("agora_validator_miner_anomaly_assessed_total{").append(base).append(',')
        .append(k).append("} ").append(c[0].sum()).append('\n'));
    return sb.toString();
  }

  private static void counter(final StringBuilder sb, final String name, final String labels, final long value) {
    sb.append("# TYPE ").append(name).append(" counter\n").append(name).append(labels).append(' ').append(value)
        .append('\n');
  }
}
