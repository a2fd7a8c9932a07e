/**
 * Yuma Consensus as the reference chain computes it (yuma/SPEC.md §3), bit-exact in I32F32 fixed
 * point, as a pure function with no clock and no I/O.
 *
 * <h2>Calling it from the chain runtime</h2>
 *
 * <pre>{@code
 * YumaInput in = YumaInput.builder(n)
 *     .currentBlock(block)
 *     .stake(stakeRao)                      // long[n], raw stake per uid
 *     .blockAtRegistration(registeredAt)    // long[n]
 *     .lastUpdate(lastUpdate)               // long[n], block of the last set_weights (or registration)
 *     .validatorPermit(storedPermits)       // boolean[n], from the previous epoch
 *     .weights(new U16Rows(uidsRows, valuesRows))   // stored u16 rows, as set_weights stored them
 *     .bonds(storedBonds)                   // U16Rows, what the previous epoch returned in bonds()
 *     .params(new YumaParams(...))          // or YumaParams.defaults()
 *     .raoEmission(pendingServer + pendingValidator)
 *     .ownerUid(OptionalInt.of(ownerUid))   // if the owner hotkey is registered
 *     .commitBlocks(Optional.of(commits))   // with commit-reveal: earliest unexpired commit block, or NO_COMMIT
 *     .lastMechanismStepBlock(lastEpochBlock)  // 0 = use current_block - tempo for the bonds mask
 *     .build();
 * YumaOutput out = YumaEpoch.run(in);
 * // store: out.newValidatorPermit(), out.bonds(), out.consensusU16(), out.incentiveU16(),
 * //        out.dividendsU16(), out.validatorTrustU16(), out.emission(), out.active()
 * // pay:   out.serverEmission() (miners) and out.validatorEmission() (dividend weights)
 * }</pre>
 *
 * <p>{@link dev.agora.chain.yuma.YumaMath} holds the kernels of {@code epoch/math.rs}; {@link
 * dev.agora.chain.yuma.SparseFixed} is the sparse I32F32 matrix they work on. Weight values are
 * quantised at {@code set_weights} time with {@link dev.agora.common.math.WeightQuantizer}.
 */
package dev.agora.chain.yuma;
