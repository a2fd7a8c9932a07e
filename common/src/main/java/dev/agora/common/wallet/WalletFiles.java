package dev.agora.common.wallet;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * File-system helpers: owner-only permissions (0700 directories, 0600 files) where the file system
 * is POSIX, durable writes through a temporary file, and moves that never replace what exists.
 */
final class WalletFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private WalletFiles() {}

  static FileAttribute<?>[] dirAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))}
        : new FileAttribute<?>[0];
  }

  static FileAttribute<?>[] fileAttributes() {
    return POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }

  /** Creates the directory and missing parents; new ones get 0700. */
  static void createDirectories(final Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    final Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(dir, dirAttributes());
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
    }
  }

  /** Writes a new 0600 file that must not exist yet, and syncs it to disk. */
  static void writeNew(final Path file, final byte[] data) throws IOException {
    write(file, data, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
  }

  private static void write(
      final Path file, final byte[] data, final java.util.Set<StandardOpenOption> options)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, options, fileAttributes())) {
      final ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /**
   * Writes a file atomically without replacing an existing one: data goes to a temporary 0600 file
   * in the same directory, which is then hard-linked to the target (fails if it exists) and removed.
   *
   * @throws FileAlreadyExistsException if the target exists; nothing is changed then
   */
  static void writeAtomicNoReplace(final Path target, final byte[] data) throws IOException {
    final Path dir = target.toAbsolutePath().getParent();
    final Path tmp = Files.createTempFile(dir, ".tmp-", ".partial", fileAttributes());
    try {
      write(tmp, data, java.util.Set.of(StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
      try {
        Files.createLink(target, tmp);
      } catch (UnsupportedOperationException e) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(target.toString());
        }
        Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Best-effort fsync of a directory so that a rename in it is durable. */
  static void syncDirectory(final Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | RuntimeException e) {
      // Some platforms cannot open directories; durability of the rename is then up to the OS.
    }
  }

  static byte[] read(final Path file, final int maxBytes) throws IOException {
    final long size = Files.size(file);
    if (size > maxBytes) {
      // Read a bounded prefix only; the parser reports the file as too large.
      final byte[] tooMany = new byte[maxBytes + 1];
      try (var in = Files.newInputStream(file)) {
        return in.readNBytes(tooMany.length);
      }
    }
    return Files.readAllBytes(file);
  }

  /** Names of the entries of a directory that do not start with a dot, sorted. */
  static List<Path> listVisible(final Path dir) throws IOException {
    final List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      for (final Path p : stream) {
        if (!p.getFileName().toString().startsWith(".")) {
          out.add(p);
        }
      }
    }
    out.sort(null);
    return out;
  }

  static void deleteRecursively(final Path path) {
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        for (final Path child : listAll(path)) {
          deleteRecursively(child);
        }
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // Best effort: a leftover hidden staging directory is ignored by list().
    }
  }

  private static List<Path> listAll(final Path dir) throws IOException {
    final List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(out::add);
    }
    return out;
  }
}
