package dev.agora.miner.behaviour;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest answer of each miner, shared in one process so that a copycat can return another
 * miner's answer (devnet and tests only).
 */
public final class AnswerBoard {
  /** A board that remembers nothing. */
  public static final AnswerBoard NONE = new AnswerBoard(false);

  private final boolean enabled;
  private final Map<String, int[]> latest = new ConcurrentHashMap<>();

  public AnswerBoard() {
    this(true);
  }

  private AnswerBoard(final boolean enabled) {
    this.enabled = enabled;
  }

  public void post(final String minerId, final int[] tokens) {
    if (enabled) {
      latest.put(minerId, tokens.clone());
    }
  }

  /** The latest answer of some other miner, or empty. */
  public Optional<int[]> fromOtherThan(final String minerId) {
    return latest.entrySet().stream()
        .filter(e -> !e.getKey().equals(minerId))
        .map(e -> e.getValue().clone())
        .findFirst();
  }
}
