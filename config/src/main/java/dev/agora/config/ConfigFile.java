package dev.agora.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a configuration file: one {@code key = value} per line, {@code #} starts a comment (a whole
 * line, or after whitespace at the end of a value), blank lines are ignored, and a value in double
 * quotes is taken literally (for values with a {@code #} or surrounding spaces). A key may appear once.
 */
public final class ConfigFile {
  /** One {@code key = value} line. */
  public record Entry(String key, String value, int line) {}

  private ConfigFile() {}

  /**
   * Parses the file at {@code path}.
   *
   * @throws ConfigException naming the file and line on unreadable files, bad syntax or repeated keys
   */
  public static List<Entry> read(final Path path) {
    final String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new ConfigException("cannot read config file " + path + ": " + e, e);
    }
    return parse(text, path.toString());
  }

  /** Parses {@code text}; {@code source} names it in error messages. */
  public static List<Entry> parse(final String text, final String source) {
    final List<Entry> entries = new ArrayList<>();
    final Map<String, Integer> seen = new HashMap<>();
    final String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      final int lineNo = i + 1;
      final String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      final int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            source + " line " + lineNo + ": expected 'key = value', got '" + line + "'");
      }
      final String key = line.substring(0, eq).strip();
      final String value = value(line.substring(eq + 1).strip(), source, lineNo, key);
      final Integer previous = seen.put(key, lineNo);
      if (previous != null) {
        throw new ConfigException(
            source + " line " + lineNo + ": key '" + key + "' already set on line " + previous);
      }
      entries.add(new Entry(key, value, lineNo));
    }
    return List.copyOf(entries);
  }

  private static String value(final String raw, final String source, final int lineNo, final String key) {
    if (raw.startsWith("\"")) {
      final int close = raw.indexOf('"', 1);
      if (close < 0) {
        throw new ConfigException(source + " line " + lineNo + ": " + key + ": unterminated quote");
      }
      final String rest = raw.substring(close + 1).strip();
      if (!rest.isEmpty() && !rest.startsWith("#")) {
        throw new ConfigException(
            source + " line " + lineNo + ": " + key + ": text after the closing quote: '" + rest + "'");
      }
      return raw.substring(1, close);
    }
    for (int i = 1; i < raw.length(); i++) {
      if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
        return raw.substring(0, i).strip();
      }
    }
    return raw.startsWith("#") ? "" : raw;
  }
}
