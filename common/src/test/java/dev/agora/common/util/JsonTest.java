package dev.agora.common.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {
  record Inner(int zeta, String alpha) {}

  record Outer(String name, Map<String, Object> extra, List<Inner> items, long big) {}

  @Test
  void canonical_shouldSortKeysAndDropWhitespaceWhenGivenMap() {
    final Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", List.of(3, 2, 1));
    map.put("c", Map.of("y", true, "x", "ü"));
    assertEquals(
        "{\"a\":[3,2,1],\"b\":1,\"c\":{\"x\":\"ü\",\"y\":true}}",
        new String(Json.canonical(map), StandardCharsets.UTF_8));
  }

  @Test
  void canonical_shouldGiveSameBytesWhenKeyInsertionOrderDiffers() {
    final List<String> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      keys.add("k" + i);
    }
    final byte[] reference = Json.canonical(build(keys));
    final Random rnd = new Random(31);
    for (int trial = 0; trial < 20; trial++) {
      Collections.shuffle(keys, rnd);
      assertArrayEquals(reference, Json.canonical(build(keys)));
    }
  }

  @Test
  void canonical_shouldSortRecordFieldsAndNestedMapsWhenGivenRecords() {
    final Map<String, Object> extra = new HashMap<>();
    extra.put("zz", 1);
    extra.put("aa", Map.of("q", 1, "p", 2));
    final Outer outer = new Outer("n", extra, List.of(new Inner(1, "x")), 1L << 60);
    assertEquals(
        "{\"big\":1152921504606846976,\"extra\":{\"aa\":{\"p\":2,\"q\":1},\"zz\":1},"
            + "\"items\":[{\"alpha\":\"x\",\"zeta\":1}],\"name\":\"n\"}",
        new String(Json.canonical(outer), StandardCharsets.UTF_8));
  }

  @Test
  void canonical_shouldEncodeUtf8WhenStringsAreNonAscii() {
    assertArrayEquals(
        "{\"k\":\"日本\"}".getBytes(StandardCharsets.UTF_8), Json.canonical(Map.of("k", "日本")));
  }

  @Test
  void canonical_shouldThrowIllegalArgumentWhenValueCannotBeSerialized() {
    assertThrows(IllegalArgumentException.class, () -> Json.canonical(new Object()));
  }

  @Test
  void readTree_shouldThrowIllegalArgumentWhenJsonIsTruncated() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Json.readTree("{\"a\":".getBytes(StandardCharsets.UTF_8)));
  }

  private static Map<String, Object> build(final List<String> keys) {
    final Map<String, Object> map = new LinkedHashMap<>();
    for (final String k : keys) {
      final Map<String, Object> nested = new LinkedHashMap<>();
      nested.put("z" + k, k.length());
      nested.put("a" + k, k);
      map.put(k, nested);
    }
    return map;
  }
}
