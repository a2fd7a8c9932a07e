/**
 * The chain's public API, shared by the chain and every node: extrinsic calls ({@link
 * dev.agora.common.chain.Call}), the signed envelope ({@link dev.agora.common.chain.SignedExtrinsic}),
 * receipts with stable error codes ({@link dev.agora.common.chain.ChainError}), metagraph and neuron
 * views, hyperparameters, and the {@link dev.agora.common.chain.ChainClient} interface that nodes use
 * to reach the chain (in-process or over HTTP).
 */
package dev.agora.common.chain;
