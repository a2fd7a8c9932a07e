package dev.agora.common.wallet;

import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Wallets under one root directory, in Bittensor's layout:
 *
 * <pre>
 * root/NAME/coldkey          encrypted coldkey (or plain, marked so, with --no-password)
 * root/NAME/coldkeypub.txt   the coldkey's address
 * root/NAME/hotkeys/HOTKEY   plain hotkey (seed and address)
 * </pre>
 *
 * Every method is blocking (scrypt, file I/O). A failure throws a {@link WalletException} with a
 * one-line reason and leaves the disk as it was; existing files are never overwritten.
 */
public final class WalletStore {
  /** File name of the encrypted coldkey. */
  public static final String COLDKEY = "coldkey";
  /** File name of the coldkey's address. */
  public static final String COLDKEYPUB = "coldkeypub.txt";
  /** Directory of the hotkeys. */
  public static final String HOTKEYS = "hotkeys";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

  private final Path root;
  private final ScryptParams scrypt;

  /** A store with production scrypt parameters. */
  public WalletStore(final Path root) {
    this(root, ScryptParams.PRODUCTION);
  }

  /** A store that encrypts new coldkeys with the given scrypt parameters (reading uses the file's). */
  public WalletStore(final Path root, final ScryptParams scrypt) {
    this.root = root;
    this.scrypt = scrypt;
  }

  /** The root directory. */
  public Path root() {
    return root;
  }

  /** Creates a wallet with a fresh coldkey and no hotkey. */
  public WalletInfo create(final String name, final Optional<char[]> password, final Random rnd) {
    return create(name, password, Optional.empty(), rnd);
  }

