package dev.agora.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A number of misbehaving devnet miners of one kind, written {@code kind:count}; a list is written
 * {@code random:1,copycat:2}.
 */
public record AdversarySpec(String kind, int count) {
  /** The kinds a devnet knows, in the order the docs list them. */
  public static final List<String> KINDS = List.of("random", "cacher", "copycat", "slow");

  public static final int MAX_COUNT = 256;

  public AdversarySpec {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException(
          "unknown adversary kind '" + kind + "' (known: " + String.join(", ", KINDS) + ")");
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException(
          "adversary count for " + kind + " must be 1.." + MAX_COUNT + ", got " + count);
    }
  }

  /** Parses {@code kind:count[,kind:count...]}; the empty string is no adversaries. */
  public static List<AdversarySpec> parseList(final String text) {
    final List<AdversarySpec> out = new ArrayList<>();
    if (text.isBlank()) {
      return List.of();
    }
    final Set<String> seen = new HashSet<>();
    for (String part : text.split(",", -1)) {
      final String item = part.strip().toLowerCase(Locale.ROOT);
      final int colon = item.indexOf(':');
      if (colon <= 0 || colon == item.length() - 1) {
        throw new IllegalArgumentException("expected kind:count, got '" + part.strip() + "'");
      }
      final String kind = item.substring(0, colon).strip();
      final int count;
      try {
        count = Integer.parseInt(item.substring(colon + 1).strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("count of '" + part.strip() + "' is not an integer", e);
      }
      if (!seen.add(kind)) {
        throw new IllegalArgumentException("kind '" + kind + "' given more than once");
      }
      out.add(new AdversarySpec(kind, count));
    }
    return List.copyOf(out);
  }

  /** The canonical text of a list, readable by {@link #parseList}. */
  public static String formatList(final List<AdversarySpec> specs) {
    return specs.stream().map(AdversarySpec::toString).collect(Collectors.joining(","));
  }

  /** The total number of adversarial miners in a list. */
  public static int total(final List<AdversarySpec> specs) {
    return specs.stream().mapToInt(AdversarySpec::count).sum();
  }

  @Override
  public String toString() {
    return kind + ":" + count;
  }
}
