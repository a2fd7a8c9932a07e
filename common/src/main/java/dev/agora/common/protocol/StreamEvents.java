package dev.agora.common.protocol;

import java.nio.charset.StandardCharsets;

/**
 * The answer stream: NDJSON, one line per event. A token line is {@code {"t":ID}}; the last line is
 * {@code {"done":true,"n":N,"h":HEX,"rs":B64}} where h is {@link AnswerHash} and rs the response
 * signature ({@code ResponseSignatures}) over the request id, status 200 and h. A stream that fails after
 * headers ends with {@code {"error":CODE,"message":...}}.
 */
public final class StreamEvents {
  public static final String CONTENT_TYPE = "application/x-ndjson";
  public static final String PATH = "/v1/generate";

  private StreamEvents() {}

  public static byte[] tokenLine(final int token) {
    return ("{\"t\":" + token + "}\n").getBytes(StandardCharsets.US_ASCII);
  }
}
