package dev.agora.common.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agora.common.util.Json;
import java.io.IOException;

/**
 * Strict JSON for the chain API: unknown fields, missing fields, nulls for numbers, trailing tokens
 * and type coercions ("5" for 5) are all errors, reported as {@link ChainException}s with MALFORMED
 * or UNKNOWN_CALL, so bad input never reaches the state.
 */
public final class ChainJson {
  private static final ObjectMapper STRICT =
      ((JsonMapper) Json.MAPPER)
          .rebuild()
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  static {
    STRICT.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).build());
  }

  private ChainJson() {}

  /** Parses a signed extrinsic strictly. */
  public static SignedExtrinsic parseExtrinsic(final byte[] body) {
    return parse(body, SignedExtrinsic.class);
  }

  /** Parses {@code type} strictly; throws ChainException (MALFORMED / UNKNOWN_CALL). */
  public static <T> T parse(final byte[] body, final Class<T> type) {
    if (body == null || body.length == 0) {
      throw new ChainException(ChainError.MALFORMED, "empty body");
    }
    try {
      final T v = STRICT.readValue(body, type);
      if (v == null) {
        throw new ChainException(ChainError.MALFORMED, "body is null");
      }
      return v;
    } catch (InvalidTypeIdException e) {
      throw new ChainException(ChainError.UNKNOWN_CALL, "unknown call type: " + e.getTypeId());
    } catch (JsonProcessingException e) {
      throw new ChainException(ChainError.MALFORMED, e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      if (e instanceof ChainException ce) {
        throw ce;
      }
      throw new ChainException(ChainError.MALFORMED, String.valueOf(e.getMessage()));
    }
  }

  /** Lenient reading of chain responses (clients). */
  public static <T> T read(final byte[] body, final Class<T> type) {
    try {
      return Json.MAPPER.readValue(body, type);
    } catch (IOException e) {
      throw new ChainException(ChainError.MALFORMED, "bad response: " + e.getMessage());
    }
  }
}
