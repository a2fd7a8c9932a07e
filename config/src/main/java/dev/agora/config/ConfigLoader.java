package dev.agora.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves an {@link OptionSet} from its layers, lowest first: defaults, a config file, {@code AGORA_*}
 * environment variables, then command-line flags (and programmatic {@link #set} overrides). Every value
 * is parsed and bound-checked where it enters, and an error names the key and its source.
 *
 * <p>Unknown keys in the file and unknown flags are errors. Environment variables are matched by name
 * only: the environment is shared by every agora command, so a variable that belongs to another
 * command is not an error here.
 *
 * <p>The file is, in order: {@link #file(Path)}, else the {@code --config PATH} flag, else {@code
 * AGORA_CONFIG}; with none of them only the other layers apply.
 */
public final class ConfigLoader {
  /** The flag that names a config file. */
  public static final String CONFIG_FLAG = "--config";

  /** The environment variable that names a config file. */
  public static final String CONFIG_ENV = "AGORA_CONFIG";

  private final OptionSet set;
  private Optional<Path> file = Optional.empty();
  private Map<String, String> env = Map.of();
  private List<String> args = List.of();
  private final Map<String, String> overrides = new LinkedHashMap<>();

  private ConfigLoader(final OptionSet set) {
    this.set = Objects.requireNonNull(set);
  }

  public static ConfigLoader of(final OptionSet set) {
    return new ConfigLoader(set);
  }

  /** Reads this file (it must exist) instead of looking for {@code --config} or {@code AGORA_CONFIG}. */
  public ConfigLoader file(final Path path) {
    this.file = Optional.of(path);
    return this;
  }

  /** The environment; pass {@code System.getenv()} in a main method and a map in tests. */
  public ConfigLoader env(final Map<String, String> environment) {
    this.env = Map.copyOf(environment);
    return this;
  }

  /**
   * Command-line flags: {@code --name value}, {@code --name=value}, and for booleans a bare {@code
   * --name}. Names use dashes ({@code --axon-port}); the dotted spelling ({@code --axon.port}) works too.
   */
  public ConfigLoader args(final List<String> arguments) {
    this.args = List.copyOf(arguments);
    return this;
  }

  /** Sets an option by name at the highest precedence (what a picocli option maps to). */
  public ConfigLoader set(final String name, final String value) {
    overrides.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
    return this;
  }

  /**
   * Resolves every option.
   *
   * @throws ConfigException on an unknown key or flag, a bad value or an unreadable file
   */
  public OptionValues load() {
    final Map<Option<?>, Object> values = new HashMap<>();
    final Map<Option<?>, String> origins = new HashMap<>();
    for (Option<?> o : set.options()) {
      values.put(o, o.defaultValue());
      origins.put(o, "default");
    }
    final ParsedArgs parsed = parseArgs();
    final Optional<Path> configFile =
        file.or(() -> parsed.configFile).or(() -> Optional.ofNullable(env.get(CONFIG_ENV)).map(Path::of));
    if (configFile.isPresent()) {
      for (ConfigFile.Entry e : ConfigFile.read(configFile.get())) {
        final String origin = configFile.get() + " line " + e.line();
        final Option<?> option =
            set.byName(e.key())
                .orElseThrow(() -> new ConfigException(origin + ": " + unknownKey(e.key())));
        put(values, origins, option, e.value(), origin);
      }
    }
    for (Option<?> o : set.options()) {
      final String value = env.get(o.envName());
      if (value != null) {
        put(values, origins, o, value, "env " + o.envName());
      }
    }
    for (Map.Entry<Option<?>, String> e : parsed.flags.entrySet()) {
      put(values, origins, e.getKey(), e.getValue(), "flag " + e.getKey().flagName());
    }
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      final Option<?> option =
          set.byName(e.getKey()).orElseThrow(() -> new ConfigException(unknownKey(e.getKey())));
      put(values, origins, option, e.getValue(), "override");
    }
    return new OptionValues(set, values, origins);
  }

  private static void put(
      final Map<Option<?>, Object> values,
      final Map<Option<?>, String> origins,
      final Option<?> option,
      final String text,
      final String origin) {
    try {
      values.put(option, option.parse(text));
    } catch (ConfigException e) {
      throw new ConfigException(origin + ": " + e.getMessage(), e);
    }
    origins.put(option, origin);
  }

  private String unknownKey(final String key) {
    return "unknown key '"
        + key
        + "' for "
        + set.name()
        + set.closest(key).map(k -> " (did you mean '" + k + "'?)").orElse("");
  }

  private ParsedArgs parseArgs() {
    final ParsedArgs out = new ParsedArgs();
    for (int i = 0; i < args.size(); i++) {
      final String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new ConfigException("unexpected argument '" + arg + "' (options look like --axon-port 8091)");
      }
      final int eq = arg.indexOf('=');
      final String flag = eq < 0 ? arg : arg.substring(0, eq);
      Optional<String> inline = eq < 0 ? Optional.empty() : Optional.of(arg.substring(eq + 1));
      if (flag.equals(CONFIG_FLAG)) {
        if (inline.isEmpty()) {
          i = requireNext(i, flag);
          inline = Optional.of(args.get(i));
        }
        out.configFile = Optional.of(Path.of(inline.get()));
        continue;
      }
      final Option<?> option =
          set.byFlag(flag)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          "unknown flag "
                              + flag
                              + " for "
                              + set.name()
                              + set.closest(flag.substring(2).replace('-', '.'))
                                  .map(k -> " (did you mean --" + k.replace('.', '-') + "?)")
                                  .orElse("")));
      final String value;
      if (inline.isPresent()) {
        value = inline.get();
      } else if (option.typeName().equals("boolean")) {
        final boolean explicit =
            i + 1 < args.size()
                && (args.get(i + 1).equalsIgnoreCase("true") || args.get(i + 1).equalsIgnoreCase("false"));
        value = explicit ? args.get(++i) : "true";
      } else {
        i = requireNext(i, flag);
        value = args.get(i);
      }
      if (out.flags.put(option, value) != null) {
        throw new ConfigException("flag " + option.flagName() + " given more than once");
      }
    }
    return out;
  }

  private int requireNext(final int i, final String flag) {
    if (i + 1 >= args.size()) {
      throw new ConfigException("flag " + flag + " needs a value");
    }
    return i + 1;
  }

  private static final class ParsedArgs {
    private Optional<Path> configFile = Optional.empty();
    private final Map<Option<?>, String> flags = new LinkedHashMap<>();
  }

  /** Lists the unknown keys of a file without loading it; empty when every key is known. */
  public static List<String> unknownKeys(final OptionSet set, final Path path) {
    final List<String> unknown = new ArrayList<>();
    for (ConfigFile.Entry e : ConfigFile.read(path)) {
      if (set.byName(e.key()).isEmpty()) {
        unknown.add(e.key());
      }
    }
    return unknown;
  }
}
