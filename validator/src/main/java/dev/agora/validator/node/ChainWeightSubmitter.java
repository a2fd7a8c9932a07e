package dev.agora.validator.node;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.CommitHash;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.util.Hex;
import dev.agora.common.chain.ExtrinsicSender;
import dev.agora.validator.weights.PendingReveal;
import dev.agora.validator.weights.WeightSubmitter;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Submits weights as {@code set_weights}, or as {@code commit_weights} followed (in the reveal epoch)
 * by {@code reveal_weights} when the subnet has commit-reveal on. Pending reveals are retried each
 * round until the chain accepts them or says they expired.
 */
public final class ChainWeightSubmitter implements WeightSubmitter {
  private static final Logger LOG = Logger.getLogger(ChainWeightSubmitter.class.getName());

  private final ExtrinsicSender sender;
  private final String hotkey;
  private final int netuid;
  private final Supplier<Hyperparameters> hyperparameters;
  private final Random saltSource;
  private final List<PendingReveal> pending = new ArrayList<>();
  private final Supplier<Future<Void>> persist;

  /** Pending reveals live in memory only. */
  public ChainWeightSubmitter(
      final ExtrinsicSender sender, final String hotkey, final int netuid,
      final Supplier<Hyperparameters> hyperparameters, final Random saltSource) {
    this(sender, hotkey, netuid, hyperparameters, saltSource, Future::succeededFuture);
  }

  /**
   * @param persist stores {@link #pendingSnapshot()} durably, off the event loop; called after every change
   *     to the pending reveals (a new commit is persisted before it is sent)
   */
  public ChainWeightSubmitter(
      final ExtrinsicSender sender, final String hotkey, final int netuid,
      final Supplier<Hyperparameters> hyperparameters, final Random saltSource,
      final Supplier<Future<Void>> persist) {
    this.persist = persist;
    this.sender = sender;
    this.hotkey = hotkey;
    this.netuid = netuid;
    this.hyperparameters = hyperparameters;
    this.saltSource = saltSource;
  }

  @Override
  public Future<Void> submit(final int[] uids, final int[] weightsU16) {
    final Hyperparameters hp = hyperparameters.get();
    final long version = hp.weightsVersionKey();
    if (!hp.commitRevealEnabled()) {
      return sender.send(new Call.SetWeights(netuid, uids, weightsU16, version)).mapEmpty();
    }
    final byte[] saltBytes = new byte[16];
    synchronized (saltSource) {
      saltSource.nextBytes(saltBytes);
    }
    final String salt = Hex.encode(saltBytes);
    final String hash = CommitHash.of(hotkey, netuid, uids, weightsU16, salt, version);
    final PendingReveal p = new PendingReveal(uids, weightsU16, salt, version);
    synchronized (pending) {
      pending.add(p);
    }
    // persisted before the commit is sent: a crash in between leaves a reveal the chain refuses, never a
    // commit without its salt
    return persist.get()
        .compose(v -> sender.send(new Call.CommitWeights(netuid, hash)))
        .recover(e -> {
          drop(p);
          return persist.get().transform(ar -> Future.failedFuture(e));
        })
        .mapEmpty();
  }

  /** Adds reveals stored by an earlier run (a restart); ones already pending are not added twice. */
  public void restore(final List<PendingReveal> stored) {
    synchronized (pending) {
      for (final PendingReveal r : stored) {
        if (pending.stream().noneMatch(p -> p.sameAs(r))) {
          pending.add(r);
        }
      }
    }
  }

  /** The pending reveals now, oldest first (what {@code persist} stores). */
  public List<PendingReveal> pendingSnapshot() {
    synchronized (pending) {
      return List.copyOf(pending);
    }
  }

  /** Tries every pending reveal once; keeps those the chain says are too early. */
  public Future<Integer> revealDue() {
    final List<PendingReveal> todo;
    synchronized (pending) {
      todo = List.copyOf(pending);
    }
    if (todo.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Future<Integer> chain = Future.succeededFuture(0);
    for (final PendingReveal p : todo) {
      chain = chain.compose(n -> sender.send(new Call.RevealWeights(netuid, p.uids(), p.weights(), p.salt(),
              p.versionKey()))
          .map(st -> {
            drop(p);
            return n + 1;
          })
          .recover(e -> {
            if (!(e instanceof ChainException ce && ce.code() == ChainError.REVEAL_TOO_EARLY)) {
              LOG.info(() -> "dropping reveal: " + e.getMessage());
              drop(p);
            }
            return Future.succeededFuture(n);
          }));
    }
    return chain.compose(n -> persist.get().map(v -> n));
  }

  public int pendingReveals() {
    synchronized (pending) {
      return pending.size();
    }
  }

  private void drop(final PendingReveal p) {
    synchronized (pending) {
      pending.remove(p);
    }
  }
}
