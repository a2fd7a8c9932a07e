package dev.agora.chain.state;

import static dev.agora.chain.state.Refusal.check;

import dev.agora.common.chain.AxonInfo;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.CommitHash;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.chain.UidWeight;
import dev.agora.common.math.WeightQuantizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The extrinsic state transitions (DESIGN.md §4, yuma/SPEC.md §6, §8, §9). {@link #apply} checks the
 * signature and the nonce, then runs the call in a child overlay: on success the child is merged; on
 * a refusal it is dropped and only the signer's nonce advances (so a refused extrinsic can never be
 * replayed later, when it might succeed). Extrinsics with a bad signature or a stale nonce change
 * nothing at all.
 */
public final class Transitions {
  private static final int MAX_HOST_LENGTH = 253;
  private final ChainParams params;
  private final String genesisHash;

  public Transitions(final ChainParams params, final String genesisHash) {
    this.params = params;
    this.genesisHash = genesisHash;
  }

  public ChainParams params() {
    return params;
  }

  /**
   * Offers {@code ext} to {@code state} at block {@code block}. {@code signatureVerified} lets the
   * caller skip re-verifying a signature it already checked at submission.
   */
  public Outcome apply(
      final ChainState state,
      final SignedExtrinsic ext,
      final long block,
      final boolean signatureVerified) {
    if (!signatureVerified && !Extrinsics.verify(ext, genesisHash)) {
      return new Outcome.Refused(ChainError.BAD_SIGNATURE, "signature does not verify", false);
    }
    final AccountRecord acct = state.account(ext.signer());
    if (ext.nonce() < acct.nonce()) {
      return new Outcome.Refused(
          ChainError.BAD_NONCE, "nonce " + ext.nonce() + " already used (next " + acct.nonce() + ")",
          false);
    }
    if (ext.nonce() > acct.nonce()) {
      return new Outcome.Deferred();
    }
    final ChainState child = state.child();
    Outcome out;
    try {
      dispatch(child, ext.signer(), ext.call(), block);
      child.mergeIntoParent();
      out = new Outcome.Applied();
    } catch (Refusal r) {
      out = new Outcome.Refused(r.code(), r.getMessage(), true);
    } catch (ArithmeticException e) {
      out = new Outcome.Refused(ChainError.BAD_AMOUNT, "amount overflow", true);
    }
    final AccountRecord after = state.account(ext.signer());
    state.putAccount(ext.signer(), new AccountRecord(after.free(), after.nonce() + 1));
    return out;
  }

  private void dispatch(final ChainState s, final String signer, final Call call, final long block)
      throws Refusal {
    if (call instanceof Call.Transfer c) {
      transfer(s, signer, c);
    } else if (call instanceof Call.CreateSubnet c) {
      createSubnet(s, signer, c, block);
    } else if (call instanceof Call.Register c) {
      register(s, signer, c, block);
    } else if (call instanceof Call.ServeAxon c) {
      serveAxon(s, signer, c, block);
    } else if (call instanceof Call.AddStake c) {
      addStake(s, signer, c);
    } else if (call instanceof Call.RemoveStake c) {
      removeStake(s, signer, c);
    } else if (call instanceof Call.SetWeights c) {
      setWeights(s, signer, c, block);
    } else if (call instanceof Call.CommitWeights c) {
      commitWeights(s, signer, c, block);
    } else if (call instanceof Call.RevealWeights c) {
      revealWeights(s, signer, c, block);
    } else if (call instanceof Call.SudoSetHyperparameter c) {
      sudoSet(s, signer, c, block);
    } else {
      throw new Refusal(ChainError.UNKNOWN_CALL, "unknown call " + call.name());
    }
  }

  // ---------------------------------------------------------------- balances

  private static void debit(final ChainState s, final String who, final long amount)
      throws Refusal {
    final AccountRecord a = s.account(who);
    check(a.free() >= amount, ChainError.INSUFFICIENT_BALANCE,
        "free balance " + a.free() + " < " + amount);
    s.putAccount(who, new AccountRecord(a.free() - amount, a.nonce()));
  }

  private static void credit(final ChainState s, final String who, final long amount) {
    final AccountRecord a = s.account(who);
    s.putAccount(who, new AccountRecord(Math.addExact(a.free(), amount), a.nonce()));
  }

  private static void burn(final ChainState s, final long amount) {
    final GlobalRecord g = s.global();
    s.putGlobal(new GlobalRecord(g.issuance(), Math.addExact(g.burned(), amount), g.nextNetuid()));
  }

