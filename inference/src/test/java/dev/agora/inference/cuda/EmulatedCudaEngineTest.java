package dev.agora.inference.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole CUDA engine (JCuda calls, launch parameters, graphs, kernels) on a machine without a
 * GPU: scripts/gpu/emu builds a CPU stand-in for libcuda.so.1 that runs the engine's CUDA C kernels
 * as C++ fibers, and a child JVM loads it through LD_LIBRARY_PATH, then compares the CUDA engine
 * with the CPU engine ({@link EmulatedCudaCheck}). Needs g++ on x86-64 Linux; skipped otherwise.
 */
class EmulatedCudaEngineTest {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path BUILD = MODULE.resolve("../scripts/gpu/emu/build-emu.sh");
  private static final Path EMU_DIR = MODULE.resolve("target/cuda-emu");

  @BeforeAll
  static void buildEmulator() throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux")
        && System.getProperty("os.arch").equals("amd64"), "the emulator needs x86-64 Linux");
    assumeTrue(hasTool("g++"), "g++ is not installed");
    final Process p = new ProcessBuilder("bash", BUILD.toString(), EMU_DIR.toString())
        .redirectErrorStream(true).start();
    final String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "building the emulator timed out");
    assertEquals(0, p.exitValue(), "building the emulator failed: " + log);
  }

  @Test
  void cudaEngine_shouldMatchCpuEngineWhenRunOnTheEmulatedDriver() throws Exception {
    final String out = runChild(List.of(), 0);
    assertTrue(out.contains("EMULATED-CUDA-OK"), out);
    assertTrue(out.contains("inference backend: cuda (auto: found CUDA device Agora CPU emulator"),
        out);
  }

  @Test
  void cudaEngine_shouldRefuseAndAutoShouldFallBackWhenGpuMemoryTooSmall() throws Exception {
    final String out = runChild(List.of("too-small"), 1 << 20);
    assertTrue(out.contains("EMULATED-CUDA-OK"), out);
    assertTrue(out.contains("refused: GPU memory too small for this model"), out);
    assertTrue(out.contains("inference backend: cpu (auto: the CUDA engine cannot start"), out);
  }

  private static String runChild(final List<String> args, final long freeBytes)
      throws IOException, InterruptedException {
    final Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    final List<String> cmd = new java.util.ArrayList<>(List.of(javaBin.toString(),
        "--add-modules=jdk.incubator.vector", "-Xmx512m",
        "-Dagora.shared.dir=" + System.getProperty("agora.shared.dir", ""),
        "-cp", System.getProperty("java.class.path"), EmulatedCudaCheck.class.getName()));
    cmd.addAll(args);
    final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .directory(MODULE.toFile());
    final String old = System.getenv("LD_LIBRARY_PATH");
    pb.environment().put("LD_LIBRARY_PATH",
        EMU_DIR + (old == null || old.isEmpty() ? "" : File.pathSeparator + old));
    if (freeBytes > 0) {
      pb.environment().put("EMU_FREE_BYTES", Long.toString(freeBytes));
    }
    final Process p = pb.start();
    final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the emulated run timed out:\n" + out);
    assertEquals(0, p.exitValue(), "the emulated run failed:\n" + out);
    return out;
  }

  private static boolean hasTool(final String tool) {
    try {
      final Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (final IOException e) {
      return false;
    } catch (final InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
