package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
  @TempDir Path tmp;

  /** Specials, bytes, then the given pieces with the given scores. */
  private static Tokenizer small(final String[] extra, final float[] extraScores) {
    final List<byte[]> pieces = new ArrayList<>();
    pieces.add("<unk>".getBytes(StandardCharsets.UTF_8));
    pieces.add("\n<s>\n".getBytes(StandardCharsets.UTF_8));
    pieces.add("\n</s>\n".getBytes(StandardCharsets.UTF_8));
    for (int b = 0; b < 256; b++) {
      pieces.add(String.format("<0x%02X>", b).getBytes(StandardCharsets.UTF_8));
    }
    final float[] scores = new float[259 + extra.length];
    for (int i = 0; i < extra.length; i++) {
      pieces.add(extra[i].getBytes(StandardCharsets.UTF_8));
      scores[259 + i] = extraScores[i];
    }
    return Tokenizer.of(pieces, scores);
  }

  @Test
  void encode_shouldMergeHighestScoreFirstAndPrependBosAndSpace() {
    // ids: 259 " ", 260 "a", 261 "b", 262 "ab", 263 " a", 264 " ab"
    final Tokenizer t = small(new String[] {" ", "a", "b", "ab", " a", " ab"},
        new float[] {0f, 0f, 0f, -1f, -2f, -3f});
    // " " "a" "b" → best pair "ab" (-1) → " " "ab" → " ab" (-3)
    assertArrayEquals(new int[] {1, 264}, t.encode("ab", true, false));
    assertArrayEquals(new int[] {1, 264, 2}, t.encode("ab", true, true));
    assertArrayEquals(new int[] {1}, t.encode("", true, false));
    // dummy " " then " " "a" → " a"; the leading "  " pair is not in the vocab
    assertArrayEquals(new int[] {259, 263}, t.encode(" a", false, false));
  }

  @Test
  void encode_shouldTakeLeftmostPairWhenScoresTie() {
    // "a" "a" "a": pairs (0,1) and (1,2) both "aa" → leftmost merges first → "aa" "a"
    final Tokenizer t = small(new String[] {" ", "a", "aa"}, new float[] {0f, 0f, -1f});
    assertArrayEquals(new int[] {259, 261, 260}, t.encode("aaa", false, false));
  }

  @Test
  void encode_shouldFallBackToBytesWhenCodepointIsUnknown() {
    final Tokenizer t = small(new String[] {" ", "é"}, new float[] {0f, 0f});
    // é is known (one id); 😀 (F0 9F 98 80) is not → four byte tokens (byte + 3)
    assertArrayEquals(new int[] {1, 259, 260, 0xF0 + 3, 0x9F + 3, 0x98 + 3, 0x80 + 3},
        t.encode("é😀", true, false));
  }

  @Test
  void decode_shouldStripSpaceAfterBosAndMapBytePieces() {
    final Tokenizer t = small(new String[] {" ", " hi", "!"}, new float[] {0f, -1f, -2f});
    assertEquals("hi", new String(t.decodePiece(1, 260), StandardCharsets.UTF_8));
    assertEquals(" hi", new String(t.decodePiece(5, 260), StandardCharsets.UTF_8));
    assertArrayEquals(new byte[] {(byte) 0xC3}, t.decodePiece(7, 0xC3 + 3));
    assertEquals("hi!é", t.decode(1, new int[] {260, 261, 0xC3 + 3, 0xA9 + 3}));
  }

  @Test
  void demoTokenizer_shouldRoundTripTextAndFile() throws Exception {
    final Tokenizer t = DemoTokenizer.create(32000);
    assertEquals(32000, t.vocabSize());
    final String text = "Once upon a time, there was a little girl named Lily. Ünïcödé ✓";
    final int[] ids = t.encode(text, true, false);
    assertEquals(1, ids[0]);
    assertTrue(ids.length < text.length(), "merges should shorten the sequence");
    assertEquals(text, t.decode(ids[0], Arrays.copyOfRange(ids, 1, ids.length)));
    final Path p = tmp.resolve("tokenizer.bin");
    t.write(p);
    final Tokenizer back = Tokenizer.read(p, 32000);
    assertArrayEquals(ids, back.encode(text, true, false));
    assertArrayEquals(t.piece(31999), back.piece(31999));
    assertEquals(t.score(300), back.score(300));
  }

  private String readError(final byte[] content, final int vocab) throws Exception {
    final Path p = tmp.resolve("bad-tokenizer.bin");
    Files.write(p, content);
    return assertThrows(ModelFormatException.class, () -> Tokenizer.read(p, vocab)).getMessage();
  }

  @Test
  void read_shouldGiveClearErrorsWhenFileIsCorrupt() throws Exception {
    final Path good = tmp.resolve("good.bin");
    DemoTokenizer.create(300).write(good);
    final byte[] all = Files.readAllBytes(good);
    assertTrue(readError(Arrays.copyOf(all, all.length - 3), 300).contains("truncated"));
    assertTrue(readError(Arrays.copyOf(all, all.length + 9), 300).contains("oversized"));
    assertTrue(readError(all, 301).contains("truncated"));
    assertTrue(readError(all, 299).contains("oversized"));
    assertTrue(readError(new byte[2], 300).contains("not a tokenizer"));
    final byte[] badMax = all.clone();
    ByteBuffer.wrap(badMax).order(ByteOrder.LITTLE_ENDIAN).putInt(0, -4);
    assertTrue(readError(badMax, 300).contains("max_token_length"));
    final byte[] badLen = all.clone();
    ByteBuffer.wrap(badLen).order(ByteOrder.LITTLE_ENDIAN).putInt(8, -1); // piece 0 length
    assertTrue(readError(badLen, 300).contains("piece 0 has length -1"));
    assertTrue(readError(all, 100).contains("below"));
    final ModelFormatException missing = assertThrows(ModelFormatException.class,
        () -> Tokenizer.read(tmp.resolve("none.bin"), 300));
    assertTrue(missing.getMessage().contains("no such"));
  }
}
