package dev.agora.config;

import java.util.regex.Pattern;

/** The options every node shares (wallet, subnet, chain endpoint), used by several config records. */
public final class NodeOptions {
  public static final String DEFAULT_WALLET_PATH = "~/.agora/wallets";
  public static final String DEFAULT_WALLET_NAME = "default";
  public static final String DEFAULT_WALLET_HOTKEY = "default";
  public static final int DEFAULT_NETUID = 1;
  public static final String DEFAULT_CHAIN = "http://127.0.0.1:9944";

  /** Wallet and hotkey names become file names: letters, digits, dot, dash and underscore. */
  static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");

  /** A host name, IPv4 address or bracketless IPv6 address. */
  static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:_-]{1,253}");

  /** An http(s) URL with a host and an optional port and path. */
  static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.\\-_\\[\\]:]+(:[0-9]{1,5})?(/[^\\s]*)?");

  public static final Option<java.nio.file.Path> WALLET_PATH =
      Option.ofPath("wallet.path", DEFAULT_WALLET_PATH, "Directory that holds the wallets.");

  public static final Option<String> WALLET_NAME =
      Option.ofString(
          "wallet.name",
          DEFAULT_WALLET_NAME,
          KEY_NAME,
          "1..64 of A-Z a-z 0-9 . _ -",
          "Wallet (coldkey) name under the wallet path.");

  public static final Option<String> WALLET_HOTKEY =
      Option.ofString(
          "wallet.hotkey",
          DEFAULT_WALLET_HOTKEY,
          KEY_NAME,
          "1..64 of A-Z a-z 0-9 . _ -",
          "Hotkey name inside the wallet; the node acts as this hotkey.");

  public static final Option<Integer> NETUID =
      Option.ofInt("netuid", DEFAULT_NETUID, 0, 65_535, "Subnet the node works on.");

  public static final Option<String> CHAIN =
      Option.ofString(
          "chain",
          DEFAULT_CHAIN,
          URL,
          "an http:// or https:// URL",
          "Chain RPC endpoint.");

  private NodeOptions() {}
}
