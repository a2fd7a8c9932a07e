package dev.agora.chain.state;

import dev.agora.common.chain.ChainError;

/** Thrown inside a transition to refuse the extrinsic; the overlay it wrote to is dropped. */
public final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;
  private final ChainError code;

  public Refusal(final ChainError code, final String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ChainError code() {
    return code;
  }

  static void check(final boolean ok, final ChainError code, final String message)
      throws Refusal {
    if (!ok) {
      throw new Refusal(code, message);
    }
  }
}
