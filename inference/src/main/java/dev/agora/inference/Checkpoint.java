package dev.agora.inference;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * A llama2.c legacy (v0) checkpoint, memory-mapped read-only (VERIFICATION.md §4). Each tensor slice
 * (one layer of one tensor type) is its own mapping, so files over 2 GiB work as long as every slice
 * is under 2 GiB. The file size is checked against the header on open.
 *
 * <p>Weights stay off the Java heap: {@link #tensor} hands out little-endian read-only views of the
 * mapping, which an engine may read directly (Vector API {@code fromByteBuffer}) or copy to a device.
 */
public final class Checkpoint implements AutoCloseable {
  private final Path path;
  private final ModelConfig config;
  private final long fileSize;
  private final Map<Tensor, ByteBuffer[]> slices;

  private Checkpoint(
      final Path path,
      final ModelConfig config,
      final long fileSize,
      final Map<Tensor, ByteBuffer[]> slices) {
    this.path = path;
    this.config = config;
    this.fileSize = fileSize;
    this.slices = slices;
  }

  /**
   * Opens and maps a checkpoint.
   *
   * @throws ModelFormatException naming the file when it is missing, unreadable, truncated, oversized
   *     or has a nonsensical header
   */
  public static Checkpoint open(final Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      final long size = ch.size();
      if (size < ModelConfig.HEADER_BYTES) {
        throw new ModelFormatException(
            path + ": not a llama2.c checkpoint: " + size + " bytes, shorter than the 28-byte header");
      }
      final ByteBuffer header = ByteBuffer.allocate(ModelConfig.HEADER_BYTES)
          .order(ByteOrder.LITTLE_ENDIAN);
      while (header.hasRemaining()) {
        if (ch.read(header, header.position()) < 0) {
          throw new ModelFormatException(path + ": unexpected end of file in the header");
        }
      }
      header.flip();
      final ModelConfig config;
      try {
        config = ModelConfig.fromHeader(header.getInt(), header.getInt(), header.getInt(),
            header.getInt(), header.getInt(), header.getInt(), header.getInt());
      } catch (final IllegalArgumentException e) {
        throw new ModelFormatException(path + ": " + e.getMessage(), e);
      }
      final long expected = config.fileSizeBytes();
      if (size < expected) {
        throw new ModelFormatException(path + ": truncated checkpoint: the header " + describe(config)
            + " needs " + expected + " bytes, the file has " + size);
      }
      if (size > expected) {
        throw new ModelFormatException(path + ": oversized checkpoint: the header " + describe(config)
            + " needs " + expected + " bytes, the file has " + size
            + " (not a legacy v0 file, or trailing data)");
      }
      final Map<Tensor, ByteBuffer[]> slices = new EnumMap<>(Tensor.class);
      for (final Tensor t : Tensor.values()) {
        if (t == Tensor.WCLS && config.sharedClassifier()) {
          slices.put(t, slices.get(Tensor.TOKEN_EMBEDDING));
          continue;
        }
        final int n = t.perLayer() ? config.layers() : 1;
        final ByteBuffer[] arr = new ByteBuffer[n];
        final long bytes = 4L * t.floatsPerLayer(config);
        for (int l = 0; l < n; l++) {
          final long off = ModelConfig.HEADER_BYTES + 4L * t.payloadOffset(config, l);
          arr[l] = ch.map(FileChannel.MapMode.READ_ONLY, off, bytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        slices.put(t, arr);
      }
      return new Checkpoint(path, config, size, slices);
    } catch (final NoSuchFileException e) {
      throw new ModelFormatException(path + ": no such checkpoint file", e);
    } catch (final IOException e) {
      throw new ModelFormatException(path + ": cannot read checkpoint: " + e.getMessage(), e);
    }
  }

  private static String describe(final ModelConfig c) {
    return "(dim " + c.dim() + ", hidden " + c.hiddenDim() + ", layers " + c.layers() + ", heads "
        + c.heads() + ", kv_heads " + c.kvHeads() + ", vocab " + c.signedVocabSize() + ", seq "
        + c.seqLen() + ")";
  }

  public Path path() {
    return path;
  }

  public ModelConfig config() {
    return config;
  }

  public long fileSize() {
    return fileSize;
  }

  /**
   * A read-only little-endian view (position 0, limit = slice bytes) of one layer of a tensor; use
   * layer 0 for tensors that are not per layer. WCLS of a shared classifier is the token embedding.
   */
  public ByteBuffer tensor(final Tensor t, final int layer) {
    final ByteBuffer[] arr = slices.get(t);
    if (arr == null) {
      throw new IllegalStateException("checkpoint closed: " + path);
    }
    if (layer < 0 || layer >= arr.length) {
      throw new IllegalArgumentException(
          "layer " + layer + " out of range for " + t + " (0.." + (arr.length - 1) + ")");
    }
    return arr[layer].duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Copies one layer of a tensor into a new float array. */
  public float[] readFloats(final Tensor t, final int layer) {
    final long n = t.floatsPerLayer(config);
    final float[] out = new float[Math.toIntExact(n)];
    tensor(t, layer).asFloatBuffer().get(out);
    return out;
  }

  /** Drops the mappings (the OS unmaps them when they are collected). */
  @Override
  public void close() {
    slices.clear();
  }

}
