package dev.agora.inference.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agora.inference.Generator;
import dev.agora.inference.Sampling;
import dev.agora.inference.TestModels;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The C baseline of the decode benchmark (scripts/bench/refc.c) must compute what the Java engine
 * computes, or the speed comparison means nothing: built here with the system C compiler, it
 * decodes the same greedy ids as the Java engine on shared, unshared and grouped-query shapes, and
 * refuses files that are not checkpoints. Needs a C compiler with OpenMP ({@code cc};
 * {@code scripts/install-test-deps.sh} installs gcc): without one the tests are skipped, or fail when
 * {@code CI=true}.
 */
class ReferenceCDecoderTest {
  private static Path binary;

  @BeforeAll
  static void build() throws Exception {
    final Path source = Path.of("..", "scripts", "bench", "refc.c").toAbsolutePath().normalize();
    assertTrue(Files.isRegularFile(source), "C baseline source at " + source);
    requireCompiler();
    binary = TestModels.dir().resolve("refc-test");
    // -O2 without contraction: IEEE fp32 arithmetic, one rounding per operation; what separates it
    // from the Java engine is summation order and the exp implementation, which only greedy
    // near-ties could expose (the seeded shapes have none within 48 steps)
    ReferenceCompare.run(new ProcessBuilder("cc", "-O2", "-ffp-contract=off", "-fopenmp", "-o",
        binary.toString(), source.toString(), "-lm"), 120);
  }

  /** A C compiler that builds OpenMP programs, or the test is skipped (failed when CI=true). */
  private static void requireCompiler() throws InterruptedException {
    boolean found;
    try {
      final Path probe = TestModels.dir().resolve("omp-probe.c");
      Files.writeString(probe, "#include <omp.h>\nint main(void) { return omp_get_max_threads() < 1; }\n");
      ReferenceCompare.run(new ProcessBuilder("cc", "-fopenmp", "-o",
          TestModels.dir().resolve("omp-probe").toString(), probe.toString()), 60);
      found = true;
    } catch (final IOException e) {
      found = false;
    }
    if (!found) {
      final String msg = "no C compiler with OpenMP (cc -fopenmp): run scripts/install-test-deps.sh";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(msg);
      }
      Assumptions.abort(msg);
    }
  }

  @Test
  void refc_shouldDecodeTheJavaEnginesGreedyIds() throws Exception {
    for (final String preset : new String[] {"demo-tiny", "demo-tiny-unshared", "demo-g128"}) {
      final Path model = TestModels.checkpoint(preset);
      final int steps = 48;
      final int[] c = refcIds(model, steps);
      final int[] java;
      try (CpuInferenceEngine engine = CpuInferenceEngine.open(model, 2)) {
        java = Generator.generate(engine, new int[] {1}, steps, Sampling.greedy(), false, null);
      }
      assertArrayEquals(java, untilBos(c), preset);
      assertTrue(java.length >= 8, preset + ": enough tokens compared, got " + java.length);
    }
  }

  @Test
  void runReference_shouldReportSpeedAndRefuseANonCheckpoint() throws Exception {
    final Path model = TestModels.checkpoint("demo-tiny");
    final double tokPerS = ReferenceCompare.runReference(binary.toString(), model, 1, 16);
    assertTrue(tokPerS > 0 && Double.isFinite(tokPerS), "tok/s " + tokPerS);

    final Path junk = TestModels.dir().resolve("not-a-checkpoint.bin");
    Files.write(junk, new byte[64]);
    final IOException e = assertThrows(IOException.class,
        () -> ReferenceCompare.runReference(binary.toString(), junk, 1, 16));
    assertTrue(e.getMessage().contains("not a llama2.c checkpoint header"), e.getMessage());

    final Path truncated = TestModels.dir().resolve("truncated-checkpoint.bin");
    final byte[] whole = Files.readAllBytes(model);
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));
    final IOException t = assertThrows(IOException.class,
        () -> ReferenceCompare.runReference(binary.toString(), truncated, 1, 16));
    assertTrue(t.getMessage().contains("shorter than its header says"), t.getMessage());
  }

  private static int[] refcIds(final Path model, final int steps) throws Exception {
    final String out = ReferenceCompare.run(new ProcessBuilder(binary.toString(), model.toString(),
        Integer.toString(steps), "1", "ids"), 60);
    final String line = out.lines().filter(l -> l.startsWith("ids: ")).findFirst().orElseThrow(
        () -> new AssertionError("no ids line in: " + out));
    return Arrays.stream(line.substring(5).split(",")).mapToInt(Integer::parseInt).toArray();
  }

  /** run.c stops at BOS; so does the Java generator. */
  private static int[] untilBos(final int[] ids) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == 1) {
        return Arrays.copyOf(ids, i);
      }
    }
    return ids;
  }
}
