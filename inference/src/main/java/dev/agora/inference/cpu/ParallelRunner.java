package dev.agora.inference.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed pool that splits a range [0, n) into a few chunks per thread; the caller claims
 * chunks from the front of the range and the workers from the back until the two ends meet, so a
 * thread that the operating system has descheduled (a busy machine) does not hold the others up:
 * whoever runs takes its share. Claiming from both ends keeps each thread on one contiguous run of
 * rows (one memory stream for the hardware prefetcher) and, with two threads, on the same rows
 * from one dispatch to the next when they run at the same speed (the rows stay in that core's
 * cache). Every index is computed by exactly one thread, so results do not depend on who ran what.
 * Workers spin briefly between dispatches (a forward pass issues several per layer), then park.
 * Dispatches are serialized, so several sessions may share one runner.
 */
final class ParallelRunner implements AutoCloseable {
  /** A piece of work over the index range [from, to). */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  private static final long SPIN_NANOS = 50_000;
  private static final int CHUNKS_PER_THREAD = 4;
  /** Large ranges (matrix rows) are cut at multiples of this, so row kernels see whole blocks. */
  private static final int ALIGN = 16;

  private final int threads;
  private final Thread[] workers;
  /**
   * The claim word: generation (24 bits) | end of the unclaimed chunks (20 bits) | start of the
   * unclaimed chunks (20 bits). The caller claims at the start, workers at the end; holding both in
   * one word makes a claim and its bounds check one atomic step.
   */
  private final AtomicLong claims = new AtomicLong();
  private final AtomicInteger done = new AtomicInteger();
  private volatile int count;
  private volatile RangeTask task;
  private volatile int size;
  private volatile int chunk;
  private volatile boolean closed;
  private volatile Throwable failure;
  private volatile Thread caller;
  private int generation;

  ParallelRunner(final int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int i = 1; i < threads; i++) {
      final Thread t = new Thread(this::workerLoop, "agora-cpu-inference-" + i);
      t.setDaemon(true);
      workers[i - 1] = t;
      t.start();
    }
  }

  int threads() {
    return threads;
  }

  /** Runs {@code t} over [0, n), split across the pool; inline when {@code parallel} is false. */
  synchronized void run(final int n, final boolean parallel, final RangeTask t) {
    if (closed) {
      throw new IllegalStateException("inference engine closed");
    }
    if (!parallel || threads == 1 || n < threads) {
      t.run(0, n);
      return;
    }
    int c = (n + threads * CHUNKS_PER_THREAD - 1) / (threads * CHUNKS_PER_THREAD);
    if (c >= 4 * ALIGN) {
      c = (c + ALIGN - 1) / ALIGN * ALIGN;
    }
    final int count = (n + c - 1) / c;
    task = t;
    size = n;
    chunk = c;
    this.count = count;
    failure = null;
    caller = Thread.currentThread();
    done.set(0);
    generation = (generation + 1) & 0xFFFFFF;
    claims.set(((long) generation << 40) | ((long) count << 20));
    for (final Thread w : workers) {
      LockSupport.unpark(w);
    }
    work(generation, false);
    final long start = System.nanoTime();
    while (done.get() < count) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(this, 50_000);
      }
    }
    task = null;
    final Throwable f = failure;
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
  }

  /**
   * Claims and runs chunks of dispatch {@code gen} until none are left: the lowest unclaimed chunk,
   * or the highest when {@code fromEnd}.
   */
  private void work(final int gen, final boolean fromEnd) {
    while (true) {
      final long v = claims.get();
      final int end = (int) ((v >>> 20) & 0xFFFFF);
      final int begin = (int) (v & 0xFFFFF);
      if ((int) (v >>> 40) != gen || begin >= end) {
        return;
      }
      final int idx = fromEnd ? end - 1 : begin;
      if (!claims.compareAndSet(v, fromEnd ? v - (1L << 20) : v + 1)) {
        continue;
      }
      // this chunk is claimed but not done, so the dispatch (task, size, chunk, count) cannot change
      final int c = chunk;
      final int n = count;
      final int from = idx * c;
      final int to = Math.min(size, from + c);
      try {
        task.run(from, to);
      } catch (final RuntimeException | Error e) {
        failure = e;
      }
      final Thread waiting = caller;
      if (done.incrementAndGet() == n) {
        LockSupport.unpark(waiting);
      }
    }
  }

  private void workerLoop() {
    int seen = 0;
    while (!closed) {
      final long start = System.nanoTime();
      while ((int) (claims.get() >>> 40) == seen && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = (int) (claims.get() >>> 40);
      work(seen, true);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (final Thread w : workers) {
      LockSupport.unpark(w);
    }
  }
}
