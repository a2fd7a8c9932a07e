package dev.agora.common.auth;

import dev.agora.common.crypto.Hashes;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.util.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The signed-request scheme of DESIGN.md section 3. The signed message is the UTF-8 of the lines
 * {@code agora-v1, METHOD, PATH, netuid, sender, receiver, timestamp_ms, request_id,
 * hex(sha256(body))} joined by {@code \n}; sender and receiver are hotkey addresses. No field may
 * contain a line break, so the message parses back uniquely.
 */
public final class SignedRequests {
  /** Version tag, the first line of every signed message. */
  public static final String VERSION = "agora-v1";
  /** Header: sender hotkey address. */
  public static final String SENDER = "Agora-Sender";
  /** Header: receiver hotkey address. */
  public static final String RECEIVER = "Agora-Receiver";
  /** Header: sender's wall-clock time in milliseconds. */
  public static final String TIMESTAMP = "Agora-Timestamp";
  /** Header: random 128-bit request id, 32 lower-case hex characters. */
  public static final String REQUEST_ID = "Agora-Request-Id";
  /** Header: lower-case hex SHA-256 of the body. */
  public static final String BODY_SHA256 = "Agora-Body-Sha256";
  /** Header: base64 Ed25519 signature of the message. */
  public static final String SIGNATURE = "Agora-Signature";

  private SignedRequests() {}

  /**
   * The exact string that is signed.
   *
   * @throws IllegalArgumentException if a field is null or contains a line break
   */
  public static String message(
      final String method,
      final String path,
      final int netuid,
      final String senderAddress,
      final String receiverAddress,
      final long timestampMs,
      final String requestId,
      final String bodySha256Hex) {
    return String.join(
        "\n",
        VERSION,
        field("method", method),
        field("path", path),
        Integer.toString(netuid),
        field("sender", senderAddress),
        field("receiver", receiverAddress),
        Long.toString(timestampMs),
        field("request id", requestId),
        field("body hash", bodySha256Hex));
  }

  /** Signs a request; returns the six headers, in a stable order. */
  public static Map<String, String> sign(
      final KeyPair sender,
      final PublicKey receiver,
      final String method,
      final String path,
      final int netuid,
      final long timestampMs,
      final String requestId,
      final byte[] body) {
    final String bodyHash = Hashes.sha256Hex(body);
    final String senderAddress = sender.publicKey().address();
    final String msg =
        message(method, path, netuid, senderAddress, receiver.address(), timestampMs, requestId, bodyHash);
    final Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SENDER, senderAddress);
    headers.put(RECEIVER, receiver.address());
    headers.put(TIMESTAMP, Long.toString(timestampMs));
    headers.put(REQUEST_ID, requestId);
    headers.put(BODY_SHA256, bodyHash);
    headers.put(
        SIGNATURE,
        Base64.getEncoder().encodeToString(sender.sign(msg.getBytes(StandardCharsets.UTF_8))));
    return headers;
  }

  /** A fresh random 128-bit request id as 32 lower-case hex characters. */
  public static String newRequestId(final Random rnd) {
    final byte[] id = new byte[16];
    rnd.nextBytes(id);
    return Hex.encode(id);
  }

  /**
   * Checks the signature over the fields carried in the headers (header names matched
   * case-insensitively). Returns false, never throws, when a header is missing or malformed or the
   * signature does not verify. Body hash, time window and replay checks are the caller's.
   */
  public static boolean verifySignature(
      final Map<String, String> headers, final String method, final String path, final int netuid) {
    try {
      final Optional<String> sender = header(headers, SENDER);
      final Optional<String> receiver = header(headers, RECEIVER);
      final Optional<String> timestamp = header(headers, TIMESTAMP);
      final Optional<String> requestId = header(headers, REQUEST_ID);
      final Optional<String> bodyHash = header(headers, BODY_SHA256);
      final Optional<String> signature = header(headers, SIGNATURE);
      if (sender.isEmpty()
          || receiver.isEmpty()
          || timestamp.isEmpty()
          || requestId.isEmpty()
          || bodyHash.isEmpty()
          || signature.isEmpty()) {
        return false;
      }
      final PublicKey senderKey = PublicKey.fromAddress(sender.get());
      final long ts = Long.parseLong(timestamp.get());
      if (!Long.toString(ts).equals(timestamp.get())) {
        return false;
      }
      final String msg =
          message(method, path, netuid, sender.get(), receiver.get(), ts, requestId.get(), bodyHash.get());
      final byte[] sig = Base64.getDecoder().decode(signature.get());
      return senderKey.verify(msg.getBytes(StandardCharsets.UTF_8), sig);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A header value by name, exact match first, then case-insensitive. */
  public static Optional<String> header(final Map<String, String> headers, final String name) {
    if (headers == null) {
      return Optional.empty();
    }
    final String exact = headers.get(name);
    if (exact != null) {
      return Optional.of(exact);
    }
    for (final Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  static String field(final String name, final String value) {
    if (value == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      throw new IllegalArgumentException(name + " must not contain a line break");
    }
    return value;
  }
}
