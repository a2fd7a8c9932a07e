package dev.agora.common.wallet;

/** A key file is truncated, unparsable or was altered (authentication failed). */
public final class CorruptKeyFileException extends WalletException {
  private static final long serialVersionUID = 1L;

  public CorruptKeyFileException(final String message) {
    super(message);
  }

  public CorruptKeyFileException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
