/**
 * How a miner answers: honestly with its engine, or (for tests and the devnet) as one of the cheats
 * of VERIFICATION.md §2.8. Behaviours run on the axon's worker pool, never on an event loop.
 */
package dev.agora.miner.behaviour;
