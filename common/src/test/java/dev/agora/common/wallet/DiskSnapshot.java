package dev.agora.common.wallet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every path under a directory with its content and permissions, to assert "nothing changed". */
final class DiskSnapshot {
  private DiskSnapshot() {}

  static Map<String, String> of(final Path root) {
    final Map<String, String> out = new TreeMap<>();
    if (!Files.exists(root)) {
      return out;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.forEach(
          p -> {
            try {
              final String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
              final String content =
                  Files.isRegularFile(p) ? Base64.getEncoder().encodeToString(Files.readAllBytes(p)) : "<dir>";
              out.put(root.relativize(p).toString(), perms + " " + content);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
