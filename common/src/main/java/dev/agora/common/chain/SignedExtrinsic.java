package dev.agora.common.chain;

import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A call signed by the acting account. {@code signer} is the account's address, {@code nonce} its next
 * nonce, {@code signature} the hex Ed25519 signature over {@link #signingBytes}: the canonical JSON of
 * {@code {"call":..., "domain":"agora-extrinsic-v1", "genesis":<genesis hash hex>, "nonce":..,
 * "signer":..}}, so an extrinsic cannot be replayed on this chain (nonce) or another (genesis hash).
 */
public record SignedExtrinsic(String signer, long nonce, Call call, String signature) {
  /** Domain separator inside the signed bytes. */
  public static final String DOMAIN = "agora-extrinsic-v1";

  public SignedExtrinsic {
    if (signer == null || signer.isEmpty()) {
      throw new IllegalArgumentException("signer is required");
    }
    if (call == null) {
      throw new IllegalArgumentException("call is required");
    }
    if (signature == null) {
      throw new IllegalArgumentException("signature is required");
    }
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must be >= 0");
    }
  }

  /** The bytes an account signs for {@code call} at {@code nonce} on the chain with that genesis hash. */
  public static byte[] signingBytes(
      final String genesisHashHex, final String signer, final long nonce, final Call call) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("call", call);
    m.put("domain", DOMAIN);
    m.put("genesis", genesisHashHex);
    m.put("nonce", nonce);
    m.put("signer", signer);
    return Json.canonical(m);
  }

  /** This extrinsic's signing bytes on the chain with {@code genesisHashHex}. */
  public byte[] signingBytes(final String genesisHashHex) {
    return signingBytes(genesisHashHex, signer, nonce, call);
  }

  /** The extrinsic hash: hex sha256 of the canonical JSON of the whole signed extrinsic. */
  public String hash() {
    return sha256Hex(Json.canonical(this));
  }

  static String sha256Hex(final byte[] data) {
    try {
      return Hex.encode(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
