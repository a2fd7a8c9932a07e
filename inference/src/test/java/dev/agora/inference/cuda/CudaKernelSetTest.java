package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.inference.ModelConfig;
import org.junit.jupiter.api.Test;

class CudaKernelSetTest {
  @Test
  void unsupportedReason_shouldAcceptRealShapesAndRejectWidthsNotDivisibleByFour() {
    assertTrue(CudaKernelSet.V2.unsupportedReason(GpuCheck.SHAPE_1B.config()).isEmpty());
    assertTrue(CudaKernelSet.V2.unsupportedReason(GpuCheck.SHAPE_15M.config()).isEmpty());
    final ModelConfig oddHidden = new ModelConfig(64, 170, 2, 4, 2, 512, 64, true);
    assertTrue(CudaKernelSet.V2.unsupportedReason(oddHidden).get().contains("divisible by 4"));
    final ModelConfig oddVocab = new ModelConfig(64, 172, 2, 4, 2, 513, 64, true);
    assertTrue(CudaKernelSet.V2.unsupportedReason(oddVocab).isPresent());
    final ModelConfig bigHeads = new ModelConfig(1024, 172, 2, 2, 2, 512, 64, true);
    assertTrue(CudaKernelSet.V2.unsupportedReason(bigHeads).get().contains("256"));
    assertTrue(CudaKernelSet.V1.unsupportedReason(oddHidden).isEmpty());
  }

  @Test
  void fromSystemProperty_shouldDefaultToV2AndRejectUnknownNames() {
    final String old = System.getProperty(CudaKernelSet.PROPERTY);
    try {
      System.clearProperty(CudaKernelSet.PROPERTY);
      assertEquals(CudaKernelSet.V2, CudaKernelSet.fromSystemProperty());
      System.setProperty(CudaKernelSet.PROPERTY, "V1");
      assertEquals(CudaKernelSet.V1, CudaKernelSet.fromSystemProperty());
      System.setProperty(CudaKernelSet.PROPERTY, "fast");
      assertThrows(IllegalArgumentException.class, CudaKernelSet::fromSystemProperty);
    } finally {
      if (old == null) {
        System.clearProperty(CudaKernelSet.PROPERTY);
      } else {
        System.setProperty(CudaKernelSet.PROPERTY, old);
      }
    }
  }
}
