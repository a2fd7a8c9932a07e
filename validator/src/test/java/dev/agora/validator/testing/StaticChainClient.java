package dev.agora.validator.testing;

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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link ChainClient} double: serves a fixed set of neurons at a block the test moves, and records
 * every submitted extrinsic (all included at once).
 */
public final class StaticChainClient implements ChainClient {
  private final int netuid;
  private volatile Hyperparameters hyperparameters;
  private volatile List<NeuronInfo> neurons;
  private final AtomicLong block = new AtomicLong(100);
  private final List<SignedExtrinsic> submitted = new CopyOnWriteArrayList<>();

  public StaticChainClient(final int netuid, final Hyperparameters hp, final List<NeuronInfo> neurons) {
    this.netuid = netuid;
    this.hyperparameters = hp;
    this.neurons = List.copyOf(neurons);
  }

  public void setHyperparameters(final Hyperparameters hp) {
    this.hyperparameters = hp;
  }

  public void setBlock(final long b) {
    block.set(b);
  }

  public List<SignedExtrinsic> submitted() {
    return List.copyOf(submitted);
  }

  @Override
  public Future<String> genesisHash() {
    return Future.succeededFuture("00".repeat(32));
  }

  @Override
  public Future<String> submit(final SignedExtrinsic extrinsic) {
    submitted.add(extrinsic);
    return Future.succeededFuture(extrinsic.hash());
  }

  @Override
  public Future<ExtrinsicStatus> status(final String hash) {
    return Future.succeededFuture(new ExtrinsicStatus(hash, ExtrinsicStatus.State.INCLUDED, block.get(), "OK", ""));
  }

  @Override
  public Future<ExtrinsicStatus> awaitFinal(final String hash, final long timeoutMs) {
    return status(hash);
  }

  @Override
  public Future<BlockHeader> latestBlock() {
    return unsupported();
  }

  @Override
  public Future<Optional<Block>> block(final long height) {
    return unsupported();
  }

  @Override
  public Future<List<SubnetInfo>> subnets() {
    return unsupported();
  }

  @Override
  public Future<Metagraph> metagraph(final int n) {
    if (n != netuid) {
      return Future.failedFuture(new ChainException(ChainError.UNKNOWN_SUBNET, "no subnet " + n));
    }
    return Future.succeededFuture(new Metagraph(netuid, block.get(), "", "", 0, hyperparameters, neurons));
  }

  @Override
  public Future<Optional<NeuronInfo>> neuron(final int n, final int uid) {
    return Future.succeededFuture(neurons.stream().filter(x -> x.uid() == uid).findFirst());
  }

  @Override
  public Future<Hyperparameters> hyperparameters(final int n) {
    return Future.succeededFuture(hyperparameters);
  }

  @Override
  public Future<List<HyperparameterChange>> hyperparameterLog(final int n) {
    return Future.succeededFuture(List.of());
  }

  @Override
  public Future<AccountInfo> account(final String address) {
    return unsupported();
  }

  @Override
  public Future<Long> nonce(final String address) {
    return Future.succeededFuture(submitted.stream().filter(e -> e.signer().equals(address)).count());
  }

  @Override
  public Future<List<StakeInfo>> stake(final int n, final String hotkey) {
    return unsupported();
  }

  @Override
  public Future<Totals> totals() {
    return unsupported();
  }

  private static <T> Future<T> unsupported() {
    return Future.failedFuture(new UnsupportedOperationException("not served by the static chain"));
  }
}
