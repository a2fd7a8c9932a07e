package dev.agora.chain.runtime;

import dev.agora.common.chain.AccountInfo;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.BlockHeader;
import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.NeuronInfo;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.chain.StakeInfo;
import dev.agora.common.chain.SubnetInfo;
import dev.agora.common.chain.Totals;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ChainClient} on a {@link ChainNode} in the same JVM. State reads are in-memory and answered
 * at once; submissions (signature checks) and reads of stored blocks and receipts run on Vert.x
 * workers.
 */
public final class InProcessChainClient implements ChainClient {
  private final Vertx vertx;
  private final ChainNode node;

  public InProcessChainClient(final Vertx vertx, final ChainNode node) {
    this.vertx = vertx;
    this.node = node;
  }

  public ChainNode node() {
    return node;
  }

  private static <T> Future<T> call(final java.util.function.Supplier<T> f) {
    try {
      return Future.succeededFuture(f.get());
    } catch (ChainException e) {
      return Future.failedFuture(e);
    } catch (RuntimeException e) {
      return Future.failedFuture(new ChainException(ChainError.INTERNAL, String.valueOf(e)));
    }
  }

  private static ChainException noSubnet(final int netuid) {
    return new ChainException(ChainError.UNKNOWN_SUBNET, "no subnet " + netuid);
  }

  @Override
  public Future<String> genesisHash() {
    return Future.succeededFuture(node.genesisHash());
  }

  @Override
  public Future<String> submit(final SignedExtrinsic extrinsic) {
    // signature checking is CPU work (~0.1-0.5 ms): keep it off the event loop, unordered
    return vertx.<String>executeBlocking(() -> node.submit(extrinsic), false)
        .recover(t -> Future.failedFuture(t instanceof ChainException ? t
            : new ChainException(ChainError.INTERNAL, String.valueOf(t))));
  }

  @Override
  public Future<ExtrinsicStatus> status(final String extrinsicHash) {
    return vertx.executeBlocking(() -> node.status(extrinsicHash), false);
  }

  @Override
  public Future<ExtrinsicStatus> awaitFinal(final String extrinsicHash, final long timeoutMs) {
    final Promise<ExtrinsicStatus> p = Promise.promise();
    final java.util.concurrent.atomic.AtomicReference<Consumer<Block>> holder =
        new java.util.concurrent.atomic.AtomicReference<>();
    final long timer = vertx.setTimer(Math.max(1, timeoutMs), id -> {
      node.removeListener(holder.get());
      p.tryFail(new ChainException(ChainError.NOT_FOUND,
          "extrinsic " + extrinsicHash + " not final after " + timeoutMs + " ms"));
    });
    holder.set(b -> {
      final ExtrinsicStatus s = node.status(extrinsicHash);
      if (s.done() && p.tryComplete(s)) {
        vertx.cancelTimer(timer);
        node.removeListener(holder.get());
      }
    });
    node.onBlock(holder.get());
    status(extrinsicHash).onSuccess(s -> {
      if (s.done() && p.tryComplete(s)) {
        vertx.cancelTimer(timer);
        node.removeListener(holder.get());
      }
    });
    return p.future();
  }

  @Override
  public Future<BlockHeader> latestBlock() {
    return Future.succeededFuture(node.head());
  }

  @Override
  public Future<Optional<Block>> block(final long height) {
    return vertx.executeBlocking(() -> node.store().block(height), false);
  }

  @Override
  public Future<List<SubnetInfo>> subnets() {
    return call(() -> node.read(ChainViews::subnets));
  }

  @Override
  public Future<Metagraph> metagraph(final int netuid) {
    return call(() -> node.read(s -> ChainViews.metagraph(s, netuid, node.head().height()))
        .orElseThrow(() -> noSubnet(netuid)));
  }

  @Override
  public Future<Optional<NeuronInfo>> neuron(final int netuid, final int uid) {
    return call(() -> node.read(s -> {
      s.subnet(netuid).orElseThrow(() -> noSubnet(netuid));
      return s.neuron(netuid, uid).map(n -> ChainViews.neuron(s, netuid, uid, n));
    }));
  }

  @Override
  public Future<Hyperparameters> hyperparameters(final int netuid) {
    return call(() -> node.read(s -> s.subnet(netuid).orElseThrow(() -> noSubnet(netuid))
        .hyperparameters()));
  }

  @Override
  public Future<List<HyperparameterChange>> hyperparameterLog(final int netuid) {
    return call(() -> node.read(s -> ChainViews.hparamLog(s,
        s.subnet(netuid).orElseThrow(() -> noSubnet(netuid)))));
  }

  @Override
  public Future<AccountInfo> account(final String address) {
    return call(() -> node.read(s -> ChainViews.account(s, address)));
  }

  @Override
  public Future<Long> nonce(final String address) {
    return call(() -> node.nextNonce(address));
  }

  @Override
  public Future<List<StakeInfo>> stake(final int netuid, final String hotkey) {
    return call(() -> node.read(s -> ChainViews.stake(s, netuid, hotkey)));
  }

  @Override
  public Future<Totals> totals() {
    return call(() -> node.read(s -> s.totals()));
  }
}
