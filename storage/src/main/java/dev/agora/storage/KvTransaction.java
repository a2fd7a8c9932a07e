package dev.agora.storage;

/**
 * A write batch. Commit applies every put and delete atomically and durably; close without commit
 * discards them. Use as {@code try (var tx = store.startTransaction()) { ...; tx.commit(); }}.
 */
public interface KvTransaction extends AutoCloseable {
  <K, V> void put(KvColumn<K, V> column, K key, V value);

  <K, V> void delete(KvColumn<K, V> column, K key);

  /** Applies the batch atomically; once this returns the change survives a crash (fsync'd WAL). */
  void commit();

  /** Discards an uncommitted batch; a no-op after commit. */
  @Override
  void close();
}
