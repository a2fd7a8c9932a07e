package dev.agora.chain.state;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A map that reads through to a parent and records its own writes (values or deletions), so a block
 * or an extrinsic can be applied tentatively and then merged into its parent or dropped.
 */
final class LayeredMap<K, V> {
  private final LayeredMap<K, V> parent;
  /** Local writes; a present key with an empty Optional is a deletion. */
  private final Map<K, Optional<V>> writes = new HashMap<>();

  LayeredMap() {
    this(null);
  }

  private LayeredMap(final LayeredMap<K, V> parent) {
    this.parent = parent;
  }

  LayeredMap<K, V> child() {
    return new LayeredMap<>(this);
  }

  Optional<V> get(final K key) {
    final Optional<V> local = writes.get(key);
    if (local != null) {
      return local;
    }
    return parent == null ? Optional.empty() : parent.get(key);
  }

  void put(final K key, final V value) {
    writes.put(key, Optional.of(value));
  }

  void delete(final K key) {
    if (parent == null) {
      writes.remove(key);
    } else {
      writes.put(key, Optional.empty());
    }
  }

  /** Applies this layer's writes to its parent and clears them. */
  void mergeIntoParent() {
    if (parent == null) {
      throw new IllegalStateException("base layer has no parent");
    }
    writes.forEach(
        (k, v) -> {
          if (v.isPresent()) {
            parent.put(k, v.get());
          } else {
            parent.delete(k);
          }
        });
    writes.clear();
  }

  /** Visits this layer's own writes (for persisting them); an empty value means deleted. */
  void forEachWrite(final BiConsumer<K, Optional<V>> visitor) {
    writes.forEach(visitor);
  }

  /** Visits every live entry (base layer only). */
  void forEachBase(final BiConsumer<K, V> visitor) {
    if (parent != null) {
      throw new IllegalStateException("only the base layer can be iterated");
    }
    writes.forEach((k, v) -> v.ifPresent(val -> visitor.accept(k, val)));
  }

  boolean isBase() {
    return parent == null;
  }
}
