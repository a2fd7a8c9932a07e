package dev.agora.common.chain;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.util.Hex;

/** Signs and verifies extrinsics (see {@link SignedExtrinsic#signingBytes}). */
public final class Extrinsics {
  private Extrinsics() {}

  /** Signs {@code call} with {@code key} at {@code nonce} for the chain with {@code genesisHashHex}. */
  public static SignedExtrinsic sign(
      final KeyPair key, final String genesisHashHex, final long nonce, final Call call) {
    final String signer = key.publicKey().address();
    final byte[] sig = key.sign(SignedExtrinsic.signingBytes(genesisHashHex, signer, nonce, call));
    return new SignedExtrinsic(signer, nonce, call, Hex.encode(sig));
  }

  /**
   * Whether the signature verifies for the signer's address over the signing bytes; false (never an
   * exception) on a malformed address or signature.
   */
  public static boolean verify(final SignedExtrinsic ext, final String genesisHashHex) {
    final PublicKey pk;
    final byte[] sig;
    try {
      pk = PublicKey.fromAddress(ext.signer());
      sig = Hex.decode(ext.signature());
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (sig.length != PublicKey.SIGNATURE_LENGTH) {
      return false;
    }
    return pk.verify(ext.signingBytes(genesisHashHex), sig);
  }

  /** Whether {@code address} is a well-formed account address. */
  public static boolean isAddress(final String address) {
    try {
      PublicKey.fromAddress(address);
      return true;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }
}
