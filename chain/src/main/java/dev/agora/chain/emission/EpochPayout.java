package dev.agora.chain.emission;

/**
 * What one epoch pays (rao). {@code Σ incentive + Σ dividends + ownerIncentiveBurned +
 * undistributed = pools.epochEmission()} exactly.
 *
 * @param incentive per uid, stake credited to the miner's hotkey
 * @param dividends per uid, stake credited to the validator's hotkey
 * @param ownerCut stake credited to the subnet owner's hotkey (the pending owner cut)
 * @param ownerIncentiveBurned incentive owed to the owner's own uid, burned (SPEC §5)
 * @param undistributed rounding dust of the dividend split (or the whole validator pool when no
 *     uid has a validator share); keep it pending for the next epoch
 */
public record EpochPayout(
    long[] incentive,
    long[] dividends,
    long ownerCut,
    long ownerIncentiveBurned,
    long undistributed) {}
