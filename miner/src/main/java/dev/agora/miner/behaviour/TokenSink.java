package dev.agora.miner.behaviour;

/**
 * Receives each answer token as soon as it exists. May throw {@link AnswerAborted} to stop the
 * behaviour (deadline passed, client gone).
 */
@FunctionalInterface
public interface TokenSink {
  void accept(int index, int token);
}
