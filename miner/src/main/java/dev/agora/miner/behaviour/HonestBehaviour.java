package dev.agora.miner.behaviour;

import dev.agora.inference.Generator;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.Sampling;
import dev.agora.common.protocol.InferenceRequest;

/** Runs the model: the prompt, then N tokens with BOS/EOS suppressed under the asked sampling rule. */
public final class HonestBehaviour implements MinerBehaviour {
  private final InferenceEngine engine;
  private final AnswerBoard board;
  private final String minerId;

  /**
   * @param board where answers are posted (a devnet's copycats read it); {@link AnswerBoard#NONE} else
   * @param minerId this miner's id on the board
   */
  public HonestBehaviour(final InferenceEngine engine, final AnswerBoard board, final String minerId) {
    this.engine = engine;
    this.board = board;
    this.minerId = minerId;
  }

  @Override
  public String name() {
    return "honest";
  }

  @Override
  public int[] answer(final InferenceRequest request, final TokenSink sink) {
    final int[] out = generate(engine, request, sink::accept);
    board.post(minerId, out);
    return out;
  }

  static int[] generate(final InferenceEngine engine, final InferenceRequest r, final Generator.TokenListener l) {
    final Sampling sampling = r.greedy() ? Sampling.greedy() : Sampling.seeded(r.temperature(), r.seed());
    return Generator.generate(engine, r.promptTokenIds(), r.maxNewTokens(), sampling, true, l);
  }
}
