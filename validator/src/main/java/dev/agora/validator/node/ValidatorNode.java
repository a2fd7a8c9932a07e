package dev.agora.validator.node;

import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.NeuronInfo;
import dev.agora.common.crypto.Hashes;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.math.I32F32;
import dev.agora.common.math.WeightQuantizer;
import dev.agora.common.time.Clock;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.Verifier;
import dev.agora.common.chain.ExtrinsicSender;
import dev.agora.common.protocol.InferenceRequest;
import dev.agora.validator.anomaly.OneClassSvmAnomalyDetector;
import dev.agora.validator.challenge.Challenge;
import dev.agora.validator.challenge.ChallengeGenerator;
import dev.agora.validator.challenge.ChallengeParams;
import dev.agora.validator.reputation.ReputationStore;
import dev.agora.validator.scoring.AnswerOutcome;
import dev.agora.validator.scoring.ChallengedMiner;
import dev.agora.validator.scoring.MinerRecord;
import dev.agora.validator.scoring.RoundResult;
import dev.agora.validator.scoring.RoundScorer;
import dev.agora.validator.scoring.Verdict;
import dev.agora.validator.scoring.WeightVector;
import dev.agora.validator.weights.GuardedWeightSetter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * One validator: each round it reads the metagraph, challenges every serving miner at once, judges
 * and times the answers, folds the scores into reputation (one batch), and every weights interval
 * sets weights. Storage and verification run on named worker pools, never on an event loop.
 */
