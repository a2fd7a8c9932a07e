package dev.agora.storage;

import java.util.Arrays;
import java.util.Map;

/** Byte-level helpers shared by the store implementations. */
final class KvKeys {
  private KvKeys() {}

  /** Unsigned lexicographic order, as RocksDB's default bytewise comparator. */
  static int compare(final byte[] a, final byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  static <K, V> Map.Entry<K, V> decode(
      final KvColumn<K, V> column, final byte[] key, final byte[] value) {
    try {
      return Map.entry(
          column.keySerializer().deserialize(key), column.valueSerializer().deserialize(value));
    } catch (RuntimeException e) {
      throw new StorageException("cannot decode an entry of column " + column + ": " + e.getMessage(), e);
    }
  }

  static <K, V> V decodeValue(final KvColumn<K, V> column, final byte[] value) {
    try {
      return column.valueSerializer().deserialize(value);
    } catch (RuntimeException e) {
      throw new StorageException("cannot decode a value of column " + column + ": " + e.getMessage(), e);
    }
  }
}
