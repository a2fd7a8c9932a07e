package dev.agora.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The options of one configuration record, looked up by name, environment variable or flag. */
public final class OptionSet {
  private final String name;
  private final List<Option<?>> options;
  private final Map<String, Option<?>> byName = new LinkedHashMap<>();
  private final Map<String, Option<?>> byFlag = new LinkedHashMap<>();

  private OptionSet(final String name, final List<Option<?>> options) {
    this.name = name;
    this.options = List.copyOf(options);
    for (Option<?> o : this.options) {
      if (byName.put(o.name(), o) != null || byFlag.put(o.flagName(), o) != null) {
        throw new IllegalArgumentException(name + ": duplicate option " + o.name());
      }
    }
  }

  public static OptionSet of(final String name, final Option<?>... options) {
    return new OptionSet(name, List.of(options));
  }

  /** What these options configure, e.g. {@code miner}. */
  public String name() {
    return name;
  }

  /** Every option, in declaration order. */
  public List<Option<?>> options() {
    return options;
  }

  public Optional<Option<?>> byName(final String key) {
    return Optional.ofNullable(byName.get(key));
  }

  /** Accepts {@code --axon-port} and the dotted spelling {@code --axon.port}. */
  public Optional<Option<?>> byFlag(final String flag) {
    if (!flag.startsWith("--")) {
      return Optional.empty();
    }
    return Optional.ofNullable(byFlag.get(flag.replace('.', '-')));
  }

  /** The known key closest to {@code key} by edit distance, if it is close enough to be a typo. */
  public Optional<String> closest(final String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : byName.keySet()) {
      final int d = distance(key, candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, key.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
  }

  private static int distance(final String a, final String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        final int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      final int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
