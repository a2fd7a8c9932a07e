package dev.agora.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.agora.common.util.Hex;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AddressTest {
  @Test
  void address_shouldRoundTripWhenGivenManyRandomKeys() {
    final Random rnd = new Random(11);
    for (int i = 0; i < 500; i++) {
      final byte[] bytes = new byte[32];
      rnd.nextBytes(bytes);
      final PublicKey pk = PublicKey.of(bytes);
      final String address = pk.address();
      assertTrue(address.startsWith("agora1"), address);
      assertEquals(64, address.length(), address);
      assertEquals(pk, PublicKey.fromAddress(address));
      assertArrayEquals(bytes, PublicKey.fromAddress(address).bytes());
      assertEquals(pk, PublicKey.fromHex(pk.hex()));
      assertEquals(address, pk.toString());
    }
  }

  @Test
  void address_shouldRoundTripWhenKeyIsAllZeroOrAllOnes() {
    final byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 0xff);
    for (final byte[] bytes : new byte[][] {new byte[32], ones}) {
      final PublicKey pk = PublicKey.of(bytes);
      assertEquals(pk, PublicKey.fromAddress(pk.address()));
    }
  }

  @Test
  void fromAddress_shouldAcceptAllUpperCaseWhenOtherwiseValid() {
    final PublicKey pk = KeyPair.generate(new Random(12)).publicKey();
    assertEquals(pk, PublicKey.fromAddress(pk.address().toUpperCase(Locale.ROOT)));
  }

  @Test
  void fromAddress_shouldRejectEverySingleCharacterSubstitutionWhenTriedExhaustively() {
    final Random rnd = new Random(13);
    int tried = 0;
    for (int k = 0; k < 4; k++) {
      final String address = KeyPair.generate(rnd).publicKey().address();
      for (int pos = 0; pos < address.length(); pos++) {
        for (char c = 33; c <= 126; c++) {
          if (c == address.charAt(pos)) {
            continue;
          }
          final String typo = address.substring(0, pos) + c + address.substring(pos + 1);
          try {
            PublicKey.fromAddress(typo);
            fail("accepted typo at position " + pos + ": " + typo);
          } catch (IllegalArgumentException expected) {
            tried++;
          }
        }
      }
    }
    assertEquals(4 * 64 * 93, tried);
  }

  @Test
  void fromAddress_shouldRejectEveryAdjacentSwapWhenCharactersDiffer() {
    final String address = KeyPair.generate(new Random(14)).publicKey().address();
    for (int pos = 0; pos + 1 < address.length(); pos++) {
      if (address.charAt(pos) == address.charAt(pos + 1)) {
        continue;
      }
      final String swapped =
          address.substring(0, pos)
              + address.charAt(pos + 1)
              + address.charAt(pos)
              + address.substring(pos + 2);
      assertThrows(IllegalArgumentException.class, () -> PublicKey.fromAddress(swapped), swapped);
    }
  }

  @Test
  void fromAddress_shouldNameTheProblemWhenInputIsBad() {
    final String good = KeyPair.generate(new Random(15)).publicKey().address();
    assertMessage("prefix", "cosmos" + good.substring(5));
    assertMessage("checksum", good.substring(0, 63) + (good.charAt(63) == 'q' ? 'p' : 'q'));
    assertMessage("invalid character", good.substring(0, 10) + "b" + good.substring(11));
    assertMessage("mixes upper and lower case", "A" + good.substring(1));
    assertMessage("empty", "");
    assertMessage("separator", "agoraqqqqqq");
    assertMessage("too long", good + good);
    final String shortOne = Bech32m.encode("agora", new byte[20]);
    assertMessage("20 bytes", shortOne);
  }

  @Test
  void fromHex_shouldThrowClearErrorWhenHexIsBad() {
    assertMessage(() -> PublicKey.fromHex("abc"), "odd length");
    assertMessage(() -> PublicKey.fromHex("zz".repeat(32)), "invalid hex character");
    assertMessage(() -> PublicKey.fromHex("00".repeat(31)), "32 bytes");
  }

  @Test
  void bech32m_shouldAcceptBip350VectorsAndRejectBech32WhenChecked() {
    // Valid Bech32m strings from BIP-350's test vectors.
    assertEquals("a", Bech32m.parse("a1lqfn3a").hrp());
    assertEquals("a", Bech32m.parse("A1LQFN3A").hrp());
    assertEquals("abcdef", Bech32m.parse("abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx").hrp());
    assertEquals(
        "split", Bech32m.parse("split1checkupstagehandshakeupstreamerranterredcaperredlc445v").hrp());
    assertEquals(
        "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber1",
        Bech32m.parse(
                "an83characterlonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6")
            .hrp());
    assertEquals("?", Bech32m.parse("?1v759aa").hrp());
    // A valid BIP-173 (original Bech32) string must fail the Bech32m constant.
    assertThrows(IllegalArgumentException.class, () -> Bech32m.parse("a12uel5l"));
  }

  @Test
  void equals_shouldCompareBytesWhenKeysAreEqual() {
    final byte[] bytes = Hex.decode("11".repeat(32));
    assertEquals(PublicKey.of(bytes), PublicKey.of(bytes.clone()));
    assertEquals(PublicKey.of(bytes).hashCode(), PublicKey.of(bytes.clone()).hashCode());
    bytes[0] = 0;
    assertNotEquals(PublicKey.of(bytes), PublicKey.of(Hex.decode("11".repeat(32))));
  }

  @Test
  void of_shouldCopyInputWhenCallerMutatesArrayLater() {
    final byte[] bytes = new byte[32];
    final PublicKey pk = PublicKey.of(bytes);
    bytes[0] = 9;
    assertEquals(0, pk.bytes()[0]);
    pk.bytes()[1] = 9;
    assertEquals(0, pk.bytes()[1]);
  }

  private static void assertMessage(final String expected, final String address) {
    assertMessage(() -> PublicKey.fromAddress(address), expected);
  }

  private static void assertMessage(
      final org.junit.jupiter.api.function.Executable call, final String expected) {
    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks " + expected);
  }
}
