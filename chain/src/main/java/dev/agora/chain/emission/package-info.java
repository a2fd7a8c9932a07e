/**
 * Per-block emission and its payout at each epoch (yuma/SPEC.md §5), pure integer arithmetic in
 * rao.
 *
 * <p>Every block: {@link dev.agora.chain.emission.EmissionSplit#split(long, int)} takes the owner
 * cut (default 11796/65535 ≈ 18%) and splits the rest 50/50 between the miners' and the validators'
 * pending pools (≈ 41%/41%; there is no root network, so no root share). The parts are floored
 * separately and only their sum ({@link dev.agora.chain.emission.BlockEmission#total()}) is minted,
 * so total issuance stays equal to balances + stake + pending + burned to the rao.
 *
 * <p>At the epoch: run {@link dev.agora.chain.yuma.YumaEpoch} with {@code raoEmission =
 * pools.server() + pools.validator()}, then {@link
 * dev.agora.chain.emission.EpochDistribution#distribute} turns its output into stake credits:
 * miners get their {@code serverEmission}, validators share what is left of the pools by their
 * {@code validatorEmission}, the owner's own incentive is burned, the owner cut is paid to the
 * owner, and the rounding dust is returned as {@code undistributed} (keep it pending).
 */
package dev.agora.chain.emission;
