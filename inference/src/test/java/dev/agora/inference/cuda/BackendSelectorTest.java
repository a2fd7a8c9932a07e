package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.inference.InferenceEngine;
import dev.agora.inference.ModelConfig;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {
  private static final CudaDevice H200 =
      new CudaDevice(0, "NVIDIA H200", 150L << 30, 9, 0, 13000);
  private static final CudaProbe.Result FOUND = CudaProbe.Result.found(H200);
  private static final CudaProbe.Result NONE =
      CudaProbe.Result.unavailable("libcuda.so.1 cannot be opened");

  private final StubEngine cpuEngine = new StubEngine("cpu");
  private final StubEngine cudaEngine = new StubEngine("cuda");
  private final AtomicInteger probes = new AtomicInteger();

  private BackendSelector selector(final CudaProbe.Result probe,
      final BackendSelector.EngineFactory cuda) {
    return new BackendSelector(() -> {
      probes.incrementAndGet();
      return probe;
    }, ckpt -> cpuEngine, cuda);
  }

  @Test
  void choose_shouldPickCudaWhenAutoAndDeviceFound() {
    final BackendSelector.Choice c = selector(FOUND, ckpt -> cudaEngine).choose(Backend.AUTO);
    assertEquals(Backend.CUDA, c.backend());
    assertTrue(c.reason().contains("NVIDIA H200"), c.reason());
  }

  @Test
  void choose_shouldFallBackToCpuWithReasonWhenAutoAndNoDevice() {
    final BackendSelector.Choice c = selector(NONE, ckpt -> cudaEngine).choose(Backend.AUTO);
    assertEquals(Backend.CPU, c.backend());
    assertTrue(c.reason().contains("libcuda.so.1"), c.reason());
  }

  @Test
  void choose_shouldNotProbeWhenCpuRequested() {
    final BackendSelector.Choice c = selector(FOUND, ckpt -> cudaEngine).choose(Backend.CPU);
    assertEquals(Backend.CPU, c.backend());
    assertEquals(0, probes.get());
  }

  @Test
  void choose_shouldFailClearlyWhenCudaRequestedAndNoDevice() {
    final CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
        () -> selector(NONE, ckpt -> cudaEngine).choose(Backend.CUDA));
    assertTrue(e.getMessage().contains("backend cuda requested"), e.getMessage());
    assertTrue(e.getMessage().contains("libcuda.so.1"), e.getMessage());
  }

  @Test
  void open_shouldReturnCudaEngineWhenAutoAndDeviceFound() {
    assertSame(cudaEngine, selector(FOUND, ckpt -> cudaEngine).open(Backend.AUTO, null));
  }

  @Test
  void open_shouldFallBackToCpuWhenAutoAndModelDoesNotFit() {
    final BackendSelector s = selector(FOUND, ckpt -> {
      throw new CudaUnavailableException("GPU memory too small for this model");
    });
    assertSame(cpuEngine, s.open(Backend.AUTO, null));
  }

  @Test
  void open_shouldFallBackToCpuWhenAutoAndDriverCallFails() {
    final BackendSelector s = selector(FOUND, ckpt -> {
      throw new jcuda.CudaException("CUDA_ERROR_INVALID_PTX");
    });
    assertSame(cpuEngine, s.open(Backend.AUTO, null));
  }

  @Test
  void open_shouldThrowWhenCudaRequestedAndModelDoesNotFit() {
    final BackendSelector s = selector(FOUND, ckpt -> {
      throw new CudaUnavailableException("GPU memory too small for this model");
    });
    final CudaUnavailableException e =
        assertThrows(CudaUnavailableException.class, () -> s.open(Backend.CUDA, null));
    assertTrue(e.getMessage().contains("too small"), e.getMessage());
  }

  @Test
  void open_shouldWrapDriverErrorWhenCudaRequested() {
    final BackendSelector s = selector(FOUND, ckpt -> {
      throw new jcuda.CudaException("CUDA_ERROR_INVALID_PTX");
    });
    final CudaUnavailableException e =
        assertThrows(CudaUnavailableException.class, () -> s.open(Backend.CUDA, null));
    assertTrue(e.getMessage().contains("CUDA_ERROR_INVALID_PTX"), e.getMessage());
  }

  @Test
  void parse_shouldAcceptAnyCaseAndRejectUnknownNames() {
    assertEquals(Backend.AUTO, Backend.parse("auto"));
    assertEquals(Backend.CUDA, Backend.parse(" CUDA "));
    assertEquals(Backend.CPU, Backend.parse("Cpu"));
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Backend.parse("gpu"));
    assertTrue(e.getMessage().contains("auto, cpu, cuda"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Backend.parse(null));
  }

  /** An engine that only reports its backend name. */
  private static final class StubEngine implements InferenceEngine {
    private final String name;

    StubEngine(final String name) {
      this.name = name;
    }

    @Override
    public ModelConfig config() {
      return new ModelConfig(64, 172, 2, 4, 2, 512, 256, true);
    }

    @Override
    public String backend() {
      return name;
    }

    @Override
    public Session newSession() {
      throw new UnsupportedOperationException("stub");
    }

    @Override
    public float[][] prefill(final int[] tokens, final int fromPosition) {
      throw new UnsupportedOperationException("stub");
    }

    @Override
    public void close() {}
  }
}
