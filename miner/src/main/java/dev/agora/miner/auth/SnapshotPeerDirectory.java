package dev.agora.miner.auth;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A {@link PeerDirectory} holding an immutable snapshot that is swapped atomically on refresh. */
public final class SnapshotPeerDirectory implements PeerDirectory {
  private volatile Map<String, Peer> byHotkey = Map.of();

  public SnapshotPeerDirectory() {}

  public SnapshotPeerDirectory(final Collection<Peer> peers) {
    replace(peers);
  }

  /** Replaces the whole snapshot. */
  public void replace(final Collection<Peer> peers) {
    byHotkey = peers.stream().collect(Collectors.toUnmodifiableMap(Peer::hotkey, Function.identity(), (a, b) -> a));
  }

  @Override
  public Optional<Peer> byHotkey(final String hotkeyAddress) {
    return Optional.ofNullable(byHotkey.get(hotkeyAddress));
  }

  public int size() {
    return byHotkey.size();
  }
}
