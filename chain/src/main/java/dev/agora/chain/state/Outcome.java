package dev.agora.chain.state;

import dev.agora.common.chain.ChainError;

/**
 * The result of offering an extrinsic to the state: applied, refused (with code; a refusal after the
 * signature and nonce checks passed still uses up the nonce), or deferred (its nonce is ahead of the
 * account's: it waits in the pool).
 */
public sealed interface Outcome {
  /** Applied; its changes are in the overlay. */
  record Applied() implements Outcome {}

  /** Refused; {@code nonceUsed} says whether the signer's nonce was consumed. */
  record Refused(ChainError code, String message, boolean nonceUsed) implements Outcome {}

  /** The nonce is in the future: keep it in the pool. */
  record Deferred() implements Outcome {}
}
