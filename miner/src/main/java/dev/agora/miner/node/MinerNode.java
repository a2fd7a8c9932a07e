package dev.agora.miner.node;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.ExtrinsicSender;
import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.inference.ModelConfig;
import dev.agora.miner.auth.Peer;
import dev.agora.miner.auth.RequestAuthenticator;
import dev.agora.miner.auth.SnapshotPeerDirectory;
import dev.agora.miner.axon.AxonVerticle;
import dev.agora.miner.behaviour.MinerBehaviour;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * A miner: makes sure its hotkey is registered (burn-registering with the coldkey when asked), starts
 * the axon, publishes it with serve_axon and keeps the callers' stake and permits fresh.
 */
public final class MinerNode {
  private static final Logger LOG = Logger.getLogger(MinerNode.class.getName());

  private final Vertx vertx;
  private final MinerNodeConfig config;
  private final KeyPair hotkey;
  private final Optional<KeyPair> coldkey;
  private final ChainClient chain;
  private final MinerBehaviour behaviour;
  private final ModelConfig model;
  private final Clock clock;
  private final SnapshotPeerDirectory peers = new SnapshotPeerDirectory();
  private AxonVerticle axon;
  private String deploymentId;
  private long refreshTimer = -1;

  public MinerNode(
      final Vertx vertx, final MinerNodeConfig config, final KeyPair hotkey, final Optional<KeyPair> coldkey,
      final ChainClient chain, final MinerBehaviour behaviour, final ModelConfig model, final Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.hotkey = hotkey;
    this.coldkey = coldkey;
    this.chain = chain;
    this.behaviour = behaviour;
    this.model = model;
    this.clock = clock;
  }

  public String hotkey() {
    return hotkey.publicKey().address();
  }

  public String behaviourName() {
    return behaviour.name();
  }

  public Optional<AxonVerticle> axon() {
    return Optional.ofNullable(axon);
  }

  /** Registers if needed, starts serving and publishes the axon; completes with the bound port. */
  public Future<Integer> start() {
    return ensureRegistered()
        .compose(v -> refresh())
        .compose(v -> {
          axon = new AxonVerticle(config.axon(), hotkey,
              new RequestAuthenticator(config.auth(hotkey()), peers),
              behaviour, model, clock);
          return vertx.deployVerticle(axon);
        })
        .compose(id -> {
          deploymentId = id;
          final int port = axon.actualPort();
          return new ExtrinsicSender(chain, hotkey, 30_000)
              .send(new Call.ServeAxon(config.netuid(), config.advertisedHost(), port))
              .map(st -> port);
        })
        .onSuccess(port -> {
          refreshTimer = vertx.setPeriodic(config.refreshMs(), id -> refresh()
              .onFailure(e -> LOG.warning(() -> "miner " + hotkey() + " metagraph refresh failed: " + e.getMessage())));
          LOG.info(() -> "miner " + hotkey() + " (" + behaviour.name() + ") serving on port " + port);
        });
  }

  /** Stops refreshing and undeploys the axon, draining in-flight answers. */
  public Future<Void> stop() {
    if (refreshTimer >= 0) {
      vertx.cancelTimer(refreshTimer);
    }
    return deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
  }

  /** Reloads the metagraph snapshot used by the blacklist. */
  public Future<Void> refresh() {
    return chain.metagraph(config.netuid()).map(mg -> {
      peers.replace(mg.neurons().stream()
          .map(n -> new Peer(n.uid(), n.hotkey(), n.stake(), n.validatorPermit()))
          .toList());
      return null;
    });
  }

  private Future<Void> ensureRegistered() {
    return chain.metagraph(config.netuid()).compose((Metagraph mg) -> {
      if (mg.byHotkey(hotkey()).isPresent()) {
        return Future.succeededFuture();
      }
      if (!config.register() || coldkey.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("hotkey " + hotkey() + " is not registered on netuid "
            + config.netuid() + " (run with --register, or `agora subnets register`)"));
      }
      return new ExtrinsicSender(chain, coldkey.get(), 30_000)
          .send(new Call.Register(config.netuid(), hotkey(), config.maxBurnRao()))
          .mapEmpty();
    });
  }
}
