package dev.agora.chain.runtime;

import dev.agora.chain.state.ChainParams;
import dev.agora.common.chain.Extrinsics;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a chain starts from. Its canonical JSON is hashed into block 0, so two chains with different
 * specs have different genesis hashes and extrinsics signed for one are invalid on the other.
 *
 * @param chainName a label (e.g. "agora-devnet")
 * @param timestampMs the genesis block's timestamp
 * @param author address of the chain key that signs blocks
 * @param balances initial free balances (rao) by address
 * @param params chain-wide parameters
 */
public record GenesisSpec(
    String chainName,
    long timestampMs,
    String author,
    Map<String, Long> balances,
    ChainParams params) {
  public GenesisSpec {
    if (chainName == null || chainName.isBlank()) {
      throw new IllegalArgumentException("genesis chainName is required");
    }
    if (!Extrinsics.isAddress(author)) {
      throw new IllegalArgumentException("genesis author is not an address: " + author);
    }
    balances = new TreeMap<>(balances == null ? Map.of() : balances);
    long sum = 0;
    for (final Map.Entry<String, Long> e : balances.entrySet()) {
      if (!Extrinsics.isAddress(e.getKey())) {
        throw new IllegalArgumentException("genesis balance for a bad address: " + e.getKey());
      }
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException("genesis balance must be >= 0 for " + e.getKey());
      }
      sum = Math.addExact(sum, e.getValue());
    }
    if (params == null) {
      throw new IllegalArgumentException("genesis params are required");
    }
  }
}
