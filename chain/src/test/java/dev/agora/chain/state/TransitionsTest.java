package dev.agora.chain.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.CommitHash;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.chain.UidWeight;
import dev.agora.common.crypto.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** State-transition tests: each extrinsic, and each refusal code, on a pure in-memory state. */
class TransitionsTest {
  private static final long TAO = 1_000_000_000L;
  private static final String GENESIS = "ab".repeat(32);
  private final Random rnd = new Random(11);
  private final KeyPair root = KeyPair.generate(rnd);
  private final KeyPair owner = KeyPair.generate(rnd);
  private final KeyPair ownerHot = KeyPair.generate(rnd);
  private final KeyPair alice = KeyPair.generate(rnd);
  private final KeyPair aliceHot = KeyPair.generate(rnd);
  private final KeyPair bob = KeyPair.generate(rnd);
  private final KeyPair bobHot = KeyPair.generate(rnd);
  private final Map<String, Long> nonces = new HashMap<>();
  private ChainState state;
  private Transitions tr;
  private long block = 1;

  private static String a(final KeyPair k) {
    return k.publicKey().address();
  }

  @BeforeEach
  void setUp() {
    final Map<String, Long> defaults = new HashMap<>();
    defaults.put("tempo", 100L);
    defaults.put("commit_reveal_weights_enabled", 0L);
    defaults.put("weights_rate_limit", 5L);
    defaults.put("serving_rate_limit", 5L);
    defaults.put("burn", TAO);
    defaults.put("immunity_period", 10L);
    defaults.put("max_allowed_uids", 3L);
    tr = new Transitions(new ChainParams(a(root), 10 * TAO, TAO, 2, defaults), GENESIS);
    state = new ChainState();
    for (final KeyPair k : List.of(root, owner, alice, bob)) {
      state.putAccount(a(k), new AccountRecord(100 * TAO, 0));
    }
    state.putGlobal(new GlobalRecord(400 * TAO, 0, 1));
    ok(owner, new Call.CreateSubnet(a(ownerHot)));
  }

  private SignedExtrinsic sign(final KeyPair k, final Call c) {
    final long n = nonces.merge(a(k), 1L, Long::sum) - 1;
    return Extrinsics.sign(k, GENESIS, n, c);
  }

  private Outcome apply(final KeyPair k, final Call c) {
    return tr.apply(state, sign(k, c), block, false);
  }

  private void ok(final KeyPair k, final Call c) {
    final Outcome o = apply(k, c);
    assertInstanceOf(Outcome.Applied.class, o, o.toString());
    assertTrue(state.totals().balanced(), state.totals().toString());
  }

  private void refused(final ChainError code, final KeyPair k, final Call c) {
    final long freeBefore = state.account(a(k)).free();
    final long nonceBefore = state.account(a(k)).nonce();
    final var totalsBefore = state.totals();
    final Outcome o = apply(k, c);
    assertInstanceOf(Outcome.Refused.class, o, o.toString());
    assertEquals(code, ((Outcome.Refused) o).code(), o.toString());
    assertEquals(freeBefore, state.account(a(k)).free(), "a refusal changes no balance");
    assertEquals(nonceBefore + 1, state.account(a(k)).nonce(), "a refusal uses up the nonce");
    assertEquals(totalsBefore, state.totals());
  }

  private void registerBoth() {
    ok(alice, new Call.Register(1, a(aliceHot), 0));
    ok(bob, new Call.Register(1, a(bobHot), 0));
  }

  @Test
  void transfer_shouldMoveBalanceWhenFunded() {
    ok(alice, new Call.Transfer(a(bob), 5 * TAO));
    assertEquals(95 * TAO, state.account(a(alice)).free());
    assertEquals(105 * TAO, state.account(a(bob)).free());
  }

  @Test
  void transfer_shouldRefuseWhenBalanceOrAmountOrAddressIsBad() {
    refused(ChainError.INSUFFICIENT_BALANCE, alice, new Call.Transfer(a(bob), 101 * TAO));
    refused(ChainError.BAD_AMOUNT, alice, new Call.Transfer(a(bob), 0));
    refused(ChainError.BAD_ADDRESS, alice, new Call.Transfer("agora1nope", 1));
  }

