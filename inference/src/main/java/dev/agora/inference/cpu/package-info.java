/**
 * The CPU engine: a multi-threaded fp32 forward pass over a memory-mapped checkpoint, using the
 * incubating Vector API for dot products. Decode and prefill share one batched code path.
 */
package dev.agora.inference.cpu;
