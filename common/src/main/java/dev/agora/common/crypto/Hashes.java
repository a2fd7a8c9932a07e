package dev.agora.common.crypto;

import dev.agora.common.util.Hex;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 helpers. */
public final class Hashes {
  private Hashes() {}

  /** SHA-256 of the concatenation of the parts. */
  public static byte[] sha256(final byte[]... parts) {
    final SHA256Digest digest = new SHA256Digest();
    for (final byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    final byte[] out = new byte[digest.getDigestSize()];
    digest.doFinal(out, 0);
    return out;
  }

  /** Lower-case hex of SHA-256 of the data. */
  public static String sha256Hex(final byte[] data) {
    return Hex.encode(sha256(data));
  }
}
