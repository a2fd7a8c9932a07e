package dev.agora.validator.node;

import static dev.agora.validator.testing.TinyNodeRuntime.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.miner.behaviour.AnswerBoard;
import dev.agora.miner.behaviour.HonestBehaviour;
import dev.agora.miner.behaviour.MinerBehaviour;
import dev.agora.miner.behaviour.TokenSink;
import dev.agora.common.protocol.InferenceRequest;
import dev.agora.storage.InMemoryKvStore;
import dev.agora.validator.anomaly.AnomalyConfig;
import dev.agora.validator.reputation.KvReputationStore;
import dev.agora.validator.scoring.ScoringParams;
import dev.agora.validator.scoring.Verdict;
import dev.agora.validator.testing.MinerFleet;
import dev.agora.validator.testing.TinyNodeRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The timing anomaly model inside a validator: a discount for a dumping miner, never a verdict. */
class ValidatorAnomalyTest {
  private static final String MODEL = "demo-tiny";

  @RegisterExtension
  static final TinyNodeRuntime NODE = new TinyNodeRuntime(MODEL);

  /** Honest tokens; once switched on, it holds the whole answer back for 300 ms and then sends it in one burst. */
  private static final class DumpingBehaviour implements MinerBehaviour {
    private final HonestBehaviour honest = new HonestBehaviour(NODE.engine(), AnswerBoard.NONE, "dumper");
    private final AtomicBoolean dumping = new AtomicBoolean();

    @Override
    public String name() {
      return "dumper";
    }

    @Override
    public int[] answer(final InferenceRequest request, final TokenSink sink) {
      if (!dumping.get()) {
        return honest.answer(request, sink);
      }
      final List<Integer> held = new ArrayList<>();
      final int[] tokens = honest.answer(request, (i, t) -> held.add(t));
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
      for (int i = 0; i < held.size(); i++) {
        sink.accept(i, held.get(i));
      }
      return tokens;
    }
  }

  @Test
  void runRound_shouldDiscountDumpingMinerButKeepItPassingAndNonzeroWhenModelTrained() throws Exception {
    final KeyPair validator = KeyPair.generate(new Random(21));
    final DumpingBehaviour dumper = new DumpingBehaviour();
    try (MinerFleet fleet = new MinerFleet(NODE.vertx(), validator, 4, MODEL, NODE.engine(),
        i -> i == 3 ? dumper : new HonestBehaviour(NODE.engine(), AnswerBoard.NONE, "m" + i), 5)) {
      final ValidatorNodeConfig cfg = ValidatorNodeConfig.defaults(MinerFleet.NETUID, MODEL).withTokens(8, 12)
          .withTiming(0, 1_000, 10_000)
          // a one-sample window: each round's score reflects that round's answer
          .withScoring(new ScoringParams(0.5, 1, 8, 0, 0.25, 0.7, 30, 70))
          .withAnomaly(new AnomalyConfig(24, 24, 0.01, 0.05, 42), 0.2, 4);
      final ValidatorNode node = new ValidatorNode(NODE.vertx(), cfg, validator, fleet.chain(),
          new KvReputationStore(new InMemoryKvStore()), NODE.engine(), Clock.SYSTEM);
      try {
        // training: every miner honest; the first model comes after 6 rounds (24 answers), the retrain after
        // 4 more uses a window of warm answers only (rounds 4..9)
        for (int r = 0; r < 6; r++) {
          final RoundReport report = await(node.runRound());
          assertTrue(report.anomalous().isEmpty(), "no model yet, nothing judged");
          assertTrue(report.anomalyMultipliers().isEmpty());
        }
        assertTrue(node.anomalies().detector().model().isPresent(), "model trained after the sixth round");
        for (int r = 6; r < 10; r++) {
          final RoundReport report = await(node.runRound());
          assertEquals(4, report.anomalous().size(), "every answer judged once a model exists");
        }
        dumper.dumping.set(true);
        for (int r = 0; r < 3; r++) {
          final RoundReport report = await(node.runRound());
          // uid 4 is the dumper; its verdict is untouched by the anomaly signal
          assertEquals(Verdict.PASS, report.outcomes().get(4).verdict(), report.outcomes().get(4).reason());
          assertEquals(Boolean.TRUE, report.anomalous().get(4), "dump flagged in round " + r);
          final double m = report.anomalyMultipliers().get(4);
          assertTrue(m >= 0.8 && m < 1.0, "bounded discount, got " + m);
          final double dumperScore = report.scores().get(4);
          assertTrue(dumperScore > 0, "never zeroed");
          for (int uid = 1; uid <= 3; uid++) {
            assertEquals(Verdict.PASS, report.outcomes().get(uid).verdict());
            assertTrue(report.scores().get(uid) > dumperScore,
                "honest uid " + uid + " " + report.scores().get(uid) + " vs dumper " + dumperScore);
          }
        }
        assertTrue(node.metrics().anomalous() >= 3);
        // the same counters over HTTP
        final MetricsEndpoint endpoint = await(MetricsEndpoint.start(NODE.vertx(), "127.0.0.1", 0, node));
        final String text;
        try {
          text = await(NODE.vertx().createHttpClient()
              .request(io.vertx.core.http.HttpMethod.GET, endpoint.port(), "127.0.0.1", "/metrics")
              .compose(req -> req.send())
              .compose(resp -> resp.body())).toString();
        } finally {
          await(endpoint.close());
        }
        assertTrue(text.contains("agora_validator_rounds_total{netuid=\"1\",validator=\"" + node.hotkey()
            + "\"} 13\n"), text);
        assertTrue(text.contains("agora_validator_miner_anomalies_total{netuid=\"1\",validator=\"" + node.hotkey()
            + "\",uid=\"4\",hotkey=\"" + fleet.minerKey(3).publicKey().address() + "\"} "), text);
      } finally {
        node.close();
      }
    }
  }
}
