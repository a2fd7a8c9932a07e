package dev.agora.validator.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.storage.InMemoryKvStore;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.scoring.WeightSubmissionRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardedWeightSetterTest {
  @Test
  void trySubmit_shouldPersistBeforeSigningAndRespectInterval() {
    final var store = new KvReputationStore(new InMemoryKvStore());
    final List<Long> persistedAtSign = new ArrayList<>();
    final WeightSubmitter signer = (uids, w) -> {
      persistedAtSign.add(store.weightSubmission().lastBlock());
      return Future.succeededFuture();
    };
    final var guarded = new GuardedWeightSetter(store, signer);
    assertTrue(guarded.trySubmit(10, 5, new int[] {1}, new int[] {65535}).isPresent());
    assertEquals(List.of(10L), persistedAtSign);
    assertTrue(guarded.trySubmit(14, 5, new int[] {1}, new int[] {65535}).isEmpty());
    assertTrue(guarded.trySubmit(15, 5, new int[] {1}, new int[] {65535}).isPresent());
    assertEquals(List.of(10L, 15L), persistedAtSign);
  }

  @Test
  void trySubmit_shouldStayGuardedWhenSetterIsRecreated() {
    final var store = new KvReputationStore(new InMemoryKvStore());
    final List<int[]> signed = new ArrayList<>();
    final WeightSubmitter signer = (uids, w) -> {
      signed.add(w);
      return Future.succeededFuture();
    };
    new GuardedWeightSetter(store, signer).trySubmit(100, 50, new int[] {2}, new int[] {1});
    // a "restarted" setter on the same store still refuses inside the interval
    assertTrue(new GuardedWeightSetter(store, signer).trySubmit(120, 50, new int[] {2}, new int[] {1}).isEmpty());
    assertEquals(1, signed.size());
    assertEquals(new WeightSubmissionRecord(100), store.weightSubmission());
  }
}
