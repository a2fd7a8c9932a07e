package dev.agora.chain.runtime;

import dev.agora.chain.state.ChainState;
import dev.agora.chain.state.Keys;
import dev.agora.chain.state.NeuronRecord;
import dev.agora.chain.state.SubnetRecord;
import dev.agora.chain.state.Transitions;
import dev.agora.common.chain.AccountInfo;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Metagraph;
import dev.agora.common.chain.NeuronInfo;
import dev.agora.common.chain.StakeInfo;
import dev.agora.common.chain.SubnetInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the public API views from the committed state (call under the node's read lock). */
public final class ChainViews {
  private ChainViews() {}

  public static NeuronInfo neuron(final ChainState s, final int netuid, final int uid,
      final NeuronRecord n) {
    return new NeuronInfo(netuid, uid, n.hotkey(), n.coldkey(), s.hotkeyStake(netuid, n.hotkey()),
        n.axon(), n.registrationBlock(), n.lastUpdate(), n.validatorPermit(), n.active(),
        n.consensus(), n.validatorTrust(), n.incentive(), n.dividends(), n.emission(), n.weights(),
        n.bonds());
  }

  public static Optional<Metagraph> metagraph(final ChainState s, final int netuid,
      final long block) {
    return s.subnet(netuid).map(sn -> {
      final List<NeuronInfo> list = new ArrayList<>();
      for (int uid = 0; uid < sn.n(); uid++) {
        list.add(neuron(s, netuid, uid, s.neuron(netuid, uid).orElseThrow()));
      }
      return new Metagraph(netuid, block, sn.ownerColdkey(), sn.ownerHotkey(), sn.lastEpochBlock(),
          sn.hyperparameters(), list);
    });
  }

  public static SubnetInfo subnet(final SubnetRecord sn) {
    return new SubnetInfo(sn.netuid(), sn.ownerColdkey(), sn.ownerHotkey(), sn.n(),
        sn.hyperparameters().maxAllowedUids(), sn.hyperparameters().tempo(),
        Transitions.burnCost(sn.hyperparameters()), sn.createdBlock(), sn.lastEpochBlock(),
        sn.pendingServer(), sn.pendingValidator(), sn.pendingOwner());
  }

  public static List<SubnetInfo> subnets(final ChainState s) {
    final List<SubnetInfo> out = new ArrayList<>();
    for (final int netuid : s.netuids()) {
      out.add(subnet(s.subnet(netuid).orElseThrow()));
    }
    return out;
  }

  public static AccountInfo account(final ChainState s, final String address) {
    final var a = s.account(address);
    return new AccountInfo(address, a.free(), a.nonce(), s.stakedBy(address));
  }

  public static List<StakeInfo> stake(final ChainState s, final int netuid, final String hotkey) {
    final List<StakeInfo> out = new ArrayList<>();
    for (final Keys.StakeKey k : s.stakeKeys(netuid, hotkey)) {
      out.add(new StakeInfo(netuid, hotkey, k.coldkey(), s.stake(netuid, hotkey, k.coldkey())));
    }
    return out;
  }

  public static List<HyperparameterChange> hparamLog(final ChainState s, final SubnetRecord sn) {
    final List<HyperparameterChange> out = new ArrayList<>();
    for (long i = 0; i < sn.hparamLogSize(); i++) {
      s.hparamChange(sn.netuid(), i).ifPresent(out::add);
    }
    return out;
  }
}
