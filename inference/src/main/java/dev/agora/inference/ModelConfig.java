package dev.agora.inference;

/**
 * The shape of a llama2.c model (VERIFICATION.md §4): the seven header ints, with the classifier flag
 * split out of the sign of the vocabulary size. Construct through {@link #of} to get validation.
 *
 * @param dim model width (= heads × head size)
 * @param hiddenDim FFN inner width
 * @param layers number of transformer blocks
 * @param heads query heads
 * @param kvHeads key/value heads (grouped-query attention)
 * @param vocabSize vocabulary size (always positive here)
 * @param seqLen maximum context length
 * @param sharedClassifier true when the output classifier is the token embedding table
 */
public record ModelConfig(
    int dim,
    int hiddenDim,
    int layers,
    int heads,
    int kvHeads,
    int vocabSize,
    int seqLen,
    boolean sharedClassifier) {

  /** Bytes of the legacy header: 7 little-endian int32. */
  public static final int HEADER_BYTES = 28;

  public ModelConfig {
    check(dim > 0, "dim must be positive, got " + dim);
    check(hiddenDim > 0, "hidden_dim must be positive, got " + hiddenDim);
    check(layers > 0, "n_layers must be positive, got " + layers);
    check(heads > 0, "n_heads must be positive, got " + heads);
    check(kvHeads > 0, "n_kv_heads must be positive, got " + kvHeads);
    check(vocabSize > 0, "vocab_size must be non-zero, got " + vocabSize);
    check(seqLen > 0, "seq_len must be positive, got " + seqLen);
    check(dim % heads == 0, "n_heads " + heads + " does not divide dim " + dim);
    check(heads % kvHeads == 0, "n_kv_heads " + kvHeads + " does not divide n_heads " + heads);
    check((dim / heads) % 2 == 0, "head size " + (dim / heads) + " must be even for RoPE pairs");
    // Every per-layer matrix must be addressable with long offsets and must fit one mapping (2 GiB).
    check(
        (long) Math.max(dim, hiddenDim) * Math.max(Math.max(dim, hiddenDim), vocabSize) * 4L
            <= Integer.MAX_VALUE,
        "a single tensor of this shape exceeds 2 GiB (dim " + dim + ", hidden " + hiddenDim
            + ", vocab " + vocabSize + ")");
    try {
      countPayload(dim, hiddenDim, layers, heads, kvHeads, vocabSize, seqLen, sharedClassifier);
    } catch (final ArithmeticException e) {
      throw new IllegalArgumentException("invalid model shape: total size overflows 64 bits");
    }
  }

  /**
   * The config from the seven raw header ints, with {@code vocab < 0} meaning an unshared classifier.
   *
   * @throws IllegalArgumentException with a clear message when the header is nonsensical
   */
  public static ModelConfig fromHeader(
      final int dim,
      final int hiddenDim,
      final int layers,
      final int heads,
      final int kvHeads,
      final int signedVocab,
      final int seqLen) {
    check(signedVocab != 0 && signedVocab != Integer.MIN_VALUE,
        "vocab_size must be non-zero, got " + signedVocab);
    return new ModelConfig(
        dim, hiddenDim, layers, heads, kvHeads, Math.abs(signedVocab), seqLen, signedVocab > 0);
  }

  /** The vocab size as written in the header: negative for an unshared classifier. */
  public int signedVocabSize() {
    return sharedClassifier ? vocabSize : -vocabSize;
  }

  public int headSize() {
    return dim / heads;
  }

  public int kvDim() {
    return dim / heads * kvHeads;
  }

  /** How many query heads share one kv head. */
  public int kvMul() {
    return heads / kvHeads;
  }

  /** Number of float32 values in the file after the header, legacy RoPE tables included. */
  public long payloadFloats() {
    return countPayload(dim, hiddenDim, layers, heads, kvHeads, vocabSize, seqLen, sharedClassifier);
  }

  private static long countPayload(
      final int dim,
      final int hiddenDim,
      final int layers,
      final int heads,
      final int kvHeads,
      final int vocabSize,
      final int seqLen,
      final boolean shared) {
    final long d = dim;
    final long l = layers;
    final long kv = (long) dim / heads * kvHeads;
    final long h = hiddenDim;
    long n = Math.multiplyExact((long) vocabSize, d); // token embedding
    n = Math.addExact(n, Math.multiplyExact(l, d)); // rms_att
    n = Math.addExact(n, Math.multiplyExact(l, Math.multiplyExact(d, d))); // wq
    n = Math.addExact(n, Math.multiplyExact(2L * l, Math.multiplyExact(kv, d))); // wk, wv
    n = Math.addExact(n, Math.multiplyExact(l, Math.multiplyExact(d, d))); // wo
    n = Math.addExact(n, Math.multiplyExact(l, d)); // rms_ffn
    n = Math.addExact(n, Math.multiplyExact(3L * l, Math.multiplyExact(h, d))); // w1, w2, w3
    n = Math.addExact(n, d); // rms_final
    n = Math.addExact(n, Math.multiplyExact(2L * seqLen, (long) (dim / heads / 2))); // legacy RoPE
    if (!shared) {
      n = Math.addExact(n, Math.multiplyExact((long) vocabSize, d));
    }
    Math.addExact(Math.multiplyExact(n, 4L), HEADER_BYTES); // the file size must fit a long too
    return n;
  }

  /** The exact size of a checkpoint file of this shape. */
  public long fileSizeBytes() {
    return HEADER_BYTES + 4L * payloadFloats();
  }

  /** Parameters used by the forward pass (legacy RoPE tables excluded). */
  public long parameterCount() {
    return payloadFloats() - 2L * seqLen * (headSize() / 2);
  }

  private static void check(final boolean ok, final String message) {
    if (!ok) {
      throw new IllegalArgumentException("invalid model shape: " + message);
    }
  }
}
