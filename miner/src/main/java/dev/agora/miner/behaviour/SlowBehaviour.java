package dev.agora.miner.behaviour;

import dev.agora.inference.InferenceEngine;
import dev.agora.common.protocol.InferenceRequest;
import java.util.concurrent.locks.LockSupport;

/** Honest, but {@code factor} times slower: after each token it waits (factor − 1) × the time it took. */
public final class SlowBehaviour implements MinerBehaviour {
  private final InferenceEngine engine;
  private final int factor;

  public SlowBehaviour(final InferenceEngine engine, final int factor) {
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be >= 1");
    }
    this.engine = engine;
    this.factor = factor;
  }

  @Override
  public String name() {
    return "slow";
  }

  @Override
  public int[] answer(final InferenceRequest request, final TokenSink sink) {
    final long[] last = {System.nanoTime()};
    return HonestBehaviour.generate(engine, request, (i, t) -> {
      final long now = System.nanoTime();
      // waiting on a worker thread, never an event loop
      LockSupport.parkNanos((factor - 1) * (now - last[0]));
      last[0] = System.nanoTime();
      sink.accept(i, t);
    });
  }
}
