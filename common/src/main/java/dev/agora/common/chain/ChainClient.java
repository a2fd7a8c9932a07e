package dev.agora.common.chain;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/**
 * How nodes reach the chain: one interface with an in-process implementation (chain module, {@code
 * InProcessChainClient}) and an HTTP one ({@code dev.agora.common.net.HttpChainClient}). Every method
 * is non-blocking; failures are {@link ChainException}s with a stable {@link ChainError} code.
 *
 * <p>To submit: read {@link #genesisHash()} once and {@link #nonce} for the signer, build the
 * extrinsic with {@code Extrinsics.sign(key, genesisHash, nonce, call)}, then {@link #submit} and poll
 * {@link #status} (or {@link #awaitFinal}) until it is included or refused.
 */
public interface ChainClient {
  /** The chain's genesis hash (hex): part of every signed extrinsic. */
  Future<String> genesisHash();

  /**
   * Submits an extrinsic to the pool; succeeds with its hash. Fails with BAD_SIGNATURE (forged),
   * BAD_NONCE (nonce already used or pending), MALFORMED/UNKNOWN_CALL, or POOL_FULL.
   */
  Future<String> submit(SignedExtrinsic extrinsic);

  /** Where the extrinsic with that hash is (pending, included in block N, refused with reason). */
  Future<ExtrinsicStatus> status(String extrinsicHash);

  /**
   * Completes when the extrinsic is final (included or refused) or fails with NOT_FOUND after {@code
   * timeoutMs}; implementations poll or subscribe without blocking.
   */
  Future<ExtrinsicStatus> awaitFinal(String extrinsicHash, long timeoutMs);

  /** The latest block's header. */
  Future<BlockHeader> latestBlock();

  /** A block by height. */
  Future<Optional<Block>> block(long height);

  /** Every subnet. */
  Future<List<SubnetInfo>> subnets();

  /** The metagraph of a subnet (fails with UNKNOWN_SUBNET). */
  Future<Metagraph> metagraph(int netuid);

  /** One neuron (empty if the uid does not exist; fails with UNKNOWN_SUBNET). */
  Future<Optional<NeuronInfo>> neuron(int netuid, int uid);

  /** The hyperparameters of a subnet (fails with UNKNOWN_SUBNET). */
  Future<Hyperparameters> hyperparameters(int netuid);

  /** The logged hyperparameter changes of a subnet, oldest first. */
  Future<List<HyperparameterChange>> hyperparameterLog(int netuid);

  /** An account's free balance, next nonce and total stake. */
  Future<AccountInfo> account(String address);

  /** Free balance in rao. */
  default Future<Long> balance(final String address) {
    return account(address).map(AccountInfo::free);
  }

  /**
   * The nonce the signer's next extrinsic should carry: its state nonce plus the number of its
   * extrinsics pending in the pool (so several can be submitted without waiting for a block).
   */
  Future<Long> nonce(String address);

  /** Stake entries on a hotkey in a subnet (one per staking coldkey). */
  Future<List<StakeInfo>> stake(int netuid, String hotkey);

  /** The accounting totals (issuance = free + staked + pending + burned). */
  Future<Totals> totals();
}
