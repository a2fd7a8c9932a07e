package dev.agora.inference;

import java.nio.file.Path;

/**
 * A seeded model: a shape plus the seed and amplitude of the checkpoint recipe.
 *
 * @param name a label (preset name or "custom")
 * @param config the shape
 * @param seed the recipe seed
 * @param amp the weight amplitude: weights are uniform in [-amp, amp)
 */
public record ModelSpec(String name, ModelConfig config, long seed, float amp) {

  /** Writes this model's checkpoint to {@code out}. */
  public void writeTo(final Path out) {
    CheckpointWriter.write(out, config, new SeededWeights(config, seed, amp));
  }
}
