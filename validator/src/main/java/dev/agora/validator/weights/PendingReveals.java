package dev.agora.validator.weights;

import java.util.List;

/**
 * The validator's pending reveals as one stored value.
 *
 * @param reveals oldest first
 */
public record PendingReveals(List<PendingReveal> reveals) {
  public static final PendingReveals NONE = new PendingReveals(List.of());

  public PendingReveals {
    reveals = List.copyOf(reveals);
  }
}
