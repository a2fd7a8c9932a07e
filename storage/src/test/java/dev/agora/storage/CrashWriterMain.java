package dev.agora.storage;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child-process entry point of {@link RocksDbKvStoreCrashTest}: opens the database in {@code args[0]},
 * prints {@code opened N} (N = the next batch number), then commits numbered batches forever, printing
 * {@code committed N} after each commit returns. Each batch is {@link #KEYS_PER_BATCH} items plus a
 * head pointer in a second column; the parent kills this process with SIGKILL.
 */
public final class CrashWriterMain {
  static final int KEYS_PER_BATCH = 8;
  static final int VALUE_SIZE = 512;

  static final KvColumn<Long, byte[]> ITEMS =
      KvColumn.create(10, "crash-items", KvSerializers.LONG_BE, KvSerializers.BYTES);
  static final KvColumn<Long, Long> HEAD =
      KvColumn.create(11, "crash-head", KvSerializers.LONG_BE, KvSerializers.LONG_BE);
  static final long HEAD_KEY = 0L;

  private CrashWriterMain() {}

  public static void main(final String[] args) {
    final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (RocksDbKvStore store = RocksDbKvStore.open(Path.of(args[0]))) {
      long next = store.get(HEAD, HEAD_KEY).map(h -> h + 1).orElse(0L);
      out.println("opened " + next);
      while (true) {
        try (KvTransaction tx = store.startTransaction()) {
          for (int i = 0; i < KEYS_PER_BATCH; i++) {
            tx.put(ITEMS, next * KEYS_PER_BATCH + i, value(next, i));
          }
          tx.put(HEAD, HEAD_KEY, next);
          tx.commit();
        }
        out.println("committed " + next);
        next++;
      }
    }
  }

  /** The deterministic content of item {@code index} of batch {@code batch}. */
  static byte[] value(final long batch, final int index) {
    final ByteBuffer buf = ByteBuffer.allocate(VALUE_SIZE);
    buf.putLong(batch).putInt(index);
    while (buf.hasRemaining()) {
      buf.put((byte) (batch * 31 + index * 7 + buf.position()));
    }
    return buf.array();
  }

  /**
   * Checks the database after a crash: every batch whole (all items, right content) or absent, the
   * batches contiguous from 0, and the head pointing at the last one. Returns the number of batches.
   */
  static long verify(final KvStore store) {
    final List<Map.Entry<Long, byte[]>> items = store.all(ITEMS);
    if (items.size() % KEYS_PER_BATCH != 0) {
      throw new AssertionError("torn batch: " + items.size() + " items is not a multiple of " + KEYS_PER_BATCH);
    }
    long expectedKey = 0;
    for (Map.Entry<Long, byte[]> e : items) {
      if (e.getKey() != expectedKey) {
        throw new AssertionError("missing item " + expectedKey + " (next present is " + e.getKey() + ")");
      }
      final long batch = expectedKey / KEYS_PER_BATCH;
      final int index = (int) (expectedKey % KEYS_PER_BATCH);
      if (!java.util.Arrays.equals(value(batch, index), e.getValue())) {
        throw new AssertionError("wrong content in batch " + batch + " item " + index);
      }
      expectedKey++;
    }
    final long batches = items.size() / KEYS_PER_BATCH;
    final long head = store.get(HEAD, HEAD_KEY).orElse(-1L);
    if (head != batches - 1) {
      throw new AssertionError("head " + head + " disagrees with " + batches + " whole batches");
    }
    return batches;
  }
}
