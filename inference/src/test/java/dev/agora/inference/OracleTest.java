package dev.agora.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agora.inference.cpu.CpuInferenceEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OracleTest {

  @Test
  void generate_shouldReproduceOracleIdsWhenGreedyOnG128() throws Exception {
    final JsonNode cases = new ObjectMapper().readTree(
        TestModels.shared().resolve("oracles/llama2c-g128.json").toFile());
    for (final JsonNode c : cases) {
      final JsonNode s = c.get("shape");
      final int vocab = s.get("vocab").asInt();
      final ModelConfig cfg = new ModelConfig(s.get("dim").asInt(), s.get("hidden").asInt(),
          s.get("layers").asInt(), s.get("heads").asInt(), s.get("kv_heads").asInt(), vocab,
          s.get("seq").asInt(), !s.get("unshared").asBoolean());
      final ModelSpec spec = new ModelSpec(c.get("name").asText(), cfg, s.get("seed").asLong(),
          (float) s.get("amp").asDouble());
      final Path file = TestModels.checkpoint(spec);
      assertEquals(s.get("md5").asText(), md5(file), "md5 of the generated checkpoint");
      final int[] prompt = ints(c.get("prompt_ids"));
      final int[] expected = ints(c.get("generated_ids"));
      for (final int threads : new int[] {1, 2}) {
        try (CpuInferenceEngine engine = CpuInferenceEngine.open(file, threads)) {
          final int[] got = Generator.generateSteps(
              engine, prompt, c.get("steps").asInt(), Sampling.greedy(), null);
          assertArrayEquals(expected, got, "threads=" + threads);
        }
      }
    }
  }

  static int[] ints(final JsonNode arr) {
    final int[] out = new int[arr.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = arr.get(i).asInt();
    }
    return out;
  }

  static String md5(final Path file) throws Exception {
    final MessageDigest md = MessageDigest.getInstance("MD5");
    try (var in = Files.newInputStream(file)) {
      final byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
