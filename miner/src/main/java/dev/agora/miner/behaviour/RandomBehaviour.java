package dev.agora.miner.behaviour;

import dev.agora.common.protocol.InferenceRequest;
import java.util.Random;

/** Garbage, fast: N random ordinary tokens. Fails verification at position 0. */
public final class RandomBehaviour implements MinerBehaviour {
  private final Random random;
  private final int vocabSize;

  public RandomBehaviour(final Random random, final int vocabSize) {
    this.random = random;
    this.vocabSize = vocabSize;
  }

  @Override
  public String name() {
    return "random";
  }

  @Override
  public int[] answer(final InferenceRequest request, final TokenSink sink) {
    final int[] out = new int[request.maxNewTokens()];
    synchronized (random) {
      for (int i = 0; i < out.length; i++) {
        out[i] = 3 + random.nextInt(vocabSize - 3);
      }
    }
    for (int i = 0; i < out.length; i++) {
      sink.accept(i, out[i]);
    }
    return out;
  }
}
