package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.agora.inference.Checkpoint;
import dev.agora.inference.TestModels;
import org.junit.jupiter.api.Test;

class CudaProbeTest {

  @Test
  void probeOnce_shouldReturnTheSameCachedResultWithoutThrowing() {
    final CudaProbe.Result a = CudaProbe.probeOnce();
    assertSame(a, CudaProbe.probeOnce());
    assertEquals(a.available(), a.reason().isEmpty(), "a reason exactly when unavailable");
    assertFalse(a.reason().contains("\n"), "one-line reason");
  }

  @Test
  void create_shouldFailWithClearMessageWhenNoDevice() {
    assumeFalse(CudaProbe.probeOnce().available(), "this machine has a CUDA device");
    try (Checkpoint ckpt = Checkpoint.open(TestModels.checkpoint("demo-tiny"))) {
      final CudaUnavailableException e =
          assertThrows(CudaUnavailableException.class, () -> CudaInferenceEngine.create(ckpt));
      assertTrue(e.getMessage().startsWith("no CUDA device: "), e.getMessage());
    }
  }

  @Test
  void systemSelector_shouldUseCpuEngineWhenAutoAndNoDevice() {
    assumeFalse(CudaProbe.probeOnce().available(), "this machine has a CUDA device");
    try (Checkpoint ckpt = Checkpoint.open(TestModels.checkpoint("demo-tiny"));
        var engine = BackendSelector.system(1).open(Backend.AUTO, ckpt)) {
      assertEquals("cpu", engine.backend());
      assertEquals(ckpt.config(), engine.config());
    }
  }

  @Test
  void systemSelector_shouldRefuseToStartWhenCudaRequestedAndNoDevice() {
    assumeFalse(CudaProbe.probeOnce().available(), "this machine has a CUDA device");
    try (Checkpoint ckpt = Checkpoint.open(TestModels.checkpoint("demo-tiny"))) {
      final CudaUnavailableException e = assertThrows(CudaUnavailableException.class,
          () -> BackendSelector.system(1).open(Backend.CUDA, ckpt));
      assertTrue(e.getMessage().contains("no CUDA device is usable"), e.getMessage());
    }
  }

  @Test
  void oneLine_shouldExtractTheMissingLibraryFromNestedLoaderMessages() {
    final String msg = "Error while loading native library \"JCudaDriver-12.0.0-linux-x86_64\"\n"
        + "Operating system name: Linux\n"
        + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.0.0-linux-x86_64.so: "
        + "libcuda.so.1: cannot open shared object file: No such file or directory\n";
    final String line = CudaProbe.oneLine(new UnsatisfiedLinkError(msg));
    assertFalse(line.contains("\n"));
    assertTrue(line.contains("libcuda.so.1 cannot be opened"), line);
    assertTrue(line.startsWith("Error while loading native library"), line);
  }
}
