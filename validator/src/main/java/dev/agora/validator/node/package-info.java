/**
 * The validator node: the dendrite (signed fan-out to every serving miner, timing on arrival), answer
 * checking and verification on a worker pool, the round loop and weight setting through the
 * {@link dev.agora.common.chain.ChainClient}.
 */
package dev.agora.validator.node;
