package dev.agora.common.wallet;

/** A wallet operation failed; nothing on disk was changed. The message says why, in one line. */
public class WalletException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WalletException(final String message) {
    super(message);
  }

  public WalletException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
