package dev.agora.inference;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A generated tokenizer for demo models, so that nothing is downloaded: the three special pieces,
 * the 256 byte pieces, single characters, prefixes of a few common English words (with a leading
 * space), then seeded concatenations of existing pieces until the vocabulary is full. Scores fall
 * with the id, so earlier pieces merge first.
 */
public final class DemoTokenizer {
  private static final String CHARS =
      " abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,!?'\"-:;()\n";
  private static final String[] WORDS = {
    "the", "and", "was", "to", "a", "he", "she", "it", "they", "of", "in", "her", "his", "said",
    "with", "time", "once", "upon", "there", "little", "day", "girl", "boy", "happy", "big",
    "dog", "cat", "play", "played", "friend", "friends", "mom", "saw", "wanted", "very", "had",
    "went", "tree", "park", "ball", "sun", "fun", "named", "lily", "tom", "ben", "sky", "home",
    "that", "for", "on", "you", "is", "not", "but", "what", "can", "so", "all", "one", "were",
  };

  private DemoTokenizer() {}

  /** The demo tokenizer with exactly {@code vocabSize} (≥ 259) distinct pieces. */
  public static Tokenizer create(final int vocabSize) {
    if (vocabSize < Tokenizer.MIN_VOCAB) {
      throw new IllegalArgumentException("the demo tokenizer needs a vocabulary of at least "
          + Tokenizer.MIN_VOCAB + ", got " + vocabSize);
    }
    final List<byte[]> pieces = new ArrayList<>(vocabSize);
    final Set<String> seen = new HashSet<>();
    add(pieces, seen, "<unk>");
    add(pieces, seen, "\n<s>\n");
    add(pieces, seen, "\n</s>\n");
    for (int b = 0; b < 256; b++) {
      add(pieces, seen, String.format("<0x%02X>", b));
    }
    for (int i = 0; i < CHARS.length() && pieces.size() < vocabSize; i++) {
      add(pieces, seen, CHARS.substring(i, i + 1));
    }
    for (final String w : WORDS) {
      final String spaced = " " + w;
      for (int end = 2; end <= spaced.length() && pieces.size() < vocabSize; end++) {
        add(pieces, seen, spaced.substring(0, end));
      }
    }
    final Random rnd = new Random(vocabSize);
    final int base = Tokenizer.MIN_VOCAB;
    while (pieces.size() < vocabSize) {
      final String a = str(pieces.get(base + rnd.nextInt(pieces.size() - base)));
      final String b = str(pieces.get(base + 1 + rnd.nextInt(pieces.size() - base - 1)));
      final String joined = a + b.strip();
      if (!joined.isEmpty() && joined.length() <= 12) {
        add(pieces, seen, joined);
      }
    }
    final float[] scores = new float[vocabSize];
    for (int i = base; i < vocabSize; i++) {
      scores[i] = -(i - base);
    }
    return Tokenizer.of(pieces, scores);
  }

  private static void add(final List<byte[]> pieces, final Set<String> seen, final String s) {
    if (seen.add(s)) {
      pieces.add(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String str(final byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
