/**
 * The miner node: registration check (or burn registration), {@code serve_axon}, a metagraph snapshot
 * kept fresh for the axon's blacklist, and the axon itself; plus the extrinsic helper nodes share.
 */
package dev.agora.miner.node;
