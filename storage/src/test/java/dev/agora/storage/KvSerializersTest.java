package dev.agora.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KvSerializersTest {
  record Entry(String name, long value, Map<String, Integer> counts) {}

  @Test
  void longBe_shouldRoundTripAndSortWhenNonNegative() {
    final Random rnd = new Random(11);
    long previous = -1;
    byte[] previousBytes = new byte[0];
    final long[] values = rnd.longs(200, 0, Long.MAX_VALUE).sorted().toArray();
    for (long v : values) {
      final byte[] bytes = KvSerializers.LONG_BE.serialize(v);
      assertEquals(8, bytes.length);
      assertEquals(v, KvSerializers.LONG_BE.deserialize(bytes));
      if (previous >= 0 && previous != v) {
        assertTrue(Arrays.compareUnsigned(previousBytes, bytes) < 0, v + " after " + previous);
      }
      previous = v;
      previousBytes = bytes;
    }
    assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 1, 2}, KvSerializers.LONG_BE.serialize(258L));
    assertEquals(-5L, KvSerializers.longBe().deserialize(KvSerializers.LONG_BE.serialize(-5L)));
  }

  @Test
  void intBe_shouldRoundTripWhenAnyInt() {
    for (int v : new int[] {0, 1, -1, 255, 256, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      assertEquals(v, KvSerializers.INT_BE.deserialize(KvSerializers.INT_BE.serialize(v)));
    }
    assertArrayEquals(new byte[] {0, 0, 1, 0}, KvSerializers.intBe().serialize(256));
  }

  @Test
  void deserialize_shouldRejectWrongLengthWhenFixedWidth() {
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KvSerializers.LONG_BE.deserialize(new byte[7]));
    assertTrue(e.getMessage().contains("expected 8"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> KvSerializers.INT_BE.deserialize(new byte[5]));
  }

  @Test
  void string_shouldRoundTripUtf8AndRejectMalformedBytes() {
    final String text = "agora ✓ 😀 ü";
    assertEquals(text, KvSerializers.STRING.deserialize(KvSerializers.STRING.serialize(text)));
    assertThrows(
        IllegalArgumentException.class,
        () -> KvSerializers.STRING.deserialize(new byte[] {(byte) 0xc3, (byte) 0x28}));
  }

  @Test
  void bytes_shouldCopyWhenSerializing() {
    final byte[] in = {1, 2, 3};
    final byte[] out = KvSerializers.BYTES.serialize(in);
    in[0] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, out);
    assertArrayEquals(out, KvSerializers.BYTES.deserialize(out));
  }

  @Test
  void json_shouldRoundTripAndGiveSameBytesWhenEqualValues() {
    final KvSerializer<Entry> s = KvSerializers.json(Entry.class);
    final Entry a = new Entry("x", 42L, Map.of("b", 2, "a", 1, "c", 3));
    final Entry b = new Entry("x", 42L, Map.of("c", 3, "a", 1, "b", 2));
    assertEquals(a, s.deserialize(s.serialize(a)));
    assertArrayEquals(s.serialize(a), s.serialize(b));
    assertEquals(
        "{\"counts\":{\"a\":1,\"b\":2,\"c\":3},\"name\":\"x\",\"value\":42}",
        new String(s.serialize(a), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void json_shouldThrowNamingTypeWhenBytesAreNotJson() {
    final KvSerializer<Entry> s = KvSerializers.json(Entry.class);
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> s.deserialize(new byte[] {'{', 'x'}));
    assertTrue(e.getMessage().contains("Entry"), e.getMessage());
    assertEquals(List.of(), KvSerializers.json(List.class).deserialize("[]".getBytes()));
  }
}
