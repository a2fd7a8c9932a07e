package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
  @TempDir Path tmp;

  private static byte[] header(final int... h) {
    final ByteBuffer b = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
    for (final int v : h) {
      b.putInt(v);
    }
    return b.array();
  }

  private String openError(final byte[] content) throws Exception {
    final Path p = tmp.resolve("bad.bin");
    Files.write(p, content);
    return assertThrows(ModelFormatException.class, () -> Checkpoint.open(p)).getMessage();
  }

  @Test
  void open_shouldReadShapeAndSharedFlagWhenFileIsValid() {
    final ModelSpec spec = DemoModels.preset("demo-tiny");
    try (Checkpoint c = Checkpoint.open(TestModels.checkpoint(spec))) {
      assertEquals(spec.config(), c.config());
      assertEquals(spec.config().fileSizeBytes(), c.fileSize());
      assertTrue(c.config().sharedClassifier());
      assertEquals(c.tensor(Tensor.TOKEN_EMBEDDING, 0).getFloat(0), c.tensor(Tensor.WCLS, 0).getFloat(0));
    }
  }

  @Test
  void open_shouldMapSeparateClassifierWhenVocabIsNegative() {
    final ModelSpec spec = DemoModels.preset("demo-tiny-unshared");
    final ModelConfig cfg = spec.config();
    try (Checkpoint c = Checkpoint.open(TestModels.checkpoint(spec))) {
      assertFalse(c.config().sharedClassifier());
      assertEquals(-600, c.config().signedVocabSize());
      // the classifier is the last tensor of the file; its first float follows the RoPE tables
      final long k = cfg.payloadFloats() - (long) cfg.vocabSize() * cfg.dim();
      assertEquals(SeededWeights.raw(spec.seed(), spec.amp(), k), c.tensor(Tensor.WCLS, 0).getFloat(0));
      assertEquals(1.0f, c.tensor(Tensor.RMS_FFN, 1).getFloat(0));
      assertEquals(0.0f, c.tensor(Tensor.FREQ_CIS_IMAG, 0).getFloat(4));
    }
  }

  @Test
  void open_shouldReportTruncationWhenFileIsShort() throws Exception {
    final Path good = TestModels.checkpoint("demo-tiny");
    final byte[] all = Files.readAllBytes(good);
    final String m = openError(java.util.Arrays.copyOf(all, all.length - 4));
    assertTrue(m.contains("truncated") && m.contains(String.valueOf(all.length)), m);
  }

  @Test
  void open_shouldReportOversizeWhenFileHasTrailingBytes() throws Exception {
    final byte[] all = Files.readAllBytes(TestModels.checkpoint("demo-tiny"));
    final String m = openError(java.util.Arrays.copyOf(all, all.length + 256));
    assertTrue(m.contains("oversized"), m);
  }

  @Test
  void open_shouldRejectNonsensicalHeaders() throws Exception {
    assertTrue(openError(new byte[10]).contains("shorter than the 28-byte header"));
    assertTrue(openError(header(0, 172, 2, 4, 2, 512, 128)).contains("dim must be positive"));
    assertTrue(openError(header(64, -5, 2, 4, 2, 512, 128)).contains("hidden_dim"));
    assertTrue(openError(header(64, 172, 0, 4, 2, 512, 128)).contains("n_layers"));
    assertTrue(openError(header(64, 172, 2, 5, 5, 512, 128)).contains("does not divide dim"));
    assertTrue(openError(header(64, 172, 2, 4, 3, 512, 128)).contains("does not divide n_heads"));
    assertTrue(openError(header(64, 172, 2, 4, 2, 0, 128)).contains("vocab_size"));
    assertTrue(openError(header(64, 172, 2, 4, 2, 512, -1)).contains("seq_len"));
    assertTrue(openError(header(1 << 30, 1 << 30, 1 << 30, 1 << 20, 1 << 20, 1 << 30, 1 << 30))
        .contains("exceeds 2 GiB"));
    assertTrue(openError(header(16384, 16384, Integer.MAX_VALUE, 128, 128, 16384, 1024))
        .contains("overflows"));
    // a text file is not a checkpoint
    assertTrue(openError("hello, this is not a model file at all".getBytes()).contains("bad.bin"));
  }

  @Test
  void open_shouldNameTheFileWhenMissing() {
    final Path p = tmp.resolve("nope.bin");
    final ModelFormatException e = assertThrows(ModelFormatException.class, () -> Checkpoint.open(p));
    assertTrue(e.getMessage().contains("nope.bin") && e.getMessage().contains("no such"));
  }

  @Test
  void open_shouldMapTensorsBeyondTwoGibWhenFileIsLarge() throws Exception {
    // a sparse 3.7 GB file: only the header and one probe value are written
    final ModelConfig cfg = new ModelConfig(4096, 11008, 4, 32, 32, 32000, 2048, true);
    assertTrue(cfg.fileSizeBytes() > (1L << 31) + (1L << 30));
    final Path p = tmp.resolve("big.bin");
    final long probe = ModelConfig.HEADER_BYTES + 4L * Tensor.W3.payloadOffset(cfg, 3) + 4L * 5;
    assertTrue(probe > Integer.MAX_VALUE);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.write(header(4096, 11008, 4, 32, 32, 32000, 2048));
      f.setLength(cfg.fileSizeBytes());
      f.seek(probe);
      f.writeInt(Integer.reverseBytes(Float.floatToIntBits(1.25f)));
    }
    try (Checkpoint c = Checkpoint.open(p)) {
      assertEquals(cfg, c.config());
      assertEquals(1.25f, c.tensor(Tensor.W3, 3).getFloat(4 * 5));
      assertEquals(0f, c.tensor(Tensor.W3, 3).getFloat(0));
    }
  }

  @Test
  void configSizes_shouldMatchPublishedFileSizes() {
    assertEquals(60_816_028L, DemoModels.preset("demo-15m").config().fileSizeBytes());
    assertEquals(438_381_596L, DemoModels.preset("demo-110m").config().fileSizeBytes());
  }
}
