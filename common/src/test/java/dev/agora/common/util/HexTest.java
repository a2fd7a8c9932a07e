package dev.agora.common.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void encode_shouldRoundTripWhenGivenRandomBytes() {
    final Random rnd = new Random(21);
    for (int len = 0; len < 70; len++) {
      final byte[] bytes = new byte[len];
      rnd.nextBytes(bytes);
      final String hex = Hex.encode(bytes);
      assertEquals(2 * len, hex.length());
      assertArrayEquals(bytes, Hex.decode(hex));
      assertArrayEquals(bytes, Hex.decode(hex.toUpperCase(java.util.Locale.ROOT)));
    }
  }

  @Test
  void encode_shouldUseLowerCaseWhenEncoding() {
    assertEquals("00ff7f80ab", Hex.encode(new byte[] {0, -1, 127, -128, (byte) 0xab}));
  }

  @Test
  void decode_shouldThrowClearErrorWhenInputIsNotHex() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Hex.decode("abc")).getMessage().contains("odd length"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Hex.decode("0g")).getMessage().contains("'g' at index 1"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("0x00"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode(" 0"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode("\u0663\u0663"));
    assertThrows(IllegalArgumentException.class, () -> Hex.decode(null));
  }
}
