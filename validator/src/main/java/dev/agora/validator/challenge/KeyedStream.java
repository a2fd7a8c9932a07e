package dev.agora.validator.challenge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic stream of random bits keyed by a secret: SHA-256 in counter mode over
 * {@code domain ‖ key material ‖ counter}. Without the secret the stream cannot be predicted, so a
 * miner cannot precompute the prompts of the next round.
 */
final class KeyedStream {
  private final byte[] keyMaterial;
  private long counter;
  private final ByteBuffer block = ByteBuffer.allocate(32);

  KeyedStream(final String domain, final byte[] secret, final long... words) {
    final ByteBuffer buf = ByteBuffer.allocate(4 + domain.length() * 4 + 4 + secret.length + 8 * words.length);
    final byte[] d = domain.getBytes(StandardCharsets.UTF_8);
    buf.putInt(d.length).put(d).putInt(secret.length).put(secret);
    for (final long w : words) {
      buf.putLong(w);
    }
    this.keyMaterial = java.util.Arrays.copyOf(buf.array(), buf.position());
    block.position(block.limit());
  }

  long nextLong() {
    if (block.remaining() < 8) {
      refill();
    }
    return block.getLong();
  }

  /** Uniform in [0, bound) without modulo bias. */
  int nextInt(final int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    final long limit = (1L << 32) - ((1L << 32) % bound);
    while (true) {
      final long r = nextLong() >>> 32;
      if (r < limit) {
        return (int) (r % bound);
      }
    }
  }

  /** Uniform double in [0, 1). */
  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  private void refill() {
    try {
      final MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(keyMaterial);
      sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
      block.clear();
      block.put(sha.digest());
      block.flip();
    } catch (final NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
