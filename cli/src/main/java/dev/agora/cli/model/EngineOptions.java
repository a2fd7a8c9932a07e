package dev.agora.cli.model;

import dev.agora.inference.Checkpoint;
import dev.agora.inference.DemoTokenizer;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.Tokenizer;
import dev.agora.inference.cpu.CpuInferenceEngine;
import dev.agora.inference.cuda.Backend;
import dev.agora.inference.cuda.BackendSelector;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by commands that load a model: the checkpoint, backend and threads. */
public final class EngineOptions {
  @Option(names = "--model", required = true, paramLabel = "FILE", description = "llama2.c checkpoint")
  Path model;

  @Option(names = "--backend", defaultValue = "cpu", paramLabel = "auto|cpu|cuda",
      description = "inference backend (default ${DEFAULT-VALUE})")
  String backend;

  @Option(names = "--threads", paramLabel = "N",
      description = "CPU threads (default: every core)")
  Integer threads;

  /** Opens the checkpoint; the caller closes it after the engine. */
  Checkpoint checkpoint() {
    return Checkpoint.open(model);
  }

  InferenceEngine engine(final Checkpoint ckpt) {
    final int t = threads != null ? threads : CpuInferenceEngine.defaultThreads();
    if (t < 1) {
      throw new IllegalArgumentException("--threads must be >= 1");
    }
    return BackendSelector.system(t).open(Backend.parse(backend), ckpt);
  }

  /** The tokenizer at {@code file}, or the generated demo tokenizer for this vocabulary. */
  static Tokenizer tokenizer(final Path file, final int vocab) {
    return file != null ? Tokenizer.read(file, vocab) : DemoTokenizer.create(vocab);
  }

  /** Parses "1,2,3" into ids. */
  static int[] ids(final String csv) {
    final String s = csv.trim();
    if (s.isEmpty()) {
      return new int[0];
    }
    final String[] parts = s.split(",");
    final int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Integer.parseInt(parts[i].trim());
      } catch (final NumberFormatException e) {
        throw new IllegalArgumentException("not a token id list: '" + csv + "'");
      }
    }
    return out;
  }

  static String csv(final int[] ids) {
    final StringBuilder b = new StringBuilder();
    for (int i = 0; i < ids.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      b.append(ids[i]);
    }
    return b.toString();
  }
}
