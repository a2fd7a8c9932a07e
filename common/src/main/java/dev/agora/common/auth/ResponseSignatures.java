package dev.agora.common.auth;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A miner's signature over its response: the UTF-8 of the lines {@code agora-v1-response,
 * request_id, status, hex(sha256(body))} joined by {@code \n}.
 */
public final class ResponseSignatures {
  /** Version tag, the first line of every signed response message. */
  public static final String VERSION = "agora-v1-response";

  private ResponseSignatures() {}

  /** The exact string that is signed. */
  public static String message(final String requestId, final int status, final String bodySha256Hex) {
    return String.join(
        "\n",
        VERSION,
        SignedRequests.field("request id", requestId),
        Integer.toString(status),
        SignedRequests.field("body hash", bodySha256Hex));
  }

  /** Base64 Ed25519 signature of the response message. */
  public static String sign(
      final KeyPair miner, final String requestId, final int status, final String bodySha256Hex) {
    final byte[] msg = message(requestId, status, bodySha256Hex).getBytes(StandardCharsets.UTF_8);
    return Base64.getEncoder().encodeToString(miner.sign(msg));
  }

  /** True if the signature is the miner's over these fields; false, never throws, otherwise. */
  public static boolean verify(
      final PublicKey miner,
      final String requestId,
      final int status,
      final String bodySha256Hex,
      final String signatureB64) {
    if (miner == null || signatureB64 == null) {
      return false;
    }
    try {
      final byte[] msg = message(requestId, status, bodySha256Hex).getBytes(StandardCharsets.UTF_8);
      return miner.verify(msg, Base64.getDecoder().decode(signatureB64));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
