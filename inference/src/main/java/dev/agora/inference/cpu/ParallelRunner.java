package dev.agora.inference.cpu;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A small fixed pool that splits a range [0, n) into one contiguous chunk per thread; the caller runs
 * chunk 0 itself. Workers spin briefly between dispatches (a forward pass issues several per layer),
 * then park. Dispatches are serialized, so several sessions may share one runner.
 */
final class ParallelRunner implements AutoCloseable {
  /** A piece of work over the index range [from, to). */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  private static final long SPIN_NANOS = 50_000;

  private final int threads;
  private final Thread[] workers;
  private final AtomicInteger generation = new AtomicInteger();
  private final AtomicInteger pending = new AtomicInteger();
  private volatile RangeTask task;
  private volatile int size;
  private volatile boolean closed;
  private volatile Throwable failure;
  private volatile Thread caller;

  ParallelRunner(final int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    this.threads = threads;
    this.workers = new Thread[threads - 1];
    for (int i = 1; i < threads; i++) {
      final int index = i;
      final Thread t = new Thread(() -> workerLoop(index), "agora-cpu-inference-" + i);
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
    task = t;
    size = n;
    failure = null;
    caller = Thread.currentThread();
    pending.set(threads - 1);
    generation.incrementAndGet();
    for (final Thread w : workers) {
      LockSupport.unpark(w);
    }
    Throwable own = null;
    try {
      t.run(0, n / threads);
    } catch (final RuntimeException | Error e) {
      own = e;
    }
    final long start = System.nanoTime();
    while (pending.get() > 0) {
      if (System.nanoTime() - start < SPIN_NANOS) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(this, 100_000);
      }
    }
    task = null;
    final Throwable f = own != null ? own : failure;
    if (f instanceof RuntimeException re) {
      throw re;
    }
    if (f instanceof Error err) {
      throw err;
    }
  }

  private void workerLoop(final int index) {
    int seen = 0;
    while (!closed) {
      final long start = System.nanoTime();
      while (generation.get() == seen && !closed) {
        if (System.nanoTime() - start < SPIN_NANOS) {
          Thread.onSpinWait();
        } else {
          LockSupport.park(this);
        }
      }
      if (closed) {
        return;
      }
      seen = generation.get();
      final RangeTask t = task;
      final int n = size;
      try {
        t.run((int) ((long) n * index / threads), (int) ((long) n * (index + 1) / threads));
      } catch (final RuntimeException | Error e) {
        failure = e;
      }
      if (pending.decrementAndGet() == 0) {
        LockSupport.unpark(caller);
      }
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
