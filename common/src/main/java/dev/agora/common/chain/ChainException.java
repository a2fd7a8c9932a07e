package dev.agora.common.chain;

/** A chain operation failed with a stable {@link ChainError} code (the failure of a ChainClient future). */
public final class ChainException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ChainError code;

  public ChainException(final ChainError code, final String message) {
    super(code.name() + ": " + message);
    this.code = code;
  }

  public ChainError code() {
    return code;
  }
}