  private static void positive(final long amount) throws Refusal {
    check(amount > 0, ChainError.BAD_AMOUNT, "amount must be > 0, got " + amount);
  }

  private static void address(final String a, final String field) throws Refusal {
    check(Extrinsics.isAddress(a), ChainError.BAD_ADDRESS, field + " is not a valid address: " + a);
  }

  private void transfer(final ChainState s, final String signer, final Call.Transfer c)
      throws Refusal {
    positive(c.amount());
    address(c.dest(), "dest");
    debit(s, signer, c.amount());
    credit(s, c.dest(), c.amount());
  }

  // ---------------------------------------------------------------- subnets and registration

  private static SubnetRecord subnet(final ChainState s, final int netuid) throws Refusal {
    return s.subnet(netuid)
        .orElseThrow(() -> new Refusal(ChainError.UNKNOWN_SUBNET, "no subnet " + netuid));
  }

  private static void claimHotkey(final ChainState s, final String coldkey, final String hotkey)
      throws Refusal {
    final Optional<String> owner = s.hotkeyOwner(hotkey);
    check(owner.isEmpty() || owner.get().equals(coldkey), ChainError.NOT_OWNER,
        "hotkey " + hotkey + " belongs to another coldkey");
    if (owner.isEmpty()) {
      s.putHotkeyOwner(hotkey, coldkey);
    }
  }

  private void createSubnet(
      final ChainState s, final String signer, final Call.CreateSubnet c, final long block)
      throws Refusal {
    address(c.ownerHotkey(), "ownerHotkey");
    claimHotkey(s, signer, c.ownerHotkey());
    debit(s, signer, params.subnetLockCost());
    burn(s, params.subnetLockCost());
    final GlobalRecord g = s.global();
    final int netuid = g.nextNetuid();
    check(netuid < 65535, ChainError.OUT_OF_BOUNDS, "no netuid left");
    s.putGlobal(new GlobalRecord(g.issuance(), g.burned(), netuid + 1));
    final SubnetRecord sn =
        new SubnetRecord(netuid, signer, c.ownerHotkey(), block, 1, block, 0, 0, 0, 0, 0,
            params.newSubnetHyperparameters(netuid), Map.of());
    s.putSubnet(sn);
    s.putNeuron(netuid, 0, NeuronRecord.fresh(c.ownerHotkey(), signer, block));
    s.putUid(netuid, c.ownerHotkey(), 0);
  }

  /** The registration cost: the burn hyperparameter clamped to [min_burn, max_burn]. */
  public static long burnCost(final Hyperparameters h) {
    final long burn = h.get(Hyperparameter.BURN);
    return Math.max(h.get(Hyperparameter.MIN_BURN), Math.min(h.get(Hyperparameter.MAX_BURN), burn));
  }

  private void register(
      final ChainState s, final String signer, final Call.Register c, final long block)
      throws Refusal {
    final SubnetRecord sn = subnet(s, c.netuid());
    final Hyperparameters h = sn.hyperparameters();
    check(h.flag(Hyperparameter.NETWORK_REGISTRATION_ALLOWED), ChainError.REGISTRATION_CLOSED,
        "registration is closed on subnet " + c.netuid());
    address(c.hotkey(), "hotkey");
    check(s.uidOf(c.netuid(), c.hotkey()).isEmpty(), ChainError.ALREADY_REGISTERED,
        "hotkey already registered on subnet " + c.netuid());
    claimHotkey(s, signer, c.hotkey());
    final long cost = burnCost(h);
    check(c.maxBurn() <= 0 || cost <= c.maxBurn(), ChainError.BURN_EXCEEDS_LIMIT,
        "burn " + cost + " exceeds max_burn " + c.maxBurn());
    debit(s, signer, cost);
    burn(s, cost);
    final int uid;
    if (sn.n() < h.maxAllowedUids()) {
      uid = sn.n();
      s.putSubnet(sn.withN(sn.n() + 1));
    } else {
      uid = neuronToPrune(s, sn, block)
          .orElseThrow(() -> new Refusal(ChainError.SUBNET_FULL,
              "subnet " + c.netuid() + " is full and has no replaceable uid"));
      replaceNeuron(s, sn, uid, block);
    }
    s.putNeuron(c.netuid(), uid, NeuronRecord.fresh(c.hotkey(), signer, block));
    s.putUid(c.netuid(), c.hotkey(), uid);
  }

