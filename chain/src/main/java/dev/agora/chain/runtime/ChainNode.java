package dev.agora.chain.runtime;

import dev.agora.chain.state.AccountRecord;
import dev.agora.chain.state.ChainState;
import dev.agora.chain.state.GlobalRecord;
import dev.agora.chain.state.Transitions;
import dev.agora.chain.store.ChainStore;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.BlockHeader;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.Receipt;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Json;
import dev.agora.storage.KvStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A chain node: the committed state in memory, the transaction pool, and block production on a
 * dedicated thread (never a Vert.x event loop). Each block and all its state changes are written to
 * the {@link KvStore} in one transaction before anything about it is reported; on restart the node
 * loads the state and resumes from the last committed block.
 */
public final class ChainNode implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChainNode.class.getName());

  private final ChainStore store;
  private final KeyPair chainKey;
  private final Clock clock;
  private final NodeOptions options;
  private final GenesisSpec genesis;
  private final String genesisHash;
  private final Transitions transitions;
  private final BlockBuilder builder;
  private final ChainState state = new ChainState();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Object poolLock = new Object();
  private final LinkedHashMap<String, PoolEntry> pool = new LinkedHashMap<>();
  private final Map<String, Long> pendingNonceCount = new HashMap<>();
  /** "signer/nonce" of every pooled extrinsic, for the reused-nonce check. */
  private final java.util.Set<String> pendingNonces = new java.util.HashSet<>();
  private final Map<String, ExtrinsicStatus> droppedStatus =
      new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(final Map.Entry<String, ExtrinsicStatus> e) {
          return size() > 100_000;
        }
      };
  private final List<Consumer<Block>> listeners = new CopyOnWriteArrayList<>();
  private volatile BlockHeader head;
  private volatile boolean running;
  private Thread producer;
  private long seq;

  private ChainNode(
      final KvStore kv,
      final KeyPair chainKey,
      final Clock clock,
      final NodeOptions options,
      final GenesisSpec genesis) {
    this.store = new ChainStore(kv);
    this.chainKey = chainKey;
    this.clock = clock;
    this.options = options;
    this.genesis = genesis;
    if (!chainKey.publicKey().address().equals(genesis.author())) {
      throw new IllegalArgumentException("the chain key " + chainKey.publicKey().address()
          + " is not the genesis author " + genesis.author());
    }
    final String specJson = new String(Json.canonical(genesis), StandardCharsets.UTF_8);
    final Optional<Long> h = store.head();
    if (h.isEmpty()) {
      final ChainState overlay = state.child();
      long issuance = 0;
      for (final Map.Entry<String, Long> e : genesis.balances().entrySet()) {
        overlay.putAccount(e.getKey(), new AccountRecord(e.getValue(), 0));
        issuance += e.getValue();
      }
      overlay.putGlobal(new GlobalRecord(issuance, 0, 1));
      final String root = dev.agora.common.crypto.Hashes.sha256Hex(
          specJson.getBytes(StandardCharsets.UTF_8));
      final BlockHeader g = BlockHashing.seal(chainKey, 0, BlockHashing.ZERO_HASH,
          genesis.timestampMs(), root, BlockHashing.stateDigest(overlay.global()));
      final Block block = new Block(g, List.of(), List.of());
      store.commitBlock(block, overlay, Optional.of(specJson));
      overlay.mergeIntoParent();
      this.head = g;
    } else {
      final String stored = store.genesisSpec().orElse("");
      if (!stored.equals(specJson)) {
        throw new IllegalStateException(
            "the database was created from a different genesis spec; use another data dir");
      }
      store.loadInto(state);
      this.head = store.block(h.get()).orElseThrow(
          () -> new IllegalStateException("head block " + h.get() + " missing")).header();
    }
    this.genesisHash = store.block(0).orElseThrow().header().hash();
    this.transitions = new Transitions(genesis.params(), genesisHash);
    this.builder = new BlockBuilder(transitions, chainKey, options.maxExtrinsicsPerBlock(),
        options.maxNonceGapBlocks());
  }

  /** Opens (creating at genesis if empty) a node on {@code kv}; call {@link #start()} to produce. */
  public static ChainNode open(
      final KvStore kv,
      final KeyPair chainKey,
      final Clock clock,
      final NodeOptions options,
      final GenesisSpec genesis) {
    return new ChainNode(kv, chainKey, clock, options, genesis);
  }

  public String genesisHash() {
    return genesisHash;
  }

  public GenesisSpec genesis() {
    return genesis;
  }

  public NodeOptions options() {
    return options;
  }

  public BlockHeader head() {
    return head;
  }

  public ChainStore store() {
    return store;
  }

  /** Runs {@code f} on the committed state under the read lock (keep it short). */
  public <T> T read(final Function<ChainState, T> f) {
    lock.readLock().lock();
    try {
      return f.apply(state);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Called with every committed block, on the producer thread (do not block). */
  public void onBlock(final Consumer<Block> listener) {
    listeners.add(listener);
  }

  public void removeListener(final Consumer<Block> listener) {
    listeners.remove(listener);
  }

  /**
   * Verifies and queues an extrinsic; returns its hash. Throws {@link ChainException} with
   * BAD_SIGNATURE, BAD_NONCE (stale or already pending) or POOL_FULL.
   */
  public String submit(final SignedExtrinsic ext) {
    if (!Extrinsics.verify(ext, genesisHash)) {
      throw new ChainException(ChainError.BAD_SIGNATURE,
          "signature does not verify for " + ext.signer());
    }
    final String hash = ext.hash();
    final long stateNonce = read(s -> s.account(ext.signer()).nonce());
    if (ext.nonce() < stateNonce) {
      throw new ChainException(ChainError.BAD_NONCE,
          "nonce " + ext.nonce() + " already used; next is " + stateNonce);
    }
    synchronized (poolLock) {
      if (pool.containsKey(hash)) {
        return hash;
      }
      if (pendingNonces.contains(ext.signer() + "/" + ext.nonce())) {
        throw new ChainException(ChainError.BAD_NONCE,
            "nonce " + ext.nonce() + " is already pending for " + ext.signer());
      }
      if (pool.size() >= options.maxPoolSize()) {
        throw new ChainException(ChainError.POOL_FULL, "transaction pool is full");
      }
      pool.put(hash, new PoolEntry(ext, hash, seq++, head.height()));
      pendingNonceCount.merge(ext.signer(), 1L, Long::sum);
      pendingNonces.add(ext.signer() + "/" + ext.nonce());
    }
    return hash;
  }

  /** The nonce the signer's next extrinsic should carry (state nonce + pending ones). */
  public long nextNonce(final String address) {
    final long stateNonce = read(s -> s.account(address).nonce());
    synchronized (poolLock) {
      return stateNonce + pendingNonceCount.getOrDefault(address, 0L);
    }
  }

  public ExtrinsicStatus status(final String hash) {
    synchronized (poolLock) {
      if (pool.containsKey(hash)) {
        return ExtrinsicStatus.pending(hash);
      }
      final ExtrinsicStatus d = droppedStatus.get(hash);
      if (d != null) {
        return d;
      }
    }
    return store.receipt(hash).map(ExtrinsicStatus::of).orElse(ExtrinsicStatus.unknown(hash));
  }

  public int poolSize() {
    synchronized (poolLock) {
      return pool.size();
    }
  }

  /** Produces one block now (the timer calls this; tests may call it directly when not started). */
  public synchronized Block produceBlock() {
    final List<PoolEntry> snapshot;
    synchronized (poolLock) {
      snapshot = new ArrayList<>(pool.values());
    }
    final long ts = Math.max(clock.millis(), head.timestampMs());
    final BuiltBlock built = builder.build(state, head, ts, snapshot);
    store.commitBlock(built.block(), built.overlay(), Optional.empty());
    lock.writeLock().lock();
    try {
      built.overlay().mergeIntoParent();
      head = built.block().header();
    } finally {
      lock.writeLock().unlock();
    }
    synchronized (poolLock) {
      for (final String h : built.consumed()) {
        final PoolEntry e = pool.remove(h);
        if (e != null) {
          pendingNonces.remove(e.extrinsic().signer() + "/" + e.extrinsic().nonce());
          pendingNonceCount.computeIfPresent(e.extrinsic().signer(), (k, v) -> v <= 1 ? null : v - 1);
        }
      }
      droppedStatus.putAll(built.dropped());
    }
    for (final Consumer<Block> l : listeners) {
      try {
        l.accept(built.block());
      } catch (RuntimeException ex) {
        LOG.log(Level.WARNING, "block listener failed", ex);
      }
    }
    return built.block();
  }

  /** Starts producing a block every blockTimeMs on a dedicated thread. */
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    producer = new Thread(this::loop, "agora-block-producer");
    producer.setDaemon(true);
    producer.start();
  }

  private void loop() {
    long next = clock.nanos();
    while (running) {
      try {
        final Block b = produceBlock();
        if (b.height() % 1000 == 0) {
          LOG.info("block " + b.height() + " " + b.header().hash());
        }
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "block production failed; stopping the producer", e);
        running = false;
        return;
      }
      next += options.blockTimeMs() * 1_000_000L;
      final long wait = next - clock.nanos();
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      } else {
        next = clock.nanos();
      }
    }
  }

  public boolean isRunning() {
    return running;
  }

  /** Stops producing (waits for the current block to finish). */
  public void stop() {
    final Thread t;
    synchronized (this) {
      running = false;
      t = producer;
      producer = null;
    }
    if (t != null) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops; the caller closes the KvStore it passed in. */
  @Override
  public void close() {
    stop();
  }

  /** Whether the receipt of {@code hash} is in a committed block. */
  public Optional<Receipt> receipt(final String hash) {
    return store.receipt(hash);
  }
}
