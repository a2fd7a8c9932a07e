package dev.agora.cli.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agora.common.util.Json;
import dev.agora.inference.Checkpoint;
import dev.agora.inference.Generator;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.Sampling;
import dev.agora.inference.Tokenizer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code agora generate}: run a model on a prompt, as llama2.c's run.c does. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate text with a llama2.c checkpoint (greedy, or seeded sampling with --temperature/--seed).",
      "--steps counts positions in all, prompt included (run.c's -n); stops early at BOS."
    })
public final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin EngineOptions engine;

  @Option(names = "--tokenizer", paramLabel = "FILE",
      description = "llama2.c tokenizer.bin (default: the generated demo tokenizer)")
  Path tokenizer;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Prompt prompt;

  static final class Prompt {
    @Option(names = "--prompt", paramLabel = "TEXT", description = "prompt text (BOS is added)")
    String text;

    @Option(names = "--prompt-ids", paramLabel = "1,2,3", description = "prompt token ids")
    String ids;
  }

  @Option(names = "--steps", defaultValue = "256", description = "positions in all (default ${DEFAULT-VALUE})")
  int steps;

  @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy (default)")
  float temperature;

  @Option(names = "--seed", defaultValue = "0", description = "sampling seed")
  long seed;

  @Option(names = "--ids", description = "print the generated ids instead of text")
  boolean printIds;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() {
    final PrintWriter out = spec.commandLine().getOut();
    final PrintWriter err = spec.commandLine().getErr();
    try (Checkpoint ckpt = engine.checkpoint(); InferenceEngine e = engine.engine(ckpt)) {
      final int vocab = ckpt.config().vocabSize();
      final Tokenizer tok = prompt.text != null || !printIds || json
          ? EngineOptions.tokenizer(tokenizer, vocab) : null;
      final int[] promptIds = prompt.text != null
          ? tok.encode(prompt.text, true, false) : EngineOptions.ids(prompt.ids);
      if (promptIds.length == 0) {
        err.println("agora generate: the prompt is empty");
        return 2;
      }
      final Sampling sampling = temperature == 0f ? Sampling.greedy()
          : Sampling.seeded(temperature, seed);
      final StringBuilder text = new StringBuilder();
      final boolean stream = !printIds && !json;
      if (stream && promptIds.length > 1) {
        out.print(tok.decode(promptIds[0], java.util.Arrays.copyOfRange(promptIds, 1, promptIds.length)));
        out.flush();
      }
      final int[] last = {promptIds[promptIds.length - 1]};
      final long t0 = System.nanoTime();
      final int[] gen = Generator.generateSteps(e, promptIds, steps, sampling, (i, t) -> {
        if (stream) {
          out.print(new String(tok.decodePiece(last[0], t), StandardCharsets.UTF_8));
          out.flush();
        }
        last[0] = t;
      });
      final double secs = (System.nanoTime() - t0) / 1e9;
      final double tps = (promptIds.length - 1 + gen.length) / Math.max(secs, 1e-9);
      if (json) {
        final ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("backend", e.backend());
        o.putPOJO("prompt_ids", promptIds);
        o.putPOJO("generated_ids", gen);
        o.put("text", tok.decode(promptIds[promptIds.length - 1], gen));
        o.put("seconds", secs);
        o.put("tokens_per_second", tps);
        out.println(o.toString());
      } else if (printIds) {
        out.println(EngineOptions.csv(gen));
        err.printf(Locale.ROOT, "achieved tok/s: %.1f%n", tps);
      } else {
        out.println();
        err.printf(Locale.ROOT, "achieved tok/s: %.1f%n", tps);
      }
      return 0;
    } catch (final IllegalArgumentException | IllegalStateException e) {
      err.println("agora generate: " + e.getMessage());
      return 2;
    }
  }
}
