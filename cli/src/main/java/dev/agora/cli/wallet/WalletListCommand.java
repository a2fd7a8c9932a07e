package dev.agora.cli.wallet;

import dev.agora.common.crypto.PublicKey;
import dev.agora.common.wallet.HotkeyInfo;
import dev.agora.common.wallet.WalletInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code agora wallet list}: every wallet with its coldkey address and hotkeys. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "List the wallets under the wallet path, with their hotkeys.")
public final class WalletListCommand extends WalletSubcommand {
  private static final String UNREADABLE = "<unreadable>";

  @Override
  int execute() {
    final List<WalletInfo> wallets = options.store().list();
    if (options.json()) {
      final List<Map<String, Object>> list = new ArrayList<>();
      for (final WalletInfo w : wallets) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", w.name());
        m.put("coldkey", address(w.coldkeyPub()));
        m.put("encrypted", w.encrypted());
        final List<Map<String, Object>> hotkeys = new ArrayList<>();
        for (final HotkeyInfo h : w.hotkeys()) {
          final Map<String, Object> hm = new LinkedHashMap<>();
          hm.put("name", h.name());
          hm.put("address", address(h.publicKey()));
          hotkeys.add(hm);
        }
        m.put("hotkeys", hotkeys);
        list.add(m);
      }
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("walletPath", options.root().toString());
      out.put("wallets", list);
      printJson(out);
      return OK;
    }
    println("wallets in " + options.root() + (wallets.isEmpty() ? ": none" : ""));
    for (final WalletInfo w : wallets) {
      println(
          w.name() + "  coldkey " + w.coldkeyPub().map(PublicKey::address).orElse(UNREADABLE)
              + (w.encrypted() ? "" : "  (not encrypted)"));
      for (final HotkeyInfo h : w.hotkeys()) {
        println("  hotkey " + h.name() + "  " + h.publicKey().map(PublicKey::address).orElse(UNREADABLE));
      }
    }
    return OK;
  }

  private static Object address(final Optional<PublicKey> key) {
    return key.<Object>map(PublicKey::address).orElse(UNREADABLE);
  }
}
