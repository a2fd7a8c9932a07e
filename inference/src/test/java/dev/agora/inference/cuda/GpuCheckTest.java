package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.agora.inference.ModelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuCheckTest {
  @TempDir Path tmp;

  @Test
  void run_shouldExitThreeAndRecordReasonWhenNoDevice() throws Exception {
    assumeFalse(CudaProbe.probeOnce().available(), "this machine has a CUDA device");
    final int rc = GpuCheck.run(new String[] {"--out", tmp.toString(), "--work",
        tmp.resolve("w").toString()});
    assertEquals(3, rc);
    final String json = Files.readString(tmp.resolve("gpu-check.json"));
    assertTrue(json.contains("\"device\" : \"none: "), json);
  }

  @Test
  void run_shouldExitTwoOnUnknownOrIncompleteOptions() {
    assertEquals(2, GpuCheck.run(new String[] {"--bogus", "x"}));
    assertEquals(2, GpuCheck.run(new String[] {"--out"}));
    assertEquals(2, GpuCheck.run(new String[] {"--kernels", "v3"}));
  }

  @Test
  void percentile_shouldPickTheNearestRankOfSortedValues() {
    final float[] v = new float[10_000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i + 1;
    }
    assertEquals(9999f, GpuCheck.percentile(v, 0.9999));
    assertEquals(9900f, GpuCheck.percentile(v, 0.99));
    assertEquals(10_000f, GpuCheck.percentile(v, 1.0));
    assertEquals(1f, GpuCheck.percentile(new float[] {1f}, 0.9999));
  }

  @Test
  void decodeWeightBytes_shouldReadTheEmbeddingOnlyWhenItIsTheClassifier() {
    final ModelConfig shared = GpuCheck.SHAPE_1B.config();
    final ModelConfig unshared = new ModelConfig(2048, 5632, 22, 32, 4, 32000, 2048, false);
    assertEquals(MemoryPlan.of(shared).weightBytes(), GpuCheck.decodeWeightBytes(shared));
    // Unshared: the classifier is read, the embedding table only one row.
    assertEquals(MemoryPlan.of(unshared).weightBytes() - 4.0 * 32000 * 2048 + 4.0 * 2048,
        GpuCheck.decodeWeightBytes(unshared));
  }
}
