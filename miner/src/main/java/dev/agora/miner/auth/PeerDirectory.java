package dev.agora.miner.auth;

import java.util.Optional;

/** The miner's view of who is registered on its netuid; refreshed from the chain. */
public interface PeerDirectory {
  Optional<Peer> byHotkey(String hotkeyAddress);
}
