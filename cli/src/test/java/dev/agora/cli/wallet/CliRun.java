package dev.agora.cli.wallet;

import dev.agora.cli.AgoraCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a picocli command in-process and captures its exit code, stdout and stderr. */
record CliRun(int exit, String out, String err) {
  static CliRun agora(final String... args) {
    return run(new CommandLine(new AgoraCommand()), args);
  }

  static CliRun run(final CommandLine cmd, final String... args) {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    final int exit = cmd.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** Stderr holds exactly one non-empty line. */
  boolean oneErrorLine() {
    return !err.isBlank() && err.strip().lines().count() == 1;
  }
}
