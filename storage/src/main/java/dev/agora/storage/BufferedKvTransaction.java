package dev.agora.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A transaction that serializes and buffers its writes in memory and hands them, in order, to a
 * committer that applies them atomically. Shared by every {@link KvStore} implementation.
 */
final class BufferedKvTransaction implements KvTransaction {
  private final Consumer<List<KvWrite>> committer;
  private final List<KvWrite> writes = new ArrayList<>();
  private boolean finished;

  BufferedKvTransaction(final Consumer<List<KvWrite>> committer) {
    this.committer = Objects.requireNonNull(committer);
  }

  @Override
  public <K, V> void put(final KvColumn<K, V> column, final K key, final V value) {
    checkOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    writes.add(
        KvWrite.put(
            column.id(),
            column.keySerializer().serialize(key),
            column.valueSerializer().serialize(value)));
  }

  @Override
  public <K, V> void delete(final KvColumn<K, V> column, final K key) {
    checkOpen();
    Objects.requireNonNull(key, "key");
    writes.add(KvWrite.delete(column.id(), column.keySerializer().serialize(key)));
  }

  @Override
  public void commit() {
    checkOpen();
    finished = true;
    committer.accept(List.copyOf(writes));
    writes.clear();
  }

  @Override
  public void close() {
    finished = true;
    writes.clear();
  }

  private void checkOpen() {
    if (finished) {
      throw new IllegalStateException("transaction already committed or closed");
    }
  }
}
