package dev.agora.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One configuration option: a dotted name ({@code axon.port}) that is also an environment variable
 * ({@code AGORA_AXON_PORT}) and a flag ({@code --axon-port}), a typed default, a parser and a bound.
 * Immutable; the factories cover the types the node configs use.
 *
 * @param <T> the value type
 */
public final class Option<T> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");

  private final String name;
  private final String description;
  private final String typeName;
  private final T defaultValue;
  private final Function<String, T> parser;
  private final Predicate<T> inBound;
  private final String boundText;
  private final Function<T, String> formatter;
  private final boolean emptyAllowed;
  private final String defaultText;

  private Option(
      final String name,
      final String description,
      final String typeName,
      final T defaultValue,
      final Function<String, T> parser,
      final Predicate<T> inBound,
      final String boundText,
      final Function<T, String> formatter) {
    this(name, description, typeName, defaultValue, parser, inBound, boundText, formatter, false, null);
  }

  private Option(
      final String name,
      final String description,
      final String typeName,
      final T defaultValue,
      final Function<String, T> parser,
      final Predicate<T> inBound,
      final String boundText,
      final Function<T, String> formatter,
      final boolean emptyAllowed,
      final String defaultText) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad option name: " + name);
    }
    this.name = name;
    this.description = Objects.requireNonNull(description);
    this.typeName = typeName;
    this.defaultValue = Objects.requireNonNull(defaultValue);
    this.parser = parser;
    this.inBound = inBound;
    this.boundText = boundText;
    this.formatter = formatter;
    this.emptyAllowed = emptyAllowed;
    this.defaultText = defaultText == null ? formatter.apply(defaultValue) : defaultText;
    check(defaultValue);
  }

  /** An int in {@code [min, max]}. */
  public static Option<Integer> ofInt(
      final String name, final int defaultValue, final int min, final int max, final String description) {
    return new Option<>(
        name,
        description,
        "integer",
        defaultValue,
        s -> parseNumber(name, s, "an integer", Integer::parseInt),
        v -> v >= min && v <= max,
        range(min, max, Integer.MAX_VALUE),
        String::valueOf);
  }

  /** A long in {@code [min, max]}; underscores are allowed as digit separators. */
  public static Option<Long> ofLong(
      final String name,
      final long defaultValue,
      final long min,
      final long max,
      final String description) {
    return new Option<>(
        name,
        description,
        "integer",
        defaultValue,
        s -> parseNumber(name, s, "an integer", Long::parseLong),
        v -> v >= min && v <= max,
        range(min, max, Long.MAX_VALUE),
        String::valueOf);
  }

  /** A finite double in {@code [min, max]}, or {@code (min, max]} when {@code minExclusive}. */
  public static Option<Double> ofDouble(
      final String name,
      final double defaultValue,
      final double min,
      final boolean minExclusive,
      final double max,
      final String description) {
    return new Option<>(
        name,
        description,
        "number",
        defaultValue,
        s -> {
          final double d = parseNumber(name, s, "a number", Double::parseDouble);
          if (!Double.isFinite(d)) {
            throw new ConfigException(name + ": '" + s + "' is not a finite number");
          }
          return d;
        },
        v -> (minExclusive ? v > min : v >= min) && v <= max,
        (minExclusive ? min + " < value <= " : min + " <= value <= ") + max,
        String::valueOf);
  }

  /** A string that must match {@code pattern}; {@code boundText} says in words what it accepts. */
  public static Option<String> ofString(
      final String name,
      final String defaultValue,
      final Pattern pattern,
      final String boundText,
      final String description) {
    return new Option<>(
        name,
        description,
        "string",
        defaultValue,
        s -> s,
        v -> pattern.matcher(v).matches(),
        boundText,
        v -> v);
  }

  /** A non-empty string of at most {@code maxLength} characters without control characters. */
  public static Option<String> ofText(
      final String name, final String defaultValue, final int maxLength, final String description) {
    return ofString(
        name,
        defaultValue,
        Pattern.compile("[^\\p{Cntrl}]{1," + maxLength + "}"),
        "1.." + maxLength + " characters",
        description);
  }

  /** A filesystem path; a leading {@code ~/} is the user's home directory. */
  public static Option<Path> ofPath(final String name, final String defaultValue, final String description) {
    return new Option<>(
        name,
        description,
        "path",
        expandHome(defaultValue),
        s -> {
          try {
            return expandHome(s);
          } catch (RuntimeException e) {
            throw new ConfigException(name + ": '" + s + "' is not a valid path: " + e.getMessage(), e);
          }
        },
        p -> !p.toString().isEmpty(),
        "a non-empty path",
        Path::toString,
        false,
        defaultValue);
  }

  /** {@code true} or {@code false} (case-insensitive). */
  public static Option<Boolean> ofBoolean(
      final String name, final boolean defaultValue, final String description) {
    return new Option<>(
        name,
        description,
        "boolean",
        defaultValue,
        s -> {
          final String v = s.toLowerCase(Locale.ROOT);
          if (v.equals("true")) {
            return true;
          }
          if (v.equals("false")) {
            return false;
          }
          throw new ConfigException(name + ": '" + s + "' is not a boolean (true or false)");
        },
        v -> true,
        "true or false",
        String::valueOf);
  }

  /** One of the constants of {@code type}, written in lower case. */
  public static <E extends Enum<E>> Option<E> ofEnum(
      final String name, final Class<E> type, final E defaultValue, final String description) {
    final StringBuilder choices = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      choices.append(choices.length() == 0 ? "" : "|").append(e.name().toLowerCase(Locale.ROOT));
    }
    return new Option<>(
        name,
        description,
        "choice",
        defaultValue,
        s -> {
          for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
              return e;
            }
          }
          throw new ConfigException(name + ": '" + s + "' is not one of " + choices);
        },
        v -> true,
        choices.toString(),
        v -> v.name().toLowerCase(Locale.ROOT));
  }

  /**
   * A value of a custom type. {@code parser} throws {@link IllegalArgumentException} with a reason on
   * bad text (it also receives the empty string); {@code formatter} must give text that {@code
   * parser} reads back to an equal value.
   */
  public static <T> Option<T> ofCustom(
      final String name,
      final String typeName,
      final T defaultValue,
      final Function<String, T> parser,
      final Function<T, String> formatter,
      final String boundText,
      final String description) {
    return new Option<>(
        name,
        description,
        typeName,
        defaultValue,
        s -> {
          try {
            return parser.apply(s);
          } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": '" + s + "' is invalid: " + e.getMessage(), e);
          }
        },
        v -> true,
        boundText,
        formatter,
        true,
        null);
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public String typeName() {
    return typeName;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** The bound in words, e.g. {@code 0..65535}. */
  public String boundText() {
    return boundText;
  }

  /** {@code AGORA_} + the name in upper case with dots and dashes as underscores. */
  public String envName() {
    return "AGORA_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** {@code --} + the name with dots as dashes. */
  public String flagName() {
    return "--" + name.replace('.', '-');
  }

  /** The text form of a value, as a config file would hold it. */
  public String format(final T value) {
    return formatter.apply(value);
  }

  /** The default as file text; for paths the unexpanded form, e.g. {@code ~/.agora/wallets}. */
  public String formattedDefault() {
    return defaultText;
  }

  /**
   * Parses text and checks the bound.
   *
   * @throws ConfigException naming the key, the text and the bound
   */
  public T parse(final String text) {
    final String trimmed = text.strip();
    if (trimmed.isEmpty() && !emptyAllowed) {
      throw new ConfigException(name + ": empty value (expected " + typeName + ", " + boundText + ")");
    }
    return check(parser.apply(trimmed));
  }

  /**
   * Checks that {@code value} is within the bound and returns it.
   *
   * @throws ConfigException naming the key and the bound
   */
  public T check(final T value) {
    Objects.requireNonNull(value, name);
    if (!inBound.test(value)) {
      throw new ConfigException(
          name + " = " + format(value) + " is out of bounds (allowed: " + boundText + ")");
    }
    return value;
  }

  @Override
  public String toString() {
    return name;
  }

  private static <N> N parseNumber(
      final String name, final String text, final String what, final Function<String, N> parse) {
    try {
      return parse.apply(text.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new ConfigException(name + ": '" + text + "' is not " + what, e);
    }
  }

  private static String range(final long min, final long max, final long typeMax) {
    return max == typeMax ? ">= " + min : min + ".." + max;
  }

  private static Path expandHome(final String text) {
    if (text.equals("~") || text.startsWith("~/")) {
      return Path.of(System.getProperty("user.home") + text.substring(1));
    }
    return Path.of(text);
  }
}
