package dev.agora.inference;

/**
 * A llama2.c-style forward pass over one loaded checkpoint. Implementations: {@code CpuInferenceEngine}
 * (this module) and the CUDA engine (package {@code dev.agora.inference.cuda}).
 *
 * <p>Two ways to run the model:
 *
 * <ul>
 *   <li>incremental decode for miners: {@link #newSession()}, then {@link Session#forward(int)} once per
 *       position; each call feeds one token at the session's next position and returns the logits of
 *       the token that follows it;
 *   <li>teacher-forced batched prefill for validators: {@link #prefill(int[], int)} runs every position
 *       of a known sequence at once (matrix-matrix work) and returns the logits at the positions asked.
 * </ul>
 *
 * <p>Both paths compute the same function: {@code prefill(tokens)[i]} equals, up to float summation
 * order, the logits returned by the (i+1)-th {@code forward} call of a fresh session fed {@code tokens}.
 * Engines are thread-safe for concurrent sessions and prefills unless stated otherwise; a single
 * {@link Session} is not thread-safe.
 */
public interface InferenceEngine extends AutoCloseable {

  /** The model shape. */
  ModelConfig config();

  /** A short name of the backend, e.g. {@code "cpu"} or {@code "cuda"}. */
  String backend();

  /** A fresh decode session at position 0 with an empty KV cache. */
  Session newSession();

  /**
   * Teacher-forced forward pass over {@code tokens} (positions 0..n-1). Returns one row of
   * {@code vocabSize} logits for each position p in {@code [fromPosition, n)}: row {@code p -
   * fromPosition} holds the logits after feeding {@code tokens[0..p]}, i.e. the prediction for
   * position p+1.
   *
   * @param tokens the whole sequence, 1..seqLen tokens, each in [0, vocabSize)
   * @param fromPosition first position whose logits are returned, in [0, n)
   * @throws IllegalArgumentException on an empty or too long sequence, bad ids or a bad range
   */
  float[][] prefill(int[] tokens, int fromPosition);

  /** {@link #prefill(int[], int)} for every position: row i = logits after tokens[0..i]. */
  default float[][] prefill(final int[] tokens) {
    return prefill(tokens, 0);
  }

  /** Incremental decode step, same as {@code session.forward(token)}. */
  default float[] logitsForNext(final Session session, final int token) {
    return session.forward(token);
  }

  /** Releases the engine's resources (threads, device memory, mappings). Idempotent. */
  @Override
  void close();

  /** One incremental decode stream with its own KV cache. */
  interface Session extends AutoCloseable {

    /** The position the next {@link #forward(int)} call will feed (= tokens fed so far). */
    int position();

    /**
     * Feeds {@code token} at {@link #position()} and returns {@code vocabSize} logits predicting the
     * next token; advances the position by one. The array may be the session's own buffer, which
     * the next {@code forward} call on this session overwrites: copy it to keep it (decoding then
     * allocates nothing per token).
     *
     * @throws IllegalStateException when the context (seqLen) is full
     * @throws IllegalArgumentException when the token id is out of range
     */
    float[] forward(int token);

    /** Releases the session's KV cache. Idempotent. */
    @Override
    void close();
  }
}