  /**
   * SPEC §3.13: among non-owner uids, prefer non-immune ones; lowest emission, then earliest
   * registration, then lowest uid. Falls back to immune uids when no non-immune one exists.
   */
  static Optional<Integer> neuronToPrune(final ChainState s, final SubnetRecord sn, final long block) {
    final long immunity = sn.hyperparameters().immunityPeriod();
    int best = -1;
    boolean bestImmune = true;
    NeuronRecord bestN = null;
    for (int uid = 0; uid < sn.n(); uid++) {
      final NeuronRecord n = s.neuron(sn.netuid(), uid).orElseThrow();
      if (n.hotkey().equals(sn.ownerHotkey())) {
        continue;
      }
      final boolean immune = block - n.registrationBlock() < immunity;
      final boolean better;
      if (bestN == null) {
        better = true;
      } else if (immune != bestImmune) {
        better = !immune;
      } else if (n.emission() != bestN.emission()) {
        better = n.emission() < bestN.emission();
      } else {
        better = n.registrationBlock() < bestN.registrationBlock();
      }
      if (better) {
        best = uid;
        bestImmune = immune;
        bestN = n;
      }
    }
    return best < 0 ? Optional.empty() : Optional.of(best);
  }

  /**
   * SPEC §6 clear_neuron: the old hotkey loses the uid, its weights and bonds rows and commits; every
   * other row's weight to the uid is zeroed. (Its stake entries stay, removable by their coldkeys.)
   */
  private static void replaceNeuron(
      final ChainState s, final SubnetRecord sn, final int uid, final long block) {
    final NeuronRecord old = s.neuron(sn.netuid(), uid).orElseThrow();
    s.deleteUid(sn.netuid(), old.hotkey());
    s.putCommits(sn.netuid(), old.hotkey(), List.of());
    for (int other = 0; other < sn.n(); other++) {
      if (other == uid) {
        continue;
      }
      final NeuronRecord n = s.neuron(sn.netuid(), other).orElseThrow();
      if (n.weights().stream().anyMatch(w -> w.uid() == uid && w.value() != 0)) {
        final List<UidWeight> w = new ArrayList<>();
        for (final UidWeight e : n.weights()) {
          w.add(e.uid() == uid ? new UidWeight(uid, 0) : e);
        }
        s.putNeuron(sn.netuid(), other, n.withWeightsOnly(w));
      }
    }
  }

  private static void serveAxon(
      final ChainState s, final String signer, final Call.ServeAxon c, final long block)
      throws Refusal {
    final SubnetRecord sn = subnet(s, c.netuid());
    final int uid = registeredUid(s, c.netuid(), signer);
    check(c.port() > 0 && c.port() <= 65535, ChainError.BAD_AXON, "port must be 1..65535");
    check(c.host().length() <= MAX_HOST_LENGTH && c.host().chars().allMatch(Transitions::hostChar),
        ChainError.BAD_AXON, "host must be a hostname or IP literal");
    final NeuronRecord n = s.neuron(c.netuid(), uid).orElseThrow();
    final long limit = sn.hyperparameters().get(Hyperparameter.SERVING_RATE_LIMIT);
    check(!n.axon().serving() || block - n.axon().block() >= limit, ChainError.RATE_LIMITED,
        "serving rate limit: last served at block " + n.axon().block() + ", limit " + limit);
    s.putNeuron(c.netuid(), uid, n.withAxon(new AxonInfo(c.host(), c.port(), block)));
  }

  private static boolean hostChar(final int ch) {
    return Character.isLetterOrDigit(ch) && ch < 128 || ch == '.' || ch == '-' || ch == ':'
        || ch == '[' || ch == ']';
  }

  private static int registeredUid(final ChainState s, final int netuid, final String hotkey)
      throws Refusal {
    return s.uidOf(netuid, hotkey)
        .orElseThrow(() -> new Refusal(ChainError.NOT_REGISTERED,
            "hotkey " + hotkey + " is not registered on subnet " + netuid));
  }

  // ---------------------------------------------------------------- stake

  private static void addStake(final ChainState s, final String signer, final Call.AddStake c)
      throws Refusal {
    positive(c.amount());
    subnet(s, c.netuid());
    registeredUid(s, c.netuid(), c.hotkey());
    debit(s, signer, c.amount());
    s.addStake(c.netuid(), c.hotkey(), signer, c.amount());
  }

