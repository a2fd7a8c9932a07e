package dev.agora.validator.challenge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChallengeGeneratorTest {
  private static final byte[] SECRET = "validator-secret-0123456789".getBytes();
  private static final ChallengeParams PARAMS = new ChallengeParams(512, 12, 16, 0.2);

  @Test
  void forMiner_shouldBeDeterministicWhenInputsRepeat() {
    final var g = new ChallengeGenerator(SECRET, PARAMS);
    assertEquals(g.forMiner(10, 3, 7), new ChallengeGenerator(SECRET, PARAMS).forMiner(10, 3, 7));
  }

  @Test
  void forMiner_shouldChangeWhenSecretBlockRoundOrUidChanges() {
    final var g = new ChallengeGenerator(SECRET, PARAMS);
    final Challenge base = g.forMiner(10, 3, 7);
    final var other = new ChallengeGenerator("another-secret-0123456789".getBytes(), PARAMS);
    for (final Challenge c : List.of(other.forMiner(10, 3, 7), g.forMiner(11, 3, 7), g.forMiner(10, 4, 7),
        g.forMiner(10, 3, 8))) {
      assertNotEquals(base.requestId(), c.requestId());
      assertTrue(!Arrays.equals(base.promptTokenIds(), c.promptTokenIds()));
    }
  }

  @Test
  void forRound_shouldGiveDistinctPromptsIdsAndSeedsWhenManyMiners() {
    final int[] uids = IntStream.range(0, 256).toArray();
    final List<Challenge> cs = new ChallengeGenerator(SECRET, PARAMS).forRound(5, 1, uids);
    final Set<String> prompts = new HashSet<>();
    final Set<String> ids = new HashSet<>();
    for (int i = 0; i < cs.size(); i++) {
      final Challenge c = cs.get(i);
      assertEquals(uids[i], c.minerUid());
      prompts.add(Arrays.toString(c.promptTokenIds()));
      ids.add(c.requestId());
      assertEquals(32, c.requestId().length());
    }
    assertEquals(256, prompts.size());
    assertEquals(256, ids.size());
  }

  @Test
  void forRound_shouldKeepPromptsDistinctWhenTheTokenSpaceIsTiny() {
    // vocab 5 → 2 ordinary tokens, 1 prompt token: only 2 distinct prompts are possible per... forcing re-draws
    final var g = new ChallengeGenerator(SECRET, new ChallengeParams(5, 3, 4, 0.5));
    final List<Challenge> cs = g.forRound(1, 1, new int[] {0, 1, 2, 3, 4, 5, 6, 7});
    assertEquals(8, cs.stream().map(c -> Arrays.toString(c.promptTokenIds())).distinct().count());
  }

  @Test
  void forMiner_shouldUseBosThenOrdinaryTokensAndExactLength() {
    final var g = new ChallengeGenerator(SECRET, PARAMS);
    for (int uid = 0; uid < 50; uid++) {
      final Challenge c = g.forMiner(2, 9, uid);
      final int[] p = c.promptTokenIds();
      assertEquals(1 + PARAMS.promptTokens(), p.length);
      assertEquals(ChallengeParams.BOS, p[0]);
      for (int i = 1; i < p.length; i++) {
        assertTrue(p[i] >= ChallengeParams.FIRST_ORDINARY_TOKEN && p[i] < PARAMS.vocabSize(), "token " + p[i]);
      }
      assertEquals(16, c.maxNewTokens());
    }
  }

  @Test
  void forRound_shouldMostlySampleWithSeedsAndSometimesBeGreedy() {
    final List<Challenge> cs =
        new ChallengeGenerator(SECRET, PARAMS).forRound(3, 3, IntStream.range(0, 1000).toArray());
    final long greedy = cs.stream().filter(c -> c.sampling().greedy()).count();
    assertTrue(greedy > 120 && greedy < 280, "greedy share " + greedy);
    final Set<Float> temps = new HashSet<>();
    final Set<Long> seeds = new HashSet<>();
    cs.stream().filter(c -> !c.sampling().greedy()).forEach(c -> {
      temps.add(c.sampling().temperature());
      seeds.add(c.sampling().seed());
    });
    assertEquals(Set.of(1.0f, 0.7f), temps);
    assertEquals(1000 - greedy, seeds.size());
  }

  @Test
  void constructor_shouldRefuseWhenSecretTooShortOrParamsBad() {
    assertThrows(IllegalArgumentException.class, () -> new ChallengeGenerator(new byte[4], PARAMS));
    assertThrows(IllegalArgumentException.class, () -> new ChallengeParams(512, 0, 16, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new ChallengeParams(512, 4, 0, 0.2));
    assertThrows(IllegalArgumentException.class, () -> new ChallengeParams(512, 4, 4, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new ChallengeParams(3, 4, 4, 0.5));
  }

  @Test
  void challenge_shouldNotExposeItsPromptArray() {
    final Challenge c = new ChallengeGenerator(SECRET, PARAMS).forMiner(1, 1, 1);
    final int[] p = c.promptTokenIds();
    p[0] = 99;
    assertArrayEquals(new int[] {ChallengeParams.BOS}, new int[] {c.promptTokenIds()[0]});
  }
}
