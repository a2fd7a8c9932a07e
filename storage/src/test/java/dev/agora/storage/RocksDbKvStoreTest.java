package dev.agora.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the storage contract against {@link RocksDbKvStore}, plus its on-disk behaviour. */
class RocksDbKvStoreTest extends AbstractKvStoreContractTest {
  @TempDir Path tempDir;

  @Override
  protected KvStore createStore() {
    return RocksDbKvStore.open(tempDir.resolve("contract-db"));
  }

  @Test
  void open_shouldKeepCommittedDataWhenReopened() {
    final Path dir = tempDir.resolve("reopen");
    try (RocksDbKvStore db = RocksDbKvStore.open(dir)) {
      try (KvTransaction tx = db.startTransaction()) {
        tx.put(NUMBERS, 1L, "one");
        tx.put(TOP, 2L, "two");
        tx.commit();
      }
      try (KvTransaction tx = db.startTransaction()) {
        tx.put(NUMBERS, 3L, "never committed");
      }
    }
    try (RocksDbKvStore db = RocksDbKvStore.open(dir)) {
      assertEquals(List.of(Map.entry(1L, "one")), db.all(NUMBERS));
      assertEquals(Optional.of("two"), db.get(TOP, 2L));
    }
  }

  @Test
  void open_shouldCreateDirectoriesWhenMissing() {
    final Path dir = tempDir.resolve("a/b/c");
    try (RocksDbKvStore db = RocksDbKvStore.open(dir)) {
      assertEquals(dir.toAbsolutePath().normalize(), db.path());
    }
    assertTrue(Files.isRegularFile(dir.resolve("CURRENT")));
  }

  @Test
  void open_shouldThrowNamingPathWhenAlreadyOpenInThisProcess() {
    final Path dir = tempDir.resolve("locked");
    try (RocksDbKvStore first = RocksDbKvStore.open(dir)) {
      putOne(first, 1L, "one");
      final StorageException e = assertThrows(StorageException.class, () -> RocksDbKvStore.open(dir));
      assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
      assertEquals(Optional.of("one"), first.get(NUMBERS, 1L));
    }
    try (RocksDbKvStore again = RocksDbKvStore.open(dir)) {
      assertEquals(Optional.of("one"), again.get(NUMBERS, 1L));
    }
  }

  @Test
  void open_shouldThrowNamingPathWhenCurrentFileIsGarbage() throws IOException {
    final Path dir = closedDatabase("corrupt-current");
    Files.writeString(dir.resolve("CURRENT"), "this is not a manifest name\n", StandardCharsets.UTF_8);
    final StorageException e = assertThrows(StorageException.class, () -> RocksDbKvStore.open(dir));
    assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
  }

  @Test
  void open_shouldThrowNamingPathWhenManifestIsGarbage() throws IOException {
    final Path dir = closedDatabase("corrupt-manifest");
    final Path manifest;
    try (Stream<Path> files = Files.list(dir)) {
      manifest =
          files
              .filter(p -> p.getFileName().toString().startsWith("MANIFEST-"))
              .findFirst()
              .orElseThrow();
    }
    final byte[] garbage = new byte[(int) Math.max(64, Files.size(manifest))];
    new java.util.Random(3).nextBytes(garbage);
    Files.write(manifest, garbage);
    final StorageException e = assertThrows(StorageException.class, () -> RocksDbKvStore.open(dir));
    assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
  }

  @Test
  void open_shouldThrowNamingPathWhenPathIsRegularFile() throws IOException {
    final Path file = Files.writeString(tempDir.resolve("plain-file"), "x");
    final StorageException e = assertThrows(StorageException.class, () -> RocksDbKvStore.open(file));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
  }

  private Path closedDatabase(final String name) {
    final Path dir = tempDir.resolve(name);
    try (RocksDbKvStore db = RocksDbKvStore.open(dir)) {
      putOne(db, 1L, "one");
    }
    return dir;
  }

  private static void putOne(final KvStore db, final long key, final String value) {
    try (KvTransaction tx = db.startTransaction()) {
      tx.put(NUMBERS, key, value);
      tx.commit();
    }
  }
}
