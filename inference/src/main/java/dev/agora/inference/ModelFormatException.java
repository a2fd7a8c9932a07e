package dev.agora.inference;

/** A checkpoint or tokenizer file that cannot be read: truncated, oversized or nonsensical. */
public final class ModelFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(final String message) {
    super(message);
  }

  public ModelFormatException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
