package dev.agora.common.chain;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import java.util.Objects;

/**
 * An extrinsic call: what the signer asks the chain to do. Serialized as JSON with a {@code "type"}
 * property naming the call (e.g. {@code {"type":"transfer","dest":"agora1...","amount":5}}). Amounts are
 * in rao (1 token = 10^9 rao). Accounts and hotkeys are addresses ({@code agora1...}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Call.Transfer.class, name = "transfer"),
  @JsonSubTypes.Type(value = Call.CreateSubnet.class, name = "create_subnet"),
  @JsonSubTypes.Type(value = Call.Register.class, name = "register"),
  @JsonSubTypes.Type(value = Call.ServeAxon.class, name = "serve_axon"),
  @JsonSubTypes.Type(value = Call.AddStake.class, name = "add_stake"),
  @JsonSubTypes.Type(value = Call.RemoveStake.class, name = "remove_stake"),
  @JsonSubTypes.Type(value = Call.SetWeights.class, name = "set_weights"),
  @JsonSubTypes.Type(value = Call.CommitWeights.class, name = "commit_weights"),
  @JsonSubTypes.Type(value = Call.RevealWeights.class, name = "reveal_weights"),
  @JsonSubTypes.Type(value = Call.SudoSetHyperparameter.class, name = "sudo_set_hyperparameter")
})
public sealed interface Call {
  /** The stable name of the call ({@code "transfer"}, {@code "set_weights"}...). */
  String name();

  private static String req(final String value, final String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static int[] reqArray(final int[] value, final String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  /** Moves free balance from the signing coldkey to {@code dest}. */
  record Transfer(String dest, long amount) implements Call {
    public Transfer {
      req(dest, "dest");
    }

    @Override
    public String name() {
      return "transfer";
    }
  }

  /**
   * Creates a subnet owned by the signing coldkey, burning the lock cost; {@code ownerHotkey} becomes
   * the subnet owner hotkey and is registered as uid 0.
   */
  record CreateSubnet(String ownerHotkey) implements Call {
    public CreateSubnet {
      req(ownerHotkey, "ownerHotkey");
    }

    @Override
    public String name() {
      return "create_subnet";
    }
  }

  /**
   * Burn registration of {@code hotkey} on {@code netuid}, paid by the signing coldkey; the call fails
   * if the current burn exceeds {@code maxBurn} (slippage guard, 0 = no guard).
   */
  record Register(int netuid, String hotkey, long maxBurn) implements Call {
    public Register {
      req(hotkey, "hotkey");
    }

    @Override
    public String name() {
      return "register";
    }
  }

  /** Publishes the signing hotkey's axon endpoint on {@code netuid}. */
  record ServeAxon(int netuid, String host, int port) implements Call {
    public ServeAxon {
      req(host, "host");
    }

    @Override
    public String name() {
      return "serve_axon";
    }
  }

  /** Moves {@code amount} rao of the signing coldkey's free balance to stake on {@code hotkey}. */
  record AddStake(int netuid, String hotkey, long amount) implements Call {
    public AddStake {
      req(hotkey, "hotkey");
    }

    @Override
    public String name() {
      return "add_stake";
    }
  }

  /** Moves {@code amount} rao of the signing coldkey's stake on {@code hotkey} back to free balance. */
  record RemoveStake(int netuid, String hotkey, long amount) implements Call {
    public RemoveStake {
      req(hotkey, "hotkey");
    }

    @Override
    public String name() {
      return "remove_stake";
    }
  }

  /** Sets the signing hotkey's weights (u16 values, max-upscaled by the chain). */
  record SetWeights(int netuid, int[] uids, int[] weights, long versionKey) implements Call {
    public SetWeights {
      reqArray(uids, "uids");
      reqArray(weights, "weights");
    }

    @Override
    public String name() {
      return "set_weights";
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof SetWeights s
          && s.netuid == netuid
          && s.versionKey == versionKey
          && Arrays.equals(s.uids, uids)
          && Arrays.equals(s.weights, weights);
    }

    @Override
    public int hashCode() {
      return Objects.hash(netuid, versionKey, Arrays.hashCode(uids), Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
      return "SetWeights[netuid=" + netuid + ", uids=" + Arrays.toString(uids) + ", weights="
          + Arrays.toString(weights) + ", versionKey=" + versionKey + "]";
    }
  }

  /** Commits {@code hash} = {@link CommitHash#of} of weights to reveal later (commit-reveal). */
  record CommitWeights(int netuid, String hash) implements Call {
    public CommitWeights {
      req(hash, "hash");
    }

    @Override
    public String name() {
      return "commit_weights";
    }
  }

  /** Reveals weights committed earlier; the chain recomputes the hash and applies them as set_weights. */
  record RevealWeights(int netuid, int[] uids, int[] weights, String salt, long versionKey)
      implements Call {
    public RevealWeights {
      reqArray(uids, "uids");
      reqArray(weights, "weights");
      req(salt, "salt");
    }

    @Override
    public String name() {
      return "reveal_weights";
    }

    @Override
    public boolean equals(final Object o) {
      return o instanceof RevealWeights s
          && s.netuid == netuid
          && s.versionKey == versionKey
          && s.salt.equals(salt)
          && Arrays.equals(s.uids, uids)
          && Arrays.equals(s.weights, weights);
    }

    @Override
    public int hashCode() {
      return Objects.hash(netuid, versionKey, salt, Arrays.hashCode(uids), Arrays.hashCode(weights));
    }

    @Override
    public String toString() {
      return "RevealWeights[netuid=" + netuid + ", uids=" + Arrays.toString(uids) + ", weights="
          + Arrays.toString(weights) + ", salt=" + salt + ", versionKey=" + versionKey + "]";
    }
  }

  /**
   * Sets hyperparameter {@code param} (see {@link Hyperparameter}) of {@code netuid}; signed by the
   * subnet owner coldkey (or the chain's root key). Booleans are 0/1.
   */
  record SudoSetHyperparameter(int netuid, String param, long value) implements Call {
    public SudoSetHyperparameter {
      req(param, "param");
    }

    @Override
    public String name() {
      return "sudo_set_hyperparameter";
    }
  }
}
