/** Benchmarks of the inference engines (not timed tests): decode, prefill and verification cost. */
package dev.agora.inference.bench;
