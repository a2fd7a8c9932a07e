package dev.agora.storage;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The common {@link KvSerializer}s. Numeric keys are big-endian so that bytewise order equals numeric
 * order for non-negative values (negative values sort after all non-negative ones).
 */
public final class KvSerializers {
  /** A long as 8 big-endian bytes. */
  public static final KvSerializer<Long> LONG_BE =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final Long value) {
          return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
        }

        @Override
        public Long deserialize(final byte[] bytes) {
          checkLength(bytes, Long.BYTES, "LONG_BE");
          return ByteBuffer.wrap(bytes).getLong();
        }
      };

  /** An int as 4 big-endian bytes. */
  public static final KvSerializer<Integer> INT_BE =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final Integer value) {
          return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
        }

        @Override
        public Integer deserialize(final byte[] bytes) {
          checkLength(bytes, Integer.BYTES, "INT_BE");
          return ByteBuffer.wrap(bytes).getInt();
        }
      };

  /** A string as UTF-8; malformed bytes are refused rather than replaced. */
  public static final KvSerializer<String> STRING =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final String value) {
          return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String deserialize(final byte[] bytes) {
          try {
            return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
          } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("STRING: bytes are not valid UTF-8", e);
          }
        }
      };

  /** Raw bytes, copied in both directions. */
  public static final KvSerializer<byte[]> BYTES =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final byte[] value) {
          return value.clone();
        }

        @Override
        public byte[] deserialize(final byte[] bytes) {
          return bytes.clone();
        }
      };

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private KvSerializers() {}

  /** Alias of {@link #LONG_BE}. */
  public static KvSerializer<Long> longBe() {
    return LONG_BE;
  }

  /** Alias of {@link #INT_BE}. */
  public static KvSerializer<Integer> intBe() {
    return INT_BE;
  }

  /**
   * JSON (Jackson) with sorted properties, so equal values give equal bytes. Fine for values; do not
   * use for keys that must sort.
   */
  public static <T> KvSerializer<T> json(final Class<T> type) {
    Objects.requireNonNull(type, "type");
    return new KvSerializer<>() {
      @Override
      public byte[] serialize(final T value) {
        try {
          return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot write " + type.getSimpleName() + " as JSON: " + e.getMessage(), e);
        }
      }

      @Override
      public T deserialize(final byte[] bytes) {
        try {
          return MAPPER.readValue(bytes, type);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              "cannot read " + type.getSimpleName() + " from JSON: " + e.getMessage(), e);
        }
      }
    };
  }

  private static void checkLength(final byte[] bytes, final int expected, final String name) {
    if (bytes.length != expected) {
      throw new IllegalArgumentException(
          name + ": expected " + expected + " bytes, got " + bytes.length);
    }
  }
}
