package dev.agora.chain.store;

import dev.agora.chain.state.AccountRecord;
import dev.agora.chain.state.CommitList;
import dev.agora.chain.state.GlobalRecord;
import dev.agora.chain.state.Keys.HotkeyKey;
import dev.agora.chain.state.Keys.LogKey;
import dev.agora.chain.state.Keys.NeuronKey;
import dev.agora.chain.state.Keys.StakeKey;
import dev.agora.chain.state.NeuronRecord;
import dev.agora.chain.state.SubnetRecord;
import dev.agora.common.chain.Block;
import dev.agora.common.chain.HyperparameterChange;
import dev.agora.common.chain.Receipt;
import dev.agora.storage.KvColumn;
import dev.agora.storage.KvSerializers;

/**
 * The chain's columns. Ids are fixed and never reused; add new columns with new ids only. Numeric
 * keys are big-endian so they sort.
 */
public final class ChainSchema {
  private ChainSchema() {}

  public static final KvColumn<String, AccountRecord> ACCOUNTS =
      KvColumn.create(1, "accounts", KvSerializers.STRING, KvSerializers.json(AccountRecord.class));
  public static final KvColumn<String, String> HOTKEY_OWNERS =
      KvColumn.create(2, "hotkey_owners", KvSerializers.STRING, KvSerializers.STRING);
  public static final KvColumn<Integer, SubnetRecord> SUBNETS =
      KvColumn.create(3, "subnets", KvSerializers.INT_BE, KvSerializers.json(SubnetRecord.class));
  public static final KvColumn<NeuronKey, NeuronRecord> NEURONS =
      KvColumn.create(4, "neurons", KeySerializers.NEURON, KvSerializers.json(NeuronRecord.class));
  public static final KvColumn<HotkeyKey, Integer> UIDS =
      KvColumn.create(5, "uids", KeySerializers.HOTKEY, KvSerializers.INT_BE);
  public static final KvColumn<StakeKey, Long> STAKES =
      KvColumn.create(6, "stakes", KeySerializers.STAKE, KvSerializers.LONG_BE);
  public static final KvColumn<HotkeyKey, Long> HOTKEY_STAKE =
      KvColumn.create(7, "hotkey_stake", KeySerializers.HOTKEY, KvSerializers.LONG_BE);
  public static final KvColumn<HotkeyKey, CommitList> COMMITS =
      KvColumn.create(8, "commits", KeySerializers.HOTKEY, KvSerializers.json(CommitList.class));
  public static final KvColumn<LogKey, HyperparameterChange> HPARAM_LOG =
      KvColumn.create(9, "hparam_log", KeySerializers.LOG,
          KvSerializers.json(HyperparameterChange.class));
  public static final KvColumn<String, GlobalRecord> GLOBAL =
      KvColumn.create(10, "global", KvSerializers.STRING, KvSerializers.json(GlobalRecord.class));
  public static final KvColumn<Long, Block> BLOCKS =
      KvColumn.create(11, "blocks", KvSerializers.LONG_BE, KvSerializers.json(Block.class));
  /** Extrinsic hash → its receipt (block and index inside). */
  public static final KvColumn<String, Receipt> RECEIPTS =
      KvColumn.create(12, "receipts", KvSerializers.STRING, KvSerializers.json(Receipt.class));
  /** Chain metadata: {@link #META_HEAD}, {@link #META_GENESIS}. */
  public static final KvColumn<String, String> META =
      KvColumn.create(13, "meta", KvSerializers.STRING, KvSerializers.STRING);

  /** META key: height of the last committed block (decimal). */
  public static final String META_HEAD = "head";
  /** META key: the genesis spec (JSON) the chain was created from. */
  public static final String META_GENESIS = "genesis";
  /** GLOBAL's only key. */
  public static final String GLOBAL_KEY = "global";
}
