package dev.agora.chain.yuma;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Loads the shared reference vectors (yuma/vectors.json) once per JVM. */
public final class Vectors {
  private static JsonNode root;

  private Vectors() {}

  /** Path of vectors.json under the {@code agora.shared.dir} system property. */
  public static Path path() {
    final String dir = System.getProperty("agora.shared.dir", "../../shared");
    return Path.of(dir, "yuma", "vectors.json");
  }

  /** The parsed file (decimals as BigDecimal, integers exact). */
  public static synchronized JsonNode root() {
    if (root == null) {
      try {
        root =
            JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build()
                .readTree(path().toFile());
      } catch (final IOException e) {
        throw new UncheckedIOException("cannot read " + path(), e);
      }
    }
    return root;
  }
}
