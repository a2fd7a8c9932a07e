package dev.agora.inference;

/**
 * The check of one generated position.
 *
 * @param index generated position, 0-based
 * @param token the answer's token
 * @param validatorToken the token the validator itself would choose here (argmax, or the sampled id)
 * @param margin greedy: max logit − the token's logit, in nats (≥ 0); seeded: the signed distance of
 *     the coin u outside the token's CDF interval [F(t−1), F(t)) in probability units (negative inside)
 * @param pass whether the position is within tolerance
 * @param nearTie true when two honest engines could disagree here: greedy, the top-2 gap is ≤ τ or the
 *     token is accepted without being the validator's argmax; seeded, u lies within ε of a boundary
 */
public record PositionResult(
    int index, int token, int validatorToken, float margin, boolean pass, boolean nearTie) {}
