package dev.agora.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability under SIGKILL: a child JVM ({@link CrashWriterMain}) commits numbered batches to RocksDB
 * and is killed at seeded-random moments. After every kill the database must hold only whole batches,
 * contiguous from 0, including every batch whose commit the child reported as returned.
 */
class RocksDbKvStoreCrashTest {
  private static final int KILLS = 12;
  private static final long SEED = 0x5eed_2b0bL;

  @TempDir Path tempDir;

  @Test
  @Timeout(value = 180, threadMode = ThreadMode.SEPARATE_THREAD)
  void sigkill_shouldLeaveBatchesWholeOrAbsentAndKeepReportedOnesWhenKilledRepeatedly()
      throws Exception {
    final Path dir = tempDir.resolve("crash-db");
    final Random rnd = new Random(SEED);
    long maxReported = -1;
    long reportedTotal = 0;
    long unreportedSurvivors = 0;
    long batches = 0;
    for (int kill = 0; kill < KILLS; kill++) {
      final Process child = startChild(dir);
      final LineReader lines = new LineReader(child.getInputStream());
      final String opened = lines.next().orElseThrow(() -> new AssertionError("child printed nothing: " + stderr(dir)));
      assertEquals("opened " + batches, opened, "child must resume after the last whole batch");
      // Kill after a random number of reported commits (0 = during the very first commit).
      final int target = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(60);
      for (int i = 0; i < target; i++) {
        maxReported = Math.max(maxReported, parseCommitted(lines.next().orElseThrow()));
        reportedTotal++;
      }
      // SIGKILL through the handle: Process.destroyForcibly would also close our end of the pipe.
      assertTrue(child.toHandle().destroyForcibly(), "SIGKILL was not sent");
      assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not die");
      assertEquals(137, child.exitValue(), "child must die by SIGKILL (128 + 9)");
      // Lines the child finished printing before it died are reported commits too.
      for (Optional<String> line = lines.next(); line.isPresent(); line = lines.next()) {
        maxReported = Math.max(maxReported, parseCommitted(line.get()));
        reportedTotal++;
      }
      try (RocksDbKvStore store = RocksDbKvStore.open(dir)) {
        batches = CrashWriterMain.verify(store);
      }
      assertTrue(
          batches - 1 >= maxReported,
          "batch " + maxReported + " was reported committed but only " + batches + " survive");
      if (batches - 1 > maxReported) {
        unreportedSurvivors++;
      }
    }
    System.out.printf(
        "crash test: %d SIGKILLs, %d whole batches survived, %d commit reports read, "
            + "%d kills landed between a commit and its report%n",
        KILLS, batches, reportedTotal, unreportedSurvivors);
    assertTrue(batches > 0, "no batch was ever committed");
  }

  @Test
  @Timeout(value = 60, threadMode = ThreadMode.SEPARATE_THREAD)
  void open_shouldThrowNamingPathWhenAnotherProcessHoldsDatabase() throws Exception {
    final Path dir = tempDir.resolve("held-db");
    final Process child = startChild(dir);
    try {
      final LineReader lines = new LineReader(child.getInputStream());
      assertTrue(lines.next().orElseThrow().startsWith("opened "), "child did not open the database");
      final StorageException e = assertThrows(StorageException.class, () -> RocksDbKvStore.open(dir));
      assertTrue(e.getMessage().contains(dir.toAbsolutePath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("locked"), e.getMessage());
    } finally {
      child.destroyForcibly();
      assertTrue(child.waitFor(20, TimeUnit.SECONDS), "child did not die");
    }
    try (RocksDbKvStore store = RocksDbKvStore.open(dir)) {
      CrashWriterMain.verify(store);
    }
  }

  private Process startChild(final Path dir) throws IOException {
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    final List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xmx96m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashWriterMain.class.getName());
    command.add(dir.toString());
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(tempDir.resolve("child.err").toFile()))
        .start();
  }

  private String stderr(final Path dir) {
    try {
      return dir + ": " + Files.readString(tempDir.resolve("child.err"));
    } catch (IOException e) {
      return dir + ": (no stderr: " + e + ")";
    }
  }

  private static long parseCommitted(final String line) {
    if (!line.startsWith("committed ")) {
      throw new AssertionError("unexpected child output: " + line);
    }
    return Long.parseLong(line.substring("committed ".length()));
  }

  /** Yields only newline-terminated lines, so a line cut short by the kill is never counted. */
  private static final class LineReader {
    private final InputStream in;

    LineReader(final InputStream in) {
      this.in = new BufferedInputStream(in);
    }

    Optional<String> next() throws IOException {
      final ByteArrayOutputStream line = new ByteArrayOutputStream();
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n') {
          return Optional.of(line.toString(StandardCharsets.UTF_8));
        }
        line.write(b);
      }
      return Optional.empty();
    }
  }
}
