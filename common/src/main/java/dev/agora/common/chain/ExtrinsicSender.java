package dev.agora.common.chain;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.crypto.KeyPair;
import io.vertx.core.Future;

/** Signs a call with the current nonce, submits it and waits until the chain includes or refuses it. */
public final class ExtrinsicSender {
  private final ChainClient chain;
  private final KeyPair key;
  private final long finalTimeoutMs;
  private Future<String> genesis;

  public ExtrinsicSender(final ChainClient chain, final KeyPair key, final long finalTimeoutMs) {
    this.chain = chain;
    this.key = key;
    this.finalTimeoutMs = finalTimeoutMs;
  }

  /** Completes with the final status; fails with a {@link ChainException} when refused. */
  public synchronized Future<ExtrinsicStatus> send(final Call call) {
    if (genesis == null || genesis.failed()) {
      genesis = chain.genesisHash();
    }
    final String address = key.publicKey().address();
    return genesis.compose(g -> chain.nonce(address)
            .compose(nonce -> chain.submit(Extrinsics.sign(key, g, nonce, call))))
        .compose(hash -> chain.awaitFinal(hash, finalTimeoutMs))
        .compose(st -> st.state() == ExtrinsicStatus.State.INCLUDED
            ? Future.succeededFuture(st)
            : Future.failedFuture(refusal(call, st)));
  }

  private static ChainException refusal(final Call call, final ExtrinsicStatus st) {
    ChainError code;
    try {
      code = ChainError.valueOf(st.code());
    } catch (final IllegalArgumentException e) {
      code = ChainError.INTERNAL;
    }
    return new ChainException(code, call.name() + " refused: " + st.code() + " " + st.message());
  }
}
