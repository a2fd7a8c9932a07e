package dev.agora.cli.wallet;

import dev.agora.common.util.Json;
import dev.agora.common.wallet.WalletException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the wallet subcommands: shared options, output to picocli's streams, and one-line
 * errors. Exit codes: 0 success, 1 failure (for {@code verify}: 1 invalid signature, 2 failure).
 */
abstract class WalletSubcommand implements Callable<Integer> {
  static final int OK = 0;
  static final int FAILED = 1;

  @Spec CommandSpec spec;

  @Mixin WalletOptions options;

  /** Does the work; may throw {@link WalletException} or {@link IllegalArgumentException}. */
  abstract int execute() throws java.io.IOException;

  /** The exit code for a failure. */
  int failureCode() {
    return FAILED;
  }

  @Override
  public final Integer call() {
    try {
      return execute();
    } catch (WalletException | IllegalArgumentException | java.io.IOException e) {
      return fail(e.getMessage());
    } catch (java.io.UncheckedIOException e) {
      return fail(e.getCause().getMessage());
    }
  }

  int fail(final String reason) {
    err().println("error: " + oneLine(reason));
    err().flush();
    return failureCode();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  void printJson(final Map<String, ?> value) {
    out().println(Json.write(value));
    out().flush();
  }

  void println(final String line) {
    out().println(line);
    out().flush();
  }

  private static String oneLine(final String s) {
    return s == null ? "unknown error" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
