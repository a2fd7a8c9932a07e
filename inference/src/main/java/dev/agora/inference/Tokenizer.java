package dev.agora.inference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * llama2.c's tokenizer.bin and its byte-pair encoder, with run.c's exact rules (VERIFICATION.md §4):
 * BOS, a dummy-prefix space, code points (or byte fallback, id = byte + 3), then repeated merges of
 * the adjacent pair whose concatenation has the highest score, leftmost on ties.
 */
public final class Tokenizer {
  /** Smallest vocabulary with the three special ids and the 256 byte tokens. */
  public static final int MIN_VOCAB = 259;
  private static final int MAX_PIECE_BYTES = 1 << 16;

  private final byte[][] pieces;
  private final float[] scores;
  private final int maxTokenLength;
  private final Map<String, Integer> lookup;

  private Tokenizer(final byte[][] pieces, final float[] scores, final int maxTokenLength) {
    this.pieces = pieces;
    this.scores = scores;
    this.maxTokenLength = maxTokenLength;
    this.lookup = new HashMap<>(pieces.length * 2);
    for (int i = pieces.length - 1; i >= 0; i--) {
      lookup.put(key(pieces[i]), i); // lowest id wins for duplicate pieces
    }
  }

  /**
   * A tokenizer from pieces and scores (validated like a file).
   *
   * @throws IllegalArgumentException when there are fewer than 259 pieces or the arrays disagree
   */
  public static Tokenizer of(final List<byte[]> pieces, final float[] scores) {
    if (pieces.size() != scores.length) {
      throw new IllegalArgumentException(
          pieces.size() + " pieces but " + scores.length + " scores");
    }
    if (pieces.size() < MIN_VOCAB) {
      throw new IllegalArgumentException("a tokenizer needs at least " + MIN_VOCAB
          + " pieces (3 special + 256 bytes), got " + pieces.size());
    }
    int max = 1;
    for (final byte[] p : pieces) {
      max = Math.max(max, p.length);
    }
    return new Tokenizer(pieces.toArray(new byte[0][]), scores.clone(), max);
  }

