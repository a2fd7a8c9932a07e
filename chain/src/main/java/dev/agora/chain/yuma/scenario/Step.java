package dev.agora.chain.yuma.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/** One op of a scenario (the op language of {@code meta.conventions.ops}). */
public sealed interface Step {
  /** The op name as written in the file. */
  String op();

  /** Run the epoch at the current block and persist permits and bonds as the chain does. */
  record Epoch(
      long raoEmission,
      Optional<JsonNode> expect,
      Map<String, Double> tolerance,
      Optional<JsonNode> secondaryReference,
      Optional<JsonNode> expectFromTestComments,
      Optional<String> expectRule,
      Optional<String> note)
      implements Step {
    @Override
    public String op() {
      return "epoch";
    }
  }

  /** {@code set_weights}: values max-upscaled to u16, last_update = current block. */
  record SetWeights(int uid, int[] uids, int[] values) implements Step {
    @Override
    public String op() {
      return "set_weights";
    }
  }

  /** {@code insert_weights_raw}: row stored as given, last_update unchanged. */
  record InsertWeightsRaw(int uid, int[] uids, int[] values) implements Step {
    @Override
    public String op() {
      return "insert_weights_raw";
    }
  }

  /** {@code advance_to_block}: set the current block (no automatic epochs). */
  record AdvanceToBlock(long block) implements Step {
    @Override
    public String op() {
      return "advance_to_block";
    }
  }

  /** {@code add_stake}: stake[uid] += amount. */
  record AddStake(int uid, long amount) implements Step {
    @Override
    public String op() {
      return "add_stake";
    }
  }

  /** {@code replace_neuron}: deregister and re-register uid at the current block. */
  record ReplaceNeuron(int uid, long newStake) implements Step {
    @Override
    public String op() {
      return "replace_neuron";
    }
  }

  /** {@code reset_bonds_column}: remove column uid from every bonds row. */
  record ResetBondsColumn(int uid) implements Step {
    @Override
    public String op() {
      return "reset_bonds_column";
    }
  }
}
