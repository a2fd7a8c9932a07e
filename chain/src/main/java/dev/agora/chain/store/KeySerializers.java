package dev.agora.chain.store;

import dev.agora.chain.state.Keys.HotkeyKey;
import dev.agora.chain.state.Keys.LogKey;
import dev.agora.chain.state.Keys.NeuronKey;
import dev.agora.chain.state.Keys.StakeKey;
import dev.agora.storage.KvSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Big-endian, length-prefixed serializers for the composite state keys (netuid first, so they sort). */
final class KeySerializers {
  private KeySerializers() {}

  static final KvSerializer<NeuronKey> NEURON =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final NeuronKey k) {
          return ByteBuffer.allocate(8).putInt(k.netuid()).putInt(k.uid()).array();
        }

        @Override
        public NeuronKey deserialize(final byte[] b) {
          final ByteBuffer bb = ByteBuffer.wrap(b);
          return new NeuronKey(bb.getInt(), bb.getInt());
        }
      };

  static final KvSerializer<HotkeyKey> HOTKEY =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final HotkeyKey k) {
          final byte[] h = k.hotkey().getBytes(StandardCharsets.UTF_8);
          return ByteBuffer.allocate(4 + h.length).putInt(k.netuid()).put(h).array();
        }

        @Override
        public HotkeyKey deserialize(final byte[] b) {
          final ByteBuffer bb = ByteBuffer.wrap(b);
          final int netuid = bb.getInt();
          return new HotkeyKey(netuid, new String(b, 4, b.length - 4, StandardCharsets.UTF_8));
        }
      };

  static final KvSerializer<StakeKey> STAKE =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final StakeKey k) {
          final byte[] h = k.hotkey().getBytes(StandardCharsets.UTF_8);
          final byte[] c = k.coldkey().getBytes(StandardCharsets.UTF_8);
          return ByteBuffer.allocate(8 + h.length + c.length)
              .putInt(k.netuid()).putInt(h.length).put(h).put(c).array();
        }

        @Override
        public StakeKey deserialize(final byte[] b) {
          final ByteBuffer bb = ByteBuffer.wrap(b);
          final int netuid = bb.getInt();
          final int hl = bb.getInt();
          final String h = new String(b, 8, hl, StandardCharsets.UTF_8);
          final String c = new String(b, 8 + hl, b.length - 8 - hl, StandardCharsets.UTF_8);
          return new StakeKey(netuid, h, c);
        }
      };

  static final KvSerializer<LogKey> LOG =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(final LogKey k) {
          return ByteBuffer.allocate(12).putInt(k.netuid()).putLong(k.seq()).array();
        }

        @Override
        public LogKey deserialize(final byte[] b) {
          final ByteBuffer bb = ByteBuffer.wrap(b);
          return new LogKey(bb.getInt(), bb.getLong());
        }
      };
}
