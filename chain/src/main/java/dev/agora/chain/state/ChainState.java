package dev.agora.chain.state;

import dev.agora.chain.state.Keys.HotkeyKey;
import dev.agora.chain.state.Keys.LogKey;
import dev.agora.chain.state.Keys.NeuronKey;
import dev.agora.chain.state.Keys.StakeKey;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Totals;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chain state as layered maps: the base layer is the committed state; {@link #child()} gives an
 * overlay in which a block or one extrinsic is applied, then {@link #mergeIntoParent()} keeps it or the
 * overlay is simply dropped. Not thread-safe: the block producer owns it.
 */
public final class ChainState {
  final LayeredMap<String, AccountRecord> accounts;
  final LayeredMap<String, String> hotkeyOwners;
  final LayeredMap<Integer, SubnetRecord> subnets;
  final LayeredMap<NeuronKey, NeuronRecord> neurons;
  final LayeredMap<HotkeyKey, Integer> uids;
  final LayeredMap<StakeKey, Long> stakes;
  final LayeredMap<HotkeyKey, Long> hotkeyStake;
  final LayeredMap<HotkeyKey, CommitList> commits;
  final LayeredMap<LogKey, HyperparameterChange> hparamLog;
  final LayeredMap<String, GlobalRecord> global;
  private static final String GLOBAL = "global";

  /** An empty base state. */
  public ChainState() {
    this(new LayeredMap<>(), new LayeredMap<>(), new LayeredMap<>(), new LayeredMap<>(),
        new LayeredMap<>(), new LayeredMap<>(), new LayeredMap<>(), new LayeredMap<>(),
        new LayeredMap<>(), new LayeredMap<>());
  }

  private ChainState(
      final LayeredMap<String, AccountRecord> accounts,
      final LayeredMap<String, String> hotkeyOwners,
      final LayeredMap<Integer, SubnetRecord> subnets,
      final LayeredMap<NeuronKey, NeuronRecord> neurons,
      final LayeredMap<HotkeyKey, Integer> uids,
      final LayeredMap<StakeKey, Long> stakes,
      final LayeredMap<HotkeyKey, Long> hotkeyStake,
      final LayeredMap<HotkeyKey, CommitList> commits,
      final LayeredMap<LogKey, HyperparameterChange> hparamLog,
      final LayeredMap<String, GlobalRecord> global) {
    this.accounts = accounts;
    this.hotkeyOwners = hotkeyOwners;
    this.subnets = subnets;
    this.neurons = neurons;
    this.uids = uids;
    this.stakes = stakes;
    this.hotkeyStake = hotkeyStake;
    this.commits = commits;
    this.hparamLog = hparamLog;
    this.global = global;
  }

  /** An overlay on this state. */
  public ChainState child() {
    return new ChainState(accounts.child(), hotkeyOwners.child(), subnets.child(), neurons.child(),
        uids.child(), stakes.child(), hotkeyStake.child(), commits.child(), hparamLog.child(),
        global.child());
  }

  /** Keeps this overlay's changes in its parent. */
  public void mergeIntoParent() {
    accounts.mergeIntoParent();
    hotkeyOwners.mergeIntoParent();
    subnets.mergeIntoParent();
    neurons.mergeIntoParent();
    uids.mergeIntoParent();
    stakes.mergeIntoParent();
    hotkeyStake.mergeIntoParent();
    commits.mergeIntoParent();
    hparamLog.mergeIntoParent();
    global.mergeIntoParent();
  }

  /** Visits this layer's writes, for persisting an overlay. */
  public void visitWrites(final StateWriteVisitor v) {
    accounts.forEachWrite(v::account);
    hotkeyOwners.forEachWrite(v::hotkeyOwner);
    subnets.forEachWrite(v::subnet);
    neurons.forEachWrite(v::neuron);
    uids.forEachWrite(v::uid);
    stakes.forEachWrite(v::stake);
    hotkeyStake.forEachWrite(v::hotkeyStake);
    commits.forEachWrite(v::commits);
    hparamLog.forEachWrite(v::hparamLog);
    global.forEachWrite((k, g) -> v.global(g));
  }

  // ---- reads

  public AccountRecord account(final String address) {
    return accounts.get(address).orElse(AccountRecord.EMPTY);
  }

  public Optional<String> hotkeyOwner(final String hotkey) {
    return hotkeyOwners.get(hotkey);
  }

  public Optional<SubnetRecord> subnet(final int netuid) {
    return subnets.get(netuid);
  }

  public Optional<NeuronRecord> neuron(final int netuid, final int uid) {
    return neurons.get(new NeuronKey(netuid, uid));
  }

  public Optional<Integer> uidOf(final int netuid, final String hotkey) {
    return uids.get(new HotkeyKey(netuid, hotkey));
  }

  public long stake(final int netuid, final String hotkey, final String coldkey) {
    return stakes.get(new StakeKey(netuid, hotkey, coldkey)).orElse(0L);
  }

  /** Total stake on a hotkey in a subnet (all coldkeys). */
  public long hotkeyStake(final int netuid, final String hotkey) {
    return hotkeyStake.get(new HotkeyKey(netuid, hotkey)).orElse(0L);
  }

  public List<CommitRecord> commits(final int netuid, final String hotkey) {
    return commits.get(new HotkeyKey(netuid, hotkey)).map(CommitList::commits).orElse(List.of());
  }

  public Optional<HyperparameterChange> hparamChange(final int netuid, final long seq) {
    return hparamLog.get(new LogKey(netuid, seq));
  }

  public GlobalRecord global() {
    return global.get(GLOBAL).orElse(GlobalRecord.EMPTY);
  }

  /** netuids 1..nextNetuid-1 that exist. */
  public List<Integer> netuids() {
    final List<Integer> out = new ArrayList<>();
    for (int i = 1; i < global().nextNetuid(); i++) {
      if (subnets.get(i).isPresent()) {
        out.add(i);
      }
    }
    return out;
  }

  // ---- writes

  public void putAccount(final String address, final AccountRecord a) {
    accounts.put(address, a);
  }

  public void putHotkeyOwner(final String hotkey, final String coldkey) {
    hotkeyOwners.put(hotkey, coldkey);
  }

  public void putSubnet(final SubnetRecord s) {
    subnets.put(s.netuid(), s);
  }

  public void putNeuron(final int netuid, final int uid, final NeuronRecord n) {
    neurons.put(new NeuronKey(netuid, uid), n);
  }

  public void putUid(final int netuid, final String hotkey, final int uid) {
    uids.put(new HotkeyKey(netuid, hotkey), uid);
  }

  public void deleteUid(final int netuid, final String hotkey) {
    uids.delete(new HotkeyKey(netuid, hotkey));
  }

  /** Adds {@code delta} (may be negative) to a stake entry and the hotkey total. */
  public void addStake(final int netuid, final String hotkey, final String coldkey, final long delta) {
    final StakeKey k = new StakeKey(netuid, hotkey, coldkey);
    final long v = Math.addExact(stake(netuid, hotkey, coldkey), delta);
    if (v < 0) {
      throw new IllegalStateException("negative stake");
    }
    if (v == 0) {
      stakes.delete(k);
    } else {
      stakes.put(k, v);
    }
    final HotkeyKey hk = new HotkeyKey(netuid, hotkey);
    final long t = Math.addExact(hotkeyStake(netuid, hotkey), delta);
    if (t == 0) {
      hotkeyStake.delete(hk);
    } else {
      hotkeyStake.put(hk, t);
    }
  }

  public void putCommits(final int netuid, final String hotkey, final List<CommitRecord> list) {
    final HotkeyKey k = new HotkeyKey(netuid, hotkey);
    if (list.isEmpty()) {
      commits.delete(k);
    } else {
      commits.put(k, new CommitList(list));
    }
  }

  public void putHparamChange(final int netuid, final long seq, final HyperparameterChange c) {
    hparamLog.put(new LogKey(netuid, seq), c);
  }

  public void putGlobal(final GlobalRecord g) {
    global.put(GLOBAL, g);
  }

  // ---- base-layer scans (committed state only)

  /** Accounting totals by scanning the base layer. */
  public Totals totals() {
    final long[] free = {0};
    final long[] staked = {0};
    final long[] pending = {0};
    accounts.forEachBase((k, a) -> free[0] += a.free());
    stakes.forEachBase((k, s) -> staked[0] += s);
    subnets.forEachBase((k, s) -> pending[0] += s.pendingTotal());
    final GlobalRecord g = global();
    return new Totals(g.issuance(), free[0], staked[0], pending[0], g.burned());
  }

  /** Stake entries on a hotkey (base layer). */
  public List<Keys.StakeKey> stakeKeys(final int netuid, final String hotkey) {
    final List<Keys.StakeKey> out = new ArrayList<>();
    stakes.forEachBase(
        (k, s) -> {
          if (k.netuid() == netuid && k.hotkey().equals(hotkey)) {
            out.add(k);
          }
        });
    return out;
  }

  /** Total stake owned by a coldkey (base layer). */
  public long stakedBy(final String coldkey) {
    final long[] sum = {0};
    stakes.forEachBase(
        (k, s) -> {
          if (k.coldkey().equals(coldkey)) {
            sum[0] += s;
          }
        });
    return sum[0];
  }

  // ---- loading (base layer only, used by the store)

  /** Loader writes straight into the base layer. */
  public StateWriteVisitor loader() {
    if (!accounts.isBase()) {
      throw new IllegalStateException("load into the base state only");
    }
    return new StateWriteVisitor() {
      @Override
      public void account(final String k, final Optional<AccountRecord> v) {
        v.ifPresent(x -> accounts.put(k, x));
      }

      @Override
      public void hotkeyOwner(final String k, final Optional<String> v) {
        v.ifPresent(x -> hotkeyOwners.put(k, x));
      }

      @Override
      public void subnet(final Integer k, final Optional<SubnetRecord> v) {
        v.ifPresent(x -> subnets.put(k, x));
      }

      @Override
      public void neuron(final NeuronKey k, final Optional<NeuronRecord> v) {
        v.ifPresent(x -> neurons.put(k, x));
      }

      @Override
      public void uid(final HotkeyKey k, final Optional<Integer> v) {
        v.ifPresent(x -> uids.put(k, x));
      }

      @Override
      public void stake(final StakeKey k, final Optional<Long> v) {
        v.ifPresent(x -> stakes.put(k, x));
      }

      @Override
      public void hotkeyStake(final HotkeyKey k, final Optional<Long> v) {
        v.ifPresent(x -> hotkeyStake.put(k, x));
      }

      @Override
      public void commits(final HotkeyKey k, final Optional<CommitList> v) {
        v.ifPresent(x -> commits.put(k, x));
      }

      @Override
      public void hparamLog(final LogKey k, final Optional<HyperparameterChange> v) {
        v.ifPresent(x -> hparamLog.put(k, x));
      }

      @Override
      public void global(final Optional<GlobalRecord> v) {
        v.ifPresent(ChainState.this::putGlobal);
      }
    };
  }
}
