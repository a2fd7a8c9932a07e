package dev.agora.chain.runtime;

import dev.agora.chain.state.GlobalRecord;
import dev.agora.common.chain.BlockHeader;
import dev.agora.common.chain.Receipt;
import dev.agora.common.crypto.Hashes;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hashes and signatures of block headers. */
public final class BlockHashing {
  /** The parent hash of block 0. */
  public static final String ZERO_HASH = "0".repeat(64);

  private BlockHashing() {}

  /** sha256 over the receipts' (hash, code) pairs in order. */
  public static String extrinsicsRoot(final List<Receipt> receipts) {
    final StringBuilder sb = new StringBuilder();
    for (final Receipt r : receipts) {
      sb.append(r.hash()).append(':').append(r.code()).append('\n');
    }
    return Hashes.sha256Hex(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** sha256 of the canonical JSON of the global accounting record after the block. */
  public static String stateDigest(final GlobalRecord g) {
    return Hashes.sha256Hex(Json.canonical(g));
  }

  /** hex sha256 of the canonical JSON of the header without its hash and signature. */
  public static String headerHash(
      final long height,
      final String parentHash,
      final long timestampMs,
      final String extrinsicsRoot,
      final String stateDigest,
      final String author) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("author", author);
    m.put("extrinsicsRoot", extrinsicsRoot);
    m.put("height", height);
    m.put("parentHash", parentHash);
    m.put("stateDigest", stateDigest);
    m.put("timestampMs", timestampMs);
    return Hashes.sha256Hex(Json.canonical(m));
  }

  /** Builds and signs a header. */
  public static BlockHeader seal(
      final KeyPair key,
      final long height,
      final String parentHash,
      final long timestampMs,
      final String extrinsicsRoot,
      final String stateDigest) {
    final String author = key.publicKey().address();
    final String hash =
        headerHash(height, parentHash, timestampMs, extrinsicsRoot, stateDigest, author);
    final String sig = Hex.encode(key.sign(Hex.decode(hash)));
    return new BlockHeader(height, parentHash, timestampMs, extrinsicsRoot, stateDigest, author, hash,
        sig);
  }

  /** Whether the header's hash matches its fields and its signature verifies for its author. */
  public static boolean verify(final BlockHeader h) {
    final String expect = headerHash(h.height(), h.parentHash(), h.timestampMs(),
        h.extrinsicsRoot(), h.stateDigest(), h.author());
    if (!expect.equals(h.hash())) {
      return false;
    }
    try {
      return PublicKey.fromAddress(h.author()).verify(Hex.decode(h.hash()), Hex.decode(h.signature()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
