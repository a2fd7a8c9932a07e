package dev.agora.common.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Arrays;
import java.util.Objects;

/**
 * The JSON body of {@code POST /v1/generate}. Ids, not text, so that tokenizers cannot disagree.
 *
 * @param requestId must equal the {@code Agora-Request-Id} header
 * @param modelId the model the validator expects (checked against the miner's)
 * @param promptTokenIds prompt ids, BOS first
 * @param maxNewTokens N: exactly N tokens are generated, BOS/EOS suppressed
 * @param greedy argmax decoding when true, else seeded sampling
 * @param temperature sampling temperature (ignored when greedy)
 * @param seed coin seed (ignored when greedy)
 * @param deadlineMs the answer must be complete this many ms after the request's timestamp
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record InferenceRequest(
    String requestId,
    String modelId,
    int[] promptTokenIds,
    int maxNewTokens,
    boolean greedy,
    float temperature,
    long seed,
    long deadlineMs) {

  public InferenceRequest {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(promptTokenIds, "promptTokenIds");
    promptTokenIds = promptTokenIds.clone();
  }

  @Override
  public int[] promptTokenIds() {
    return promptTokenIds.clone();
  }

  /** A clear reason the request cannot be served by a model of this shape, or empty. */
  public java.util.Optional<String> problem(final int vocabSize, final int seqLen, final int maxTokensLimit) {
    if (promptTokenIds.length == 0) {
      return java.util.Optional.of("prompt is empty");
    }
    for (final int t : promptTokenIds) {
      if (t < 0 || t >= vocabSize) {
        return java.util.Optional.of("prompt token " + t + " outside the vocabulary [0, " + vocabSize + ")");
      }
    }
    if (maxNewTokens < 1 || maxNewTokens > maxTokensLimit) {
      return java.util.Optional.of("max_new_tokens must be in [1, " + maxTokensLimit + "], got " + maxNewTokens);
    }
    if ((long) promptTokenIds.length + maxNewTokens > seqLen) {
      return java.util.Optional.of("prompt + answer (" + (promptTokenIds.length + maxNewTokens)
          + ") exceed the context of " + seqLen);
    }
    if (!greedy && !(temperature > 0f && temperature <= 2f)) {
      return java.util.Optional.of("temperature must be in (0, 2], got " + temperature);
    }
    if (deadlineMs < 1) {
      return java.util.Optional.of("deadline_ms must be positive");
    }
    return java.util.Optional.empty();
  }

  @Override
  public boolean equals(final Object o) {
    return o instanceof InferenceRequest r && requestId.equals(r.requestId) && modelId.equals(r.modelId)
        && Arrays.equals(promptTokenIds, r.promptTokenIds) && maxNewTokens == r.maxNewTokens
        && greedy == r.greedy && Float.compare(temperature, r.temperature) == 0 && seed == r.seed
        && deadlineMs == r.deadlineMs;
  }

  @Override
  public int hashCode() {
    return Objects.hash(requestId, modelId, Arrays.hashCode(promptTokenIds), maxNewTokens, greedy, seed);
  }
}
