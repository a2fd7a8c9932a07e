package dev.agora.common.wallet;

/** A wallet or hotkey of that name already exists; it is never overwritten. */
public final class WalletExistsException extends WalletException {
  private static final long serialVersionUID = 1L;

  public WalletExistsException(final String message) {
    super(message);
  }

  public WalletExistsException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
