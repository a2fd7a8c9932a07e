package dev.agora.cli.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agora.common.util.Json;
import dev.agora.inference.Checkpoint;
import dev.agora.inference.DemoModels;
import dev.agora.inference.DemoTokenizer;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.ModelConfig;
import dev.agora.inference.ModelSpec;
import dev.agora.inference.PositionResult;
import dev.agora.inference.Sampling;
import dev.agora.inference.VerificationResult;
import dev.agora.inference.Verifier;
import dev.agora.inference.VerifierConfig;
import dev.agora.inference.bench.InferenceBench;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agora model}: seeded demo checkpoints, answer verification and benchmarks. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Models: generate seeded demo checkpoints, verify answers, benchmark the engine.",
    subcommands = {ModelCommand.Generate.class, ModelCommand.Verify.class, ModelCommand.Bench.class})
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code agora model generate}. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Write a seeded llama2.c checkpoint (oracles/README.md recipe) from a preset or a shape.")
  public static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME", description = "demo-15m, demo-110m, demo-g128, demo-tiny, ...")
    String preset;

    @Option(names = "--dim") Integer dim;
    @Option(names = "--hidden") Integer hidden;
    @Option(names = "--layers") Integer layers;
    @Option(names = "--heads") Integer heads;
    @Option(names = "--kv-heads") Integer kvHeads;
    @Option(names = "--vocab") Integer vocab;
    @Option(names = "--seq") Integer seq;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--amp", defaultValue = "0.17") float amp;
    @Option(names = "--unshared", description = "separate classifier (negative vocab in the header)")
    boolean unshared;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Option(names = "--tokenizer-out", paramLabel = "FILE",
        description = "also write the generated demo tokenizer.bin for this vocabulary")
    Path tokenizerOut;

    @Override
    public Integer call() {
      final PrintWriter o = spec.commandLine().getOut();
      final PrintWriter err = spec.commandLine().getErr();
      try {
        final ModelSpec ms;
        if (preset != null) {
          ms = DemoModels.preset(preset);
        } else {
          if (dim == null || hidden == null || layers == null || heads == null || vocab == null
              || seq == null) {
            err.println("agora model generate: give --preset or all of --dim --hidden --layers"
                + " --heads --vocab --seq");
            return 2;
          }
          ms = new ModelSpec("custom", new ModelConfig(dim, hidden, layers, heads,
              kvHeads != null ? kvHeads : heads, vocab, seq, !unshared), seed, amp);
        }
        ms.writeTo(out);
        if (tokenizerOut != null) {
          DemoTokenizer.create(ms.config().vocabSize()).write(tokenizerOut);
        }
        o.printf(Locale.ROOT, "wrote %s (%s, %d bytes, %.1fM parameters)%n", out, ms.name(),
            ms.config().fileSizeBytes(), ms.config().parameterCount() / 1e6);
        return 0;
      } catch (final IllegalArgumentException | java.io.UncheckedIOException e) {
        err.println("agora model generate: " + e.getMessage());
        return 2;
      }
    }
  }

  /** {@code agora model verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify an answer by teacher-forced prefill (VERIFICATION.md §2.4).",
          "Exit code 0 pass, 1 fail, 2 bad input."})
  public static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin EngineOptions engine;

    @Option(names = "--prompt-ids", required = true, paramLabel = "1,2,3") String promptIds;
    @Option(names = "--answer-ids", required = true, paramLabel = "4,5,6") String answerIds;
    @Option(names = "--expected", paramLabel = "N", description = "expected answer length (default: the answer's)")
    Integer expected;
    @Option(names = "--temperature", defaultValue = "0") float temperature;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--tau", defaultValue = "0.02") float tau;
    @Option(names = "--epsilon", defaultValue = "0.001") float epsilon;
    @Option(names = "--allow-rare-violations", description = "tolerate one violation per 256 tokens")
    boolean rare;
    @Option(names = "--no-suppress", description = "BOS/EOS were not suppressed")
    boolean noSuppress;
    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      final PrintWriter o = spec.commandLine().getOut();
      final PrintWriter err = spec.commandLine().getErr();
      try (Checkpoint ckpt = engine.checkpoint(); InferenceEngine e = engine.engine(ckpt)) {
        final int[] prompt = EngineOptions.ids(promptIds);
        final int[] answer = EngineOptions.ids(answerIds);
        final Sampling s = temperature == 0f ? Sampling.greedy() : Sampling.seeded(temperature, seed);
        final Verifier v = new Verifier(e, new VerifierConfig(tau, epsilon, rare, !noSuppress));
        final long t0 = System.nanoTime();
        final VerificationResult r =
            v.verify(prompt, answer, expected != null ? expected : answer.length, s);
        final double ms = (System.nanoTime() - t0) / 1e6;
        if (json) {
          final ObjectNode n = Json.MAPPER.createObjectNode();
          n.put("passed", r.passed());
          n.put("reason", r.reason());
          if (r.firstFailure().isPresent()) {
            n.put("first_failure", r.firstFailure().getAsInt());
          }
          n.put("violations", r.violations());
          n.put("millis", ms);
          final ArrayNode arr = n.putArray("positions");
          for (final PositionResult p : r.positions()) {
            arr.addObject().put("index", p.index()).put("token", p.token())
                .put("validator_token", p.validatorToken()).put("margin", p.margin())
                .put("pass", p.pass()).put("near_tie", p.nearTie());
          }
          o.println(n.toString());
        } else {
          o.println((r.passed() ? "PASS" : "FAIL") + ": " + r.reason());
          final List<PositionResult> ps = r.positions();
          if (!ps.isEmpty()) {
            o.printf(Locale.ROOT, "positions %d, max margin %.5f, near-ties %d, %.0f ms%n",
                ps.size(), r.maxMargin(), r.nearTies().size(), ms);
            final StringBuilder b = new StringBuilder("margins:");
            for (final PositionResult p : ps) {
              b.append(String.format(Locale.ROOT, " %.4f", p.margin()));
            }
            o.println(b);
          }
        }
        return r.passed() ? 0 : 1;
      } catch (final IllegalArgumentException | IllegalStateException e) {
        err.println("agora model verify: " + e.getMessage());
        return 2;
      }
    }
  }

  /** {@code agora model bench}. */
  @Command(name = "bench", mixinStandardHelpOptions = true,
      description = "Benchmark the CPU engine: decode tok/s, prefill positions/s, verify vs generate.")
  public static final class Bench implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--preset", defaultValue = "demo-15m") String preset;
    @Option(names = "--model", paramLabel = "FILE") Path model;
    @Option(names = "--threads", defaultValue = "1,2", split = ",") List<Integer> threads;
    @Option(names = "--tokens", defaultValue = "128") int tokens;
    @Option(names = "--dir", defaultValue = "target/bench-models") Path dir;

    @Override
    public Integer call() throws Exception {
      final PrintWriter o = spec.commandLine().getOut();
      final Path file = model != null ? model
          : InferenceBench.ensure(DemoModels.preset(preset), dir, System.out);
      final String label = model != null ? model.getFileName().toString() : preset;
      for (final int t : threads) {
        o.println(InferenceBench.run(label, file, t, tokens).format());
        o.flush();
      }
      return 0;
    }
  }
}
