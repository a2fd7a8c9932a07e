package dev.agora.inference.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agora.inference.Generator;
import dev.agora.inference.Sampling;
import dev.agora.inference.TestModels;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
    // -O2 (not -Ofast) keeps IEEE semantics, so only summation order separates it from Java
    final Process cc = new ProcessBuilder("cc", "-O2", "-fopenmp", "-o", binary.toString(),
        source.toString(), "-lm").redirectErrorStream(true).start();
    final String out = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(cc.waitFor(120, TimeUnit.SECONDS), "cc finished");
    assertEquals(0, cc.exitValue(), "cc failed: " + out);
  }

  private static void requireCompiler() throws InterruptedException {
    boolean found;
    try {
      final Process p = new ProcessBuilder("cc", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      found = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (final IOException e) {
      found = false;
    }
    if (!found) {
      final String msg = "no C compiler (cc): run scripts/install-test-deps.sh";
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
    final Process p = new ProcessBuilder(binary.toString(), model.toString(),
        Integer.toString(steps), "1", "ids").redirectErrorStream(true).start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "refc finished");
    assertEquals(0, p.exitValue(), out);
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
