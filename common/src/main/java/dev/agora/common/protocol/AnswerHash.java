package dev.agora.common.protocol;

import dev.agora.common.crypto.Hashes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * H = SHA-256(request_id ‖ token_ids) of VERIFICATION.md §2.2: the request id as UTF-8, then each
 * token id as a big-endian int32. The miner signs it through the response signature (see
 * {@link FinalEvent}).
 */
public final class AnswerHash {
  private AnswerHash() {}

  public static byte[] of(final String requestId, final int[] tokenIds) {
    final ByteBuffer b = ByteBuffer.allocate(4 * tokenIds.length);
    for (final int t : tokenIds) {
      b.putInt(t);
    }
    return Hashes.sha256(requestId.getBytes(StandardCharsets.UTF_8), b.array());
  }
}
