package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed PTX: present, exporting every kernel the engine launches, free of reduced-precision
 * instructions, equal to a fresh compile of src/main/cuda where nvcc is installed, and accepted by
 * ptxas.
 */
class PtxResourceTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path SOURCE = MODULE.resolve("src/main/cuda/agora_kernels.cu");
  private static final Path COMMITTED =
      MODULE.resolve("src/main/resources/ptx/agora_kernels.ptx");
  private static final Path BUILD_SCRIPT = MODULE.resolve("../scripts/gpu/build-ptx.sh");

  @TempDir Path tmp;

  @Test
  void ptx_shouldExportEveryKernelTheEngineLaunches() {
    final String ptx = CudaKernels.ptxSource();
    final List<String> entries = new ArrayList<>();
    final Matcher m = Pattern.compile("\\.visible \\.entry (\\w+)\\(").matcher(ptx);
    while (m.find()) {
      entries.add(m.group(1));
    }
    for (final String k : CudaKernels.NAMES) {
      assertTrue(entries.contains(k), "kernel " + k + " missing from the PTX; entries: " + entries);
    }
    assertTrue(ptx.contains(".target sm_80"), "compiled for compute_80");
  }

  @Test
  void ptx_shouldContainNoTensorCoreOrReducedPrecisionInstructions() {
    final String ptx = CudaKernels.ptxSource();
    final Pattern banned = Pattern.compile(
        "\\b(w?mma|wgmma)\\.|\\.tf32\\b|\\.f16(x2)?\\b|\\.bf16(x2)?\\b|div\\.(approx|full)"
            + "|sqrt\\.approx|rsqrt\\.approx");
    final Matcher m = banned.matcher(ptx);
    assertFalse(m.find(), () -> "reduced-precision instruction in the PTX: " + m.group());
    assertTrue(ptx.contains("div.rn.f32"), "IEEE division present (no fast-math)");
    assertTrue(ptx.contains("sqrt.rn.f32"), "IEEE square root present (no fast-math)");
  }

  @Test
  void ptx_shouldMatchAFreshCompileOfTheSources() throws Exception {
    final Optional<String> nvccVersion = toolVersion("nvcc");
    assumeTrue(nvccVersion.isPresent(), "nvcc is not installed: cannot recompile the kernels");
    final String committed = Files.readString(COMMITTED, StandardCharsets.US_ASCII);
    final String release = releaseLine(nvccVersion.get());
    assumeTrue(committed.contains(release), "the committed PTX was made by another nvcc than "
        + release + "; regenerate it with scripts/gpu/build-ptx.sh");
    final Path fresh = tmp.resolve("fresh.ptx");
    final Process p = new ProcessBuilder("bash", BUILD_SCRIPT.toString(), fresh.toString())
        .redirectErrorStream(true).start();
    final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "nvcc timed out");
    assertEquals(0, p.exitValue(), "build-ptx.sh failed: " + log);
    assertEquals(committed, Files.readString(fresh, StandardCharsets.US_ASCII),
        "the committed PTX is stale: run scripts/gpu/build-ptx.sh and commit "
            + "inference/src/main/resources/ptx/agora_kernels.ptx");
    assertTrue(Files.getLastModifiedTime(SOURCE).toMillis() > 0);
  }

  @Test
  void ptx_shouldBeAcceptedByPtxasForAmpereAndHopper() throws Exception {
    assumeTrue(toolVersion("ptxas").isPresent(), "ptxas is not installed");
    for (final String arch : List.of("sm_80", "sm_90")) {
      final Process p = new ProcessBuilder("ptxas", "-arch=" + arch, "-o",
          tmp.resolve(arch + ".cubin").toString(), COMMITTED.toString())
          .redirectErrorStream(true).start();
      final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "ptxas timed out");
      assertEquals(0, p.exitValue(), "ptxas -arch=" + arch + " rejected the PTX: " + log);
    }
  }

  /** The "Cuda compilation tools, release X, VY" line of a version banner. */
  private static String releaseLine(final String banner) {
    for (final String line : banner.split("\n")) {
      if (line.startsWith("Cuda compilation tools")) {
        return line.strip();
      }
    }
    return banner.strip();
  }

  private static Optional<String> toolVersion(final String tool) {
    try {
      final Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      return Optional.of(out);
    } catch (final IOException e) {
      return Optional.empty();
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
