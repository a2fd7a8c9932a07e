package dev.agora.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A key-value store with typed columns. Reads see only committed transactions; every logical change is
 * one {@link KvTransaction} that commits all or nothing. Keys within a column are ordered by unsigned
 * lexicographic comparison of their serialized bytes (RocksDB's default ordering).
 */
public interface KvStore extends AutoCloseable {
  <K, V> Optional<V> get(KvColumn<K, V> column, K key);

  /** Entries with {@code fromInclusive <= key < toExclusive} in key order; null bounds are open. */
  <K, V> List<Map.Entry<K, V>> range(KvColumn<K, V> column, K fromInclusive, K toExclusive);

  /** Every entry of the column, in key order. */
  default <K, V> List<Map.Entry<K, V>> all(final KvColumn<K, V> column) {
    return range(column, null, null);
  }

  /** Starts a write batch; nothing is visible until {@link KvTransaction#commit()} returns. */
  KvTransaction startTransaction();

  @Override
  void close();
}
