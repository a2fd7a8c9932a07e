package dev.agora.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The resolved value of every option of an {@link OptionSet}, with where each came from. */
public final class OptionValues {
  private final OptionSet set;
  private final Map<Option<?>, Object> values;
  private final Map<Option<?>, String> origins;

  OptionValues(
      final OptionSet set, final Map<Option<?>, Object> values, final Map<Option<?>, String> origins) {
    this.set = set;
    this.values = Map.copyOf(values);
    this.origins = Map.copyOf(origins);
  }

  public OptionSet set() {
    return set;
  }

  /** The value of {@code option}, which must belong to this set. */
  public <T> T get(final Option<T> option) {
    final Object value = values.get(Objects.requireNonNull(option));
    if (value == null) {
      throw new IllegalArgumentException(option.name() + " is not an option of " + set.name());
    }
    @SuppressWarnings("unchecked")
    final T typed = (T) value;
    return typed;
  }

  /** Where the value came from: {@code default}, {@code FILE line N}, {@code env VAR} or {@code flag --x}. */
  public String origin(final Option<?> option) {
    return origins.getOrDefault(option, "default");
  }

  /** Every option name with its value as file text and its origin, in declaration order. */
  public Map<String, String> describe() {
    final Map<String, String> out = new LinkedHashMap<>();
    for (Option<?> o : set.options()) {
      out.put(o.name(), formatted(o) + "  (" + origin(o) + ")");
    }
    return out;
  }

  private <T> String formatted(final Option<T> option) {
    return option.format(get(option));
  }
}
