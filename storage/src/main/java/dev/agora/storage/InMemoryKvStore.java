package dev.agora.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link KvStore} held in memory: one sorted map per column with RocksDB's unsigned bytewise key
 * order. Transactions are applied under a write lock, so readers see all of a commit or none of it.
 */
public final class InMemoryKvStore implements KvStore {
  private final Map<Byte, NavigableMap<byte[], byte[]>> columns = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  public InMemoryKvStore() {}

  @Override
  public <K, V> Optional<V> get(final KvColumn<K, V> column, final K key) {
    Objects.requireNonNull(key, "key");
    final byte[] keyBytes = column.keySerializer().serialize(key);
    lock.readLock().lock();
    try {
      checkOpen();
      final NavigableMap<byte[], byte[]> map = columns.get(column.id());
      final byte[] value = map == null ? null : map.get(keyBytes);
      return value == null ? Optional.empty() : Optional.of(KvKeys.decodeValue(column, value.clone()));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <K, V> List<Map.Entry<K, V>> range(
      final KvColumn<K, V> column, final K fromInclusive, final K toExclusive) {
    final byte[] from = fromInclusive == null ? null : column.keySerializer().serialize(fromInclusive);
    final byte[] to = toExclusive == null ? null : column.keySerializer().serialize(toExclusive);
    final List<Map.Entry<K, V>> out = new ArrayList<>();
    lock.readLock().lock();
    try {
      checkOpen();
      final NavigableMap<byte[], byte[]> map = columns.get(column.id());
      if (map == null || (from != null && to != null && KvKeys.compare(from, to) >= 0)) {
        return out;
      }
      NavigableMap<byte[], byte[]> view = map;
      if (from != null) {
        view = view.tailMap(from, true);
      }
      if (to != null) {
        view = view.headMap(to, false);
      }
      for (Map.Entry<byte[], byte[]> e : view.entrySet()) {
        out.add(KvKeys.decode(column, e.getKey().clone(), e.getValue().clone()));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public KvTransaction startTransaction() {
    return new BufferedKvTransaction(this::apply);
  }

  private void apply(final List<KvWrite> writes) {
    lock.writeLock().lock();
    try {
      checkOpen();
      for (KvWrite w : writes) {
        final NavigableMap<byte[], byte[]> map =
            columns.computeIfAbsent(w.columnId(), id -> new TreeMap<>(KvKeys::compare));
        final Optional<byte[]> value = w.value();
        if (value.isPresent()) {
          map.put(w.key(), value.get());
        } else {
          map.remove(w.key());
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      columns.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("in-memory store is closed");
    }
  }
}
