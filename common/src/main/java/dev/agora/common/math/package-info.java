/**
 * Fixed-point arithmetic that reproduces the reference chain bit for bit (yuma/SPEC.md §1).
 *
 * <p>{@link dev.agora.common.math.I32F32} holds a signed value with 32 fractional bits in a plain
 * {@code long} ("raw"); multiplication floors, division truncates toward zero and {@code safeDiv}
 * gives 0 on division by zero or overflow, exactly like {@code substrate-fixed}. {@link
 * dev.agora.common.math.WeightQuantizer} is the u16 max-upscale that both the chain (at {@code
 * set_weights}) and the validator (before submitting) apply to weight vectors.
 */
package dev.agora.common.math;
