package dev.agora.miner.behaviour;

import dev.agora.common.protocol.InferenceRequest;
import java.util.Arrays;

/**
 * Returns another miner's latest answer for its own challenge (answers are per miner, so the copy
 * fails); before any other answer exists it repeats token 3.
 */
public final class CopycatBehaviour implements MinerBehaviour {
  private final AnswerBoard board;
  private final String minerId;

  public CopycatBehaviour(final AnswerBoard board, final String minerId) {
    this.board = board;
    this.minerId = minerId;
  }

  @Override
  public String name() {
    return "copycat";
  }

  @Override
  public int[] answer(final InferenceRequest request, final TokenSink sink) {
    final int[] other = board.fromOtherThan(minerId).orElse(new int[] {3});
    final int[] out = Arrays.copyOf(other, request.maxNewTokens());
    for (int i = other.length; i < out.length; i++) {
      out[i] = other[i % other.length];
    }
    for (int i = 0; i < out.length; i++) {
      sink.accept(i, out[i]);
    }
    return out;
  }
}
