package dev.agora.common.chain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The hash a validator commits for commit-reveal: hex sha256 of the canonical JSON of {@code
 * {"hotkey", "netuid", "salt", "uids", "version_key", "weights"}}. The hotkey is inside so one
 * validator's commit cannot be revealed as another's.
 */
public final class CommitHash {
  private CommitHash() {}

  public static String of(
      final String hotkey,
      final int netuid,
      final int[] uids,
      final int[] weights,
      final String salt,
      final long versionKey) {
    final Map<String, Object> m = new LinkedHashMap<>();
    m.put("hotkey", hotkey);
    m.put("netuid", netuid);
    m.put("salt", salt);
    m.put("uids", toList(uids));
    m.put("version_key", versionKey);
    m.put("weights", toList(weights));
    return SignedExtrinsic.sha256Hex(dev.agora.common.util.Json.canonical(m));
  }

  private static List<Integer> toList(final int[] a) {
    return IntStream.of(a).boxed().toList();
  }
}
