package dev.agora.miner.behaviour;

import dev.agora.inference.InferenceEngine;
import dev.agora.common.protocol.InferenceRequest;
import java.util.Arrays;

/**
 * Computes one honest answer and replays it for every later request (padded or cut to the asked
 * length). The fresh prompt and seed of each challenge make the replay fail verification.
 */
public final class CacherBehaviour implements MinerBehaviour {
  private final InferenceEngine engine;
  private volatile int[] cached;

  public CacherBehaviour(final InferenceEngine engine) {
    this.engine = engine;
  }

  @Override
  public String name() {
    return "cacher";
  }

  @Override
  public int[] answer(final InferenceRequest request, final TokenSink sink) {
    final int[] old = cached;
    if (old == null) {
      final int[] fresh = HonestBehaviour.generate(engine, request, sink::accept);
      cached = fresh;
      return fresh;
    }
    final int[] out = Arrays.copyOf(old, request.maxNewTokens());
    for (int i = old.length; i < out.length; i++) {
      out[i] = old.length == 0 ? 3 : old[i % old.length];
    }
    for (int i = 0; i < out.length; i++) {
      sink.accept(i, out[i]);
    }
    return out;
  }
}
