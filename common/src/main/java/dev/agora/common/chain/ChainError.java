package dev.agora.common.chain;

/**
 * Stable error codes of the chain: a refused extrinsic's receipt and every HTTP error carry one. The
 * names never change meaning; new codes are only appended. {@link #httpStatus()} is the status the
 * HTTP API answers with when the code is returned at submission time.
 */
public enum ChainError {
  /** The request body is not valid JSON, has wrong types, or misses a field. */
  MALFORMED(400),
  /** The call type is not one the chain knows. */
  UNKNOWN_CALL(400),
  /** The request body exceeds the size limit. */
  BODY_TOO_LARGE(400),
  /** A path or query parameter is invalid. */
  BAD_REQUEST(400),
  /** No such resource (unknown extrinsic hash, subnet, uid, block). */
  NOT_FOUND(404),
  /** The signature does not verify over (genesis hash, signer, nonce, call). */
  BAD_SIGNATURE(401),
  /** The nonce was already used (or is already pending) for this signer. */
  BAD_NONCE(409),
  /** The transaction pool is full; retry later. */
  POOL_FULL(503),
  /** The signer's free balance is below the amount needed. */
  INSUFFICIENT_BALANCE(422),
  /** The signer's stake on the hotkey is below the amount to remove. */
  INSUFFICIENT_STAKE(422),
  /** Amount is zero or negative, or an arithmetic overflow would happen. */
  BAD_AMOUNT(422),
  /** The signer does not own the subnet or the hotkey. */
  NOT_OWNER(403),
  /** A value is outside its bounds (SPEC §8) or a weight is outside u16. */
  OUT_OF_BOUNDS(422),
  /** The action was done too recently (weights, serving or owner hyperparameter rate limit). */
  RATE_LIMITED(429),
  /** Owner hyperparameter changes are frozen in the last blocks before an epoch. */
  FROZEN(423),
  /** No such subnet. */
  UNKNOWN_SUBNET(404),
  /** No such hyperparameter name. */
  UNKNOWN_HYPERPARAMETER(400),
  /** A weight names a uid that does not exist on the subnet. */
  UNKNOWN_UID(422),
  /** A uid appears twice in the weights. */
  DUPLICATE_UIDS(422),
  /** uids and weights differ in length, or there are more entries than uids. */
  LENGTH_MISMATCH(422),
  /** Fewer weights than min(n, min_allowed_weights). */
  TOO_FEW_WEIGHTS(422),
  /** version_key is below the subnet's weights_version_key. */
  VERSION_KEY(422),
  /** The hotkey's stake is below the stake threshold. */
  STAKE_THRESHOLD(422),
  /** Setting weights on others needs a validator permit (self-weight only is always allowed). */
  NO_VALIDATOR_PERMIT(422),
  /** The hotkey is not registered on the subnet. */
  NOT_REGISTERED(422),
  /** The subnet is full and every neuron is immune. */
  SUBNET_FULL(422),
  /** The hotkey is already registered on the subnet. */
  ALREADY_REGISTERED(409),
  /** Registration is closed on this subnet, or the burn exceeds the caller's limit. */
  REGISTRATION_CLOSED(422),
  /** set_weights while commit-reveal is on, or commit/reveal while it is off. */
  COMMIT_REVEAL_MODE(422),
  /** No pending commit matches the reveal. */
  COMMIT_NOT_FOUND(422),
  /** The revealed values do not hash to any pending commit. */
  REVEAL_MISMATCH(422),
  /** The reveal is before the commit's reveal epoch. */
  REVEAL_TOO_EARLY(422),
  /** The commit's reveal epoch has passed. */
  COMMIT_EXPIRED(422),
  /** Too many unrevealed commits for this hotkey. */
  TOO_MANY_COMMITS(422),
  /** The registration burn is above the caller's max_burn guard. */
  BURN_EXCEEDS_LIMIT(422),
  /** An address field is not a valid account address. */
  BAD_ADDRESS(422),
  /** The axon address is not acceptable. */
  BAD_AXON(422),
  /** The chain failed internally (never caused by input). */
  INTERNAL(500);

  private final int httpStatus;

  ChainError(final int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
