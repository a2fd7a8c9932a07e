package dev.agora.common.wallet;

/** The password does not open the coldkey. */
public final class WrongPasswordException extends WalletException {
  private static final long serialVersionUID = 1L;

  public WrongPasswordException(final String message) {
    super(message);
  }

  public WrongPasswordException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
