package dev.agora.chain.yuma.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.chain.yuma.YumaOutput;
import dev.agora.chain.yuma.scenario.ScenarioReport.Mismatch;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares an {@code expect} object with an epoch output (SPEC §13).
 *
 * <p>Fields: {@code consensus|incentive|dividends|validator_trust|stake_weight} with suffix {@code
 * _u16} (stored u16, integers) or {@code _i32f32} (the fixed-point value as a decimal), or without
 * suffix (the stored u16 / 65535, what upstream's Yuma3 tests read); {@code emission}, {@code
 * server_emission}, {@code validator_emission} (rao); {@code normalized_combined_emission},
 * {@code normalized_server_emission}, {@code normalized_validator_emission} (decimals); {@code
 * new_validator_permit}, {@code active} (booleans); {@code bonds_u16} / {@code bonds_u16_after}
 * (an n×n matrix, or a list of {@code {i, j, value}}; a missing bond is 0).
 *
 * <p>Vectors are full arrays of length n, or objects {@code {"uid": value}} naming some uids. A
 * field without a tolerance is exact: integers equal, decimals equal to the I32F32 value nearest
 * to the written number.
 */
final class ExpectationChecker {
  static final Set<String> FIELDS =
      Set.of(
          "consensus_u16", "consensus_i32f32", "consensus",
          "incentive_u16", "incentive_i32f32", "incentive",
          "dividends_u16", "dividends_i32f32", "dividends",
          "validator_trust_u16", "validator_trust_i32f32", "validator_trust",
          "stake_weight_u16", "stake_weight_i32f32", "stake_weight",
          "emission", "server_emission", "validator_emission",
          "normalized_combined_emission", "normalized_server_emission",
          "normalized_validator_emission",
          "new_validator_permit", "active",
          "bonds_u16", "bonds_u16_after");

  private static final BigDecimal TWO_32 = new BigDecimal(BigInteger.ONE.shiftLeft(32));
  private static final BigDecimal U16 = BigDecimal.valueOf(65535);

  private ExpectationChecker() {}

  /**
   * Checks every field of {@code expect}.
   *
   * @param prefix prefix for field names in mismatches ("" for expect)
   * @param expect the expectation object
   * @param tolerance absolute tolerances by field
   * @param out the epoch output
   * @param checked receives the names of the compared fields
   * @param mismatches receives the failures
   */
  static void check(
      final String prefix,
      final JsonNode expect,
      final Map<String, Double> tolerance,
      final YumaOutput out,
      final List<String> checked,
      final List<Mismatch> mismatches) {
    final Iterator<Map.Entry<String, JsonNode>> it = expect.fields();
    while (it.hasNext()) {
      final Map.Entry<String, JsonNode> e = it.next();
      final String field = e.getKey();
      final String name = prefix + field;
      final double tol = tolerance.getOrDefault(field, 0.0);
      if (!FIELDS.contains(field)) {
        mismatches.add(new Mismatch(name, "field", "a known output field", "unknown field", 0));
        continue;
      }
      checked.add(name);
      switch (field) {
        case "bonds_u16", "bonds_u16_after" -> checkBonds(name, e.getValue(), out, tol, mismatches);
        case "new_validator_permit" -> checkBools(name, e.getValue(), out.newValidatorPermit(), mismatches);
        case "active" -> checkBools(name, e.getValue(), out.active(), mismatches);
        default -> checkVector(name, field, e.getValue(), out, tol, mismatches);
      }
    }
  }

  private enum Kind {
    INTEGER,
    FIXED,
    PROPORTION
  }