  /**
   * Creates a wallet with a fresh coldkey and optionally a first hotkey, all at once: the files are
   * written in a hidden staging directory that is renamed into place only when complete.
   *
   * @param password empty for an unencrypted coldkey (devnets only)
   * @param rnd source of seeds, salt and nonce: a {@link java.security.SecureRandom} in production
   * @throws WalletExistsException if a wallet of that name exists
   */
  public WalletInfo create(
      final String name, final Optional<char[]> password, final Optional<String> hotkey, final Random rnd) {
    checkName("wallet", name);
    hotkey.ifPresent(h -> checkName("hotkey", h));
    password.ifPresent(
        p -> {
          if (p.length == 0) {
            throw new WalletException(
                "the password is empty; give a password, or use --no-password for a devnet wallet");
          }
        });
    final Path target = root.resolve(name);
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw exists(name);
    }
    final KeyPair coldkey = KeyPair.generate(rnd);
    final byte[] coldkeyFile = KeyFiles.encodeColdkey(coldkey, password, scrypt, rnd);
    final Optional<KeyPair> hot = hotkey.map(h -> KeyPair.generate(rnd));
    Path staging = null;
    try {
      WalletFiles.createDirectories(root);
      staging = Files.createTempDirectory(root, ".creating-" + name + "-", WalletFiles.dirAttributes());
      WalletFiles.writeNew(staging.resolve(COLDKEY), coldkeyFile);
      WalletFiles.writeNew(staging.resolve(COLDKEYPUB), KeyFiles.encodeColdkeyPub(coldkey.publicKey()));
      final Path hotDir = staging.resolve(HOTKEYS);
      Files.createDirectory(hotDir, WalletFiles.dirAttributes());
      if (hot.isPresent()) {
        WalletFiles.writeNew(hotDir.resolve(hotkey.get()), KeyFiles.encodeHotkey(hot.get()));
      }
      WalletFiles.syncDirectory(staging);
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw exists(name);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      WalletFiles.syncDirectory(root);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
      throw exists(name);
    } catch (IOException e) {
      throw new WalletException("cannot create wallet '" + name + "' under " + root + ": " + e, e);
    } finally {
      if (staging != null) {
        WalletFiles.deleteRecursively(staging);
      }
    }
    final List<HotkeyInfo> hotkeys = new ArrayList<>();
    hot.ifPresent(k -> hotkeys.add(new HotkeyInfo(hotkey.get(), Optional.of(k.publicKey()))));
    return new WalletInfo(name, Optional.of(coldkey.publicKey()), password.isPresent(), hotkeys);
  }

  /**
   * Adds a fresh hotkey to an existing wallet.
   *
   * @throws WalletNotFoundException if the wallet does not exist
   * @throws WalletExistsException if the hotkey exists
   */
  public HotkeyInfo newHotkey(final String name, final String hotkeyName, final Random rnd) {
    checkName("wallet", name);
    checkName("hotkey", hotkeyName);
    final Path dir = walletDir(name);
    final Path file = dir.resolve(HOTKEYS).resolve(hotkeyName);
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw hotkeyExists(name, hotkeyName);
    }
    final KeyPair key = KeyPair.generate(rnd);
    try {
      WalletFiles.createDirectories(dir.resolve(HOTKEYS));
      WalletFiles.writeAtomicNoReplace(file, KeyFiles.encodeHotkey(key));
    } catch (FileAlreadyExistsException e) {
      throw hotkeyExists(name, hotkeyName);
    } catch (IOException e) {
      throw new WalletException("cannot write hotkey " + file + ": " + e, e);
    }
    return new HotkeyInfo(hotkeyName, Optional.of(key.publicKey()));
  }

  /** All wallets under the root, sorted by name; empty if the root does not exist. */
  public List<WalletInfo> list() {
    final List<WalletInfo> out = new ArrayList<>();
    try {
      for (final Path dir : WalletFiles.listVisible(root)) {
        if (Files.isDirectory(dir)) {
          out.add(info(dir));
        }
      }
    } catch (IOException e) {
      throw new WalletException("cannot list wallets under " + root + ": " + e, e);
    }
    return out;
  }

  /** One wallet, read without a password. */
  public WalletInfo info(final String name) {
    checkName("wallet", name);
    try {
      return info(walletDir(name));
    } catch (IOException e) {
      throw new WalletException("cannot read wallet '" + name + "': " + e, e);
    }
  }

  /**
   * Opens the coldkey.
   *
   * @param password empty for an unencrypted coldkey
   * @throws WrongPasswordException if the password is wrong
   * @throws CorruptKeyFileException if the file is truncated, unparsable or altered
   */
  public KeyPair unlockColdkey(final String name, final Optional<char[]> password) {
    checkName("wallet", name);
    final Path file = walletDir(name).resolve(COLDKEY);
    final String label = "coldkey of wallet '" + name + "' (" + file + ")";
    final KeyPair key = KeyFiles.decodeColdkey(readExisting(file, "coldkey of wallet '" + name + "'"), password, label);
    final Path pub = file.resolveSibling(COLDKEYPUB);
    if (Files.exists(pub) && !coldkeyPub(name).equals(key.publicKey())) {
      throw KeyFiles.corrupt(label, COLDKEYPUB + " names a different key");
    }
    return key;
  }

  /** Whether the wallet's coldkey file is encrypted. */
  public boolean isColdkeyEncrypted(final String name) {
    checkName("wallet", name);
    final Path file = walletDir(name).resolve(COLDKEY);
    return KeyFiles.isEncrypted(readExisting(file, "coldkey of wallet '" + name + "'"), "coldkey " + file);
  }

  /** Reads a hotkey (hotkeys are stored unencrypted, as in Bittensor). */
  public KeyPair hotkey(final String name, final String hotkeyName) {
    checkName("wallet", name);
    checkName("hotkey", hotkeyName);
    final Path file = walletDir(name).resolve(HOTKEYS).resolve(hotkeyName);
    return KeyFiles.decodeHotkey(
        readExisting(file, "hotkey '" + hotkeyName + "' of wallet '" + name + "'"), "hotkey " + file);
  }

  /** The coldkey's public key from {@code coldkeypub.txt}; needs no password. */
  public PublicKey coldkeyPub(final String name) {
    checkName("wallet", name);
    final Path file = walletDir(name).resolve(COLDKEYPUB);
    return KeyFiles.decodeColdkeyPub(readExisting(file, COLDKEYPUB + " of wallet '" + name + "'"), file.toString());
  }

  private WalletInfo info(final Path dir) throws IOException {
    final String name = dir.getFileName().toString();
    Optional<PublicKey> cold;
    try {
      cold = Optional.of(KeyFiles.decodeColdkeyPub(WalletFiles.read(dir.resolve(COLDKEYPUB), 4096), name));
    } catch (IOException | WalletException e) {
      cold = Optional.empty();
    }
    boolean encrypted;
    try {
      encrypted = KeyFiles.isEncrypted(WalletFiles.read(dir.resolve(COLDKEY), KeyFiles.MAX_FILE_BYTES), name);
    } catch (IOException | WalletException e) {
      encrypted = false;
    }
    final List<HotkeyInfo> hotkeys = new ArrayList<>();
    for (final Path file : WalletFiles.listVisible(dir.resolve(HOTKEYS))) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Optional<PublicKey> pk;
      try {
        pk = Optional.of(KeyFiles.decodeHotkey(WalletFiles.read(file, KeyFiles.MAX_FILE_BYTES), file.toString()).publicKey());
      } catch (IOException | WalletException e) {
        pk = Optional.empty();
      }
      hotkeys.add(new HotkeyInfo(file.getFileName().toString(), pk));
    }
    return new WalletInfo(name, cold, encrypted, hotkeys);
  }

  private Path walletDir(final String name) {
    final Path dir = root.resolve(name);
    if (!Files.isDirectory(dir)) {
      throw new WalletNotFoundException("no wallet named '" + name + "' under " + root);
    }
    return dir;
  }

  private static byte[] readExisting(final Path file, final String what) {
    if (!Files.isRegularFile(file)) {
      throw new WalletNotFoundException(what + " not found: " + file);
    }
    try {
      return WalletFiles.read(file, KeyFiles.MAX_FILE_BYTES);
    } catch (IOException e) {
      throw new WalletException("cannot read " + file + ": " + e, e);
    }
  }

  private WalletExistsException exists(final String name) {
    return new WalletExistsException(
        "wallet '" + name + "' already exists under " + root + "; it is never overwritten");
  }

  private static WalletExistsException hotkeyExists(final String name, final String hotkey) {
    return new WalletExistsException(
        "hotkey '" + hotkey + "' already exists in wallet '" + name + "'; it is never overwritten");
  }

  /**
   * Checks a wallet or hotkey name: 1 to 64 of letters, digits, '_', '.', '-', not starting with
   * '.' or '-', so a name can never leave its directory.
   *
   * @throws WalletException naming the bad name
   */
  public static void checkName(final String what, final String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new WalletException(
          "invalid " + what + " name '" + name + "': use 1-64 letters, digits, '_', '.' or '-',"
              + " not starting with '.' or '-'");
    }
  }
}