  private static void removeStake(final ChainState s, final String signer, final Call.RemoveStake c)
      throws Refusal {
    positive(c.amount());
    final long have = s.stake(c.netuid(), c.hotkey(), signer);
    check(have >= c.amount(), ChainError.INSUFFICIENT_STAKE,
        "stake " + have + " < " + c.amount());
    s.addStake(c.netuid(), c.hotkey(), signer, -c.amount());
    credit(s, signer, c.amount());
  }

  // ---------------------------------------------------------------- weights

  private void setWeights(
      final ChainState s, final String signer, final Call.SetWeights c, final long block)
      throws Refusal {
    final SubnetRecord sn = subnet(s, c.netuid());
    check(!sn.hyperparameters().commitRevealEnabled(), ChainError.COMMIT_REVEAL_MODE,
        "commit-reveal is on for subnet " + c.netuid() + ": use commit_weights and reveal_weights");
    final int uid = checkWeights(s, sn, signer, c.uids(), c.weights(), c.versionKey());
    final NeuronRecord n = s.neuron(c.netuid(), uid).orElseThrow();
    final long limit = sn.hyperparameters().weightsRateLimit();
    check(n.lastWeightsBlock() < 0 || block - n.lastWeightsBlock() >= limit, ChainError.RATE_LIMITED,
        "weights rate limit: last set at block " + n.lastWeightsBlock() + ", limit " + limit);
    s.putNeuron(c.netuid(), uid, n.withWeights(quantize(c.uids(), c.weights()), block, block));
  }

