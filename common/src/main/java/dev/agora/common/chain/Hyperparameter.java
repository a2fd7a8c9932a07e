package dev.agora.common.chain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The subnet hyperparameters, their defaults and bounds, after the reference chain (yuma/SPEC.md §8;
 * defaults are the values {@code init_new_network} writes for a new subnet). Every value is a long;
 * booleans are 0/1. "Owner" bounds apply to the subnet owner; the chain's root (sudo) key may set any
 * value within the type's range ({@link #rootMin()}..{@link #rootMax()}). Cross-parameter rules (alpha
 * low ≤ high, min_burn &lt; max_burn, max_allowed_uids ≥ n...) are checked by the chain.
 */
public enum Hyperparameter {
  TEMPO("tempo", 360, 360, 50400, 1, 65535, true),
  ACTIVITY_CUTOFF_FACTOR("activity_cutoff_factor", 13889, 1000, 50000, 1, 4294967295L, true),
  KAPPA("kappa", 32767, 0, 65535, 0, 65535, false),
  BONDS_MOVING_AVERAGE("bonds_moving_average", 900000, 0, 975000, 0, 1000000, true),
  BONDS_PENALTY("bonds_penalty", 65535, 0, 65535, 0, 65535, true),
  LIQUID_ALPHA_ENABLED("liquid_alpha_enabled", 0, 0, 1, 0, 1, true),
  ALPHA_LOW("alpha_low", 45875, 1638, 65535, 0, 65535, true),
  ALPHA_HIGH("alpha_high", 58982, 1638, 65535, 0, 65535, true),
  ALPHA_SIGMOID_STEEPNESS("alpha_sigmoid_steepness", 1000, 0, 32767, -32768, 32767, true),
  YUMA3_ENABLED("yuma3_enabled", 1, 0, 1, 0, 1, true),
  IMMUNITY_PERIOD("immunity_period", 5000, 0, 65535, 0, 65535, true),
  MIN_ALLOWED_WEIGHTS("min_allowed_weights", 1, 0, 65535, 0, 65535, true),
  WEIGHTS_RATE_LIMIT("weights_rate_limit", 100, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, false),
  WEIGHTS_VERSION_KEY("weights_version_key", 0, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, true),
  COMMIT_REVEAL_WEIGHTS_ENABLED("commit_reveal_weights_enabled", 1, 0, 1, 0, 1, true),
  COMMIT_REVEAL_PERIOD("commit_reveal_period", 1, 1, 100, 1, 100, true),
  MAX_ALLOWED_UIDS("max_allowed_uids", 256, 1, 256, 1, 4096, true),
  MIN_ALLOWED_UIDS("min_allowed_uids", 64, 1, 4096, 1, 4096, false),
  MAX_ALLOWED_VALIDATORS("max_allowed_validators", 64, 1, 4096, 1, 4096, false),
  STAKE_THRESHOLD("stake_threshold", 0, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, false),
  SERVING_RATE_LIMIT("serving_rate_limit", 50, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, true),
  BURN("burn", 1_000_000_000L, 0, Long.MAX_VALUE, 0, Long.MAX_VALUE, true),
  MIN_BURN("min_burn", 500_000L, 0, 999_999_999L, 0, Long.MAX_VALUE, true),
  MAX_BURN("max_burn", 100_000_000_000L, 100_000_001L, Long.MAX_VALUE, 0, Long.MAX_VALUE, true),
  NETWORK_REGISTRATION_ALLOWED("network_registration_allowed", 1, 0, 1, 0, 1, false),
  SUBNET_OWNER_CUT("subnet_owner_cut", 11796, 0, 65535, 0, 65535, false),
  ADMIN_FREEZE_WINDOW("admin_freeze_window", 10, 0, 65535, 0, 65535, false),
  OWNER_HPARAM_RATE_LIMIT("owner_hparam_rate_limit", 2, 0, 65535, 0, 65535, false);

  private final String key;
  private final long defaultValue;
  private final long ownerMin;
  private final long ownerMax;
  private final long rootMin;
  private final long rootMax;
  private final boolean ownerSettable;

  Hyperparameter(
      final String key,
      final long defaultValue,
      final long ownerMin,
      final long ownerMax,
      final long rootMin,
      final long rootMax,
      final boolean ownerSettable) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.ownerMin = ownerMin;
    this.ownerMax = ownerMax;
    this.rootMin = rootMin;
    this.rootMax = rootMax;
    this.ownerSettable = ownerSettable;
  }

  /** The stable snake_case name used in JSON, the CLI and extrinsics. */
  public String key() {
    return key;
  }

  public long defaultValue() {
    return defaultValue;
  }

  public long ownerMin() {
    return ownerMin;
  }

  public long ownerMax() {
    return ownerMax;
  }

  public long rootMin() {
    return rootMin;
  }

  public long rootMax() {
    return rootMax;
  }

  /** Whether the subnet owner may set it (otherwise root only). */
  public boolean ownerSettable() {
    return ownerSettable;
  }

  /** Whether the value is a 0/1 flag. */
  public boolean isFlag() {
    return rootMin == 0 && rootMax == 1;
  }

  /**
   * The owner's rate limit for this parameter in tempos: 5 for weights_version_key (SPEC §9), else the
   * subnet's owner_hparam_rate_limit.
   */
  public long ownerRateLimitTempos(final long ownerHparamRateLimit) {
    return this == WEIGHTS_VERSION_KEY ? 5 : ownerHparamRateLimit;
  }

  /** Looks a parameter up by its key (case-insensitive, '-' accepted for '_'). */
  public static Optional<Hyperparameter> byKey(final String key) {
    if (key == null) {
      return Optional.empty();
    }
    final String k = key.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(h -> h.key.equals(k)).findFirst();
  }
}
