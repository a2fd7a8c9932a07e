package dev.agora.miner.behaviour;

import dev.agora.common.protocol.InferenceRequest;

/** Produces an answer of exactly {@code request.maxNewTokens()} tokens, streaming each to the sink. */
public interface MinerBehaviour {
  /** A short name: honest, random, cacher, copycat, slow. */
  String name();

  /** Runs on a worker thread. Returns every token sent, in order. */
  int[] answer(InferenceRequest request, TokenSink sink);
}
