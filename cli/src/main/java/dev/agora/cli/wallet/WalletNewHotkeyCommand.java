package dev.agora.cli.wallet;

import dev.agora.common.crypto.PublicKey;
import dev.agora.common.wallet.HotkeyInfo;
import java.security.SecureRandom;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agora wallet new-hotkey --name N --hotkey H}. */
@Command(
    name = "new-hotkey",
    mixinStandardHelpOptions = true,
    description = "Add a new hotkey to a wallet (hotkeys are stored unencrypted, as in Bittensor).")
public final class WalletNewHotkeyCommand extends WalletSubcommand {
  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Wallet name.")
  String name;

  @Option(names = "--hotkey", required = true, paramLabel = "HOTKEY", description = "Hotkey name.")
  String hotkey;

  @Override
  int execute() {
    final HotkeyInfo info = options.store().newHotkey(name, hotkey, new SecureRandom());
    final PublicKey key = info.publicKey().orElseThrow();
    if (options.json()) {
      final Map<String, Object> out = WalletCreateCommand.key(key);
      out.put("wallet", name);
      out.put("hotkey", hotkey);
      printJson(out);
    } else {
      println("created hotkey '" + hotkey + "' in wallet '" + name + "'");
      println("address     " + key.address());
      println("public key  " + key.hex());
    }
    return OK;
  }
}
