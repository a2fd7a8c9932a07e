package dev.agora.inference;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Named seeded demo models, so that the devnet, tests and benchmarks need no download. The 15M and
 * 110M presets have the shapes of the llama2.c "stories" models; the small ones are for tests.
 */
public final class DemoModels {
  private static final Map<String, ModelSpec> PRESETS = new LinkedHashMap<>();

  static {
    add("demo-15m", new ModelConfig(288, 768, 6, 6, 6, 32000, 256, true), 42, 0.17f);
    add("demo-110m", new ModelConfig(768, 2048, 12, 12, 12, 32000, 1024, true), 42, 0.17f);
    add("demo-g128", new ModelConfig(128, 344, 3, 4, 2, 32000, 128, true), 3, 0.3f);
    add("demo-tiny", new ModelConfig(64, 172, 2, 4, 2, 512, 256, true), 7, 0.3f);
    add("demo-tiny-unshared", new ModelConfig(64, 160, 2, 8, 2, 600, 192, false), 11, 0.3f);
  }

  private DemoModels() {}

  private static void add(final String name, final ModelConfig c, final long seed, final float amp) {
    PRESETS.put(name, new ModelSpec(name, c, seed, amp));
  }

  /** The preset called {@code name}, or empty. */
  public static Optional<ModelSpec> find(final String name) {
    return Optional.ofNullable(PRESETS.get(name));
  }

  /**
   * The preset called {@code name}.
   *
   * @throws IllegalArgumentException listing the known names when there is none
   */
  public static ModelSpec preset(final String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "unknown model preset '" + name + "'; known: " + String.join(", ", PRESETS.keySet())));
  }

  /** Every preset name, in a stable order. */
  public static java.util.List<String> names() {
    return java.util.List.copyOf(PRESETS.keySet());
  }
}
