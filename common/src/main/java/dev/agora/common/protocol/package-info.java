/**
 * The inference wire protocol between a validator's dendrite and a miner's axon: the request body,
 * the streamed NDJSON events and the answer hash H of VERIFICATION.md §2.2.
 */
package dev.agora.common.protocol;
