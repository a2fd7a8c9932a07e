package dev.agora.validator.reputation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agora.storage.InMemoryKvStore;
import dev.agora.storage.RocksDbKvStore;
import dev.agora.validator.scoring.MinerRecord;
import dev.agora.validator.scoring.Sample;
import dev.agora.validator.scoring.WeightSubmissionRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KvReputationStoreTest {
  private static MinerRecord record(final String hotkey, final double rep) {
    return new MinerRecord(hotkey, rep, 2, Long.MIN_VALUE, List.of(new Sample(12.5, 300.0)), 4, 0);
  }

  @Test
  void commitRound_shouldRoundTripRecordsAndRound() {
    final var store = new KvReputationStore(new InMemoryKvStore());
    assertEquals(-1, store.lastRound());
    store.commitRound(0, Map.of(3, record("a", 0.4), 1, record("b", 0.1)));
    assertEquals(Map.of(1, record("b", 0.1), 3, record("a", 0.4)), store.records());
    assertEquals(0, store.lastRound());
  }

  @Test
  void commitRound_shouldRefuseWhenRoundDoesNotAdvanceAndChangeNothing() {
    final var store = new KvReputationStore(new InMemoryKvStore());
    store.commitRound(5, Map.of(1, record("a", 0.5)));
    assertThrows(IllegalArgumentException.class, () -> store.commitRound(5, Map.of(1, record("a", 0.9))));
    assertEquals(0.5, store.records().get(1).reputation());
  }

  @Test
  void store_shouldKeepEverythingWhenReopened(@TempDir final Path dir) {
    try (var kv = RocksDbKvStore.open(dir)) {
      final var store = new KvReputationStore(kv);
      store.commitRound(7, Map.of(1, record("a", 0.3), 2, record("b", 0.6)));
      store.saveWeightSubmission(new WeightSubmissionRecord(42));
    }
    try (var kv = RocksDbKvStore.open(dir)) {
      final var store = new KvReputationStore(kv);
      assertEquals(Map.of(1, record("a", 0.3), 2, record("b", 0.6)), store.records());
      assertEquals(7, store.lastRound());
      assertEquals(new WeightSubmissionRecord(42), store.weightSubmission());
    }
  }
}
