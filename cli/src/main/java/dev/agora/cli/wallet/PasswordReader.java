package dev.agora.cli.wallet;

import java.io.Console;
import java.util.Optional;

/** Reads a password interactively; the default uses the terminal without echo. */
@FunctionalInterface
public interface PasswordReader {
  /** The password typed at the prompt, or empty if there is no terminal to ask. */
  Optional<char[]> read(String prompt);

  /** Reads from {@link System#console()}; empty when stdin/stdout are not a terminal. */
  PasswordReader CONSOLE =
      prompt -> {
        final Console console = System.console();
        if (console == null) {
          return Optional.empty();
        }
        return Optional.ofNullable(console.readPassword("%s", prompt));
      };
}
