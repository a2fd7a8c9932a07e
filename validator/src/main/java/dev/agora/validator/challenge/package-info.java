/**
 * Challenge generation (VERIFICATION.md §2.1): pure functions from the validator's secret, the block,
 * the round and the miner to a fresh prompt, request id and sampling rule. No clock, I/O or network.
 */
package dev.agora.validator.challenge;
