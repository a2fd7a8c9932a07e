package dev.agora.validator.node;

import dev.agora.common.protocol.FinalEvent;
import java.util.Optional;

/**
 * What came back from one miner, as received, before any judgement.
 *
 * @param status HTTP status (0 when no response: connect error or timeout)
 * @param errorCode the refusal or stream error code, or "" when none
 * @param tokens the token ids received, in order
 * @param arrivalNanos validator clock at the arrival of each token line
 * @param sentNanos validator clock when the request was sent
 * @param finalEvent the signed final line, when it came
 */
public record RawAnswer(
    int status,
    String errorCode,
    int[] tokens,
    long[] arrivalNanos,
    long sentNanos,
    Optional<FinalEvent> finalEvent) {

  public static RawAnswer failed(final int status, final String code, final long sentNanos) {
    return new RawAnswer(status, code, new int[0], new long[0], sentNanos, Optional.empty());
  }
}