  @Test
  void apply_shouldChangeNothingWhenSignatureIsForgedOrNonceStale() {
    final SignedExtrinsic good = sign(alice, new Call.Transfer(a(bob), 1));
    final SignedExtrinsic forged = new SignedExtrinsic(good.signer(), good.nonce(),
        new Call.Transfer(a(bob), 50 * TAO), good.signature());
    final Outcome o = tr.apply(state, forged, block, false);
    assertEquals(ChainError.BAD_SIGNATURE, ((Outcome.Refused) o).code());
    assertEquals(0, state.account(a(alice)).nonce());
    assertInstanceOf(Outcome.Applied.class, tr.apply(state, good, block, false));
    final Outcome replay = tr.apply(state, good, block, false);
    assertEquals(ChainError.BAD_NONCE, ((Outcome.Refused) replay).code());
    assertEquals(1, state.account(a(alice)).nonce());
    final Outcome future = tr.apply(state,
        Extrinsics.sign(alice, GENESIS, 5, new Call.Transfer(a(bob), 1)), block, false);
    assertInstanceOf(Outcome.Deferred.class, future);
  }

  @Test
  void apply_shouldRefuseSignatureWhenSignedForAnotherChain() {
    final SignedExtrinsic other = Extrinsics.sign(alice, "cd".repeat(32), 0,
        new Call.Transfer(a(bob), 1));
    assertEquals(ChainError.BAD_SIGNATURE,
        ((Outcome.Refused) tr.apply(state, other, block, false)).code());
  }

  @Test
  void createSubnet_shouldBurnLockCostAndRegisterOwnerHotkeyAsUidZero() {
    final SubnetRecord sn = state.subnet(1).orElseThrow();
    assertEquals(a(owner), sn.ownerColdkey());
    assertEquals(1, sn.n());
    assertEquals(0, state.uidOf(1, a(ownerHot)).orElseThrow());
    assertEquals(10 * TAO, state.global().burned());
    assertEquals(100, sn.hyperparameters().tempo());
  }

  @Test
  void register_shouldRefuseWhenAlreadyRegisteredOrHotkeyOwnedByOtherOrPoor() {
    ok(alice, new Call.Register(1, a(aliceHot), 0));
    refused(ChainError.ALREADY_REGISTERED, alice, new Call.Register(1, a(aliceHot), 0));
    refused(ChainError.NOT_OWNER, bob, new Call.CreateSubnet(a(aliceHot)));
    ok(root, new Call.CreateSubnet(a(KeyPair.generate(rnd))));
    refused(ChainError.NOT_OWNER, bob, new Call.Register(2, a(aliceHot), 0));
    refused(ChainError.BURN_EXCEEDS_LIMIT, bob, new Call.Register(1, a(bobHot), 1));
    refused(ChainError.UNKNOWN_SUBNET, bob, new Call.Register(9, a(bobHot), 0));
    state.putAccount(a(bob), new AccountRecord(0, state.account(a(bob)).nonce()));
    state.putGlobal(new GlobalRecord(state.global().issuance() - 100 * TAO,
        state.global().burned(), state.global().nextNetuid()));
    refused(ChainError.INSUFFICIENT_BALANCE, bob, new Call.Register(1, a(bobHot), 0));
  }

