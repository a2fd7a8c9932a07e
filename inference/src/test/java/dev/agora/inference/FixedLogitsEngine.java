package dev.agora.inference;

import java.util.function.IntFunction;

/** A test double whose logits at each position come from a function of the position. */
final class FixedLogitsEngine implements InferenceEngine {
  private final ModelConfig cfg;
  private final IntFunction<float[]> logitsAt;

  FixedLogitsEngine(final int vocab, final IntFunction<float[]> logitsAt) {
    this.cfg = new ModelConfig(16, 16, 1, 2, 2, vocab, 64, true);
    this.logitsAt = logitsAt;
  }

  @Override
  public ModelConfig config() {
    return cfg;
  }

  @Override
  public String backend() {
    return "fixed";
  }

  @Override
  public Session newSession() {
    return new Session() {
      private int pos;

      @Override
      public int position() {
        return pos;
      }

      @Override
      public float[] forward(final int token) {
        return logitsAt.apply(pos++);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public float[][] prefill(final int[] tokens, final int fromPosition) {
    final float[][] out = new float[tokens.length - fromPosition][];
    for (int p = fromPosition; p < tokens.length; p++) {
      out[p - fromPosition] = logitsAt.apply(p);
    }
    return out;
  }

  @Override
  public void close() {}
}
