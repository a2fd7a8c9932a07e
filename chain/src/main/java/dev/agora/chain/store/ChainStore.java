package dev.agora.chain.store;

import dev.agora.chain.state.AccountRecord;
import dev.agora.chain.state.ChainState;
import dev.agora.chain.state.CommitList;
import dev.agora.chain.state.GlobalRecord;
import dev.agora.chain.state.Keys.HotkeyKey;
import dev.agora.chain.state.Keys.LogKey;
import dev.agora.chain.state.Keys.NeuronKey;
import dev.agora.chain.state.Keys.StakeKey;
import dev.agora.chain.state.NeuronRecord;
import dev.agora.chain.state.StateWriteVisitor;
import dev.agora.chain.state.SubnetRecord;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Receipt;
import dev.agora.storage.KvColumn;
import dev.agora.storage.KvStore;
import dev.agora.storage.KvTransaction;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the chain on a {@link KvStore}. {@link #commitBlock} writes a block, its receipts,
 * the head pointer and every state change of the block's overlay in ONE transaction, so a crash
 * leaves either the whole block or none of it.
 */
public final class ChainStore {
  private final KvStore kv;

  public ChainStore(final KvStore kv) {
    this.kv = kv;
  }

  public KvStore kv() {
    return kv;
  }

  /** Height of the last committed block, empty before genesis. */
  public Optional<Long> head() {
    return kv.get(ChainSchema.META, ChainSchema.META_HEAD).map(Long::parseLong);
  }

  public Optional<String> genesisSpec() {
    return kv.get(ChainSchema.META, ChainSchema.META_GENESIS);
  }

  public Optional<Block> block(final long height) {
    return kv.get(ChainSchema.BLOCKS, height);
  }

  public Optional<Receipt> receipt(final String extrinsicHash) {
    return kv.get(ChainSchema.RECEIPTS, extrinsicHash);
  }

  /** Writes the block, its receipts, the head and the overlay's changes in one transaction. */
  public void commitBlock(final Block block, final ChainState overlay, final Optional<String> genesis) {
    try (KvTransaction tx = kv.startTransaction()) {
      overlay.visitWrites(writer(tx));
      tx.put(ChainSchema.BLOCKS, block.height(), block);
      for (final Receipt r : block.receipts()) {
        tx.put(ChainSchema.RECEIPTS, r.hash(), r);
      }
      genesis.ifPresent(g -> tx.put(ChainSchema.META, ChainSchema.META_GENESIS, g));
      tx.put(ChainSchema.META, ChainSchema.META_HEAD, Long.toString(block.height()));
      tx.commit();
    }
  }

  /** Loads every state column into {@code base} (an empty base state). */
  public void loadInto(final ChainState base) {
    final StateWriteVisitor v = base.loader();
    each(ChainSchema.ACCOUNTS, (k, x) -> v.account(k, Optional.of(x)));
    each(ChainSchema.HOTKEY_OWNERS, (k, x) -> v.hotkeyOwner(k, Optional.of(x)));
    each(ChainSchema.SUBNETS, (k, x) -> v.subnet(k, Optional.of(x)));
    each(ChainSchema.NEURONS, (k, x) -> v.neuron(k, Optional.of(x)));
    each(ChainSchema.UIDS, (k, x) -> v.uid(k, Optional.of(x)));
    each(ChainSchema.STAKES, (k, x) -> v.stake(k, Optional.of(x)));
    each(ChainSchema.HOTKEY_STAKE, (k, x) -> v.hotkeyStake(k, Optional.of(x)));
    each(ChainSchema.COMMITS, (k, x) -> v.commits(k, Optional.of(x)));
    each(ChainSchema.HPARAM_LOG, (k, x) -> v.hparamLog(k, Optional.of(x)));
    kv.get(ChainSchema.GLOBAL, ChainSchema.GLOBAL_KEY).ifPresent(g -> v.global(Optional.of(g)));
  }

  private <K, V> void each(final KvColumn<K, V> col, final java.util.function.BiConsumer<K, V> f) {
    for (final Map.Entry<K, V> e : kv.all(col)) {
      f.accept(e.getKey(), e.getValue());
    }
  }

  private static <K, V> void write(
      final KvTransaction tx, final KvColumn<K, V> col, final K k, final Optional<V> v) {
    if (v.isPresent()) {
      tx.put(col, k, v.get());
    } else {
      tx.delete(col, k);
    }
  }

  private static StateWriteVisitor writer(final KvTransaction tx) {
    return new StateWriteVisitor() {
      @Override
      public void account(final String k, final Optional<AccountRecord> v) {
        write(tx, ChainSchema.ACCOUNTS, k, v);
      }

      @Override
      public void hotkeyOwner(final String k, final Optional<String> v) {
        write(tx, ChainSchema.HOTKEY_OWNERS, k, v);
      }

      @Override
      public void subnet(final Integer k, final Optional<SubnetRecord> v) {
        write(tx, ChainSchema.SUBNETS, k, v);
      }

      @Override
      public void neuron(final NeuronKey k, final Optional<NeuronRecord> v) {
        write(tx, ChainSchema.NEURONS, k, v);
      }

      @Override
      public void uid(final HotkeyKey k, final Optional<Integer> v) {
        write(tx, ChainSchema.UIDS, k, v);
      }

      @Override
      public void stake(final StakeKey k, final Optional<Long> v) {
        write(tx, ChainSchema.STAKES, k, v);
      }

      @Override
      public void hotkeyStake(final HotkeyKey k, final Optional<Long> v) {
        write(tx, ChainSchema.HOTKEY_STAKE, k, v);
      }

      @Override
      public void commits(final HotkeyKey k, final Optional<CommitList> v) {
        write(tx, ChainSchema.COMMITS, k, v);
      }

      @Override
      public void hparamLog(final LogKey k, final Optional<HyperparameterChange> v) {
        write(tx, ChainSchema.HPARAM_LOG, k, v);
      }

      @Override
      public void global(final Optional<GlobalRecord> v) {
        write(tx, ChainSchema.GLOBAL, ChainSchema.GLOBAL_KEY, v);
      }
    };
  }
}
