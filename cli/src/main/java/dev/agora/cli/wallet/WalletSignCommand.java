package dev.agora.cli.wallet;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.TextSignatures;
import dev.agora.common.util.Hex;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agora wallet sign --name N --hotkey H --message TEXT}. */
@Command(
    name = "sign",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a text message with a hotkey; prints the address, the public key and the signature.",
      "The signed bytes are UTF-8 of \"agora-signed-message-v1\\n\" + TEXT, so a signed text can",
      "never pass for a signed request or extrinsic."
    })
public final class WalletSignCommand extends WalletSubcommand {
  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Wallet name.")
  String name;

  @Option(names = "--hotkey", required = true, paramLabel = "HOTKEY", description = "Hotkey that signs.")
  String hotkey;

  @Option(names = "--message", required = true, paramLabel = "TEXT", description = "The text to sign.")
  String message;

  @Override
  int execute() {
    final KeyPair key = options.store().hotkey(name, hotkey);
    final String signature = Hex.encode(TextSignatures.sign(key, message));
    if (options.json()) {
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("address", key.publicKey().address());
      out.put("publicKey", key.publicKey().hex());
      out.put("message", message);
      out.put("signature", signature);
      printJson(out);
    } else {
      println("address     " + key.publicKey().address());
      println("public key  " + key.publicKey().hex());
      println("signature   " + signature);
    }
    return OK;
  }
}
