package dev.agora.common.wallet;

/** No wallet or hotkey of that name exists. */
public final class WalletNotFoundException extends WalletException {
  private static final long serialVersionUID = 1L;

  public WalletNotFoundException(final String message) {
    super(message);
  }

  public WalletNotFoundException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
