package dev.agora.storage;

import java.util.Arrays;
import java.util.Optional;

/**
 * One buffered write of a transaction at the byte level: a put when {@code value} is present, a
 * delete otherwise. Arrays are copied in and out, so a write never aliases caller memory.
 */
final class KvWrite {
  private final byte columnId;
  private final byte[] key;
  private final byte[] value;
  private final boolean delete;

  private KvWrite(final byte columnId, final byte[] key, final byte[] value, final boolean delete) {
    this.columnId = columnId;
    this.key = key.clone();
    this.value = value.clone();
    this.delete = delete;
  }

  static KvWrite put(final byte columnId, final byte[] key, final byte[] value) {
    return new KvWrite(columnId, key, value, false);
  }

  static KvWrite delete(final byte columnId, final byte[] key) {
    return new KvWrite(columnId, key, new byte[0], true);
  }

  byte columnId() {
    return columnId;
  }

  byte[] key() {
    return key.clone();
  }

  /** The value of a put; empty for a delete. */
  Optional<byte[]> value() {
    return delete ? Optional.empty() : Optional.of(value.clone());
  }

  @Override
  public String toString() {
    return (delete ? "delete " : "put ")
        + (columnId & 0xff)
        + ":"
        + Arrays.toString(key);
  }
}