  @Test
  void register_shouldReplaceLowestEmissionNonImmuneUidWhenSubnetIsFull() {
    registerBoth(); // n = 3 = max
    final KeyPair carol = KeyPair.generate(rnd);
    final KeyPair carolHot = KeyPair.generate(rnd);
    state.putAccount(a(carol), new AccountRecord(10 * TAO, 0));
    state.putGlobal(new GlobalRecord(state.global().issuance() + 10 * TAO,
        state.global().burned(), state.global().nextNetuid()));
    // alice's uid 1 earns more than bob's uid 2; bob has weights from alice
    state.putNeuron(1, 1, state.neuron(1, 1).orElseThrow().withEpochOutputs(true, true, 0, 0, 0,
        0, 500, List.of()).withWeightsOnly(List.of(new UidWeight(2, 65535))));
    state.putNeuron(1, 2, state.neuron(1, 2).orElseThrow().withEpochOutputs(false, true, 0, 0, 0,
        0, 100, List.of()));
    block = 5; // everyone still immune (immunity 10): the immune fallback picks the lowest emission
    ok(carol, new Call.Register(1, a(carolHot), 0));
    assertEquals(2, state.uidOf(1, a(carolHot)).orElseThrow());
    assertTrue(state.uidOf(1, a(bobHot)).isEmpty());
    assertEquals(0, state.neuron(1, 1).orElseThrow().weights().get(0).value(),
        "weights to the replaced uid are zeroed");
    final NeuronRecord fresh = state.neuron(1, 2).orElseThrow();
    assertEquals(5, fresh.registrationBlock());
    assertEquals(0, fresh.emission());
    assertEquals(3, state.subnet(1).orElseThrow().n());
  }

  @Test
  void register_shouldPreferNonImmuneUidWhenSubnetIsFull() {
    registerBoth();
    block = 20; // both non-immune now
    final KeyPair dan = KeyPair.generate(rnd);
    state.putNeuron(1, 1, state.neuron(1, 1).orElseThrow().withEpochOutputs(false, true, 0, 0, 0,
        0, 0, List.of()));
    state.putNeuron(1, 2, state.neuron(1, 2).orElseThrow().withEpochOutputs(false, true, 0, 0, 0,
        0, 0, List.of()));
    ok(alice, new Call.Register(1, a(dan), 0)); // tie on emission: earliest registration = uid 1
    assertEquals(1, state.uidOf(1, a(dan)).orElseThrow());
  }

  @Test
  void register_shouldRefuseWhenRegistrationIsClosed() {
    ok(root, new Call.SudoSetHyperparameter(1, "network_registration_allowed", 0));
    refused(ChainError.REGISTRATION_CLOSED, alice, new Call.Register(1, a(aliceHot), 0));
  }

  @Test
  void commitWeights_shouldRefuseMalformedHash() {
    registerBoth();
    ok(owner, new Call.SudoSetHyperparameter(1, "commit_reveal_weights_enabled", 1));
    refused(ChainError.MALFORMED, aliceHot, new Call.CommitWeights(1, "xyz"));
    refused(ChainError.COMMIT_REVEAL_MODE, aliceHot, new Call.SetWeights(1, new int[] {1},
        new int[] {1}, 0));
  }

  @Test
  void register_shouldRefuseWhenFullAndOnlyOwnerRemains() {
    ok(root, new Call.SudoSetHyperparameter(1, "max_allowed_uids", 1));
    refused(ChainError.SUBNET_FULL, alice, new Call.Register(1, a(aliceHot), 0));
  }

  @Test
  void stake_shouldMoveFundsBothWaysAndRefuseWhenShort() {
    registerBoth();
    ok(alice, new Call.AddStake(1, a(aliceHot), 10 * TAO));
    assertEquals(10 * TAO, state.hotkeyStake(1, a(aliceHot)));
    refused(ChainError.INSUFFICIENT_STAKE, bob, new Call.RemoveStake(1, a(aliceHot), 1));
    refused(ChainError.INSUFFICIENT_BALANCE, bob, new Call.AddStake(1, a(aliceHot), 1000 * TAO));
    refused(ChainError.NOT_REGISTERED, bob, new Call.AddStake(1, a(bob), TAO));
    ok(alice, new Call.RemoveStake(1, a(aliceHot), 4 * TAO));
    assertEquals(6 * TAO, state.stake(1, a(aliceHot), a(alice)));
  }

  @Test
  void serveAxon_shouldStoreEndpointAndRateLimit() {
    registerBoth();
    refused(ChainError.NOT_REGISTERED, alice, new Call.ServeAxon(1, "127.0.0.1", 8091));
    ok(aliceHot, new Call.ServeAxon(1, "127.0.0.1", 8091));
    assertEquals(8091, state.neuron(1, 1).orElseThrow().axon().port());
    refused(ChainError.RATE_LIMITED, aliceHot, new Call.ServeAxon(1, "127.0.0.1", 8092));
    refused(ChainError.BAD_AXON, aliceHot, new Call.ServeAxon(1, "a b", 1));
    block += 5;
    ok(aliceHot, new Call.ServeAxon(1, "localhost", 8092));
  }

