package dev.agora.inference.cuda;

import dev.agora.inference.Checkpoint;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Supplier;
import jcuda.CudaException;

/**
 * Chooses the inference engine for {@code --backend auto|cpu|cuda} (STYLE.md rule 9).
 *
 * <ul>
 *   <li>{@code cpu}: the CPU engine.
 *   <li>{@code cuda}: the CUDA engine; no usable GPU (or too little GPU memory) is a
 *       {@link CudaUnavailableException} at start.
 *   <li>{@code auto}: probes the driver once; the CUDA engine when a device is there and the model
 *       fits, else the CPU engine. The choice and its reason are logged at INFO.
 * </ul>
 */
public final class BackendSelector {
  private static final System.Logger LOG = System.getLogger(BackendSelector.class.getName());

  private final Supplier<CudaProbe.Result> probe;
  private final EngineFactory cpuFactory;
  private final EngineFactory cudaFactory;

  /** Makes an engine over an open checkpoint. */
  @FunctionalInterface
  public interface EngineFactory {
    InferenceEngine create(Checkpoint checkpoint);
  }

  /**
   * A backend decision.
   *
   * @param backend {@link Backend#CPU} or {@link Backend#CUDA}
   * @param reason why, in one line
   */
  public record Choice(Backend backend, String reason) {}

  public BackendSelector(
      final Supplier<CudaProbe.Result> probe,
      final EngineFactory cpuFactory,
      final EngineFactory cudaFactory) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.cpuFactory = Objects.requireNonNull(cpuFactory, "cpuFactory");
    this.cudaFactory = Objects.requireNonNull(cudaFactory, "cudaFactory");
  }

  /** The real probe, the CPU engine with {@code cpuThreads} threads and the CUDA engine. */
  public static BackendSelector system(final int cpuThreads) {
    return new BackendSelector(CudaProbe::probeOnce,
        ckpt -> CpuInferenceEngine.create(ckpt, cpuThreads), CudaInferenceEngine::create);
  }

  /**
   * Decides without building an engine.
   *
   * @throws CudaUnavailableException when {@code cuda} is requested and no device is usable
   */
  public Choice choose(final Backend requested) {
    switch (requested) {
      case CPU:
        return new Choice(Backend.CPU, "backend cpu requested");
      case CUDA: {
        final CudaProbe.Result r = probe.get();
        if (!r.available()) {
          throw new CudaUnavailableException(
              "backend cuda requested but no CUDA device is usable: " + r.reason());
        }
        return new Choice(Backend.CUDA, "backend cuda requested; device " + r.device().get().describe());
      }
      case AUTO: {
        final CudaProbe.Result r = probe.get();
        if (r.available()) {
          return new Choice(Backend.CUDA, "auto: found CUDA device " + r.device().get().describe());
        }
        return new Choice(Backend.CPU, "auto: no usable CUDA device (" + r.reason() + ")");
      }
      default:
        throw new IllegalArgumentException("unknown backend " + requested);
    }
  }

  /**
   * Builds the engine for {@code requested} over {@code checkpoint} and logs the choice. With
   * {@code auto}, a CUDA engine that cannot start (e.g. the model does not fit in GPU memory) falls
   * back to the CPU engine, and the reason is logged.
   *
   * @throws CudaUnavailableException when {@code cuda} is requested and the CUDA engine cannot start
   */
  public InferenceEngine open(final Backend requested, final Checkpoint checkpoint) {
    final Choice choice = choose(requested);
    if (choice.backend() == Backend.CPU) {
      LOG.log(Level.INFO, "inference backend: cpu ({0})", choice.reason());
      return cpuFactory.create(checkpoint);
    }
    try {
      final InferenceEngine engine = cudaFactory.create(checkpoint);
      LOG.log(Level.INFO, "inference backend: cuda ({0})", choice.reason());
      return engine;
    } catch (final CudaUnavailableException | LinkageError e) {
      if (requested == Backend.CUDA) {
        throw e instanceof CudaUnavailableException cu ? cu
            : new CudaUnavailableException("backend cuda requested but the CUDA engine cannot start: "
                + CudaProbe.oneLine(e), e);
      }
      LOG.log(Level.INFO, "inference backend: cpu (auto: the CUDA engine cannot start: {0})",
          CudaProbe.oneLine(e));
      return cpuFactory.create(checkpoint);
    } catch (final CudaException e) {
      // A driver call failed while loading (e.g. out of memory after the check, PTX rejected).
      if (requested == Backend.CUDA) {
        throw new CudaUnavailableException(
            "backend cuda requested but the CUDA engine cannot start: " + CudaProbe.oneLine(e), e);
      }
      LOG.log(Level.INFO, "inference backend: cpu (auto: the CUDA engine failed to start: {0})",
          CudaProbe.oneLine(e));
      return cpuFactory.create(checkpoint);
    }
  }
}