  /**
   * Reads a llama2.c tokenizer.bin holding {@code vocabSize} pieces (the size comes from the model).
   *
   * @throws ModelFormatException naming the file when it is missing, truncated, oversized or corrupt
   */
  public static Tokenizer read(final Path path, final int vocabSize) {
    if (vocabSize < MIN_VOCAB) {
      throw new ModelFormatException(path + ": vocab size " + vocabSize + " is below the "
          + MIN_VOCAB + " ids a llama2.c tokenizer needs");
    }
    final byte[] all;
    try {
      all = Files.readAllBytes(path);
    } catch (final NoSuchFileException e) {
      throw new ModelFormatException(path + ": no such tokenizer file", e);
    } catch (final IOException e) {
      throw new ModelFormatException(path + ": cannot read tokenizer: " + e.getMessage(), e);
    }
    final ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 4) {
      throw new ModelFormatException(path + ": not a tokenizer.bin: " + all.length + " bytes");
    }
    final int maxLen = b.getInt();
    if (maxLen <= 0 || maxLen > MAX_PIECE_BYTES) {
      throw new ModelFormatException(
          path + ": nonsensical max_token_length " + maxLen + " (corrupt tokenizer.bin?)");
    }
    final byte[][] pieces = new byte[vocabSize][];
    final float[] scores = new float[vocabSize];
    for (int i = 0; i < vocabSize; i++) {
      if (b.remaining() < 8) {
        throw new ModelFormatException(path + ": truncated tokenizer: ends at piece " + i + " of "
            + vocabSize + " (wrong vocab size for this model?)");
      }
      scores[i] = b.getFloat();
      final int len = b.getInt();
      if (Float.isNaN(scores[i])) {
        throw new ModelFormatException(path + ": piece " + i + " has a NaN score");
      }
      if (len < 0 || len > maxLen) {
        throw new ModelFormatException(path + ": piece " + i + " has length " + len
            + ", outside [0, max_token_length " + maxLen + "]");
      }
      if (b.remaining() < len) {
        throw new ModelFormatException(
            path + ": truncated tokenizer: piece " + i + " needs " + len + " bytes");
      }
      pieces[i] = new byte[len];
      b.get(pieces[i]);
    }
    if (b.hasRemaining()) {
      throw new ModelFormatException(path + ": oversized tokenizer: " + b.remaining()
          + " bytes left after " + vocabSize + " pieces (vocab size mismatch with the model?)");
    }
    return new Tokenizer(pieces, scores, maxLen);
  }

  /** Writes this tokenizer in the tokenizer.bin format. */
  public void write(final Path path) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteBuffer b4 = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    out.writeBytes(b4.putInt(0, maxTokenLength).array());
    for (int i = 0; i < pieces.length; i++) {
      out.writeBytes(b4.putFloat(0, scores[i]).array());
      out.writeBytes(b4.putInt(0, pieces[i].length).array());
      out.writeBytes(pieces[i]);
    }
    try {
      final Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.write(path, out.toByteArray());
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot write tokenizer " + path + ": " + e.getMessage(), e);
    }
  }

  public int vocabSize() {
    return pieces.length;
  }

  /** The raw bytes of piece {@code id} (a copy). */
  public byte[] piece(final int id) {
    return pieces[id].clone();
  }

  public float score(final int id) {
    return scores[id];
  }

  /** Encodes {@code text} as run.c does; BOS first when {@code bos}, EOS last when {@code eos}. */
  public int[] encode(final String text, final boolean bos, final boolean eos) {
    final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    final List<Integer> tokens = new ArrayList<>(utf8.length + 3);
    if (bos) {
      tokens.add(Sampler.BOS);
    }
    if (utf8.length > 0) {
      tokens.add(lookup.getOrDefault(" ", ' ' + 3));
    }
    int start = 0;
    while (start < utf8.length) {
      int end = start + 1;
      while (end < utf8.length && (utf8[end] & 0xC0) == 0x80 && end - start < 4) {
        end++;
      }
      final Integer id = lookup.get(new String(utf8, start, end - start, StandardCharsets.ISO_8859_1));
      if (id != null) {
        tokens.add(id);
      } else {
        for (int k = start; k < end; k++) {
          tokens.add((utf8[k] & 0xFF) + 3);
        }
      }
      start = end;
    }
    while (true) {
      float bestScore = -1e10f;
      int bestId = -1;
      int bestIdx = -1;
      for (int i = 0; i + 1 < tokens.size(); i++) {
        final Integer id = lookup.get(key(pieces[tokens.get(i)]) + key(pieces[tokens.get(i + 1)]));
        if (id != null && scores[id] > bestScore) {
          bestScore = scores[id];
          bestId = id;
          bestIdx = i;
        }
      }
      if (bestIdx < 0) {
        break;
      }
      tokens.set(bestIdx, bestId);
      tokens.remove(bestIdx + 1);
    }
    if (eos) {
      tokens.add(Sampler.EOS);
    }
    return tokens.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The bytes run.c prints for {@code token} after {@code prev}: a leading space is dropped after BOS,
   * and a {@code <0xHH>} piece is the raw byte HH.
   */
  public byte[] decodePiece(final int prev, final int token) {
    if (token < 0 || token >= pieces.length) {
      throw new IllegalArgumentException(
          "token id " + token + " outside the vocabulary [0, " + pieces.length + ")");
    }
    byte[] p = pieces[token];
    if (prev == Sampler.BOS && p.length > 0 && p[0] == ' ') {
      p = java.util.Arrays.copyOfRange(p, 1, p.length);
    }
    if (p.length == 6 && p[0] == '<' && p[1] == '0' && p[2] == 'x' && p[5] == '>') {
      final int hi = Character.digit(p[3], 16);
      final int lo = Character.digit(p[4], 16);
      if (hi >= 0 && lo >= 0) {
        return new byte[] {(byte) (hi * 16 + lo)};
      }
    }
    return p.clone();
  }

  /** Decodes {@code ids}, the first one following {@code prev}, into text (UTF-8). */
  public String decode(final int prev, final int[] ids) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int last = prev;
    for (final int id : ids) {
      out.writeBytes(decodePiece(last, id));
      last = id;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String key(final byte[] piece) {
    return new String(piece, StandardCharsets.ISO_8859_1);
  }
}
