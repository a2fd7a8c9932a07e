/**
 * Pure state transitions of the chain: (state view, signed extrinsic, block context) → state changes
 * in an overlay, or a refusal with a stable {@link dev.agora.common.chain.ChainError} code. No clock,
 * no I/O: the runtime supplies the block height and commits the overlay.
 */
package dev.agora.chain.state;
