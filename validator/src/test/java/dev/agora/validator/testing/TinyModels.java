package dev.agora.validator.testing;

import dev.agora.inference.DemoModels;
import dev.agora.inference.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a demo checkpoint once per build into target/test-models and returns its path. */
public final class TinyModels {
  private TinyModels() {}

  public static synchronized Path checkpoint(final String preset) {
    try {
      final ModelSpec spec = DemoModels.preset(preset);
      final Path dir = Path.of("target", "test-models");
      Files.createDirectories(dir);
      final Path file = dir.resolve(preset + ".bin");
      if (!Files.exists(file) || Files.size(file) != spec.config().fileSizeBytes()) {
        final Path tmp = Files.createTempFile(dir, preset, ".tmp");
        spec.writeTo(tmp);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return file;
    } catch (final java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
