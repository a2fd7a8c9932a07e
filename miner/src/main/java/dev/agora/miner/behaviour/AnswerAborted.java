package dev.agora.miner.behaviour;

/** Thrown by a {@link TokenSink} to stop generation; carries the stable reason code. */
public final class AnswerAborted extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public AnswerAborted(final String code, final String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
