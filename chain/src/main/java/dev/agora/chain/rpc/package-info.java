/**
 * The chain's HTTP API (Vert.x 5): submit extrinsics, read status, blocks, metagraphs, neurons,
 * hyperparameters, balances, stake and nonces, a server-sent-events stream of new blocks, /health
 * and Prometheus /metrics. Every error is JSON {@code {"error": CODE, "message": ...}} with a stable
 * {@link dev.agora.common.chain.ChainError} code.
 */
package dev.agora.chain.rpc;
