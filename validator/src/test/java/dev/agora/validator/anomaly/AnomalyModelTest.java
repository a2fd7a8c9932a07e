package dev.agora.validator.anomaly;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.common.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyModelTest {
  /** 2026-01-02T03:04:05Z. */
  private static final long CREATED_MS = 1_767_323_045_000L;

  private static final AnomalyConfig CONFIG = AnomalyConfig.defaults();

  private static double anomalousRate(final AnomalyModel m, final List<TimingFeatures> xs) {
    int k = 0;
    for (final TimingFeatures f : xs) {
      if (m.assess(f).anomalous()) {
        k++;
      }
    }
    return (double) k / xs.size();
  }

  /**
   * Measured with the defaults (ν 0.01, γ 0.05), 400 training answers from 8 honest miners, seeds
   * 1..3: held-out false positives 3.4–3.7%; relay +50 ms 100%; stream-then-dump 100%; metronome
   * pacing 100%; relay +30 ms 75–98%. Bounds below leave margin.
   */
  @Test
  void assess_shouldFlagCheatsAndPassHeldOutHonestAnswersWhenTrainedOnHonestTimings() {
    for (long seed = 1; seed <= 3; seed++) {
      final SyntheticTimings s = new SyntheticTimings(seed, 8);
      final AnomalyModel m =
          AnomalyModel.train(
              SyntheticTimings.many(400, s::honest), CONFIG, new FixedClock(CREATED_MS));
      final double fpr = anomalousRate(m, SyntheticTimings.many(2000, s::honest));
      final double relay50 = anomalousRate(m, SyntheticTimings.many(500, () -> s.relayed(50)));
      final double relay30 = anomalousRate(m, SyntheticTimings.many(500, () -> s.relayed(30)));
      final double dump = anomalousRate(m, SyntheticTimings.many(500, s::streamThenDump));
      final double paced = anomalousRate(m, SyntheticTimings.many(500, s::metronome));
      final String where = "seed " + seed;
      assertTrue(fpr <= 0.06, where + ": false-positive rate " + fpr);
      assertTrue(relay50 >= 0.97, where + ": relay +50 ms detection " + relay50);
      assertTrue(relay30 >= 0.60, where + ": relay +30 ms detection " + relay30);
      assertTrue(dump >= 0.99, where + ": stream-then-dump detection " + dump);
      assertTrue(paced >= 0.97, where + ": metronome pacing detection " + paced);
    }
  }

  @Test
  void assess_shouldGiveNegativeScoreExactlyWhenAnomalous() {
    final SyntheticTimings s = new SyntheticTimings(5, 8);
    final AnomalyModel m =
        AnomalyModel.train(
            SyntheticTimings.many(300, s::honest), CONFIG, new FixedClock(CREATED_MS));
    final List<TimingFeatures> probes = new ArrayList<>(SyntheticTimings.many(100, s::honest));
    probes.addAll(SyntheticTimings.many(50, s::streamThenDump));
    for (final TimingFeatures f : probes) {
      final AnomalyVerdict v = m.assess(f);
      assertEquals(v.score() < 0, v.anomalous(), "score " + v.score());
      assertEquals(300, v.trainingSize());
    }
    final double honestMean =
        SyntheticTimings.many(200, s::honest).stream()
            .mapToDouble(f -> m.assess(f).score())
            .average()
            .orElseThrow();
    final double dumpMean =
        SyntheticTimings.many(200, s::streamThenDump).stream()
            .mapToDouble(f -> m.assess(f).score())
            .average()
            .orElseThrow();
    assertTrue(honestMean > 0 && dumpMean < honestMean, honestMean + " vs " + dumpMean);
  }

  @Test
  void train_shouldGiveIdenticalScoresAndProvenanceWhenSeedAndDataAreTheSame() {
    final List<TimingFeatures> train =
        SyntheticTimings.many(256, new SyntheticTimings(9, 6)::honest);
    final SyntheticTimings probeSource = new SyntheticTimings(10, 6);
    final List<TimingFeatures> probes =
        new ArrayList<>(SyntheticTimings.many(100, probeSource::honest));
    probes.addAll(SyntheticTimings.many(50, () -> probeSource.relayed(40)));

    final AnomalyModel a = AnomalyModel.train(train, CONFIG, new FixedClock(CREATED_MS));
    final AnomalyModel b =
        AnomalyModel.train(new ArrayList<>(train), CONFIG, new FixedClock(CREATED_MS));
    final double[] sa = probes.stream().mapToDouble(f -> a.assess(f).score()).toArray();
    final double[] sb = probes.stream().mapToDouble(f -> b.assess(f).score()).toArray();
    assertArrayEquals(sa, sb, 0.0);
    assertEquals(a.provenanceJson(), b.provenanceJson());

    final AnomalyModel otherData =
        AnomalyModel.train(
            SyntheticTimings.many(256, new SyntheticTimings(11, 6)::honest),
            CONFIG,
            new FixedClock(CREATED_MS));
    final double[] sc = probes.stream().mapToDouble(f -> otherData.assess(f).score()).toArray();
    assertFalse(java.util.Arrays.equals(sa, sc), "different data must give a different model");
  }

  @Test
  void provenance_shouldRecordTrainerDataSizeFeaturesAndClockTime() {
    final AnomalyModel m =
        AnomalyModel.train(
            SyntheticTimings.many(123, new SyntheticTimings(4, 5)::honest),
            CONFIG,
            new FixedClock(CREATED_MS));
    assertEquals("2026-01-02T03:04:05Z", m.provenance().getTrainingTime().toString());
    assertTrue(
        m.provenance().getTrainerProvenance().getClassName().endsWith("LibSVMAnomalyTrainer"));
    assertEquals(123, m.trainingSize());

    final String text = m.provenanceText();
    assertTrue(text.contains("LibSVMAnomalyTrainer"), text);
    assertTrue(text.contains("ONE_CLASS"), text);
    assertTrue(text.contains("RBF"), text);

    final JsonNode json = Json.readTree(m.provenanceJson().getBytes(StandardCharsets.UTF_8));
    final String flat = json.toString();
    assertTrue(flat.contains("LibSVMAnomalyTrainer"), flat);
    assertEquals(123, json.at("/dataset/num-examples").asInt(), flat);
    assertEquals(6, json.at("/dataset/num-features").asInt(), flat);
    assertEquals("123", json.at("/instance-values/agora-training-size").asText(), flat);
    assertEquals(
        "2026-01-02T03:04:05Z", json.at("/instance-values/agora-created-at").asText(), flat);
    for (final String name : TimingFeatures.MODEL_FEATURE_NAMES) {
      assertTrue(flat.contains(name), name + " missing from " + flat);
    }
    assertTrue(flat.contains("agora-feature-means") && flat.contains("agora-feature-stds"), flat);
    assertEquals("2026-01-02T03:04:05Z", json.at("/trained-at").asText(), flat);
    assertEquals("ONE_CLASS", json.at("/trainer/svmType/type").asText(), flat);
    assertEquals("RBF", json.at("/trainer/kernelType").asText(), flat);
    assertEquals(CONFIG.nu(), json.at("/trainer/nu").asDouble(), 0.0, flat);
    assertEquals(CONFIG.gamma(), json.at("/trainer/gamma").asDouble(), 0.0, flat);
    assertEquals(CONFIG.seed(), json.at("/trainer/seed").asLong(), flat);
  }

  @Test
  void train_shouldRejectAWindowSmallerThanMinSamples() {
    final List<TimingFeatures> few = SyntheticTimings.many(63, new SyntheticTimings(1, 3)::honest);
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AnomalyModel.train(few, CONFIG, new FixedClock(CREATED_MS)));
    assertTrue(e.getMessage().contains("at least 64"), e.getMessage());
  }

  @Test
  void train_shouldWorkWhenAFeatureIsConstant() {
    // every answer has exactly 128 tokens: ln(tokens) has zero spread
    final SyntheticTimings s = new SyntheticTimings(2, 4);
    final List<TimingFeatures> window = new ArrayList<>();
    while (window.size() < 100) {
      final TimingFeatures f = s.honest();
      window.add(
          new TimingFeatures(
              f.ttftMs(), f.decodeTps(), f.e2eMs(), f.timeShareAt5Pct(), f.gapCv(), 128));
    }
    final AnomalyModel m = AnomalyModel.train(window, CONFIG, new FixedClock(CREATED_MS));
    assertEquals(1.0, m.standardizer().stds()[5], 0.0);
    final AnomalyVerdict v = m.assess(window.get(0));
    assertTrue(Double.isFinite(v.score()));
  }
}
