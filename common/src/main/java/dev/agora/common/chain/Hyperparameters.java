package dev.agora.common.chain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A subnet's hyperparameters as a name → value map (names are {@link Hyperparameter#key()}); a
 * missing name reads as its default.
 */
public record Hyperparameters(int netuid, Map<String, Long> values) {
  public Hyperparameters {
    values = Collections.unmodifiableMap(new TreeMap<>(values == null ? Map.of() : values));
  }

  /** Every parameter at its default. */
  public static Hyperparameters defaults(final int netuid) {
    final Map<String, Long> m = new TreeMap<>();
    for (final Hyperparameter h : Hyperparameter.values()) {
      m.put(h.key(), h.defaultValue());
    }
    return new Hyperparameters(netuid, m);
  }

  public long get(final Hyperparameter h) {
    final Long v = values.get(h.key());
    return v == null ? h.defaultValue() : v;
  }

  public boolean flag(final Hyperparameter h) {
    return get(h) != 0;
  }

  /** A copy with {@code h} set to {@code value}. */
  public Hyperparameters with(final Hyperparameter h, final long value) {
    final Map<String, Long> m = new TreeMap<>(values);
    m.put(h.key(), value);
    return new Hyperparameters(netuid, m);
  }

  /** A copy for another netuid. */
  public Hyperparameters forNetuid(final int other) {
    return new Hyperparameters(other, values);
  }

  /** Every parameter, defaults filled in. */
  public Map<Hyperparameter, Long> asEnumMap() {
    final Map<Hyperparameter, Long> m = new EnumMap<>(Hyperparameter.class);
    for (final Hyperparameter h : Hyperparameter.values()) {
      m.put(h, get(h));
    }
    return m;
  }

  public long tempo() {
    return get(Hyperparameter.TEMPO);
  }

  public long weightsRateLimit() {
    return get(Hyperparameter.WEIGHTS_RATE_LIMIT);
  }

  public long weightsVersionKey() {
    return get(Hyperparameter.WEIGHTS_VERSION_KEY);
  }

  public boolean commitRevealEnabled() {
    return flag(Hyperparameter.COMMIT_REVEAL_WEIGHTS_ENABLED);
  }

  public long commitRevealPeriod() {
    return get(Hyperparameter.COMMIT_REVEAL_PERIOD);
  }

  public long minAllowedWeights() {
    return get(Hyperparameter.MIN_ALLOWED_WEIGHTS);
  }

  public long maxAllowedUids() {
    return get(Hyperparameter.MAX_ALLOWED_UIDS);
  }

  public long immunityPeriod() {
    return get(Hyperparameter.IMMUNITY_PERIOD);
  }

  /** Activity cutoff in blocks: max(1, factor‰ × tempo / 1000) (SPEC §2). */
  public long activityCutoffBlocks() {
    return Math.max(1, get(Hyperparameter.ACTIVITY_CUTOFF_FACTOR) * tempo() / 1000);
  }
}
