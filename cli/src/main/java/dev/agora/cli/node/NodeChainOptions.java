package dev.agora.cli.node;

import dev.agora.config.NodeOptions;
import picocli.CommandLine.Option;

/**
 * The wallet, subnet and chain flags {@code miner run} and {@code validator run} both take (the options of
 * {@link NodeOptions}); null when the flag was not given, so the file and environment apply.
 */
final class NodeChainOptions {
  @Option(names = "--wallet-path", paramLabel = "DIR", description = "Wallet directory (default: ~/.agora/wallets).")
  String walletPath;

  @Option(names = {"--wallet-name", "--wallet.name"}, description = "Wallet (coldkey) name (default: default).")
  String walletName;

  @Option(names = {"--wallet-hotkey", "--wallet.hotkey"}, description = "Hotkey name (default: default).")
  String walletHotkey;

  @Option(names = "--netuid", description = "Subnet (default: 1).")
  String netuid;

  @Option(names = "--chain", paramLabel = "URL", description = "Chain endpoint (default: http://127.0.0.1:9944).")
  String chain;

  /** New flags holding these options, for the command to add its own to. */
  NodeConfigs.Flags flags() {
    return new NodeConfigs.Flags()
        .put(NodeOptions.WALLET_PATH, walletPath)
        .put(NodeOptions.WALLET_NAME, walletName)
        .put(NodeOptions.WALLET_HOTKEY, walletHotkey)
        .put(NodeOptions.NETUID, netuid)
        .put(NodeOptions.CHAIN, chain);
  }
}