  @Test
  void setWeights_shouldMaxUpscaleAndApplyEveryCheck() {
    registerBoth();
    refused(ChainError.NO_VALIDATOR_PERMIT, aliceHot, new Call.SetWeights(1, new int[] {2},
        new int[] {1}, 0));
    ok(aliceHot, new Call.SetWeights(1, new int[] {1}, new int[] {7}, 0)); // self only: allowed
    state.putNeuron(1, 1, state.neuron(1, 1).orElseThrow().withEpochOutputs(true, true, 0, 0, 0,
        0, 0, List.of()));
    block += 5;
    refused(ChainError.LENGTH_MISMATCH, aliceHot, new Call.SetWeights(1, new int[] {1, 2},
        new int[] {1}, 0));
    refused(ChainError.LENGTH_MISMATCH, aliceHot, new Call.SetWeights(1, new int[] {0, 1, 2, 0},
        new int[] {1, 1, 1, 1}, 0));
    refused(ChainError.DUPLICATE_UIDS, aliceHot, new Call.SetWeights(1, new int[] {2, 2},
        new int[] {1, 1}, 0));
    refused(ChainError.UNKNOWN_UID, aliceHot, new Call.SetWeights(1, new int[] {7},
        new int[] {1}, 0));
    refused(ChainError.OUT_OF_BOUNDS, aliceHot, new Call.SetWeights(1, new int[] {2},
        new int[] {70000}, 0));
    refused(ChainError.NOT_REGISTERED, alice, new Call.SetWeights(1, new int[] {2},
        new int[] {1}, 0));
    ok(aliceHot, new Call.SetWeights(1, new int[] {2, 0}, new int[] {100, 50}, 0));
    assertEquals(List.of(new UidWeight(0, 32768), new UidWeight(2, 65535)),
        state.neuron(1, 1).orElseThrow().weights());
    assertEquals(block, state.neuron(1, 1).orElseThrow().lastUpdate());
    refused(ChainError.RATE_LIMITED, aliceHot, new Call.SetWeights(1, new int[] {2},
        new int[] {1}, 0));
    block += 5;
    ok(root, new Call.SudoSetHyperparameter(1, "min_allowed_weights", 2));
    refused(ChainError.TOO_FEW_WEIGHTS, aliceHot, new Call.SetWeights(1, new int[] {2},
        new int[] {1}, 0));
    ok(owner, new Call.SudoSetHyperparameter(1, "weights_version_key", 3));
    refused(ChainError.VERSION_KEY, aliceHot, new Call.SetWeights(1, new int[] {0, 2},
        new int[] {1, 1}, 2));
    ok(root, new Call.SudoSetHyperparameter(1, "stake_threshold", TAO));
    refused(ChainError.STAKE_THRESHOLD, aliceHot, new Call.SetWeights(1, new int[] {0, 2},
        new int[] {1, 1}, 3));
    ok(alice, new Call.AddStake(1, a(aliceHot), TAO));
    ok(aliceHot, new Call.SetWeights(1, new int[] {0, 2}, new int[] {1, 1}, 3));
  }