public final class ValidatorNode implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ValidatorNode.class.getName());

  private final Vertx vertx;
  private final ValidatorNodeConfig config;
  private final KeyPair hotkey;
  private final ChainClient chain;
  private final ReputationStore store;
  private final InferenceEngine engine;
  private final Clock clock;
  private final Dendrite dendrite;
  private final AnswerChecker checker;
  private final Verifier verifier;
  private final ChallengeGenerator generator;
  private final RoundScorer scorer;
  private final WorkerExecutor storeWorker;
  private final WorkerExecutor verifyWorkers;
  private final ChainWeightSubmitter submitter;
  private final GuardedWeightSetter weightSetter;
  private final byte[] secret;
  private final AtomicReference<Hyperparameters> hyperparameters;
  private final AtomicLong weightSubmissions = new AtomicLong();
  private final ValidatorMetrics metrics = new ValidatorMetrics();
  private final AnomalyTracker anomalies;
  private final AtomicBoolean revealsRestored = new AtomicBoolean();
  private volatile java.util.function.Consumer<RoundReport> roundListener = r -> { };
  private volatile boolean running;
  private volatile Future<?> inFlight = Future.succeededFuture();
  private long timerId = -1;

  public ValidatorNode(
      final Vertx vertx, final ValidatorNodeConfig config, final KeyPair hotkey, final ChainClient chain,
      final ReputationStore store, final InferenceEngine engine, final Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.hotkey = hotkey;
    this.chain = chain;
    this.store = store;
    this.engine = engine;
    this.clock = clock;
    this.secret = Hashes.sha256("agora-challenge-secret".getBytes(StandardCharsets.UTF_8), hotkey.seed());
    this.dendrite = new Dendrite(vertx, hotkey, config.netuid(), clock, 1024);
    this.checker = new AnswerChecker(config.minDumpCheckMs());
    this.verifier = new Verifier(engine, config.verifier());
    final var cfg = engine.config();
    final ChallengeParams params = new ChallengeParams(cfg.vocabSize(), config.promptTokens(), config.maxNewTokens(),
        config.greedyFraction());
    if (params.contextNeeded() > cfg.seqLen()) {
      throw new IllegalArgumentException("prompt " + config.promptTokens() + " + answer " + config.maxNewTokens()
          + " tokens exceed the model's context of " + cfg.seqLen());
    }
    this.generator = new ChallengeGenerator(secret, params);
    this.scorer = new RoundScorer(config.scoring());
    final String tag = hotkey.publicKey().address().substring(6, 14);
    this.storeWorker = vertx.createSharedWorkerExecutor("agora-validator-store-" + tag, 1, 1, TimeUnit.MINUTES);
    this.verifyWorkers = vertx.createSharedWorkerExecutor("agora-validator-verify-" + tag, config.verifyThreads(), 5,
        TimeUnit.MINUTES);
    this.hyperparameters = new AtomicReference<>(Hyperparameters.defaults(config.netuid()));
    this.submitter = new ChainWeightSubmitter(new ExtrinsicSender(chain, hotkey, 30_000),
        hotkey.publicKey().address(), config.netuid(), hyperparameters::get,
        new Random(new SplittableRandom(java.nio.ByteBuffer.wrap(secret).getLong()).nextLong()),
        this::persistPendingReveals);
    this.anomalies = new AnomalyTracker(new OneClassSvmAnomalyDetector(config.anomaly(), clock), config.netuid(),
        config.anomalyMaxReduction(), config.anomalyRetrainRounds(), config.anomaly().minSamples(), metrics);
    this.weightSetter = new GuardedWeightSetter(store, submitter);
  }

  public String hotkey() {
    return hotkey.publicKey().address();
  }

  public long weightSubmissions() {
    return weightSubmissions.get();
  }

  public int netuid() {
    return config.netuid();
  }

  /** Counters for {@code /metrics}. */
  public ValidatorMetrics metrics() {
    return metrics;
  }

  /** The timing anomaly wiring (its detector's model and provenance). */
  public AnomalyTracker anomalies() {
    return anomalies;
  }

  /** Commits still waiting for their reveal. */
  public int pendingReveals() {
    return submitter.pendingReveals();
  }

  private Future<Void> persistPendingReveals() {
    return storeWorker.executeBlocking(() -> {
      store.savePendingReveals(submitter.pendingSnapshot());
      return null;
    }, true);
  }

  /** Called with every finished round's report (for logs and the devnet). */
  public void onRound(final java.util.function.Consumer<RoundReport> listener) {
    this.roundListener = listener;
  }

  /** Starts the round loop: a round, then a pause of the round interval, and so on. */
  public void start() {
    running = true;
    scheduleNext(0);
  }

  private void scheduleNext(final long delayMs) {
    if (!running) {
      return;
    }
    timerId = vertx.setTimer(Math.max(1, delayMs), id -> {
      final Future<?> f = runRound()
          .onSuccess(r -> roundListener.accept(r))
          .onFailure(e -> LOG.warning(() -> "validator " + hotkey() + " round failed: " + e.getMessage()))
          .onComplete(ar -> scheduleNext(config.roundIntervalMs()));
      inFlight = f;
    });
  }

  /** Stops the loop; completes when the round in progress (if any) has finished. */
  public Future<Void> stop() {
    running = false;
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    return inFlight.transform(ar -> Future.<Void>succeededFuture());
  }

  @Override
  public void close() {
    dendrite.close();
    storeWorker.close();
    verifyWorkers.close();
  }

  /** One round; then reveals that are due and, when allowed, a weight submission. */
  public Future<RoundReport> runRound() {
    final long t0 = clock.nanos();
    return chain.metagraph(config.netuid()).compose(mg -> {
      hyperparameters.set(mg.hyperparameters());
      return storeWorker.executeBlocking(() -> {
        if (revealsRestored.compareAndSet(false, true)) {
          submitter.restore(store.pendingReveals());
        }
        return new Object[] {store.lastRound() + 1, store.records()};
      }, true)
          .compose(state -> challengeAll(mg, (Long) state[0], castRecords(state[1]), t0));
    }).compose(report -> afterRound(report).map(v -> report));
  }

  @SuppressWarnings("unchecked")
  private static Map<Integer, MinerRecord> castRecords(final Object o) {
    return (Map<Integer, MinerRecord>) o;
  }

  private Future<RoundReport> challengeAll(
      final Metagraph mg, final long round, final Map<Integer, MinerRecord> prior, final long t0) {
    final List<NeuronInfo> miners = new ArrayList<>();
    for (final NeuronInfo n : mg.neurons()) {
      if (n.axon().serving() && !n.hotkey().equals(hotkey())) {
        miners.add(n);
      }
    }
    final int[] uids = miners.stream().mapToInt(NeuronInfo::uid).toArray();
    final List<Challenge> challenges = generator.forRound(mg.block(), round, uids);
    final SplittableRandom audit = new SplittableRandom(java.nio.ByteBuffer.wrap(secret).getLong() ^ (round * 0x9E3779B97F4A7C15L));
    final long fanStart = clock.nanos();
    final AtomicLong lastArrival = new AtomicLong(fanStart);
    final AtomicLong verifyNanos = new AtomicLong();
    final long epoch = mg.block() / (Math.max(1, mg.hyperparameters().tempo()) + 1);
    final Map<Integer, Boolean> flagged = new ConcurrentHashMap<>();
    final List<Future<ChallengedMiner>> results = new ArrayList<>();
    for (int i = 0; i < miners.size(); i++) {
      final NeuronInfo n = miners.get(i);
      final Challenge c = challenges.get(i);
      final boolean audited = audit.nextDouble() < config.auditFraction();
      final PublicKey minerKey = PublicKey.fromAddress(n.hotkey());
      final InferenceRequest req = new InferenceRequest(c.requestId(), config.modelId(), c.promptTokenIds(),
          c.maxNewTokens(), c.sampling().greedy(), c.sampling().temperature(), c.sampling().seed(),
          config.requestTimeoutMs());
      results.add(dendrite.query(n.axon().host(), n.axon().port(), minerKey, req, config.firstTokenTimeoutMs(),
              config.requestTimeoutMs())
          .compose(raw -> {
            lastArrival.accumulateAndGet(clock.nanos(), Math::max);
            if (raw.status() != 200 || raw.finalEvent().isEmpty()) {
              return Future.succeededFuture(checker.precheck(c, raw, minerKey).orElseThrow());
            }
            // signature checks and the prefill run on the worker pool, off the event loop
            return verifyWorkers.executeBlocking(() -> {
              final long v0 = clock.nanos();
              try {
                final AnswerOutcome o = checker.check(c, raw, minerKey, verifier, audited);
                if (o.verdict() == Verdict.PASS) {
                  // assessed before observed; a verdict is never changed by it
                  anomalies.onPassed(n.uid(), n.hotkey(), epoch, raw, audited)
                      .ifPresent(v -> flagged.put(n.uid(), v.anomalous()));
                }
                return o;
              } finally {
                verifyNanos.addAndGet(clock.nanos() - v0);
              }
            }, false);
          })
          .recover(e -> Future.succeededFuture(AnswerOutcome.noAnswer("error: " + e.getMessage())))
          .map(o -> new ChallengedMiner(n.uid(), n.hotkey(), o)));
    }
    return Future.all(results).compose(all -> {
      final List<ChallengedMiner> challenged = new ArrayList<>();
      for (final Future<ChallengedMiner> f : results) {
        challenged.add(f.result());
      }
      final Map<Integer, String> passed = new HashMap<>();
      challenged.stream().filter(cm -> cm.outcome().verdict() == Verdict.PASS)
          .forEach(cm -> passed.put(cm.uid(), cm.hotkey()));
      final Map<Integer, Double> multipliers = anomalies.multipliers(epoch, passed);
      final RoundResult rr = scorer.score(epoch, challenged, prior, multipliers);
      return storeWorker.executeBlocking(() -> {
        store.commitRound(round, rr.records());
        return rr;
      }, true).map(saved -> {
        final Map<Integer, AnswerOutcome> outcomes = new TreeMap<>();
        challenged.forEach(cm -> outcomes.put(cm.uid(), cm.outcome()));
        final double fanMs = (lastArrival.get() - fanStart) / 1e6;
        final RoundReport report = new RoundReport(round, mg.block(), outcomes, new TreeMap<>(saved.roundScores()),
            fanMs, verifyNanos.get() / 1e6, (clock.nanos() - t0) / 1e6, new TreeMap<>(flagged),
            new TreeMap<>(multipliers));
        final Map<Integer, Verdict> verdicts = new HashMap<>();
        outcomes.forEach((uid, o) -> verdicts.put(uid, o.verdict()));
        metrics.round(verdicts);
        LOG.fine(() -> "validator " + hotkey() + " round " + round + " block " + mg.block() + ": " + outcomes);
        return report;
      });
    });
  }

  private Future<Void> afterRound(final RoundReport report) {
    final Future<?> retrain = anomalies.roundDone()
        ? verifyWorkers.executeBlocking(anomalies::retrain, false)
            .onFailure(e -> LOG.warning(() -> "anomaly model retraining failed: " + e.getMessage()))
            .recover(e -> Future.succeededFuture())
        : Future.succeededFuture();
    final Future<Integer> reveals = submitter.pendingReveals() > 0 ? submitter.revealDue() : Future.succeededFuture(0);
    return reveals.compose(n -> {
      metrics.revealed(n);
      return maybeSetWeights();
    }).compose(v -> retrain).mapEmpty();
  }

  /**
   * Submits weights from the current reputation when the guard allows it; completes with whether a
   * submission was made.
   */
  public Future<Boolean> maybeSetWeights() {
    return chain.metagraph(config.netuid()).compose(mg -> storeWorker.executeBlocking(() -> {
      final Map<Integer, MinerRecord> records = store.records();
      final Map<Integer, Double> rep = new HashMap<>();
      for (final NeuronInfo n : mg.neurons()) {
        final MinerRecord r = records.get(n.uid());
        if (r != null && r.hotkey().equals(n.hotkey()) && !n.hotkey().equals(hotkey())) {
          rep.put(n.uid(), r.reputation());
        }
      }
      final Optional<WeightVector> wv = WeightVector.fromReputation(rep);
      if (wv.isEmpty()) {
        return Optional.<Future<Void>>empty();
      }
      final double[] w = wv.get().weights();
      final long[] raws = new long[w.length];
      for (int i = 0; i < w.length; i++) {
        raws[i] = I32F32.fromDouble(w[i]);
      }
      final int[] u16 = WeightQuantizer.maxUpscaleFixedToU16(raws);
      final long minBetween = Math.max(1, Math.max(config.weightsIntervalBlocks(), mg.hyperparameters().weightsRateLimit()));
      return weightSetter.trySubmit(mg.block(), minBetween, wv.get().uids(), u16);
    }, true)).compose(opt -> {
      if (opt.isEmpty()) {
        return Future.succeededFuture(false);
      }
      return opt.get().map(v -> {
        weightSubmissions.incrementAndGet();
        metrics.weightsSubmitted();
        return true;
      }).recover(e -> {
        LOG.warning(() -> "validator " + hotkey() + " weights refused: " + e.getMessage());
        return Future.succeededFuture(false);
      });
    });
  }
}
