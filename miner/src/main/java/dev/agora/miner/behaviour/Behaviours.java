package dev.agora.miner.behaviour;

import dev.agora.inference.InferenceEngine;
import java.util.List;
import java.util.Random;

/** Builds a behaviour by name. */
public final class Behaviours {
  public static final List<String> NAMES = List.of("honest", "random", "cacher", "copycat", "slow");

  private Behaviours() {}

  /**
   * @throws IllegalArgumentException naming the known behaviours when {@code name} is unknown
   */
  public static MinerBehaviour create(
      final String name, final InferenceEngine engine, final AnswerBoard board, final String minerId,
      final long seed) {
    return switch (name) {
      case "honest" -> new HonestBehaviour(engine, board, minerId);
      case "random" -> new RandomBehaviour(new Random(seed), engine.config().vocabSize());
      case "cacher" -> new CacherBehaviour(engine);
      case "copycat" -> new CopycatBehaviour(board, minerId);
      case "slow" -> new SlowBehaviour(engine, 5);
      default -> throw new IllegalArgumentException(
          "unknown miner behaviour '" + name + "'; known: " + String.join(", ", NAMES));
    };
  }
}
