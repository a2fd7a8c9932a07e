package dev.agora.common.crypto;

import dev.agora.common.util.Hex;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * A 32-byte Ed25519 public key. Immutable; equal by bytes; {@code toString()} is the bech32m
 * address (prefix {@code agora}). Any 32 bytes are accepted; bytes that are not a curve point
 * simply never verify.
 */
public final class PublicKey {
  /** Human-readable part of every address. */
  public static final String ADDRESS_HRP = "agora";
  /** Length of a public key in bytes. */
  public static final int LENGTH = 32;
  /** Length of an Ed25519 signature in bytes. */
  public static final int SIGNATURE_LENGTH = 64;

  private final byte[] bytes;
  private final String address;

  private PublicKey(final byte[] bytes) {
    this.bytes = bytes;
    this.address = Bech32m.encode(ADDRESS_HRP, bytes);
  }

  /**
   * Wraps 32 bytes (copied).
   *
   * @throws IllegalArgumentException if the array is null or not 32 bytes long
   */
  public static PublicKey of(final byte[] bytes32) {
    if (bytes32 == null || bytes32.length != LENGTH) {
      throw new IllegalArgumentException(
          "public key must be " + LENGTH + " bytes, got " + (bytes32 == null ? "null" : bytes32.length));
    }
    return new PublicKey(bytes32.clone());
  }

  /**
   * Parses an address such as {@code agora1...}.
   *
   * @throws IllegalArgumentException naming what is wrong (prefix, character, checksum, length)
   */
  public static PublicKey fromAddress(final String address) {
    final byte[] payload = Bech32m.decode(ADDRESS_HRP, address);
    if (payload.length != LENGTH) {
      throw new IllegalArgumentException(
          "address holds " + payload.length + " bytes, expected a " + LENGTH + "-byte public key");
    }
    return new PublicKey(payload);
  }

  /**
   * Parses 64 hex characters.
   *
   * @throws IllegalArgumentException on bad hex or a wrong length
   */
  public static PublicKey fromHex(final String hex) {
    final byte[] decoded;
    try {
      decoded = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid public key hex: " + e.getMessage(), e);
    }
    return of(decoded);
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex of the 32 bytes. */
  public String hex() {
    return Hex.encode(bytes);
  }

  /** The bech32m address ({@code agora1} followed by 58 characters). */
  public String address() {
    return address;
  }

  /**
   * Verifies an Ed25519 signature (RFC 8032, pure Ed25519). Returns false, never throws, on a null
   * or malformed signature or message, or a key that is not a valid point.
   */
  public boolean verify(final byte[] message, final byte[] signature64) {
    if (message == null || signature64 == null || signature64.length != SIGNATURE_LENGTH) {
      return false;
    }
    try {
      final Ed25519Signer verifier = new Ed25519Signer();
      verifier.init(false, new Ed25519PublicKeyParameters(bytes, 0));
      verifier.update(message, 0, message.length);
      return verifier.verifySignature(signature64);
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public boolean equals(final Object other) {
    return other instanceof PublicKey && Arrays.equals(bytes, ((PublicKey) other).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return address;
  }
}
