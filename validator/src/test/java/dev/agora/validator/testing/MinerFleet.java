package dev.agora.validator.testing;

import dev.agora.common.chain.AxonInfo;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.chain.NeuronInfo;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.inference.InferenceEngine;
import dev.agora.miner.auth.AuthConfig;
import dev.agora.miner.auth.Peer;
import dev.agora.miner.auth.RequestAuthenticator;
import dev.agora.miner.auth.SnapshotPeerDirectory;
import dev.agora.miner.axon.AxonConfig;
import dev.agora.miner.axon.AxonVerticle;
import dev.agora.miner.behaviour.MinerBehaviour;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * In-process miners on loopback for validator tests and benchmarks, plus the static chain that lists
 * them (uid 0 = the validator, uids 1..n = miners).
 */
public final class MinerFleet implements AutoCloseable {
  public static final int NETUID = 1;

  private final Vertx vertx;
  private final List<KeyPair> minerKeys = new ArrayList<>();
  private final List<AxonVerticle> axons = new ArrayList<>();
  private final StaticChainClient chain;

  /**
   * @param behaviour the behaviour of miner i (0-based), given its hotkey
   */
  public MinerFleet(final Vertx vertx, final KeyPair validator, final int miners, final String modelId,
      final InferenceEngine engine, final Function<Integer, MinerBehaviour> behaviour, final long seed)
      throws Exception {
    this.vertx = vertx;
    final Random rnd = new Random(seed);
    final SnapshotPeerDirectory peers = new SnapshotPeerDirectory(
        List.of(new Peer(0, validator.publicKey().address(), 1_000_000_000_000L, true)));
    final List<NeuronInfo> neurons = new ArrayList<>();
    neurons.add(neuron(0, validator.publicKey().address(), 1_000_000_000_000L, AxonInfo.NONE, true));
    for (int i = 0; i < miners; i++) {
      final KeyPair k = KeyPair.generate(rnd);
      minerKeys.add(k);
      final AxonVerticle axon = new AxonVerticle(new AxonConfig("127.0.0.1", 0, 1, 4, 2_000, 1_000, 256, modelId), k,
          new RequestAuthenticator(AuthConfig.defaults(NETUID, k.publicKey().address(), 1), peers),
          behaviour.apply(i), engine.config(), Clock.SYSTEM);
      vertx.deployVerticle(axon).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      axons.add(axon);
      neurons.add(neuron(i + 1, k.publicKey().address(), 0, new AxonInfo("127.0.0.1", axon.actualPort(), 1), false));
    }
    final Hyperparameters hp = Hyperparameters.defaults(NETUID)
        .with(Hyperparameter.TEMPO, 10)
        .with(Hyperparameter.WEIGHTS_RATE_LIMIT, 1)
        .with(Hyperparameter.COMMIT_REVEAL_WEIGHTS_ENABLED, 0);
    this.chain = new StaticChainClient(NETUID, hp, neurons);
  }

  private static NeuronInfo neuron(final int uid, final String hotkey, final long stake, final AxonInfo axon,
      final boolean permit) {
    return new NeuronInfo(NETUID, uid, hotkey, hotkey, stake, axon, 0, 0, permit, true, 0, 0, 0, 0, 0, List.of(),
        List.of());
  }

  public StaticChainClient chain() {
    return chain;
  }

  public List<AxonVerticle> axons() {
    return List.copyOf(axons);
  }

  public KeyPair minerKey(final int i) {
    return minerKeys.get(i);
  }

  @Override
  public void close() throws Exception {
    for (final String id : new ArrayList<>(vertx.deploymentIDs())) {
      vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }
}
