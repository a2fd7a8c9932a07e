package dev.agora.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A {@link KvStore} on one RocksDB database. Every stored key is the column's one-byte id followed by
 * the serialized key, so each column is a contiguous, bytewise-ordered key range. Commits are one
 * {@link WriteBatch} written with a synced WAL. This is the only class that imports {@code org.rocksdb};
 * every engine error leaves it as a {@link StorageException} naming the database path.
 *
 * <p>A read-write lock guards the native handle: reads and commits share it, {@link #close()} takes it
 * exclusively, so a closed handle is never touched (which would crash the JVM).
 */
public final class RocksDbKvStore implements KvStore {
  private static final Object LOAD_LOCK = new Object();
  private static boolean libraryLoaded;

  private final Path dir;
  private final Options options;
  private final WriteOptions syncWrites;
  private final RocksDB db;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private RocksDbKvStore(
      final Path dir, final Options options, final WriteOptions syncWrites, final RocksDB db) {
    this.dir = dir;
    this.options = options;
    this.syncWrites = syncWrites;
    this.db = db;
  }

  /**
   * Opens the database in {@code dir}, creating the directory and database if missing.
   *
   * @throws StorageException naming the path when the directory cannot be created, is corrupt, or is
   *     locked by another open store (in this or another process)
   */
  public static RocksDbKvStore open(final Path dir) {
    Objects.requireNonNull(dir, "dir");
    final Path abs = dir.toAbsolutePath().normalize();
    loadLibrary(abs);
    try {
      Files.createDirectories(abs);
    } catch (IOException | RuntimeException e) {
      throw new StorageException("cannot create database directory " + abs + ": " + e, e);
    }
    final Options options =
        new Options()
            .setCreateIfMissing(true)
            .setParanoidChecks(true)
            .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
            .setKeepLogFileNum(2);
    final WriteOptions syncWrites = new WriteOptions().setSync(true);
    try {
      final RocksDB db = RocksDB.open(options, abs.toString());
      return new RocksDbKvStore(abs, options, syncWrites, db);
    } catch (RocksDBException e) {
      syncWrites.close();
      options.close();
      throw new StorageException(
          "cannot open database " + abs + " (" + reason(e) + "): " + describe(e), e);
    } catch (RuntimeException e) {
      syncWrites.close();
      options.close();
      throw new StorageException("cannot open database " + abs + ": " + e, e);
    }
  }

  private static void loadLibrary(final Path abs) {
    synchronized (LOAD_LOCK) {
      if (libraryLoaded) {
        return;
      }
      try {
        RocksDB.loadLibrary();
        libraryLoaded = true;
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        throw new StorageException(
            "cannot load the RocksDB native library to open " + abs + ": " + e, e);
      }
    }
  }

  /** The absolute database directory. */
  public Path path() {
    return dir;
  }

  @Override
  public <K, V> Optional<V> get(final KvColumn<K, V> column, final K key) {
    Objects.requireNonNull(key, "key");
    final byte[] stored = storedKey(column.id(), column.keySerializer().serialize(key));
    lock.readLock().lock();
    try {
      checkOpen();
      final byte[] value = db.get(stored);
      return value == null ? Optional.empty() : Optional.of(KvKeys.decodeValue(column, value));
    } catch (RocksDBException e) {
      throw new StorageException("read failed in " + dir + ": " + describe(e), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <K, V> List<Map.Entry<K, V>> range(
      final KvColumn<K, V> column, final K fromInclusive, final K toExclusive) {
    final byte id = column.id();
    final byte[] start =
        storedKey(id, fromInclusive == null ? new byte[0] : column.keySerializer().serialize(fromInclusive));
    final Optional<byte[]> end =
        toExclusive == null
            ? Optional.empty()
            : Optional.of(storedKey(id, column.keySerializer().serialize(toExclusive)));
    final List<Map.Entry<K, V>> out = new ArrayList<>();
    lock.readLock().lock();
    try (RocksIterator it = iterator()) {
      for (it.seek(start); it.isValid(); it.next()) {
        final byte[] k = it.key();
        if (k.length == 0 || k[0] != id) {
          break;
        }
        if (end.isPresent() && KvKeys.compare(k, end.get()) >= 0) {
          break;
        }
        out.add(KvKeys.decode(column, Arrays.copyOfRange(k, 1, k.length), it.value()));
      }
      it.status();
      return out;
    } catch (RocksDBException e) {
      throw new StorageException("range scan failed in " + dir + ": " + describe(e), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private RocksIterator iterator() {
    checkOpen();
    return db.newIterator();
  }

  @Override
  public KvTransaction startTransaction() {
    return new BufferedKvTransaction(this::apply);
  }

  private void apply(final List<KvWrite> writes) {
    lock.readLock().lock();
    try (WriteBatch batch = new WriteBatch()) {
      checkOpen();
      for (KvWrite w : writes) {
        final byte[] k = storedKey(w.columnId(), w.key());
        final Optional<byte[]> value = w.value();
        if (value.isPresent()) {
          batch.put(k, value.get());
        } else {
          batch.delete(k);
        }
      }
      db.write(syncWrites, batch);
    } catch (RocksDBException e) {
      throw new StorageException("commit failed in " + dir + ": " + describe(e), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      try {
        db.syncWal();
        db.closeE();
      } catch (RocksDBException e) {
        throw new StorageException("close failed for " + dir + ": " + describe(e), e);
      } finally {
        syncWrites.close();
        options.close();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("database " + dir + " is closed");
    }
  }

  private static byte[] storedKey(final byte columnId, final byte[] key) {
    final byte[] out = new byte[key.length + 1];
    out[0] = columnId;
    System.arraycopy(key, 0, out, 1, key.length);
    return out;
  }

  private static String reason(final RocksDBException e) {
    final String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("lock")) {
      return "locked: already open in this or another process";
    }
    if (e.getStatus() != null && e.getStatus().getCode() == Status.Code.Corruption) {
      return "corrupt database files";
    }
    return "not a usable database directory";
  }

  private static String describe(final RocksDBException e) {
    final String status = e.getStatus() == null ? "" : " [" + e.getStatus().getCodeString() + "]";
    return e.getMessage() + status;
  }
}