  private static void checkVector(
      final String name,
      final String field,
      final JsonNode exp,
      final YumaOutput out,
      final double tol,
      final List<Mismatch> mismatches) {
    final long[] actual;
    final Kind kind;
    switch (field) {
      case "consensus_u16" -> { actual = toLong(out.consensusU16()); kind = Kind.INTEGER; }
      case "incentive_u16" -> { actual = toLong(out.incentiveU16()); kind = Kind.INTEGER; }
      case "dividends_u16" -> { actual = toLong(out.dividendsU16()); kind = Kind.INTEGER; }
      case "validator_trust_u16" -> { actual = toLong(out.validatorTrustU16()); kind = Kind.INTEGER; }
      case "stake_weight_u16" -> { actual = toLong(out.stakeWeightU16()); kind = Kind.INTEGER; }
      case "consensus" -> { actual = toLong(out.consensusU16()); kind = Kind.PROPORTION; }
      case "incentive" -> { actual = toLong(out.incentiveU16()); kind = Kind.PROPORTION; }
      case "dividends" -> { actual = toLong(out.dividendsU16()); kind = Kind.PROPORTION; }
      case "validator_trust" -> { actual = toLong(out.validatorTrustU16()); kind = Kind.PROPORTION; }
      case "stake_weight" -> { actual = toLong(out.stakeWeightU16()); kind = Kind.PROPORTION; }
      case "consensus_i32f32" -> { actual = out.consensus(); kind = Kind.FIXED; }
      case "incentive_i32f32" -> { actual = out.incentive(); kind = Kind.FIXED; }
      case "dividends_i32f32" -> { actual = out.dividends(); kind = Kind.FIXED; }
      case "validator_trust_i32f32" -> { actual = out.validatorTrust(); kind = Kind.FIXED; }
      case "stake_weight_i32f32" -> { actual = out.stakeWeight(); kind = Kind.FIXED; }
      case "normalized_combined_emission" -> { actual = out.normalizedCombinedEmission(); kind = Kind.FIXED; }
      case "normalized_server_emission" -> { actual = out.normalizedServerEmission(); kind = Kind.FIXED; }
      case "normalized_validator_emission" -> { actual = out.normalizedValidatorEmission(); kind = Kind.FIXED; }
      case "emission" -> { actual = out.emission(); kind = Kind.INTEGER; }
      case "server_emission" -> { actual = out.serverEmission(); kind = Kind.INTEGER; }
      case "validator_emission" -> { actual = out.validatorEmission(); kind = Kind.INTEGER; }
      default -> throw new IllegalStateException("unhandled field " + field);
    }
    forEachEntry(name, exp, actual.length, mismatches, (uid, v) -> {
      final String err = compare(kind, v, actual[uid], tol);
      if (err != null) {
        mismatches.add(new Mismatch(name, "[" + uid + "]", v.asText(), render(kind, actual[uid]), tol));
      }
    });
  }

  /** Returns null when equal within tolerance, else a non-null marker. */
  private static String compare(final Kind kind, final JsonNode v, final long actual, final double tol) {
    if (!v.isNumber()) {
      return "not a number";
    }
    final BigDecimal expected = v.decimalValue();
    final BigDecimal act = value(kind, actual);
    if (tol > 0) {
      return act.subtract(expected).abs().compareTo(BigDecimal.valueOf(tol)) <= 0 ? null : "off";
    }
    switch (kind) {
      case INTEGER:
        return act.compareTo(expected) == 0 ? null : "off";
      case FIXED:
        // exact: the written number's nearest I32F32 value
        final BigInteger raw = expected.multiply(TWO_32).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        return raw.equals(BigInteger.valueOf(actual)) ? null : "off";
      default:
        // exact proportion: the written number times 65535 must round to the stored u16
        final BigInteger u = expected.multiply(U16).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        return u.equals(BigInteger.valueOf(actual)) ? null : "off";
    }
  }

  private static BigDecimal value(final Kind kind, final long actual) {
    return switch (kind) {
      case INTEGER -> BigDecimal.valueOf(actual);
      case FIXED -> new BigDecimal(actual).divide(TWO_32, MathContext.DECIMAL128);
      case PROPORTION -> BigDecimal.valueOf(actual).divide(U16, MathContext.DECIMAL128);
    };
  }

