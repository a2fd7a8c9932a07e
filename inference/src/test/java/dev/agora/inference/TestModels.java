package dev.agora.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Seeded checkpoints generated once per test JVM into target/test-models (never committed). */
public final class TestModels {
  private static final Map<String, Path> CACHE = new ConcurrentHashMap<>();

  private TestModels() {}

  /** The directory for generated test files. */
  public static Path dir() {
    try {
      return Files.createDirectories(Path.of("target", "test-models").toAbsolutePath());
    } catch (final IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The checkpoint of {@code spec}, generated on first use. */
  public static Path checkpoint(final ModelSpec spec) {
    final ModelConfig c = spec.config();
    final String key = spec.name() + "-" + c.dim() + "x" + c.hiddenDim() + "x" + c.layers() + "x"
        + c.heads() + "x" + c.kvHeads() + "x" + c.signedVocabSize() + "x" + c.seqLen() + "-s"
        + spec.seed() + "-a" + spec.amp();
    return CACHE.computeIfAbsent(key, k -> {
      final Path p = dir().resolve(k + ".bin");
      spec.writeTo(p);
      return p;
    });
  }

  /** The checkpoint of a named preset. */
  public static Path checkpoint(final String preset) {
    return checkpoint(DemoModels.preset(preset));
  }

  /** The shared folder with specs and oracles. */
  public static Path shared() {
    return Path.of(System.getProperty("agora.shared.dir", "/work/shared"));
  }
}
