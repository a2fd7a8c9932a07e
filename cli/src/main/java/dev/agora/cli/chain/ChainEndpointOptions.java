package dev.agora.cli.chain;

import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the chain is ({@code --chain}, else {@code AGORA_CHAIN}, else the local default) and --json. */
public final class ChainEndpointOptions {
  /** The default endpoint (ChainConfig's default RPC host and port). */
  public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9944";

  @Option(names = "--chain", paramLabel = "URL",
      description = "Chain HTTP endpoint (default: $AGORA_CHAIN, else " + DEFAULT_ENDPOINT + ").")
  private String chain;

  @Option(names = "--json", description = "Print machine-readable JSON.")
  private boolean json;

  public String endpoint() {
    return Optional.ofNullable(chain)
        .or(() -> Optional.ofNullable(System.getenv("AGORA_CHAIN")).filter(s -> !s.isBlank()))
        .orElse(DEFAULT_ENDPOINT);
  }

  public boolean json() {
    return json;
  }
}
