package dev.agora.common.util;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The shared Jackson mapper and canonical JSON bytes for anything that is hashed or signed. */
public final class Json {
  /**
   * The shared mapper: properties and map entries sorted by key, no indentation. Configure no
   * further; it is shared by every module.
   */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.INDENT_OUTPUT)
          .build();

  private Json() {}

  /**
   * Canonical JSON of a value: object keys sorted (by UTF-16 code units, recursively, including
   * nested maps and trees), no whitespace, UTF-8. The same value always gives the same bytes,
   * whatever the insertion order of its maps.
   *
   * @throws IllegalArgumentException if the value cannot be serialized
   */
  public static byte[] canonical(final Object value) {
    try {
      final JsonNode tree = MAPPER.valueToTree(value);
      return MAPPER.writeValueAsBytes(sorted(tree == null ? JsonNodeFactory.instance.nullNode() : tree));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize value to canonical JSON: " + e.getMessage(), e);
    }
  }

  private static JsonNode sorted(final JsonNode node) {
    if (node.isObject()) {
      final List<String> names = new ArrayList<>();
      final Iterator<String> it = node.fieldNames();
      while (it.hasNext()) {
        names.add(it.next());
      }
      names.sort(null);
      final ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (final String name : names) {
        out.set(name, sorted(node.get(name)));
      }
      return out;
    }
    if (node.isArray()) {
      final ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (final JsonNode element : node) {
        out.add(sorted(element));
      }
      return out;
    }
    return node;
  }

  /** Reads a tree, for callers that want to inspect fields; errors become IllegalArgumentException. */
  public static JsonNode readTree(final byte[] json) {
    try {
      return MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
    }
  }

  /** Writes a value with the shared mapper; errors become IllegalArgumentException. */
  public static String write(final Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialize value to JSON: " + e.getMessage(), e);
    }
  }
}
