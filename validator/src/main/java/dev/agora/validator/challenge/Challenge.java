package dev.agora.validator.challenge;

import java.util.Arrays;
import java.util.Objects;

/**
 * One challenge for one miner (VERIFICATION.md §2.1): the prompt as token ids (BOS first), exactly
 * {@code maxNewTokens} tokens to generate with BOS/EOS suppressed, and the sampling rule.
 *
 * @param requestId 128-bit id as 32 lowercase hex characters
 * @param minerUid the uid the challenge is made for
 * @param promptTokenIds prompt ids, BOS = 1 first
 * @param maxNewTokens N, the exact answer length
 * @param sampling greedy or seeded
 */
public record Challenge(
    String requestId, int minerUid, int[] promptTokenIds, int maxNewTokens, Sampling sampling) {

  public Challenge {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(sampling, "sampling");
    if (promptTokenIds == null || promptTokenIds.length == 0) {
      throw new IllegalArgumentException("prompt must not be empty");
    }
    if (maxNewTokens < 1) {
      throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
    }
    promptTokenIds = promptTokenIds.clone();
  }

  @Override
  public int[] promptTokenIds() {
    return promptTokenIds.clone();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof Challenge c
        && requestId.equals(c.requestId)
        && minerUid == c.minerUid
        && Arrays.equals(promptTokenIds, c.promptTokenIds)
        && maxNewTokens == c.maxNewTokens
        && sampling.equals(c.sampling);
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, minerUid, Arrays.hashCode(promptTokenIds), maxNewTokens, sampling);
  }

  @Override
  public String toString() {
    return "Challenge[" + requestId + " uid=" + minerUid + " prompt=" + promptTokenIds.length
        + " N=" + maxNewTokens + " " + sampling + "]";
  }
}
