package dev.agora.validator.challenge;

/**
 * What a round's challenges look like.
 *
 * @param vocabSize the model's vocabulary size; prompt tokens are drawn from the non-special range
 *     [{@link #FIRST_ORDINARY_TOKEN}, vocabSize)
 * @param promptTokens random prompt tokens after BOS (nonce included), >= 1
 * @param maxNewTokens N, the exact number of tokens to generate
 * @param greedyFraction share of greedy challenges in [0, 1]; the rest is seeded sampling at
 *     T = 1.0 or 0.7 with equal odds
 */
public record ChallengeParams(int vocabSize, int promptTokens, int maxNewTokens, double greedyFraction) {
  /** Ids 0, 1, 2 are unk, BOS and EOS; everything from 3 up is an ordinary token. */
  public static final int FIRST_ORDINARY_TOKEN = 3;

  public static final int BOS = 1;
  public static final int EOS = 2;
  public static final double DEFAULT_GREEDY_FRACTION = 0.2;

  public ChallengeParams {
    if (vocabSize <= FIRST_ORDINARY_TOKEN + 1) {
      throw new IllegalArgumentException("vocabSize too small for challenges: " + vocabSize);
    }
    if (promptTokens < 1) {
      throw new IllegalArgumentException("promptTokens must be >= 1, got " + promptTokens);
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
    if (!(greedyFraction >= 0 && greedyFraction <= 1)) {
      throw new IllegalArgumentException("greedyFraction must be in [0, 1], got " + greedyFraction);
    }
  }

  /** Positions used by prompt (with BOS) plus answer; must fit the model's context. */
  public int contextNeeded() {
    return 1 + promptTokens + maxNewTokens;
  }
}
