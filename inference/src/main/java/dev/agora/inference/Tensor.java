package dev.agora.inference;

/**
 * The tensors of a llama2.c legacy checkpoint in file order (VERIFICATION.md §4). Per-layer tensors
 * are stored grouped by type, layer 0..L-1 consecutively; matrices are row-major (out, in).
 */
public enum Tensor {
  /** (vocab, dim). */
  TOKEN_EMBEDDING(false),
  /** (L, dim). */
  RMS_ATT(true),
  /** (L, dim, dim). */
  WQ(true),
  /** (L, kv_dim, dim). */
  WK(true),
  /** (L, kv_dim, dim). */
  WV(true),
  /** (L, dim, dim). */
  WO(true),
  /** (L, dim). */
  RMS_FFN(true),
  /** Gate: (L, hidden, dim). */
  W1(true),
  /** Down: (L, dim, hidden). */
  W2(true),
  /** Up: (L, hidden, dim). */
  W3(true),
  /** (dim). */
  RMS_FINAL(false),
  /** Legacy RoPE table, ignored by the forward pass: (seq_len, head_size/2). */
  FREQ_CIS_REAL(false),
  /** Legacy RoPE table, ignored by the forward pass: (seq_len, head_size/2). */
  FREQ_CIS_IMAG(false),
  /** (vocab, dim); stored only when the classifier is unshared, else it aliases TOKEN_EMBEDDING. */
  WCLS(false);

  private final boolean perLayer;

  Tensor(final boolean perLayer) {
    this.perLayer = perLayer;
  }

  /** True for tensors stored once per layer. */
  public boolean perLayer() {
    return perLayer;
  }

  /** Rows (output features) of one layer's slice; vectors have one row. */
  public int rows(final ModelConfig c) {
    return switch (this) {
      case TOKEN_EMBEDDING, WCLS -> c.vocabSize();
      case RMS_ATT, RMS_FFN, RMS_FINAL -> 1;
      case WQ, WO, W2 -> c.dim();
      case WK, WV -> c.kvDim();
      case W1, W3 -> c.hiddenDim();
      case FREQ_CIS_REAL, FREQ_CIS_IMAG -> c.seqLen();
    };
  }

  /** Columns (input features) of one layer's slice. */
  public int cols(final ModelConfig c) {
    return switch (this) {
      case W2 -> c.hiddenDim();
      case FREQ_CIS_REAL, FREQ_CIS_IMAG -> c.headSize() / 2;
      default -> c.dim();
    };
  }

  /** Floats in one layer's slice (or in the whole tensor when not per layer). */
  public long floatsPerLayer(final ModelConfig c) {
    return (long) rows(c) * cols(c);
  }

  /** Floats this tensor occupies in the file (0 for WCLS when shared). */
  public long storedFloats(final ModelConfig c) {
    if (this == WCLS && c.sharedClassifier()) {
      return 0;
    }
    return floatsPerLayer(c) * (perLayer ? c.layers() : 1);
  }

  /**
   * Float index (from the start of the payload, after the header) of layer {@code layer}'s slice.
   * For WCLS with a shared classifier this is the token embedding's offset.
   */
  public long payloadOffset(final ModelConfig c, final int layer) {
    if (this == WCLS && c.sharedClassifier()) {
      return TOKEN_EMBEDDING.payloadOffset(c, 0);
    }
    long off = 0;
    for (final Tensor t : values()) {
      if (t == this) {
        break;
      }
      off += t.storedFloats(c);
    }
    return off + (perLayer ? (long) layer * floatsPerLayer(c) : 0);
  }
}
