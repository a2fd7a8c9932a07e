package dev.agora.common.chain;

/**
 * The outcome of one extrinsic in a block: {@code code} is {@code "OK"} when applied, otherwise the
 * {@link ChainError} name of the refusal (a refused extrinsic changes nothing but the signer's nonce).
 */
public record Receipt(String hash, long block, int index, String code, String message) {
  public static final String OK = "OK";

  public Receipt {
    message = message == null ? "" : message;
  }

  public boolean ok() {
    return OK.equals(code);
  }
}
