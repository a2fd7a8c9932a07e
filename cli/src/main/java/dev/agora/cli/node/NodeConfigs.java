package dev.agora.cli.node;

import dev.agora.config.ConfigLoader;
import dev.agora.config.OptionSet;
import dev.agora.config.OptionValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a node command's configuration through {@link ConfigLoader}: defaults &lt; config file
 * ({@code --config FILE}, else {@code AGORA_CONFIG}) &lt; {@code AGORA_*} environment &lt; flags. The
 * commands collect the flags picocli parsed by option name; every value is parsed and bound-checked by
 * the option itself, so an error names the key and where the value came from.
 */
final class NodeConfigs {
  private NodeConfigs() {}

  /** Flags by option name, in the order given; null values (flag not given) are skipped. */
  static final class Flags {
    private final Map<String, String> byName = new LinkedHashMap<>();

    Flags put(final dev.agora.config.Option<?> option, final Object value) {
      if (value != null) {
        byName.put(option.name(), value.toString());
      }
      return this;
    }

    /** As {@code --key-with-dashes=value} arguments, so errors name the flag. */
    List<String> args() {
      final List<String> out = new ArrayList<>();
      byName.forEach((k, v) -> out.add("--" + k.replace('.', '-') + "=" + v));
      return out;
    }
  }

  /**
   * @param file the {@code --config} flag, if given
   * @param env the environment (System.getenv() in a command, a map in tests)
   * @throws dev.agora.config.ConfigException with a one-line message naming the key
   */
  static OptionValues load(final OptionSet set, final Optional<Path> file, final Map<String, String> env,
      final Flags flags) {
    final ConfigLoader loader = ConfigLoader.of(set).env(env).args(flags.args());
    file.ifPresent(loader::file);
    return loader.load();
  }
}
