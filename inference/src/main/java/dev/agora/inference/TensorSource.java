package dev.agora.inference;

/** Supplies the values of a checkpoint's tensors, slice by slice, for {@link CheckpointWriter}. */
@FunctionalInterface
public interface TensorSource {
  /**
   * Fills {@code dst[0..len)} with the floats of tensor {@code t}, layer {@code layer} (0 for tensors
   * that are not per layer), starting at float {@code from} within that slice.
   */
  void fill(Tensor t, int layer, long from, float[] dst, int len);

  /** A source that copies the tensors of an open checkpoint of the same per-layer shape. */
  static TensorSource of(final Checkpoint ckpt) {
    return (t, layer, from, dst, len) ->
        ckpt.tensor(t, layer).asFloatBuffer().get(Math.toIntExact(from), dst, 0, len);
  }
}
