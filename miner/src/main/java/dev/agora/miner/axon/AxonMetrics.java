package dev.agora.miner.axon;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one axon, rendered in the Prometheus text format. */
public final class AxonMetrics {
  final LongAdder requests = new LongAdder();
  final LongAdder answered = new LongAdder();
  final LongAdder tokens = new LongAdder();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger queued = new AtomicInteger();
  private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

  void refused(final String code) {
    refusals.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  /** Refusals so far by code. */
  public Map<String, Long> refusals() {
    final Map<String, Long> out = new TreeMap<>();
    refusals.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public long answered() {
    return answered.sum();
  }

  public int inFlight() {
    return inFlight.get();
  }

  String prometheus(final String hotkey) {
    final String l = "{hotkey=\"" + hotkey + "\"}";
    final StringBuilder sb = new StringBuilder();
    sb.append("# TYPE agora_axon_requests_total counter\nagora_axon_requests_total").append(l).append(' ')
        .append(requests.sum()).append('\n');
    sb.append("# TYPE agora_axon_answers_total counter\nagora_axon_answers_total").append(l).append(' ')
        .append(answered.sum()).append('\n');
    sb.append("# TYPE agora_axon_tokens_total counter\nagora_axon_tokens_total").append(l).append(' ')
        .append(tokens.sum()).append('\n');
    sb.append("# TYPE agora_axon_in_flight gauge\nagora_axon_in_flight").append(l).append(' ')
        .append(inFlight.get()).append('\n');
    sb.append("# TYPE agora_axon_queued gauge\nagora_axon_queued").append(l).append(' ')
        .append(queued.get()).append('\n');
    sb.append("# TYPE agora_axon_refusals_total counter\n");
    refusals().forEach((code, n) -> sb.append("agora_axon_refusals_total{hotkey=\"").append(hotkey)
        .append("\",code=\"").append(code).append("\"} ").append(n).append('\n'));
    return sb.toString();
  }
}
