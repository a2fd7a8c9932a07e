package dev.agora.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link KvStore} must have. Subclass it with {@link #createStore()} returning a
 * fresh, empty store; published in the storage test-jar so other modules can run it on their stores.
 */
public abstract class AbstractKvStoreContractTest {
  /** Test columns; ids 254 and 255 check the top of the id range. */
  protected static final KvColumn<Long, String> NUMBERS =
      KvColumn.create(1, "numbers", KvSerializers.LONG_BE, KvSerializers.STRING);

  protected static final KvColumn<byte[], byte[]> RAW =
      KvColumn.create(2, "raw", KvSerializers.BYTES, KvSerializers.BYTES);

  protected static final KvColumn<Long, String> OTHER_NUMBERS =
      KvColumn.create(3, "other-numbers", KvSerializers.LONG_BE, KvSerializers.STRING);

  protected static final KvColumn<Long, String> HIGH =
      KvColumn.create(254, "high", KvSerializers.LONG_BE, KvSerializers.STRING);

  protected static final KvColumn<Long, String> TOP =
      KvColumn.create(255, "top", KvSerializers.LONG_BE, KvSerializers.STRING);

  /** Same id as {@link #RAW} but a fixed-width value serializer, to read bytes it cannot decode. */
  protected static final KvColumn<byte[], Long> RAW_AS_LONG =
      KvColumn.create(2, "raw-as-long", KvSerializers.BYTES, KvSerializers.LONG_BE);

  /** A JSON-valued column. */
  protected static final KvColumn<Integer, Sample> SAMPLES =
      KvColumn.create(4, "samples", KvSerializers.INT_BE, KvSerializers.json(Sample.class));

  /** A small value type for the JSON column. */
  public record Sample(String name, long amount, List<Integer> uids) {}

  protected KvStore store;

  /** A fresh, empty store; closed by the contract after each test. */
  protected abstract KvStore createStore();

  @BeforeEach
  void openStore() {
    store = createStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  protected final <K, V> void putOne(final KvColumn<K, V> column, final K key, final V value) {
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(column, key, value);
      tx.commit();
    }
  }

  @Test
  void get_shouldReturnEmptyWhenKeyAbsent() {
    assertEquals(Optional.empty(), store.get(NUMBERS, 7L));
    assertTrue(store.all(NUMBERS).isEmpty());
  }

  @Test
  void put_shouldBeReadableWhenCommitted() {
    putOne(NUMBERS, 7L, "seven");
    assertEquals(Optional.of("seven"), store.get(NUMBERS, 7L));
    assertEquals(Optional.empty(), store.get(NUMBERS, 8L));
  }

  @Test
  void put_shouldOverwriteWhenKeyExists() {
    putOne(NUMBERS, 7L, "seven");
    putOne(NUMBERS, 7L, "SEVEN");
    assertEquals(Optional.of("SEVEN"), store.get(NUMBERS, 7L));
    assertEquals(1, store.all(NUMBERS).size());
  }

  @Test
  void delete_shouldRemoveKeyWhenCommitted() {
    putOne(NUMBERS, 1L, "one");
    putOne(NUMBERS, 2L, "two");
    try (KvTransaction tx = store.startTransaction()) {
      tx.delete(NUMBERS, 1L);
      tx.delete(NUMBERS, 99L);
      tx.commit();
    }
    assertEquals(Optional.empty(), store.get(NUMBERS, 1L));
    assertEquals(List.of(Map.entry(2L, "two")), store.all(NUMBERS));
  }

  @Test
  void transaction_shouldApplyWritesInOrderWhenSameKeyRepeats() {
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(NUMBERS, 1L, "a");
      tx.delete(NUMBERS, 1L);
      tx.delete(NUMBERS, 2L);
      tx.put(NUMBERS, 2L, "b");
      tx.put(NUMBERS, 3L, "c");
      tx.put(NUMBERS, 3L, "d");
      tx.commit();
    }
    assertEquals(List.of(Map.entry(2L, "b"), Map.entry(3L, "d")), store.all(NUMBERS));
  }

  @Test
  void range_shouldOrderBigEndianLongsNumericallyWhenNonNegative() {
    final List<Long> keys =
        new ArrayList<>(List.of(0L, 1L, 255L, 256L, 65_535L, 1L << 31, (1L << 32) + 5, Long.MAX_VALUE));
    final List<Long> shuffled = new ArrayList<>(keys);
    Collections.shuffle(shuffled, new Random(42));
    try (KvTransaction tx = store.startTransaction()) {
      for (long k : shuffled) {
        tx.put(NUMBERS, k, "v" + k);
      }
      tx.commit();
    }
    final List<Long> scanned = store.all(NUMBERS).stream().map(Map.Entry::getKey).toList();
    assertEquals(keys, scanned);
  }

  @Test
  void range_shouldOrderBytesUnsignedLexicographically() {
    final List<byte[]> expected =
        List.of(
            new byte[] {},
            new byte[] {0x00},
            new byte[] {0x00, 0x00},
            new byte[] {0x01},
            new byte[] {0x01, 0x00},
            new byte[] {0x01, (byte) 0xff},
            new byte[] {0x7f},
            new byte[] {(byte) 0x80},
            new byte[] {(byte) 0x80, 0x00},
            new byte[] {(byte) 0xfe, (byte) 0xff},
            new byte[] {(byte) 0xff},
            new byte[] {(byte) 0xff, (byte) 0xff});
    final List<byte[]> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(7));
    try (KvTransaction tx = store.startTransaction()) {
      for (byte[] k : shuffled) {
        tx.put(RAW, k, new byte[] {(byte) k.length});
      }
      tx.commit();
    }
    final List<Map.Entry<byte[], byte[]>> all = store.all(RAW);
    assertEquals(expected.size(), all.size());
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), all.get(i).getKey(), "position " + i);
      assertArrayEquals(new byte[] {(byte) expected.get(i).length}, all.get(i).getValue());
    }
  }

  @Test
  void range_shouldIncludeFromAndExcludeToWhenBoundsGiven() {
    try (KvTransaction tx = store.startTransaction()) {
      for (long k = 0; k < 10; k++) {
        tx.put(NUMBERS, k * 10, "v" + k * 10);
      }
      tx.commit();
    }
    assertEquals(keys(store.range(NUMBERS, 20L, 50L)), List.of(20L, 30L, 40L));
    assertEquals(keys(store.range(NUMBERS, 21L, 50L)), List.of(30L, 40L));
    assertEquals(keys(store.range(NUMBERS, null, 20L)), List.of(0L, 10L));
    assertEquals(keys(store.range(NUMBERS, 75L, null)), List.of(80L, 90L));
    assertEquals(keys(store.range(NUMBERS, 300L, null)), List.of());
    assertEquals(keys(store.range(NUMBERS, 50L, 50L)), List.of());
    assertEquals(keys(store.range(NUMBERS, 60L, 20L)), List.of());
  }

  @Test
  void range_shouldStayInsideColumnWhenNeighbourColumnsHaveKeys() {
    putOne(NUMBERS, 5L, "numbers");
    putOne(OTHER_NUMBERS, 5L, "other");
    putOne(HIGH, 5L, "high");
    putOne(TOP, 5L, "top");
    putOne(TOP, Long.MAX_VALUE, "top-max");
    assertEquals(List.of(Map.entry(5L, "numbers")), store.all(NUMBERS));
    assertEquals(List.of(Map.entry(5L, "other")), store.all(OTHER_NUMBERS));
    assertEquals(List.of(Map.entry(5L, "high")), store.all(HIGH));
    assertEquals(List.of(Map.entry(5L, "top"), Map.entry(Long.MAX_VALUE, "top-max")), store.all(TOP));
    assertEquals(List.of(Map.entry(5L, "high")), store.range(HIGH, 0L, null));
    assertTrue(store.all(RAW).isEmpty());
  }

  @Test
  void delete_shouldLeaveOtherColumnsWhenSameKey() {
    putOne(NUMBERS, 5L, "numbers");
    putOne(OTHER_NUMBERS, 5L, "other");
    try (KvTransaction tx = store.startTransaction()) {
      tx.delete(NUMBERS, 5L);
      tx.commit();
    }
    assertEquals(Optional.empty(), store.get(NUMBERS, 5L));
    assertEquals(Optional.of("other"), store.get(OTHER_NUMBERS, 5L));
  }

  @Test
  void transaction_shouldBeInvisibleWhenNotYetCommitted() {
    putOne(NUMBERS, 1L, "old");
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(NUMBERS, 1L, "new");
      tx.put(NUMBERS, 2L, "two");
      tx.delete(NUMBERS, 1L);
      assertEquals(Optional.of("old"), store.get(NUMBERS, 1L));
      assertEquals(Optional.empty(), store.get(NUMBERS, 2L));
      assertEquals(List.of(Map.entry(1L, "old")), store.all(NUMBERS));
      tx.commit();
    }
    assertEquals(List.of(Map.entry(2L, "two")), store.all(NUMBERS));
  }

  @Test
  void close_shouldDiscardWritesWhenTransactionNotCommitted() {
    putOne(NUMBERS, 1L, "kept");
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(NUMBERS, 2L, "lost");
      tx.delete(NUMBERS, 1L);
    }
    assertEquals(List.of(Map.entry(1L, "kept")), store.all(NUMBERS));
  }

  @Test
  void transaction_shouldRefuseUseWhenAlreadyCommitted() {
    final KvTransaction tx = store.startTransaction();
    tx.put(NUMBERS, 1L, "one");
    tx.commit();
    assertThrows(IllegalStateException.class, () -> tx.put(NUMBERS, 2L, "two"));
    assertThrows(IllegalStateException.class, tx::commit);
    tx.close();
    assertEquals(List.of(Map.entry(1L, "one")), store.all(NUMBERS));
  }

  @Test
  void transactions_shouldBeIndependentWhenInterleaved() {
    final KvTransaction first = store.startTransaction();
    final KvTransaction second = store.startTransaction();
    first.put(NUMBERS, 1L, "first");
    second.put(NUMBERS, 2L, "second");
    second.commit();
    first.close();
    assertEquals(List.of(Map.entry(2L, "second")), store.all(NUMBERS));
  }

  @Test
  void put_shouldStoreCopyWhenCallerMutatesArrayLater() {
    final byte[] key = {1, 2};
    final byte[] value = {3, 4};
    try (KvTransaction tx = store.startTransaction()) {
      tx.put(RAW, key, value);
      key[0] = 9;
      value[0] = 9;
      tx.commit();
    }
    final byte[] read = store.get(RAW, new byte[] {1, 2}).orElseThrow();
    assertArrayEquals(new byte[] {3, 4}, read);
    read[1] = 9;
    assertArrayEquals(new byte[] {3, 4}, store.get(RAW, new byte[] {1, 2}).orElseThrow());
  }

  @Test
  void json_shouldRoundTripRecordWhenStored() {
    final Sample sample = new Sample("miner-1", 1_500_000_000_000L, List.of(3, 1, 2));
    putOne(SAMPLES, 11, sample);
    assertEquals(Optional.of(sample), store.get(SAMPLES, 11));
  }

  @Test
  void get_shouldThrowStorageExceptionWhenValueCannotBeDecoded() {
    putOne(RAW, new byte[] {1}, new byte[] {1, 2, 3});
    final StorageException e =
        assertThrows(StorageException.class, () -> store.get(RAW_AS_LONG, new byte[] {1}));
    assertTrue(e.getMessage().contains("raw-as-long"), e.getMessage());
    assertThrows(StorageException.class, () -> store.all(RAW_AS_LONG));
  }

  @Test
  void commit_shouldBeAtomicWhenReadConcurrently() throws InterruptedException {
    final int keys = 16;
    final int rounds = 200;
    final AtomicReference<String> failure = new AtomicReference<>();
    final Thread reader =
        new Thread(
            () -> {
              for (int i = 0; i < rounds * 2 && failure.get() == null; i++) {
                final List<Map.Entry<Long, String>> all = store.all(NUMBERS);
                final long distinct = all.stream().map(Map.Entry::getValue).distinct().count();
                if (!all.isEmpty() && (all.size() != keys || distinct != 1)) {
                  failure.set("torn read: " + all);
                }
              }
            });
    reader.start();
    for (int round = 0; round < rounds; round++) {
      try (KvTransaction tx = store.startTransaction()) {
        for (long k = 0; k < keys; k++) {
          tx.put(NUMBERS, k, "round-" + round);
        }
        tx.commit();
      }
    }
    reader.join();
    assertEquals(null, failure.get());
    final List<Map.Entry<Long, String>> all = store.all(NUMBERS);
    assertEquals(keys, all.size());
    assertTrue(all.stream().allMatch(e -> e.getValue().equals("round-" + (rounds - 1))));
  }

  @Test
  void operations_shouldThrowStorageExceptionWhenStoreClosed() {
    putOne(NUMBERS, 1L, "one");
    final KvTransaction pending = store.startTransaction();
    pending.put(NUMBERS, 2L, "two");
    store.close();
    assertThrows(StorageException.class, () -> store.get(NUMBERS, 1L));
    assertThrows(StorageException.class, () -> store.all(NUMBERS));
    assertThrows(StorageException.class, pending::commit);
    store.close(); // a second close is a no-op
    assertThrows(StorageException.class, () -> store.get(NUMBERS, 1L));
  }

  private static <K, V> List<K> keys(final List<Map.Entry<K, V>> entries) {
    return entries.stream().map(Map.Entry::getKey).toList();
  }
}
