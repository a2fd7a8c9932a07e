package dev.agora.storage;

import java.util.Objects;

/**
 * A typed column: a one-byte id (never reused) with key and value serializers. Columns are declared as
 * constants in one {@code *Schema} class per module.
 */
public final class KvColumn<K, V> {
  private final byte id;
  private final String name;
  private final KvSerializer<K> keySerializer;
  private final KvSerializer<V> valueSerializer;

  private KvColumn(
      final int id,
      final String name,
      final KvSerializer<K> keySerializer,
      final KvSerializer<V> valueSerializer) {
    if (id < 0 || id > 255) {
      throw new IllegalArgumentException("column id must fit in one byte: " + id);
    }
    this.id = (byte) id;
    this.name = Objects.requireNonNull(name);
    this.keySerializer = Objects.requireNonNull(keySerializer);
    this.valueSerializer = Objects.requireNonNull(valueSerializer);
  }

  public static <K, V> KvColumn<K, V> create(
      final int id,
      final String name,
      final KvSerializer<K> keySerializer,
      final KvSerializer<V> valueSerializer) {
    return new KvColumn<>(id, name, keySerializer, valueSerializer);
  }

  public byte id() {
    return id;
  }

  public String name() {
    return name;
  }

  public KvSerializer<K> keySerializer() {
    return keySerializer;
  }

  public KvSerializer<V> valueSerializer() {
    return valueSerializer;
  }

  @Override
  public String toString() {
    return "KvColumn[" + name + "#" + (id & 0xff) + "]";
  }
}
