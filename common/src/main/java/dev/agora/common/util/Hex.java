package dev.agora.common.util;

/** Lower-case hexadecimal encoding; decoding accepts either case. */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** Encodes bytes as lower-case hex, two characters per byte. */
  public static String encode(final byte[] bytes) {
    final char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes hex (upper or lower case, no prefix, no separators).
   *
   * @throws IllegalArgumentException on a null or odd-length string or a non-hex character
   */
  public static byte[] decode(final String hex) {
    if (hex == null) {
      throw new IllegalArgumentException("hex string is null");
    }
    if (hex.length() % 2 != 0) {
      throw new IllegalArgumentException("hex string has odd length " + hex.length());
    }
    final byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((digit(hex, 2 * i) << 4) | digit(hex, 2 * i + 1));
    }
    return out;
  }

  private static int digit(final String hex, final int index) {
    final int d = Character.digit(hex.charAt(index), 16);
    if (d < 0 || hex.charAt(index) > 'f') {
      throw new IllegalArgumentException(
          "invalid hex character '" + hex.charAt(index) + "' at index " + index);
    }
    return d;
  }
}
