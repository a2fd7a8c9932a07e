package dev.agora.inference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes llama2.c legacy (v0) checkpoints (VERIFICATION.md §4), streaming in chunks so that any size
 * can be written with a small heap. The file appears atomically (written to a sibling temp file, then
 * moved).
 */
public final class CheckpointWriter {
  private static final int CHUNK_FLOATS = 1 << 18;

  private CheckpointWriter() {}

  /** Writes {@code config}'s header and every tensor from {@code source} to {@code out}. */
  public static void write(final Path out, final ModelConfig config, final TensorSource source) {
    final Path abs = out.toAbsolutePath();
    final Path parent = abs.getParent();
    try {
      if (parent != null) {
        Files.createDirectories(parent);
      }
      final Path tmp = Files.createTempFile(parent, abs.getFileName().toString(), ".part");
      try {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
          final ByteBuffer header = ByteBuffer.allocate(ModelConfig.HEADER_BYTES)
              .order(ByteOrder.LITTLE_ENDIAN);
          header.putInt(config.dim()).putInt(config.hiddenDim()).putInt(config.layers())
              .putInt(config.heads()).putInt(config.kvHeads()).putInt(config.signedVocabSize())
              .putInt(config.seqLen()).flip();
          writeFully(ch, header);
          final float[] chunk = new float[CHUNK_FLOATS];
          final ByteBuffer bytes = ByteBuffer.allocateDirect(CHUNK_FLOATS * 4)
              .order(ByteOrder.LITTLE_ENDIAN);
          for (final Tensor t : Tensor.values()) {
            if (t.storedFloats(config) == 0) {
              continue;
            }
            final int slices = t.perLayer() ? config.layers() : 1;
            final long per = t.floatsPerLayer(config);
            for (int l = 0; l < slices; l++) {
              for (long from = 0; from < per; from += CHUNK_FLOATS) {
                final int len = (int) Math.min(CHUNK_FLOATS, per - from);
                source.fill(t, l, from, chunk, len);
                bytes.clear();
                bytes.asFloatBuffer().put(chunk, 0, len);
                bytes.limit(len * 4);
                writeFully(ch, bytes);
              }
            }
          }
        }
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + out + ": " + e.getMessage(), e);
    }
  }

  private static void writeFully(final FileChannel ch, final ByteBuffer b) throws IOException {
    while (b.hasRemaining()) {
      ch.write(b);
    }
  }
}
