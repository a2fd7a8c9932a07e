package dev.agora.chain.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.agora.chain.state.AccountRecord;
import dev.agora.chain.state.ChainState;
import dev.agora.chain.state.CommitRecord;
import dev.agora.chain.state.GlobalRecord;
import dev.agora.chain.state.Keys.HotkeyKey;
import dev.agora.chain.state.Keys.LogKey;
import dev.agora.chain.state.Keys.NeuronKey;
import dev.agora.chain.state.Keys.StakeKey;
import dev.agora.chain.state.NeuronRecord;
import dev.agora.common.chain.AxonInfo;
import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainError;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ChainJson;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.chain.SignedExtrinsic;
import dev.agora.common.chain.UidWeight;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.util.Json;
import dev.agora.storage.InMemoryKvStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trips of everything the chain serializes: extrinsics, keys, state through the store. */
class RoundTripTest {
  private final KeyPair k = KeyPair.generate(new Random(1));
  private final String addr = k.publicKey().address();

  @Test
  void parseExtrinsic_shouldRoundTripEveryCallTypeAndKeepTheSignatureValid() {
    final List<Call> calls = List.of(
        new Call.Transfer(addr, 5), new Call.CreateSubnet(addr), new Call.Register(1, addr, 7),
        new Call.ServeAxon(1, "127.0.0.1", 80), new Call.AddStake(1, addr, 3),
        new Call.RemoveStake(1, addr, 2), new Call.SetWeights(1, new int[] {0, 1}, new int[] {1, 2}, 3),
        new Call.CommitWeights(1, "ab".repeat(32)),
        new Call.RevealWeights(1, new int[] {2}, new int[] {9}, "salt", 4),
        new Call.SudoSetHyperparameter(1, "tempo", 400));
    for (final Call c : calls) {
      final SignedExtrinsic e = Extrinsics.sign(k, "00".repeat(32), 9, c);
      final byte[] json = Json.write(e).getBytes(StandardCharsets.UTF_8);
      final SignedExtrinsic back = ChainJson.parseExtrinsic(json);
      assertEquals(e, back, c.name());
      assertEquals(e.hash(), back.hash());
      assertEquals(true, Extrinsics.verify(back, "00".repeat(32)));
      assertEquals(c.name(), Json.readTree(json).get("call").get("type").asText());
    }
  }

  @Test
  void parseExtrinsic_shouldRefuseCoercionsUnknownFieldsAndUnknownCalls() {
    final String good = Json.write(Extrinsics.sign(k, "00".repeat(32), 1, new Call.Transfer(addr, 5)));
    final ChainException coerced = assertThrows(ChainException.class, () -> ChainJson.parseExtrinsic(
        good.replace("\"amount\":5", "\"amount\":\"5\"").getBytes(StandardCharsets.UTF_8)));
    assertEquals(ChainError.MALFORMED, coerced.code());
    final ChainException extra = assertThrows(ChainException.class, () -> ChainJson.parseExtrinsic(
        good.replace("\"amount\":5", "\"amount\":5,\"x\":1").getBytes(StandardCharsets.UTF_8)));
    assertEquals(ChainError.MALFORMED, extra.code());
    final ChainException unknown = assertThrows(ChainException.class, () -> ChainJson.parseExtrinsic(
        good.replace("\"transfer\"", "\"mint\"").getBytes(StandardCharsets.UTF_8)));
    assertEquals(ChainError.UNKNOWN_CALL, unknown.code());
  }

  @Test
  void keySerializers_shouldRoundTripAndSortByNetuidFirst() {
    final NeuronKey nk = new NeuronKey(3, 70000);
    assertEquals(nk, KeySerializers.NEURON.deserialize(KeySerializers.NEURON.serialize(nk)));
    final HotkeyKey hk = new HotkeyKey(2, addr);
    assertEquals(hk, KeySerializers.HOTKEY.deserialize(KeySerializers.HOTKEY.serialize(hk)));
    final StakeKey sk = new StakeKey(2, addr, "agora1other");
    assertEquals(sk, KeySerializers.STAKE.deserialize(KeySerializers.STAKE.serialize(sk)));
    final LogKey lk = new LogKey(1, 12345678901L);
    assertEquals(lk, KeySerializers.LOG.deserialize(KeySerializers.LOG.serialize(lk)));
    final byte[] a = KeySerializers.NEURON.serialize(new NeuronKey(1, 300));
    final byte[] b = KeySerializers.NEURON.serialize(new NeuronKey(2, 0));
    assertEquals(-1, Integer.signum(java.util.Arrays.compareUnsigned(a, b)));
  }

  @Test
  void loadInto_shouldRestoreEveryColumnWhenStateIsPersisted() {
    try (InMemoryKvStore kv = new InMemoryKvStore()) {
      final ChainState base = new ChainState();
      final ChainState o = base.child();
      o.putAccount(addr, new AccountRecord(10, 2));
      o.putHotkeyOwner("agora1hot", addr);
      o.putNeuron(1, 0, NeuronRecord.fresh("agora1hot", addr, 5)
          .withWeightsOnly(List.of(new UidWeight(0, 65535)))
          .withAxon(new AxonInfo("h", 1, 2)));
      o.putUid(1, "agora1hot", 0);
      o.addStake(1, "agora1hot", addr, 77);
      o.putCommits(1, "agora1hot", List.of(new CommitRecord("ab".repeat(32), 4, 1)));
      o.putGlobal(new GlobalRecord(87, 0, 2));
      final var store = new ChainStore(kv);
      store.commitBlock(new dev.agora.common.chain.Block(new dev.agora.common.chain.BlockHeader(0,
          "", 0, "", "", "", "h", ""), List.of(), List.of()), o, java.util.Optional.of("{}"));
      final ChainState loaded = new ChainState();
      store.loadInto(loaded);
      assertEquals(new AccountRecord(10, 2), loaded.account(addr));
      assertEquals(addr, loaded.hotkeyOwner("agora1hot").orElseThrow());
      assertEquals(o.neuron(1, 0), loaded.neuron(1, 0));
      assertEquals(0, loaded.uidOf(1, "agora1hot").orElseThrow());
      assertEquals(77, loaded.hotkeyStake(1, "agora1hot"));
      assertEquals(77, loaded.stake(1, "agora1hot", addr));
      assertEquals(o.commits(1, "agora1hot"), loaded.commits(1, "agora1hot"));
      assertEquals(new GlobalRecord(87, 0, 2), loaded.global());
      assertEquals(0L, store.head().orElseThrow());
    }
  }
}
