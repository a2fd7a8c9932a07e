package dev.agora.chain.runtime;

import dev.agora.common.chain.SignedExtrinsic;

/** An extrinsic waiting in the pool: verified at submission, with its arrival order and block. */
public record PoolEntry(SignedExtrinsic extrinsic, String hash, long seq, long arrivedAtHeight) {}
