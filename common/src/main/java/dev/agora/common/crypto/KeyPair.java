package dev.agora.common.crypto;

import java.util.Random;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 key pair made from a 32-byte seed (the RFC 8032 private key). */
public final class KeyPair {
  /** Length of a seed in bytes. */
  public static final int SEED_LENGTH = 32;

  private final Ed25519PrivateKeyParameters privateKey;
  private final PublicKey publicKey;

  private KeyPair(final Ed25519PrivateKeyParameters privateKey) {
    this.privateKey = privateKey;
    this.publicKey = PublicKey.of(privateKey.generatePublicKey().getEncoded());
  }

  /**
   * The key pair of a 32-byte seed (copied).
   *
   * @throws IllegalArgumentException if the seed is null or not 32 bytes long
   */
  public static KeyPair fromSeed(final byte[] seed32) {
    if (seed32 == null || seed32.length != SEED_LENGTH) {
      throw new IllegalArgumentException(
          "seed must be " + SEED_LENGTH + " bytes, got " + (seed32 == null ? "null" : seed32.length));
    }
    return new KeyPair(new Ed25519PrivateKeyParameters(seed32, 0));
  }

  /**
   * A fresh key pair whose seed is drawn from {@code rnd}. Production code passes a {@link
   * java.security.SecureRandom}; tests pass a seeded {@link Random}.
   */
  public static KeyPair generate(final Random rnd) {
    final byte[] seed = new byte[SEED_LENGTH];
    rnd.nextBytes(seed);
    return fromSeed(seed);
  }

  /** The public half. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /** A 64-byte Ed25519 signature of the message (deterministic, RFC 8032). */
  public byte[] sign(final byte[] message) {
    final Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    return signer.generateSignature();
  }

  /** A copy of the 32-byte seed; handle with care. */
  public byte[] seed() {
    return privateKey.getEncoded();
  }

  /** Shows the address only, never the seed. */
  @Override
  public String toString() {
    return "KeyPair(" + publicKey.address() + ")";
  }
}