  /** SPEC §6 checks 1–9 (rate limit excepted); returns the signer's uid. */
  private static int checkWeights(
      final ChainState s,
      final SubnetRecord sn,
      final String hotkey,
      final int[] uids,
      final int[] weights,
      final long versionKey)
      throws Refusal {
    check(uids.length == weights.length, ChainError.LENGTH_MISMATCH,
        "uids has " + uids.length + " entries, weights " + weights.length);
    check(uids.length <= sn.n(), ChainError.LENGTH_MISMATCH,
        uids.length + " weights for a subnet of " + sn.n() + " uids");
    final int uid = registeredUid(s, sn.netuid(), hotkey);
    final Hyperparameters h = sn.hyperparameters();
    final boolean owner = hotkey.equals(sn.ownerHotkey());
    final long threshold = h.get(Hyperparameter.STAKE_THRESHOLD);
    final long stake = s.hotkeyStake(sn.netuid(), hotkey);
    check(owner || stake >= threshold, ChainError.STAKE_THRESHOLD,
        "stake " + stake + " below the threshold " + threshold);
    final long vk = h.weightsVersionKey();
    check(vk == 0 || versionKey >= vk, ChainError.VERSION_KEY,
        "version_key " + versionKey + " < required " + vk);
    final boolean selfOnly = uids.length == 1 && uids[0] == uid;
    final NeuronRecord n = s.neuron(sn.netuid(), uid).orElseThrow();
    check(selfOnly || owner || n.validatorPermit(), ChainError.NO_VALIDATOR_PERMIT,
        "uid " + uid + " has no validator permit");
    final Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < uids.length; i++) {
      check(seen.add(uids[i]), ChainError.DUPLICATE_UIDS, "uid " + uids[i] + " appears twice");
      check(uids[i] >= 0 && uids[i] < sn.n(), ChainError.UNKNOWN_UID,
          "uid " + uids[i] + " does not exist (n = " + sn.n() + ")");
      check(weights[i] >= 0 && weights[i] <= WeightQuantizer.U16_MAX, ChainError.OUT_OF_BOUNDS,
          "weight " + weights[i] + " is not a u16");
    }
    final long min = Math.min(sn.n(), h.minAllowedWeights());
    check(selfOnly || uids.length >= min, ChainError.TOO_FEW_WEIGHTS,
        uids.length + " weights, at least " + min + " needed");
    return uid;
  }

  private static List<UidWeight> quantize(final int[] uids, final int[] weights) {
    final int[] up = WeightQuantizer.maxUpscaleToU16(weights);
    final List<UidWeight> row = new ArrayList<>(uids.length);
    for (int i = 0; i < uids.length; i++) {
      row.add(new UidWeight(uids[i], up[i]));
    }
    row.sort((a, b) -> Integer.compare(a.uid(), b.uid()));
    return row;
  }

  private void commitWeights(
      final ChainState s, final String signer, final Call.CommitWeights c, final long block)
      throws Refusal {
    final SubnetRecord sn = subnet(s, c.netuid());
    check(sn.hyperparameters().commitRevealEnabled(), ChainError.COMMIT_REVEAL_MODE,
        "commit-reveal is off for subnet " + c.netuid() + ": use set_weights");
    check(c.hash().length() == 64 && c.hash().chars().allMatch(ch -> Character.digit(ch, 16) >= 0),
        ChainError.MALFORMED, "commit hash must be 64 hex characters");
    final int uid = registeredUid(s, c.netuid(), signer);
    final NeuronRecord n = s.neuron(c.netuid(), uid).orElseThrow();
    final long limit = sn.hyperparameters().weightsRateLimit();
    check(n.lastWeightsBlock() < 0 || block - n.lastWeightsBlock() >= limit, ChainError.RATE_LIMITED,
        "weights rate limit: last commit at block " + n.lastWeightsBlock() + ", limit " + limit);
    final List<CommitRecord> list = new ArrayList<>(s.commits(c.netuid(), signer));
    check(list.size() < params.maxUnrevealedCommits(), ChainError.TOO_MANY_COMMITS,
        list.size() + " unrevealed commits already");
    list.add(new CommitRecord(c.hash().toLowerCase(java.util.Locale.ROOT), block, sn.epochIndex()));
    s.putCommits(c.netuid(), signer, list);
    s.putNeuron(c.netuid(), uid, n.withLastUpdate(block));
  }

  private void revealWeights(
      final ChainState s, final String signer, final Call.RevealWeights c, final long block)
      throws Refusal {
    final SubnetRecord sn = subnet(s, c.netuid());
    check(sn.hyperparameters().commitRevealEnabled(), ChainError.COMMIT_REVEAL_MODE,
        "commit-reveal is off for subnet " + c.netuid());
    final List<CommitRecord> list = s.commits(c.netuid(), signer);
    check(!list.isEmpty(), ChainError.COMMIT_NOT_FOUND, "no pending commit for this hotkey");
    final String hash =
        CommitHash.of(signer, c.netuid(), c.uids(), c.weights(), c.salt(), c.versionKey());
    final Optional<CommitRecord> match = list.stream().filter(r -> r.hash().equals(hash)).findFirst();
    check(match.isPresent(), ChainError.REVEAL_MISMATCH,
        "the revealed values do not match any pending commit");
    final long revealEpoch = match.get().epoch() + sn.hyperparameters().commitRevealPeriod();
    check(sn.epochIndex() >= revealEpoch, ChainError.REVEAL_TOO_EARLY,
        "reveal epoch is " + revealEpoch + ", current epoch " + sn.epochIndex());
    check(sn.epochIndex() == revealEpoch, ChainError.COMMIT_EXPIRED,
        "the commit expired at the end of epoch " + revealEpoch);
    final int uid = checkWeights(s, sn, signer, c.uids(), c.weights(), c.versionKey());
    final NeuronRecord n = s.neuron(c.netuid(), uid).orElseThrow();
    s.putNeuron(c.netuid(), uid, n.withWeightsOnly(quantize(c.uids(), c.weights())));
    final List<CommitRecord> rest = new ArrayList<>();
    for (final CommitRecord r : list) {
      if (r != match.get()) {
        rest.add(r);
      }
    }
    s.putCommits(c.netuid(), signer, rest);
  }

  /**
   * Drops commits whose reveal epoch has passed (called by the runtime after each epoch of the
   * subnet). Returns how many were dropped.
   */
  public static int dropExpiredCommits(
      final ChainState s, final SubnetRecord sn, final List<String> hotkeys) {
    int dropped = 0;
    final long period = sn.hyperparameters().commitRevealPeriod();
    for (final String hk : hotkeys) {
      final List<CommitRecord> list = s.commits(sn.netuid(), hk);
      final List<CommitRecord> keep = new ArrayList<>();
      for (final CommitRecord r : list) {
        if (r.epoch() + period >= sn.epochIndex()) {
          keep.add(r);
        }
      }
      if (keep.size() != list.size()) {
        dropped += list.size() - keep.size();
        s.putCommits(sn.netuid(), hk, keep);
      }
    }
    return dropped;
  }

  // ---------------------------------------------------------------- hyperparameters

  private void sudoSet(
      final ChainState s, final String signer, final Call.SudoSetHyperparameter c, final long block)
      throws Refusal {
    final SubnetRecord sn = subnet(s, c.netuid());
    final Hyperparameter p = Hyperparameter.byKey(c.param())
        .orElseThrow(() -> new Refusal(ChainError.UNKNOWN_HYPERPARAMETER,
            "unknown hyperparameter '" + c.param() + "'"));
    final boolean root = !params.rootAccount().isEmpty() && params.rootAccount().equals(signer);
    check(root || signer.equals(sn.ownerColdkey()), ChainError.NOT_OWNER,
        "only the owner of subnet " + c.netuid() + " (or root) may set hyperparameters");
    check(root || p.ownerSettable(), ChainError.NOT_OWNER, p.key() + " is root-only");
    final long v = c.value();
    final long lo = root ? p.rootMin() : p.ownerMin();
    final long hi = root ? p.rootMax() : p.ownerMax();
    check(v >= lo && v <= hi, ChainError.OUT_OF_BOUNDS,
        p.key() + "=" + v + " outside " + lo + ".." + hi);
    final Hyperparameters h = sn.hyperparameters();
    crossChecks(p, v, h, sn, root);
    if (!root) {
      final long next = sn.lastEpochBlock() + h.tempo();
      final long window = h.get(Hyperparameter.ADMIN_FREEZE_WINDOW);
      check(next - block > window, ChainError.FROZEN,
          "hyperparameters are frozen in the last " + window + " blocks before the epoch at "
              + next);
      final Long last = sn.lastOwnerChange().get(p.key());
      final long limit =
          p.ownerRateLimitTempos(h.get(Hyperparameter.OWNER_HPARAM_RATE_LIMIT)) * h.tempo();
      check(last == null || block - last >= limit, ChainError.RATE_LIMITED,
          p.key() + " was changed at block " + last + "; owner limit is " + limit + " blocks");
    }
    final Map<String, Long> changes = new HashMap<>(sn.lastOwnerChange());
    if (!root) {
      changes.put(p.key(), block);
    }
    final long old = h.get(p);
    s.putHparamChange(c.netuid(), sn.hparamLogSize(),
        new HyperparameterChange(c.netuid(), p.key(), block, old, v, signer));
    s.putSubnet(sn.withHyperparameters(h.with(p, v), changes, sn.hparamLogSize() + 1));
  }

  private static void crossChecks(
      final Hyperparameter p,
      final long v,
      final Hyperparameters h,
      final SubnetRecord sn,
      final boolean root)
      throws Refusal {
    switch (p) {
      case ALPHA_LOW -> {
        check(root || h.flag(Hyperparameter.LIQUID_ALPHA_ENABLED), ChainError.OUT_OF_BOUNDS,
            "alpha values need liquid_alpha_enabled");
        check(v <= h.get(Hyperparameter.ALPHA_HIGH), ChainError.OUT_OF_BOUNDS,
            "alpha_low must be <= alpha_high");
      }
      case ALPHA_HIGH -> {
        check(root || h.flag(Hyperparameter.LIQUID_ALPHA_ENABLED), ChainError.OUT_OF_BOUNDS,
            "alpha values need liquid_alpha_enabled");
        check(v >= h.get(Hyperparameter.ALPHA_LOW), ChainError.OUT_OF_BOUNDS,
            "alpha_high must be >= alpha_low");
      }
      case MIN_BURN -> check(v < h.get(Hyperparameter.MAX_BURN), ChainError.OUT_OF_BOUNDS,
          "min_burn must be < max_burn");
      case MAX_BURN -> check(v > h.get(Hyperparameter.MIN_BURN), ChainError.OUT_OF_BOUNDS,
          "max_burn must be > min_burn");
      case MAX_ALLOWED_UIDS -> {
        check(v >= sn.n(), ChainError.OUT_OF_BOUNDS,
            "max_allowed_uids must be >= the current n " + sn.n());
        check(root || v >= h.get(Hyperparameter.MIN_ALLOWED_UIDS), ChainError.OUT_OF_BOUNDS,
            "max_allowed_uids must be >= min_allowed_uids");
        check(v >= h.get(Hyperparameter.MAX_ALLOWED_VALIDATORS) || root, ChainError.OUT_OF_BOUNDS,
            "max_allowed_uids must be >= max_allowed_validators");
      }
      case MAX_ALLOWED_VALIDATORS -> check(v <= h.maxAllowedUids(), ChainError.OUT_OF_BOUNDS,
          "max_allowed_validators must be <= max_allowed_uids");
      default -> {
        // no cross-parameter rule
      }
    }
  }
}
