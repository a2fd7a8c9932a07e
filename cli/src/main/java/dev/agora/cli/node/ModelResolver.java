package dev.agora.cli.node;

import dev.agora.inference.DemoModels;
import dev.agora.inference.ModelSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A model argument to a checkpoint file: a demo preset is generated once into a cache directory. */
public final class ModelResolver {
  private ModelResolver() {}

  /**
   * @param model a preset name (e.g. demo-15m) or a checkpoint path
   * @param cacheDir where generated presets are kept
   */
  public static Path resolve(final String model, final Path cacheDir) {
    if (DemoModels.find(model).isEmpty()) {
      final Path p = Path.of(model);
      if (!Files.isRegularFile(p)) {
        throw new IllegalArgumentException("model '" + model + "' is neither a demo preset ("
            + String.join(", ", DemoModels.names()) + ") nor a checkpoint file");
      }
      return p;
    }
    final ModelSpec spec = DemoModels.preset(model);
    try {
      Files.createDirectories(cacheDir);
      final Path file = cacheDir.resolve(model + ".bin");
      if (!Files.exists(file) || Files.size(file) != spec.config().fileSizeBytes()) {
        final Path tmp = Files.createTempFile(cacheDir, model, ".part");
        spec.writeTo(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      return file;
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write model cache in " + cacheDir + ": " + e.getMessage(), e);
    }
  }
}
