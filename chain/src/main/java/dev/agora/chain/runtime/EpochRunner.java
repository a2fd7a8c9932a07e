package dev.agora.chain.runtime;

import dev.agora.chain.emission.BlockEmission;
import dev.agora.chain.emission.EmissionSplit;
import dev.agora.chain.emission.EpochDistribution;
import dev.agora.chain.emission.EpochPayout;
import dev.agora.chain.emission.PendingPools;
import dev.agora.chain.state.ChainState;
import dev.agora.chain.state.GlobalRecord;
import dev.agora.chain.state.CommitRecord;
import dev.agora.chain.state.NeuronRecord;
import dev.agora.chain.state.SubnetRecord;
import dev.agora.chain.state.Transitions;
import dev.agora.chain.yuma.U16Rows;
import dev.agora.chain.yuma.YumaEpoch;
import dev.agora.chain.yuma.YumaInput;
import dev.agora.chain.yuma.YumaOutput;
import dev.agora.chain.yuma.YumaParams;
import dev.agora.common.chain.Hyperparameter;
import dev.agora.common.chain.Hyperparameters;
import dev.agora.common.chain.UidWeight;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Per-block emission into the pending pools and the epoch payout (SPEC §5, DESIGN §2), with the
 * split and distribution math of {@code dev.agora.chain.emission}. Pure: works on a state overlay. Every rao minted goes to a pending pool; every rao paid leaves one (as stake or,
 * for incentive owed to the owner's own uid, burned); rounding dust stays pending for the next epoch,
 * so issuance = free + staked + pending + burned holds exactly.
 */
public final class EpochRunner {
  private EpochRunner() {}

  /**
   * Mints {@code amount} for the subnet and splits it into the pending pools with {@link
   * EmissionSplit} (owner cut, then miners and validators half each; no root network).
   */
  public static void emit(final ChainState s, final SubnetRecord sn, final long amount) {
    if (amount <= 0) {
      return;
    }
    final int cut = (int) sn.hyperparameters().get(Hyperparameter.SUBNET_OWNER_CUT);
    final BlockEmission e = EmissionSplit.split(amount, cut);
    final PendingPools after = new PendingPools(sn.pendingServer(), sn.pendingValidator(),
        sn.pendingOwner()).add(e);
    s.putSubnet(sn.withPending(after.server(), after.validator(), after.ownerCut()));
    final long minted = Math.addExact(e.ownerCut(),
        Math.addExact(e.server(), Math.addExact(e.validator(), e.rootAlphaDivs())));
    final GlobalRecord g = s.global();
    s.putGlobal(new GlobalRecord(Math.addExact(g.issuance(), minted), g.burned(), g.nextNetuid()));
  }

  /** Whether the subnet's epoch is due at {@code block}. */
  public static boolean due(final SubnetRecord sn, final long block) {
    return block - sn.lastEpochBlock() >= sn.hyperparameters().tempo();
  }

  /** The YumaParams of a subnet's hyperparameters. */
  public static YumaParams yumaParams(final Hyperparameters h) {
    return new YumaParams(
        h.tempo(),
        h.activityCutoffBlocks(),
        (int) h.get(Hyperparameter.KAPPA),
        h.get(Hyperparameter.BONDS_MOVING_AVERAGE),
        (int) h.get(Hyperparameter.BONDS_PENALTY),
        h.flag(Hyperparameter.YUMA3_ENABLED),
        h.flag(Hyperparameter.LIQUID_ALPHA_ENABLED),
        (int) h.get(Hyperparameter.ALPHA_LOW),
        (int) h.get(Hyperparameter.ALPHA_HIGH),
        (int) h.get(Hyperparameter.ALPHA_SIGMOID_STEEPNESS),
        (int) Math.min(65535, h.get(Hyperparameter.MAX_ALLOWED_VALIDATORS)),
        h.get(Hyperparameter.STAKE_THRESHOLD),
        h.commitRevealEnabled());
  }

  /** Runs the epoch of {@code sn} at {@code block} and pays out the pending pools. */
  public static void runEpoch(final ChainState s, final SubnetRecord sn, final long block) {
    final int n = sn.n();
    final int netuid = sn.netuid();
    final Hyperparameters h = sn.hyperparameters();
    final NeuronRecord[] neurons = new NeuronRecord[n];
    final long[] stake = new long[n];
    final long[] reg = new long[n];
    final long[] last = new long[n];
    final boolean[] permit = new boolean[n];
    final int[][] wu = new int[n][];
    final int[][] wv = new int[n][];
    final int[][] bu = new int[n][];
    final int[][] bv = new int[n][];
    final long[] commitBlocks = new long[n];
    OptionalInt ownerUid = OptionalInt.empty();
    final List<String> hotkeys = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final NeuronRecord nr = s.neuron(netuid, i).orElseThrow();
      neurons[i] = nr;
      hotkeys.add(nr.hotkey());
      stake[i] = s.hotkeyStake(netuid, nr.hotkey());
      reg[i] = nr.registrationBlock();
      last[i] = nr.lastUpdate();
      permit[i] = nr.validatorPermit();
      wu[i] = nr.weights().stream().mapToInt(UidWeight::uid).toArray();
      wv[i] = nr.weights().stream().mapToInt(UidWeight::value).toArray();
      bu[i] = nr.bonds().stream().mapToInt(UidWeight::uid).toArray();
      bv[i] = nr.bonds().stream().mapToInt(UidWeight::value).toArray();
      if (nr.hotkey().equals(sn.ownerHotkey())) {
        ownerUid = OptionalInt.of(i);
      }
      final long period = h.commitRevealPeriod();
      commitBlocks[i] = s.commits(netuid, nr.hotkey()).stream()
          .filter(c -> c.epoch() + period >= sn.epochIndex())
          .mapToLong(CommitRecord::block)
          .min()
          .orElse(YumaInput.NO_COMMIT);
    }
    final long serverPool = sn.pendingServer();
    final long validatorPool = sn.pendingValidator();
    final YumaInput in = new YumaInput(n, block, stake, reg, last, permit, new U16Rows(wu, wv),
        new U16Rows(bu, bv), yumaParams(h), serverPool + validatorPool, ownerUid,
        h.commitRevealEnabled() ? Optional.of(commitBlocks) : Optional.empty(),
        sn.epochIndex() > 0 ? sn.lastEpochBlock() : 0);
    final YumaOutput out = YumaEpoch.run(in);

    final PendingPools pools = new PendingPools(serverPool, validatorPool, sn.pendingOwner());
    final EpochPayout pay = EpochDistribution.distribute(pools, out, ownerUid);
    for (int i = 0; i < n; i++) {
      final String coldkey = s.hotkeyOwner(neurons[i].hotkey()).orElse(neurons[i].coldkey());
      final long credit = Math.addExact(pay.incentive()[i], pay.dividends()[i]);
      if (credit > 0) {
        s.addStake(netuid, neurons[i].hotkey(), coldkey, credit);
      }
    }
    if (pay.ownerCut() > 0) {
      final String ownerCold = s.hotkeyOwner(sn.ownerHotkey()).orElse(sn.ownerColdkey());
      s.addStake(netuid, sn.ownerHotkey(), ownerCold, pay.ownerCut());
    }
    if (pay.ownerIncentiveBurned() > 0) {
      final GlobalRecord g = s.global();
      s.putGlobal(new GlobalRecord(g.issuance(),
          Math.addExact(g.burned(), pay.ownerIncentiveBurned()), g.nextNetuid()));
    }
    // rounding dust (or an unpaid validator pool) stays pending for the next epoch
    final long newServer = 0;
    final long newValidator = pay.undistributed();
    final int[] cons = out.consensusU16();
    final int[] vt = out.validatorTrustU16();
    final int[] inc = out.incentiveU16();
    final int[] div = out.dividendsU16();
    for (int i = 0; i < n; i++) {
      final List<UidWeight> bonds = new ArrayList<>();
      final int[] u = out.bonds().uids()[i];
      final int[] v = out.bonds().values()[i];
      for (int k = 0; k < u.length; k++) {
        bonds.add(new UidWeight(u[k], v[k]));
      }
      s.putNeuron(netuid, i, neurons[i].withEpochOutputs(out.newValidatorPermit()[i],
          out.active()[i], cons[i], vt[i], inc[i], div[i], out.emission()[i], bonds));
    }
    final SubnetRecord after = s.subnet(netuid).orElseThrow()
        .withPending(newServer, newValidator, 0)
        .withEpoch(block, sn.epochIndex() + 1);
    s.putSubnet(after);
    Transitions.dropExpiredCommits(s, after, hotkeys);
  }

}
