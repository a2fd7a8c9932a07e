package dev.agora.validator.anomaly;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * One trained timing model: a Tribuo one-class SVM (RBF kernel) over standardised {@link
 * TimingFeatures#modelInputs()}. Immutable and safe to share between threads once built.
 *
 * <p>Deterministic: the same answers in the same order, config and seed give the same scores.
 * Training is CPU work; run {@link #train} on a worker pool.
 */
public final class AnomalyModel {
  /** Description of the training data source recorded in the provenance. */
  static final String DATA_DESCRIPTION = "agora validator: verified answers' timing window";

  /** libsvm kernel cache; a 512-answer window needs about 1 MB of kernel values. */
  static final double KERNEL_CACHE_MB = 16.0;

  private static final String[] NAMES = TimingFeatures.MODEL_FEATURE_NAMES.toArray(new String[0]);

  static {
    // libsvm prints its optimiser progress to stdout by default; the validator's logs stay clean.
    libsvm.svm.svm_set_print_string_function(line -> {});
  }

  private final Model<Event> model;
  private final FeatureStandardizer standardizer;
  private final ModelProvenance provenance;
  private final int trainingSize;

  private AnomalyModel(
      final Model<Event> model,
      final FeatureStandardizer standardizer,
      final ModelProvenance provenance,
      final int trainingSize) {
    this.model = model;
    this.standardizer = standardizer;
    this.provenance = provenance;
    this.trainingSize = trainingSize;
  }

  /**
   * Trains on the given answers, all assumed honest (verified, in order).
   *
   * @param window the training answers; at least {@code config.minSamples()}
   * @param config ν, γ, seed and sizes
   * @param clock source of the creation time recorded in the provenance
   * @throws IllegalArgumentException fewer than {@code config.minSamples()} answers
   */
  public static AnomalyModel train(
      final List<TimingFeatures> window, final AnomalyConfig config, final Clock clock) {
    if (window.size() < config.minSamples()) {
      throw new IllegalArgumentException(
          "need at least " + config.minSamples() + " answers to train, got " + window.size());
    }
    final OffsetDateTime created = Instant.ofEpochMilli(clock.millis()).atOffset(ZoneOffset.UTC);
    final List<double[]> raw = new ArrayList<>(window.size());
    for (final TimingFeatures f : window) {
      raw.add(f.modelInputs());
    }
    final FeatureStandardizer standardizer = FeatureStandardizer.fit(raw);

    final AnomalyFactory factory = new AnomalyFactory();
    final MutableDataset<Event> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance(DATA_DESCRIPTION, created, factory), factory);
    for (final double[] row : raw) {
      data.add(new ArrayExample<>(AnomalyFactory.EXPECTED_EVENT, NAMES, standardizer.apply(row)));
    }

    final SVMParameters<Event> params =
        new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
    params.setNu(config.nu());
    params.setGamma(config.gamma());
    params.setCacheSize(KERNEL_CACHE_MB);
    final LibSVMAnomalyTrainer trainer = new LibSVMAnomalyTrainer(params, config.seed());

    final Map<String, Provenance> run = runProvenance(window.size(), config, standardizer, created);
    final Model<Event> model = trainer.train(data, run);
    final ModelProvenance trained = model.getProvenance();
    // Tribuo stamps its own provenance with the system time; the exposed copy carries the injected
    // clock's time so that logs and tests stay deterministic. All other fields are Tribuo's.
    final ModelProvenance provenance =
        new ModelProvenance(
            trained.getClassName(),
            created,
            trained.getDatasetProvenance(),
            trained.getTrainerProvenance(),
            run);
    return new AnomalyModel(model, standardizer, provenance, window.size());
  }

  private static Map<String, Provenance> runProvenance(
      final int size,
      final AnomalyConfig config,
      final FeatureStandardizer standardizer,
      final OffsetDateTime created) {
    final Map<String, Provenance> run = new LinkedHashMap<>();
    run.put("agora-created-at", new StringProvenance("agora-created-at", created.toString()));
    run.put("agora-training-size", new IntProvenance("agora-training-size", size));
    run.put("agora-window-size", new IntProvenance("agora-window-size", config.windowSize()));
    run.put("agora-min-samples", new IntProvenance("agora-min-samples", config.minSamples()));
    run.put("agora-nu", new DoubleProvenance("agora-nu", config.nu()));
    run.put("agora-gamma", new DoubleProvenance("agora-gamma", config.gamma()));
    run.put("agora-seed", new LongProvenance("agora-seed", config.seed()));
    run.put("agora-features", strings("agora-features", TimingFeatures.MODEL_FEATURE_NAMES));
    run.put(
        "agora-standardization",
        new StringProvenance(
            "agora-standardization", "z = (x - mean) / std, fitted on the window"));
    run.put("agora-feature-means", doubles("agora-feature-means", standardizer.means()));
    run.put("agora-feature-stds", doubles("agora-feature-stds", standardizer.stds()));
    return run;
  }

  private static ListProvenance<StringProvenance> strings(
      final String key, final List<String> values) {
    final List<StringProvenance> out = new ArrayList<>();
    for (final String v : values) {
      out.add(new StringProvenance(key, v));
    }
    return new ListProvenance<>(out);
  }

  private static ListProvenance<DoubleProvenance> doubles(final String key, final double[] values) {
    final List<DoubleProvenance> out = new ArrayList<>();
    for (final double v : values) {
      out.add(new DoubleProvenance(key, v));
    }
    return new ListProvenance<>(out);
  }

  /** Judges one answer's timing against the learned honest cloud. */
  public AnomalyVerdict assess(final TimingFeatures features) {
    final ArrayExample<Event> example =
        new ArrayExample<>(
            AnomalyFactory.UNKNOWN_EVENT, NAMES, standardizer.apply(features.modelInputs()));
    final Prediction<Event> prediction = model.predict(example);
    final Event event = prediction.getOutput();
    return new AnomalyVerdict(
        event.getType() == Event.EventType.ANOMALOUS, event.getScore(), trainingSize);
  }

  /** Number of answers this model was trained on. */
  public int trainingSize() {
    return trainingSize;
  }

  /** The fitted standardisation. */
  public FeatureStandardizer standardizer() {
    return standardizer;
  }

  /**
   * The Tribuo provenance: trainer class and parameters (kernel, ν, γ, seed), dataset (size,
   * feature count, source description), Tribuo/Java/OS versions, and Agora's run values (feature
   * names, means/stds, window settings, creation time from the injected clock).
   */
  public ModelProvenance provenance() {
    return provenance;
  }

  /** The provenance as indented text (OLCUT's formatted form). */
  public String provenanceText() {
    return ProvenanceUtil.formattedProvenanceString(provenance);
  }

  /** The provenance as JSON (sorted keys), for logs and {@code --json} output. */
  public String provenanceJson() {
    return Json.write(ProvenanceUtil.convertToMap(provenance));
  }
}
