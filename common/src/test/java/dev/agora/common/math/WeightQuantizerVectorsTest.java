package dev.agora.common.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The u16 quantisation math cases of yuma/vectors.json, exact. */
class WeightQuantizerVectorsTest {

  private static JsonNode mathCase(final String id) throws IOException {
    final Path p = Path.of(System.getProperty("agora.shared.dir", "../../shared"), "yuma", "vectors.json");
    final JsonNode root =
        JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().readTree(p.toFile());
    for (final JsonNode c : root.path("math_cases")) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    throw new IllegalStateException("no math case " + id);
  }

  private static long raw(final JsonNode v) {
    if (v.isTextual()) {
      return switch (v.asText()) {
        case "I32F32::MAX" -> I32F32.MAX;
        case "I32F32::MIN" -> I32F32.MIN;
        default -> throw new IllegalArgumentException(v.asText());
      };
    }
    return I32F32.fromFloat(v.floatValue()); // upstream builds inputs with from_num(f32)
  }

  private static int[] ints(final JsonNode a) {
    final int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i).intValue();
    }
    return r;
  }

  @TestFactory
  List<DynamicTest> maxUpscaleFixedToU16_shouldMatchVectorsWhenInputIsFixedPoint() throws IOException {
    final List<DynamicTest> tests = new ArrayList<>();
    int k = 0;
    for (final JsonNode c : mathCase("math_vec_max_upscale_to_u16").path("cases")) {
      tests.add(DynamicTest.dynamicTest("case " + k++ + " " + c.path("input"), () -> {
        final long[] in = new long[c.path("input").size()];
        for (int i = 0; i < in.length; i++) {
          in[i] = raw(c.path("input").get(i));
        }
        assertArrayEquals(ints(c.path("expected")), WeightQuantizer.maxUpscaleFixedToU16(in));
      }));
    }
    assertTrue(tests.size() >= 10);
    return tests;
  }

  @TestFactory
  List<DynamicTest> maxUpscaleToU16_shouldMatchVectorsWhenInputIsU16() throws IOException {
    final List<DynamicTest> tests = new ArrayList<>();
    int k = 0;
    for (final JsonNode c : mathCase("math_vec_u16_max_upscale_to_u16").path("cases")) {
      tests.add(DynamicTest.dynamicTest("case " + k++ + " " + c.path("input"), () ->
          assertArrayEquals(ints(c.path("expected")), WeightQuantizer.maxUpscaleToU16(ints(c.path("input"))))));
    }
    assertTrue(tests.size() >= 5);
    return tests;
  }

  @TestFactory
  List<DynamicTest> checkVecMaxLimited_shouldMatchVectorsWhenLimitVaries() throws IOException {
    final List<DynamicTest> tests = new ArrayList<>();
    int k = 0;
    for (final JsonNode c : mathCase("math_check_vec_max_limited").path("cases")) {
      tests.add(DynamicTest.dynamicTest("case " + k++, () ->
          assertEquals(
              c.path("expected").booleanValue(),
              WeightQuantizer.checkVecMaxLimited(ints(c.path("input")), c.path("max_limit").intValue()))));
    }
    assertTrue(tests.size() >= 5);
    return tests;
  }

  @Test
  void maxUpscaleToU16_shouldRejectWhenValueIsNotU16() {
    assertThrows(IllegalArgumentException.class, () -> WeightQuantizer.maxUpscaleToU16(new int[] {1, 70000}));
    assertThrows(IllegalArgumentException.class, () -> WeightQuantizer.maxUpscaleToU16(new int[] {-1}));
  }
}
