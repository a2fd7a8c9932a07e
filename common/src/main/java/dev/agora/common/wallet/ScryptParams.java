package dev.agora.common.wallet;

/**
 * scrypt cost parameters (RFC 7914). Memory use is {@code 128 * r * n} bytes. Files carry their
 * own parameters; on reading, values outside the bounds below mark the file as corrupt, so an
 * altered file cannot make the reader spend unbounded memory or time.
 *
 * @param n CPU/memory cost, a power of two
 * @param r block size
 * @param p parallelism
 */
public record ScryptParams(int n, int r, int p) {
  /** Production default: n = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s on a desktop core). */
  public static final ScryptParams PRODUCTION = new ScryptParams(1 << 15, 8, 1);
  /** Largest n accepted anywhere. */
  public static final int MAX_N = 1 << 18;
  /** Largest scrypt memory accepted, {@code 128 * r * n} bytes: 256 MiB. */
  public static final long MAX_MEMORY_BYTES = 256L << 20;
  /** Largest r accepted. */
  public static final int MAX_R = 32;
  /** Largest p accepted. */
  public static final int MAX_P = 16;

  /**
   * Checks the bounds.
   *
   * @throws IllegalArgumentException naming the parameter that is out of bounds
   */
  public ScryptParams {
    if (n < 2 || n > MAX_N || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException(
          "scrypt n must be a power of two between 2 and " + MAX_N + ", got " + n);
    }
    if (r < 1 || r > MAX_R) {
      throw new IllegalArgumentException("scrypt r must be between 1 and " + MAX_R + ", got " + r);
    }
    if (128L * r * n > MAX_MEMORY_BYTES) {
      throw new IllegalArgumentException(
          "scrypt memory 128*r*n = " + (128L * r * n) + " bytes exceeds " + MAX_MEMORY_BYTES);
    }
    if (p < 1 || p > MAX_P) {
      throw new IllegalArgumentException("scrypt p must be between 1 and " + MAX_P + ", got " + p);
    }
  }

  /** Cheap parameters for tests only (n = 2^10, r = 8, p = 1): never use them for real keys. */
  public static ScryptParams forTests() {
    return new ScryptParams(1 << 10, 8, 1);
  }
}
