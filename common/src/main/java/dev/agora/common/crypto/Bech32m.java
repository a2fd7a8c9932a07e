package dev.agora.common.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Bech32m encoding (BIP-350, a BCH checksum over 5-bit groups, constant 0x2bc830a3). Any single
 * substituted character is detected. Package-private: callers use {@link PublicKey#address()}.
 */
final class Bech32m {
  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int CONSTANT = 0x2bc830a3;
  private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
  private static final int CHECKSUM_LENGTH = 6;
  private static final int MAX_LENGTH = 90;

  private Bech32m() {}

  static String encode(final String hrp, final byte[] data) {
    final byte[] groups = toGroups(data);
    final byte[] checksum = checksum(hrp, groups);
    final StringBuilder sb = new StringBuilder(hrp.length() + 1 + groups.length + CHECKSUM_LENGTH);
    sb.append(hrp).append('1');
    for (final byte g : groups) {
      sb.append(CHARSET.charAt(g));
    }
    for (final byte c : checksum) {
      sb.append(CHARSET.charAt(c));
    }
    return sb.toString();
  }

  /** Decodes and checks a string with the expected hrp; returns the payload bytes. */
  static byte[] decode(final String expectedHrp, final String text) {
    return fromGroups(parse(text, Optional.of(expectedHrp)).groups());
  }

  /** The hrp and 5-bit groups of any valid bech32m string (used by tests on BIP-350 vectors). */
  static Parsed parse(final String text) {
    return parse(text, Optional.empty());
  }

  /** A checked bech32m string: lower-case hrp and data groups without the checksum. */
  record Parsed(String hrp, byte[] groups) {}

  private static Parsed parse(final String text, final Optional<String> expectedHrp) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("address is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("address is too long (" + text.length() + " characters)");
    }
    boolean lower = false;
    boolean upper = false;
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("address has an invalid character at position " + i);
      }
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
    }
    if (lower && upper) {
      throw new IllegalArgumentException("address mixes upper and lower case");
    }
    final String s = text.toLowerCase(Locale.ROOT);
    final int sep = s.lastIndexOf('1');
    if (sep < 1) {
      throw new IllegalArgumentException("address has no separator '1' after a prefix");
    }
    final String hrp = s.substring(0, sep);
    if (expectedHrp.isPresent() && !hrp.equals(expectedHrp.get())) {
      throw new IllegalArgumentException(
          "address prefix is '" + hrp + "', expected '" + expectedHrp.get() + "'");
    }
    final int dataLength = s.length() - sep - 1;
    if (dataLength < CHECKSUM_LENGTH) {
      throw new IllegalArgumentException("address is too short");
    }
    final byte[] values = new byte[dataLength];
    for (int i = 0; i < dataLength; i++) {
      final int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
      if (v < 0) {
        throw new IllegalArgumentException(
            "address has an invalid character '" + text.charAt(sep + 1 + i) + "' at position " + (sep + 1 + i));
      }
      values[i] = (byte) v;
    }
    if (polymod(expand(hrp), values) != CONSTANT) {
      throw new IllegalArgumentException("address checksum does not match (typo?)");
    }
    final byte[] groups = new byte[dataLength - CHECKSUM_LENGTH];
    System.arraycopy(values, 0, groups, 0, groups.length);
    return new Parsed(hrp, groups);
  }

  private static byte[] checksum(final String hrp, final byte[] groups) {
    final byte[] values = new byte[groups.length + CHECKSUM_LENGTH];
    System.arraycopy(groups, 0, values, 0, groups.length);
    final int mod = polymod(expand(hrp), values) ^ CONSTANT;
    final byte[] out = new byte[CHECKSUM_LENGTH];
    for (int i = 0; i < CHECKSUM_LENGTH; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static byte[] expand(final String hrp) {
    final int n = hrp.length();
    final byte[] out = new byte[2 * n + 1];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) (hrp.charAt(i) >> 5);
      out[n + 1 + i] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static int polymod(final byte[] prefix, final byte[] values) {
    int chk = 1;
    chk = step(chk, prefix);
    return step(chk, values);
  }

  private static int step(final int start, final byte[] values) {
    int chk = start;
    for (final byte v : values) {
      final int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ v;
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GENERATOR[i];
        }
      }
    }
    return chk;
  }

  private static byte[] toGroups(final byte[] data) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int acc = 0;
    int bits = 0;
    for (final byte b : data) {
      acc = (acc << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        out.write((acc >>> bits) & 31);
      }
    }
    if (bits > 0) {
      out.write((acc << (5 - bits)) & 31);
    }
    return out.toByteArray();
  }

  private static byte[] fromGroups(final byte[] groups) {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    int acc = 0;
    int bits = 0;
    for (final byte g : groups) {
      acc = (acc << 5) | g;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        out.write((acc >>> bits) & 0xff);
      }
    }
    if (bits >= 5 || ((acc << (8 - bits)) & 0xff) != 0) {
      throw new IllegalArgumentException("address has invalid padding");
    }
    return out.toByteArray();
  }
}
