/**
 * The miner's axon: a Vert.x HTTP server that authenticates each request (DESIGN.md §3), queues it by
 * caller stake on a bounded worker pool, streams the answer one token per NDJSON line and signs it
 * (VERIFICATION.md §2.2); plus {@code /health} and Prometheus {@code /metrics}.
 */
package dev.agora.miner.axon;
