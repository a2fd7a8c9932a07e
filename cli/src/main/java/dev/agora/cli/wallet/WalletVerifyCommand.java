package dev.agora.cli.wallet;

import dev.agora.common.crypto.PublicKey;
import dev.agora.common.crypto.TextSignatures;
import dev.agora.common.util.Hex;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agora wallet verify --address A --message TEXT --signature HEX}. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verify a signature made by 'agora wallet sign'.",
      "Exit 0 if valid, 1 if invalid, 2 if the input is malformed."
    })
public final class WalletVerifyCommand extends WalletSubcommand {
  static final int INVALID = 1;
  static final int MALFORMED = 2;

  @Option(names = "--address", required = true, paramLabel = "ADDRESS", description = "Signer's address (agora1...).")
  String address;

  @Option(names = "--message", required = true, paramLabel = "TEXT", description = "The signed text.")
  String message;

  @Option(names = "--signature", required = true, paramLabel = "HEX", description = "128 hex characters.")
  String signature;

  @Override
  int failureCode() {
    return MALFORMED;
  }

  @Override
  int execute() {
    final PublicKey key;
    try {
      key = PublicKey.fromAddress(address.strip());
    } catch (IllegalArgumentException e) {
      return fail("invalid address: " + e.getMessage());
    }
    final byte[] sig;
    try {
      sig = Hex.decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return fail("invalid signature: " + e.getMessage());
    }
    if (sig.length != PublicKey.SIGNATURE_LENGTH) {
      return fail(
          "invalid signature: " + sig.length + " bytes, expected " + PublicKey.SIGNATURE_LENGTH
              + " (" + 2 * PublicKey.SIGNATURE_LENGTH + " hex characters)");
    }
    final boolean valid = TextSignatures.verify(key, message, sig);
    if (options.json()) {
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("address", key.address());
      out.put("valid", valid);
      printJson(out);
    } else if (valid) {
      println("valid signature by " + key.address());
    }
    if (!valid) {
      err().println("invalid signature: it was not made by " + key.address() + " over this message");
      err().flush();
      return INVALID;
    }
    return OK;
  }
}
