package dev.agora.common.chain;

/**
 * A block header. {@code hash} = sha256 of the canonical JSON of the other fields except
 * {@code signature}; {@code signature} = the chain key's Ed25519 signature over the hash bytes.
 * {@code extrinsicsRoot} = sha256 over the block's extrinsic hashes and receipt codes;
 * {@code stateDigest} = a digest of the accounting totals after the block.
 */
public record BlockHeader(
    long height,
    String parentHash,
    long timestampMs,
    String extrinsicsRoot,
    String stateDigest,
    String author,
    String hash,
    String signature) {}
