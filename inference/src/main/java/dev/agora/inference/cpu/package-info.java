/**
 * The CPU engine: a multi-threaded fp32 forward pass over a checkpoint's weights, packed on the heap
 * when they fit or read from the file mapping, using the incubating Vector API for dot products.
 * Decode and prefill share one batched code path.
 */
package dev.agora.inference.cpu;