  private static String render(final Kind kind, final long actual) {
    return switch (kind) {
      case INTEGER -> Long.toString(actual);
      case FIXED -> value(kind, actual).setScale(10, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
          + " (raw " + actual + ")";
      case PROPORTION -> value(kind, actual).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString()
          + " (u16 " + actual + ")";
    };
  }

  private static void checkBools(
      final String name, final JsonNode exp, final boolean[] actual, final List<Mismatch> mismatches) {
    forEachEntry(name, exp, actual.length, mismatches, (uid, v) -> {
      if (!v.isBoolean() || v.booleanValue() != actual[uid]) {
        mismatches.add(new Mismatch(name, "[" + uid + "]", v.asText(), Boolean.toString(actual[uid]), 0));
      }
    });
  }

  private static void checkBonds(
      final String name,
      final JsonNode exp,
      final YumaOutput out,
      final double tol,
      final List<Mismatch> mismatches) {
    final int n = out.n();
    final int[][] dense = out.bonds().toDense(n);
    if (!exp.isArray()) {
      mismatches.add(new Mismatch(name, "shape", "an array", exp.getNodeType().toString(), 0));
      return;
    }
    final boolean entries = exp.size() > 0 && exp.get(0).isObject();
    if (entries) {
      for (final JsonNode e : exp) {
        final int i = e.path("i").asInt(-1);
        final int j = e.path("j").asInt(-1);
        if (i < 0 || i >= n || j < 0 || j >= n) {
          mismatches.add(new Mismatch(name, "(" + i + "," + j + ")", e.toString(), "no such entry", 0));
          continue;
        }
        bondCell(name, e.path("value"), dense[i][j], i, j, tol, mismatches);
      }
      return;
    }
    if (exp.size() != n) {
      mismatches.add(new Mismatch(name, "rows", Integer.toString(exp.size()), Integer.toString(n), 0));
      return;
    }
    for (int i = 0; i < n; i++) {
      final JsonNode row = exp.get(i);
      if (!row.isArray() || row.size() != n) {
        mismatches.add(new Mismatch(name, "row " + i, "n = " + n + " values", row.toString(), 0));
        continue;
      }
      for (int j = 0; j < n; j++) {
        bondCell(name, row.get(j), dense[i][j], i, j, tol, mismatches);
      }
    }
  }

  private static void bondCell(
      final String name,
      final JsonNode v,
      final int actual,
      final int i,
      final int j,
      final double tol,
      final List<Mismatch> mismatches) {
    if (compare(Kind.INTEGER, v, actual, tol) != null) {
      mismatches.add(new Mismatch(name, "(" + i + "," + j + ")", v.asText(), Integer.toString(actual), tol));
    }
  }

  private interface EntryCheck {
    void check(int uid, JsonNode value);
  }

  private static void forEachEntry(
      final String name,
      final JsonNode exp,
      final int n,
      final List<Mismatch> mismatches,
      final EntryCheck check) {
    if (exp.isArray()) {
      if (exp.size() != n) {
        mismatches.add(new Mismatch(name, "length", Integer.toString(exp.size()), Integer.toString(n), 0));
        return;
      }
      for (int i = 0; i < n; i++) {
        check.check(i, exp.get(i));
      }
    } else if (exp.isObject()) {
      final Iterator<Map.Entry<String, JsonNode>> it = exp.fields();
      while (it.hasNext()) {
        final Map.Entry<String, JsonNode> e = it.next();
        final int uid;
        try {
          uid = Integer.parseInt(e.getKey().trim());
        } catch (final NumberFormatException ex) {
          mismatches.add(new Mismatch(name, e.getKey(), e.getValue().asText(), "not a uid", 0));
          continue;
        }
        if (uid < 0 || uid >= n) {
          mismatches.add(new Mismatch(name, "[" + uid + "]", e.getValue().asText(), "no such uid", 0));
          continue;
        }
        check.check(uid, e.getValue());
      }
    } else {
      mismatches.add(new Mismatch(name, "shape", "an array or {uid: value}", exp.toString(), 0));
    }
  }

  private static long[] toLong(final int[] a) {
    final long[] r = new long[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i];
    }
    return r;
  }
}
