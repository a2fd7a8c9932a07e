package dev.agora.config;

import java.util.List;

/**
 * Writes the option tables of docs/CONFIGURATION.md and the default config files from the option
 * definitions, so the documentation and the shipped files cannot drift from the code.
 */
public final class ConfigDocs {
  /** Every option set, in the order the docs show them. */
  public static final List<OptionSet> ALL =
      List.of(DevnetConfig.OPTIONS, ChainConfig.OPTIONS, MinerConfig.OPTIONS, ValidatorConfig.OPTIONS);

  private ConfigDocs() {}

  /** A markdown table: key, environment variable, flag, default, bound, meaning. */
  public static String markdownTable(final OptionSet set) {
    final StringBuilder sb = new StringBuilder();
    sb.append("| key | environment | flag | default | allowed | meaning |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (Option<?> o : set.options()) {
      sb.append("| `").append(o.name()).append("` | `").append(o.envName()).append("` | `")
          .append(o.flagName()).append("` | ").append(code(o.formattedDefault())).append(" | ")
          .append(escape(o.boundText())).append(" | ").append(escape(o.description())).append(" |\n");
    }
    return sb.toString();
  }

  /** A config file that sets every option to its default, each with its meaning and bound. */
  public static String defaultFile(final OptionSet set) {
    final StringBuilder sb = new StringBuilder();
    sb.append("# Agora ").append(set.name()).append(" configuration: every option at its default.\n");
    sb.append("# Copy this file, edit it and pass it with --config FILE (or AGORA_CONFIG=FILE).\n");
    sb.append("# Precedence: this file < AGORA_* environment variables < command-line flags.\n");
    for (Option<?> o : set.options()) {
      sb.append("\n# ").append(o.description()).append(" Allowed: ").append(o.boundText()).append(".\n");
      sb.append("# env ").append(o.envName()).append(", flag ").append(o.flagName()).append('\n');
      final String value = o.formattedDefault();
      sb.append(o.name()).append(" = ").append(value.isEmpty() ? "\"\"" : value).append('\n');
    }
    return sb.toString();
  }

  private static String code(final String text) {
    return text.isEmpty() ? "(empty)" : "`" + text + "`";
  }

  private static String escape(final String text) {
    return text.replace("|", "\\|");
  }

  /** Prints the tables (no argument) or the default file of the set named by the argument. */
  public static void main(final String[] args) {
    for (OptionSet set : ALL) {
      if (args.length == 0) {
        System.out.println("### " + set.name() + "\n");
        System.out.println(markdownTable(set));
      } else if (args[0].equals(set.name())) {
        System.out.print(defaultFile(set));
      }
    }
  }
}
