package dev.agora.cli.yuma;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.agora.chain.yuma.YumaOutput;
import dev.agora.chain.yuma.scenario.ScenarioFile;
import dev.agora.chain.yuma.scenario.ScenarioParser;
import dev.agora.chain.yuma.scenario.ScenarioReport;
import dev.agora.chain.yuma.scenario.ScenarioRunner;
import dev.agora.common.math.I32F32;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code agora yuma}: Yuma Consensus tools for subnet owners. */
@Command(
    name = "yuma",
    mixinStandardHelpOptions = true,
    description = "Yuma Consensus: run what-if scenarios on the exact epoch of the chain.",
    subcommands = {YumaCommand.Run.class})
public final class YumaCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code agora yuma run FILE}. */
  @Command(
      name = "run",
      mixinStandardHelpOptions = true,
      description = {
        "Run a scenario file (the yuma/vectors.json format) and check its expectations.",
        "Prints, per case and step, PASS or the mismatching fields with expected and actual values.",
        "Exit code: 0 all expectations hold, 1 an expectation fails, 2 the file cannot be read."
      })
  public static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "scenario JSON file")
    Path file;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Option(
        names = "--secondary",
        description = "also check secondary_reference and expect_from_test_comments values")
    boolean secondary;

    @Option(names = {"-q", "--quiet"}, description = "no per-uid tables, only results")
    boolean quiet;

    @Option(
        names = "--max-rows",
        defaultValue = "32",
        description = "uids shown per table (default ${DEFAULT-VALUE})")
    int maxRows;

    @Override
    public Integer call() {
      final PrintWriter out = spec.commandLine().getOut();
      final PrintWriter err = spec.commandLine().getErr();
      if (!Files.isRegularFile(file)) {
        err.println("agora yuma run: no such file: " + file);
        return 2;
      }
      final ScenarioFile parsed;
      try {
        parsed = ScenarioParser.parse(file);
      } catch (final IOException e) {
        err.println("agora yuma run: cannot read " + file + ": " + e.getMessage());
        return 2;
      } catch (final IllegalArgumentException e) {
        err.println("agora yuma run: invalid scenario: " + e.getMessage());
        return 2;
      }
      final ScenarioReport report = new ScenarioRunner(secondary).run(parsed);
      if (json) {
        out.println(toJson(report));
      } else {
        printText(report, out);
      }
      out.flush();
      return report.passed() ? 0 : 1;
    }

    private void printText(final ScenarioReport r, final PrintWriter out) {
      int failedCases = 0;
      for (final ScenarioReport.CaseResult c : r.cases()) {
        out.println();
        out.println((c.passed() ? "PASS  " : "FAIL  ") + "case " + c.id());
        if (!c.description().isEmpty()) {
          out.println("      " + c.description());
        }
        for (final String w : c.warnings()) {
          out.println("      warning: " + w);
        }
        for (final ScenarioReport.StepResult s : c.steps()) {
          if (!s.op().equals("epoch")) {
            continue;
          }
          final String status =
              !s.passed() ? "FAIL" : s.checkedFields().isEmpty() ? "ran " : "PASS";
          out.printf(
              Locale.ROOT,
              "  %s step %d: epoch at block %d%s%s%n",
              status,
              s.index(),
              s.block(),
              checkedSummary(s.checkedFields()),
              s.note().map(n -> " — " + n).orElse(""));
          for (final ScenarioReport.Mismatch m : s.mismatches()) {
            out.printf(
                Locale.ROOT,
                "        %s%s: expected %s, got %s%s%n",
                m.field(),
                m.at(),
                m.expected(),
                m.actual(),
                m.tolerance() > 0 ? " (tolerance " + m.tolerance() + ")" : "");
          }
          s.uncheckedRule().ifPresent(rule -> out.println("        rule not checked automatically: " + rule));
          if (!quiet && s.output().isPresent()) {
            printTable(s.stake().orElse(new long[0]), s.output().get(), out);
          }
        }
        c.error().ifPresent(e -> out.println("  ERROR " + e));
        if (!c.passed()) {
          failedCases++;
        }
      }
      for (final ScenarioReport.CoinbaseResult c : r.coinbase()) {
        out.println();
        out.println((c.passed() ? "PASS  " : "FAIL  ") + "coinbase " + c.id() + " (" + c.checks() + " values)");
        for (final ScenarioReport.Mismatch m : c.mismatches()) {
          out.printf(Locale.ROOT, "        %s (%s): expected %s, got %s%n", m.field(), m.at(), m.expected(), m.actual());
        }
        if (!c.passed()) {
          failedCases++;
        }
      }
      out.println();
      final int total = r.cases().size() + r.coinbase().size();
      out.printf(
          Locale.ROOT,
          "%s: %d of %d cases pass, %d epoch steps checked%s%n",
          r.passed() ? "PASS" : "FAIL",
          total - failedCases,
          total,
          r.checkedSteps(),
          r.mathCaseCount() > 0 ? " (" + r.mathCaseCount() + " math cases are checked by the test suite, not here)" : "");
    }

    private void printTable(final long[] stake, final YumaOutput o, final PrintWriter out) {
      out.println("        uid        stake  permit→next  active  consensus  incentive  dividends  v_trust      emission  (server / validator)");
      final int n = o.n();
      final int shown = Math.min(n, Math.max(0, maxRows));
      for (int i = 0; i < shown; i++) {
        out.printf(
            Locale.ROOT,
            "        %3d %12d  %-11s  %-6s  %9s  %9s  %9s  %7s  %12d  (%d / %d)%n",
            i,
            i < stake.length ? stake[i] : 0,
            o.newValidatorPermit()[i] ? "yes" : "no",
            o.active()[i] ? "yes" : "no",
            fmt(o.consensus()[i]),
            fmt(o.incentive()[i]),
            fmt(o.dividends()[i]),
            fmt(o.validatorTrust()[i]),
            o.emission()[i],
            o.serverEmission()[i],
            o.validatorEmission()[i]);
      }
      if (shown < n) {
        out.println("        … " + (n - shown) + " more uids (use --max-rows)");
      }
    }

    private static String checkedSummary(final java.util.List<String> fields) {
      if (fields.isEmpty()) {
        return "";
      }
      final java.util.List<String> primary =
          fields.stream().filter(f -> !f.contains(".")).toList();
      final long secondary = fields.size() - primary.size();
      return " (checked: "
          + (primary.isEmpty() ? "-" : String.join(", ", primary))
          + (secondary > 0 ? " + " + secondary + " secondary fields" : "")
          + ")";
    }

    private static String fmt(final long raw) {
      return String.format(Locale.ROOT, "%.6f", I32F32.toDouble(raw));
    }

    private static String toJson(final ScenarioReport r) {
      final ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      final ObjectNode root = m.createObjectNode();
      root.put("passed", r.passed());
      final ArrayNode cases = root.putArray("cases");
      for (final ScenarioReport.CaseResult c : r.cases()) {
        final ObjectNode cn = cases.addObject();
        cn.put("id", c.id());
        cn.put("passed", c.passed());
        c.error().ifPresent(e -> cn.put("error", e));
        final ArrayNode warn = cn.putArray("warnings");
        c.warnings().forEach(warn::add);
        final ArrayNode steps = cn.putArray("steps");
        for (final ScenarioReport.StepResult s : c.steps()) {
          if (!s.op().equals("epoch")) {
            continue;
          }
          final ObjectNode sn = steps.addObject();
          sn.put("index", s.index());
          sn.put("block", s.block());
          sn.put("passed", s.passed());
          final ArrayNode checked = sn.putArray("checked");
          s.checkedFields().forEach(checked::add);
          final ArrayNode mm = sn.putArray("mismatches");
          for (final ScenarioReport.Mismatch x : s.mismatches()) {
            final ObjectNode xn = mm.addObject();
            xn.put("field", x.field());
            xn.put("at", x.at());
            xn.put("expected", x.expected());
            xn.put("actual", x.actual());
            xn.put("tolerance", x.tolerance());
          }
          s.uncheckedRule().ifPresent(rule -> sn.put("unchecked_rule", rule));
          s.output().ifPresent(o -> {
            final ObjectNode on = sn.putObject("output");
            putInts(on.putArray("consensus_u16"), o.consensusU16());
            putInts(on.putArray("incentive_u16"), o.incentiveU16());
            putInts(on.putArray("dividends_u16"), o.dividendsU16());
            putInts(on.putArray("validator_trust_u16"), o.validatorTrustU16());
            putLongs(on.putArray("emission"), o.emission());
            putLongs(on.putArray("server_emission"), o.serverEmission());
            putLongs(on.putArray("validator_emission"), o.validatorEmission());
            final ArrayNode p = on.putArray("new_validator_permit");
            for (final boolean b : o.newValidatorPermit()) {
              p.add(b);
            }
          });
        }
      }
      final ArrayNode cb = root.putArray("coinbase_cases");
      for (final ScenarioReport.CoinbaseResult c : r.coinbase()) {
        final ObjectNode cn = cb.addObject();
        cn.put("id", c.id());
        cn.put("passed", c.passed());
        final ArrayNode mm = cn.putArray("mismatches");
        for (final ScenarioReport.Mismatch x : c.mismatches()) {
          mm.addObject().put("field", x.field()).put("at", x.at()).put("expected", x.expected()).put("actual", x.actual());
        }
      }
      root.put("math_cases_not_run", r.mathCaseCount());
      try {
        return m.writeValueAsString(root);
      } catch (final IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void putInts(final ArrayNode a, final int[] v) {
      for (final int x : v) {
        a.add(x);
      }
    }

    private static void putLongs(final ArrayNode a, final long[] v) {
      for (final long x : v) {
        a.add(x);
      }
    }
  }
}