  @Test
  void commitReveal_shouldApplyInRevealEpochAndRefuseEarlyLateAndMismatched() {
    registerBoth();
    ok(owner, new Call.SudoSetHyperparameter(1, "commit_reveal_weights_enabled", 1));
    state.putNeuron(1, 1, state.neuron(1, 1).orElseThrow().withEpochOutputs(true, true, 0, 0, 0,
        0, 0, List.of()));
    final int[] uids = {0, 2};
    final int[] w = {1, 3};
    refused(ChainError.COMMIT_REVEAL_MODE, aliceHot, new Call.SetWeights(1, uids, w, 0));
    refused(ChainError.COMMIT_NOT_FOUND, aliceHot, new Call.RevealWeights(1, uids, w, "aa", 0));
    final String hash = CommitHash.of(a(aliceHot), 1, uids, w, "aa", 0);
    ok(aliceHot, new Call.CommitWeights(1, hash));
    assertEquals(block, state.neuron(1, 1).orElseThrow().lastUpdate(), "CR sets last_update at commit");
    refused(ChainError.REVEAL_MISMATCH, aliceHot, new Call.RevealWeights(1, uids, w, "bb", 0));
    refused(ChainError.REVEAL_TOO_EARLY, aliceHot, new Call.RevealWeights(1, uids, w, "aa", 0));
    nextEpoch();
    ok(aliceHot, new Call.RevealWeights(1, uids, w, "aa", 0));
    assertEquals(List.of(new UidWeight(0, 21845), new UidWeight(2, 65535)),
        state.neuron(1, 1).orElseThrow().weights());
    assertTrue(state.commits(1, a(aliceHot)).isEmpty());
    // a commit left unrevealed past its reveal epoch expires
    block += 5;
    final String h2 = CommitHash.of(a(aliceHot), 1, uids, w, "cc", 0);
    ok(aliceHot, new Call.CommitWeights(1, h2));
    nextEpoch();
    nextEpoch();
    refused(ChainError.COMMIT_EXPIRED, aliceHot, new Call.RevealWeights(1, uids, w, "cc", 0));
    Transitions.dropExpiredCommits(state, state.subnet(1).orElseThrow(), List.of(a(aliceHot)));
    assertTrue(state.commits(1, a(aliceHot)).isEmpty(), "expired commit dropped");
    // at most maxUnrevealedCommits (2 here) pending
    block += 5;
    ok(aliceHot, new Call.CommitWeights(1, "11".repeat(32)));
    block += 5;
    ok(aliceHot, new Call.CommitWeights(1, "22".repeat(32)));
    block += 5;
    refused(ChainError.TOO_MANY_COMMITS, aliceHot, new Call.CommitWeights(1, "33".repeat(32)));
  }

  private void nextEpoch() {
    final SubnetRecord sn = state.subnet(1).orElseThrow();
    state.putSubnet(sn.withEpoch(block, sn.epochIndex() + 1));
  }

  @Test
  void sudoSet_shouldEnforceOwnerBoundsRateLimitFreezeAndLogChanges() {
    refused(ChainError.NOT_OWNER, alice, new Call.SudoSetHyperparameter(1, "tempo", 400));
    refused(ChainError.NOT_OWNER, owner, new Call.SudoSetHyperparameter(1, "kappa", 100));
    refused(ChainError.UNKNOWN_HYPERPARAMETER, owner, new Call.SudoSetHyperparameter(1, "nope", 1));
    refused(ChainError.OUT_OF_BOUNDS, owner, new Call.SudoSetHyperparameter(1, "tempo", 10));
    refused(ChainError.OUT_OF_BOUNDS, owner,
        new Call.SudoSetHyperparameter(1, "bonds_moving_average", 990_000));
    refused(ChainError.OUT_OF_BOUNDS, owner, new Call.SudoSetHyperparameter(1, "alpha_low", 2000));
    ok(owner, new Call.SudoSetHyperparameter(1, "immunity_period", 20));
    refused(ChainError.RATE_LIMITED, owner, new Call.SudoSetHyperparameter(1, "immunity_period", 21));
    block = 95; // next epoch at 1 + 100 = 101: inside the freeze window of 10
    refused(ChainError.FROZEN, owner, new Call.SudoSetHyperparameter(1, "serving_rate_limit", 3));
    ok(root, new Call.SudoSetHyperparameter(1, "tempo", 5)); // root bypasses bounds and windows
    assertEquals(5, state.subnet(1).orElseThrow().hyperparameters().tempo());
    final SubnetRecord sn = state.subnet(1).orElseThrow();
    assertEquals(2, sn.hparamLogSize());
    final var first = state.hparamChange(1, 0).orElseThrow();
    assertEquals("immunity_period", first.name());
    assertEquals(1, first.block());
    assertEquals(10, first.oldValue());
    assertEquals(20, first.newValue());
    assertEquals(Hyperparameter.TEMPO.key(), state.hparamChange(1, 1).orElseThrow().name());
  }
}
