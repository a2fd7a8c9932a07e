package dev.agora.chain.runtime;

import dev.agora.chain.state.ChainParams;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.storage.KvStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded fixtures: keys, a devnet-like genesis, and a signing helper that tracks nonces. */
public final class TestChains {
  public static final long TAO = 1_000_000_000L;
  public final Random rnd;
  public final KeyPair chainKey;
  public final KeyPair root;
  public final List<KeyPair> coldkeys;
  public final GenesisSpec genesis;
  private final Map<String, Long> nonces = new HashMap<>();

  public TestChains(final long seed, final int accounts, final Map<String, Long> subnetDefaults) {
    rnd = new Random(seed);
    chainKey = KeyPair.generate(rnd);
    root = KeyPair.generate(rnd);
    coldkeys = new java.util.ArrayList<>();
    final Map<String, Long> balances = new HashMap<>();
    balances.put(root.publicKey().address(), 1_000 * TAO);
    for (int i = 0; i < accounts; i++) {
      final KeyPair k = KeyPair.generate(rnd);
      coldkeys.add(k);
      balances.put(k.publicKey().address(), 1_000 * TAO);
    }
    genesis = new GenesisSpec("agora-test", 1_700_000_000_000L, chainKey.publicKey().address(),
        balances, new ChainParams(root.publicKey().address(), 10 * TAO, TAO, 10, subnetDefaults));
  }

  /** Devnet-ish subnet defaults: tempo 10, no commit-reveal, no rate limits, small burn. */
  public static Map<String, Long> fastDefaults() {
    final Map<String, Long> m = new HashMap<>();
    m.put("tempo", 10L);
    m.put("commit_reveal_weights_enabled", 0L);
    m.put("weights_rate_limit", 0L);
    m.put("serving_rate_limit", 0L);
    m.put("burn", TAO);
    m.put("immunity_period", 0L);
    return m;
  }

  public ChainNode open(final KvStore kv) {
    return ChainNode.open(kv, chainKey, Clock.SYSTEM, NodeOptions.defaults(5), genesis);
  }

  public SignedExtrinsic sign(final ChainNode node, final KeyPair key, final Call call) {
    final String a = key.publicKey().address();
    final long n = nonces.merge(a, 1L, Long::sum) - 1;
    return Extrinsics.sign(key, node.genesisHash(), n, call);
  }

  public void resetNonce(final KeyPair key, final long nonce) {
    nonces.put(key.publicKey().address(), nonce);
  }
}
