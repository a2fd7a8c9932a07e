package dev.agora.cli.wallet;

import dev.agora.common.crypto.PublicKey;
import dev.agora.common.wallet.HotkeyInfo;
import dev.agora.common.wallet.WalletException;
import dev.agora.common.wallet.WalletInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code agora wallet create --name N [--hotkey H] [--password-file F | --no-password]}. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = "Create a wallet: an encrypted coldkey and, with --hotkey, a first hotkey.")
public final class WalletCreateCommand extends WalletSubcommand {
  @Option(names = "--name", required = true, paramLabel = "NAME", description = "Wallet name.")
  String name;

  @Option(names = "--hotkey", paramLabel = "HOTKEY", description = "Also create a hotkey of this name.")
  String hotkey;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "Read the coldkey password from the first line of FILE.")
  Path passwordFile;

  @Option(names = "--no-password", description = "Store the coldkey unencrypted (devnets only).")
  boolean noPassword;

  private final PasswordReader reader;

  /** Prompts on the terminal when no password flag is given. */
  public WalletCreateCommand() {
    this(PasswordReader.CONSOLE);
  }

  /** Uses the given reader for the interactive prompt (tests pass a fake). */
  public WalletCreateCommand(final PasswordReader reader) {
    this.reader = reader;
  }

  @Override
  int execute() throws IOException {
    final Optional<char[]> password = password();
    try {
      final WalletInfo info =
          options.store().create(name, password, Optional.ofNullable(hotkey), new SecureRandom());
      print(info);
      return OK;
    } finally {
      password.ifPresent(p -> Arrays.fill(p, '\0'));
    }
  }

  private Optional<char[]> password() throws IOException {
    if (noPassword && passwordFile != null) {
      throw new WalletException("give either --password-file or --no-password, not both");
    }
    if (noPassword) {
      return Optional.empty();
    }
    if (passwordFile != null) {
      return Optional.of(PasswordFiles.read(passwordFile));
    }
    final char[] first =
        reader
            .read("Password for the coldkey of '" + name + "': ")
            .orElseThrow(
                () ->
                    new WalletException(
                        "no terminal to ask for a password; use --password-file FILE or --no-password"));
    final char[] second =
        reader.read("Repeat the password: ").orElseThrow(() -> new WalletException("no terminal to confirm the password"));
    try {
      if (!Arrays.equals(first, second)) {
        Arrays.fill(first, '\0');
        throw new WalletException("the two passwords differ; nothing was created");
      }
      return Optional.of(first);
    } finally {
      Arrays.fill(second, '\0');
    }
  }

  private void print(final WalletInfo info) {
    final PublicKey cold = info.coldkeyPub().orElseThrow();
    final Path dir = options.root().resolve(info.name());
    if (options.json()) {
      final Map<String, Object> out = new LinkedHashMap<>();
      out.put("name", info.name());
      out.put("path", dir.toString());
      out.put("encrypted", info.encrypted());
      out.put("coldkey", key(cold));
      for (final HotkeyInfo h : info.hotkeys()) {
        final Map<String, Object> hk = key(h.publicKey().orElseThrow());
        hk.put("name", h.name());
        out.put("hotkey", hk);
      }
      printJson(out);
      return;
    }
    println("created wallet '" + info.name() + "' in " + dir);
    println("coldkey  " + cold.address() + (info.encrypted() ? "  (encrypted)" : "  (NOT encrypted: devnet only)"));
    for (final HotkeyInfo h : info.hotkeys()) {
      println("hotkey   " + h.publicKey().orElseThrow().address() + "  (" + h.name() + ")");
    }
  }

  static Map<String, Object> key(final PublicKey key) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", key.address());
    m.put("publicKey", key.hex());
    return m;
  }
}
