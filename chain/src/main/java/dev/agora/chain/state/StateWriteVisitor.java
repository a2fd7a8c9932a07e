package dev.agora.chain.state;

import dev.agora.chain.state.Keys.HotkeyKey;
import dev.agora.chain.state.Keys.LogKey;
import dev.agora.chain.state.Keys.NeuronKey;
import dev.agora.chain.state.Keys.StakeKey;
import dev.agora.common.chain.HyperparameterChange;
import java.util.Optional;

/** Receives state writes (an empty value = deleted): used to persist an overlay and to load state. */
public interface StateWriteVisitor {
  void account(String address, Optional<AccountRecord> value);

  void hotkeyOwner(String hotkey, Optional<String> coldkey);

  void subnet(Integer netuid, Optional<SubnetRecord> value);

  void neuron(NeuronKey key, Optional<NeuronRecord> value);

  void uid(HotkeyKey key, Optional<Integer> uid);

  void stake(StakeKey key, Optional<Long> amount);

  void hotkeyStake(HotkeyKey key, Optional<Long> amount);

  void commits(HotkeyKey key, Optional<CommitList> value);

  void hparamLog(LogKey key, Optional<HyperparameterChange> value);

  void global(Optional<GlobalRecord> value);
}
