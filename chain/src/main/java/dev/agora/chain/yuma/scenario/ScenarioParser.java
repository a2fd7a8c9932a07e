package dev.agora.chain.yuma.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.agora.chain.yuma.YumaParams;
import dev.agora.common.math.I32F32;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads scenario files in the vectors.json format (SPEC §13). Integers are read exactly (never
 * through a double); decimals are kept as exact decimals. A malformed file gives an {@link
 * IllegalArgumentException} that names the case, the step and the field.
 *
 * <p>Accepted shapes: an object with {@code epoch_cases} (and optionally {@code coinbase_cases},
 * {@code math_cases}), a single case object (with {@code steps}), or an array of case objects.
 * Missing {@code params} keys take the reference mock defaults ({@code meta.conventions.
 * mock_defaults}: kappa 32767, bma 900000, bonds penalty 65535, liquid alpha and Yuma3 off, alpha
 * (45875, 58982), steepness 1000, stake threshold 0); tempo defaults to 360 and the activity cutoff
 * to {@code max(1, 13889·tempo/1000)}.
 */
public final class ScenarioParser {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  private static final Set<String> PARAM_KEYS =
      Set.of(
          "tempo",
          "activity_cutoff_blocks",
          "activity_cutoff_factor_milli",
          "kappa_u16",
          "bonds_moving_average",
          "bonds_penalty_u16",
          "yuma3",
          "liquid_alpha",
          "alpha_low_u16",
          "alpha_high_u16",
          "alpha_sigmoid_steepness",
          "max_allowed_validators",
          "stake_threshold",
          "owner_uid",
          "commit_reveal_enabled",
          "last_mechanism_step_block");

  private static final Pattern ABS_TOL = Pattern.compile("abs\\s+([0-9]+)");

  private ScenarioParser() {}

  /** Reads and parses a file. */
  public static ScenarioFile parse(final Path file) throws IOException {
    final JsonNode root;
    try {
      root = MAPPER.readTree(Files.readAllBytes(file));
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException(
          file + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return parse(root);
  }

  /** Parses JSON text. */
  public static ScenarioFile parse(final String json) {
    try {
      return parse(MAPPER.readTree(json));
    } catch (final JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a JSON tree. */
  public static ScenarioFile parse(final JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new IllegalArgumentException("empty scenario file");
    }
    final List<ScenarioCase> epochs = new ArrayList<>();
    final List<CoinbaseCase> coinbase = new ArrayList<>();
    int math = 0;
    if (root.isArray()) {
      int k = 0;
      for (final JsonNode c : root) {
        epochs.add(parseCase(c, "case #" + k++));
      }
    } else if (root.isObject() && root.has("steps")) {
      epochs.add(parseCase(root, "case"));
    } else if (root.isObject()) {
      if (!root.has("epoch_cases") && !root.has("coinbase_cases")) {
        throw new IllegalArgumentException(
            "no epoch_cases or coinbase_cases in the file (and it is not a single case with steps)");
      }
      int k = 0;
      for (final JsonNode c : root.path("epoch_cases")) {
        epochs.add(parseCase(c, "epoch_cases[" + k++ + "]"));
      }
      k = 0;
      for (final JsonNode c : root.path("coinbase_cases")) {
        coinbase.add(parseCoinbase(c, "coinbase_cases[" + k++ + "]"));
      }
      math = root.path("math_cases").size();
    } else {
      throw new IllegalArgumentException("a scenario file must be a JSON object or array");
    }
    return new ScenarioFile(List.copyOf(epochs), List.copyOf(coinbase), math);
  }

  static ScenarioCase parseCase(final JsonNode c, final String where) {
    if (!c.isObject()) {
      throw new IllegalArgumentException(where + ": a case must be an object");
    }
    final String id = c.path("id").asText(where);
    final String at = "case '" + id + "'";
    final List<String> warnings = new ArrayList<>();
    final JsonNode params = c.path("params");
    if (!params.isMissingNode() && !params.isObject()) {
      throw new IllegalArgumentException(at + ": params must be an object");
    }
    final Iterator<String> names = params.fieldNames();
    while (names.hasNext()) {
      final String k = names.next();
      if (!PARAM_KEYS.contains(k)) {
        warnings.add("unknown parameter '" + k + "' ignored");
      }
    }
    final long tempo = longOr(params, "tempo", YumaParams.DEFAULT_TEMPO, at);
    final long cutoff =
        params.has("activity_cutoff_blocks")
            ? longOr(params, "activity_cutoff_blocks", 0, at)
            : YumaParams.activityCutoffFromFactor(
                longOr(
                    params,
                    "activity_cutoff_factor_milli",
                    YumaParams.DEFAULT_ACTIVITY_CUTOFF_FACTOR_MILLI,
                    at),
                tempo);
    final YumaParams yp;
    try {
      yp =
          new YumaParams(
              tempo,
              cutoff,
              (int) longOr(params, "kappa_u16", YumaParams.DEFAULT_KAPPA_U16, at),
              longOr(params, "bonds_moving_average", YumaParams.DEFAULT_BONDS_MOVING_AVERAGE, at),
              (int) longOr(params, "bonds_penalty_u16", YumaParams.DEFAULT_BONDS_PENALTY_U16, at),
              boolOr(params, "yuma3", false, at),
              boolOr(params, "liquid_alpha", false, at),
              (int) longOr(params, "alpha_low_u16", YumaParams.DEFAULT_ALPHA_LOW_U16, at),
              (int) longOr(params, "alpha_high_u16", YumaParams.DEFAULT_ALPHA_HIGH_U16, at),
              (int)
                  longOr(
                      params,
                      "alpha_sigmoid_steepness",
                      YumaParams.DEFAULT_ALPHA_SIGMOID_STEEPNESS,
                      at),
              (int) longOr(params, "max_allowed_validators", 128, at),
              longOr(params, "stake_threshold", 0, at),
              boolOr(params, "commit_reveal_enabled", false, at));
    } catch (final IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": bad params: " + e.getMessage(), e);
    }
    final OptionalInt owner =
        params.path("owner_uid").isNull() || params.path("owner_uid").isMissingNode()
            ? OptionalInt.empty()
            : OptionalInt.of((int) longOr(params, "owner_uid", 0, at));
    final long lastStep = longOr(params, "last_mechanism_step_block", 0, at);

    final JsonNode init = c.path("initial_state");
    if (!init.isObject()) {
      throw new IllegalArgumentException(at + ": initial_state is missing");
    }
    final int n = (int) requireLong(init.path("n"), at + " initial_state.n");
    if (n < 0 || n > 65536) {
      throw new IllegalArgumentException(at + ": initial_state.n must be in 0..65536, got " + n);
    }
    final long block = requireLong(init.path("current_block"), at + " initial_state.current_block");
    final long[] stake = longArray(init.path("stake"), n, at + " initial_state.stake", true);
    final long[] reg =
        init.has("block_at_registration")
            ? longArray(init.path("block_at_registration"), n, at + " block_at_registration", true)
            : new long[n];
    final long[] upd =
        init.has("last_update")
            ? longArray(init.path("last_update"), n, at + " last_update", true)
            : new long[n];
    final boolean[] permit =
        init.has("validator_permit")
            ? boolArray(init.path("validator_permit"), n, at + " validator_permit")
            : new boolean[n];
    final int[][] wu = new int[n][];
    final int[][] wv = new int[n][];
    for (int i = 0; i < n; i++) {
      wu[i] = new int[0];
      wv[i] = new int[0];
    }
    if (init.has("weights")) {
      parseInitialWeights(init.path("weights"), n, wu, wv, at);
    }
    if (owner.isPresent() && (owner.getAsInt() < 0 || owner.getAsInt() >= n)) {
      throw new IllegalArgumentException(at + ": owner_uid " + owner.getAsInt() + " is not a uid");
    }
    final List<Step> steps = new ArrayList<>();
    final JsonNode stepsNode = c.path("steps");
    if (!stepsNode.isArray()) {
      throw new IllegalArgumentException(at + ": steps must be an array");
    }
    int k = 0;
    for (final JsonNode s : stepsNode) {
      steps.add(parseStep(s, n, at + " step " + k++));
    }
    return new ScenarioCase(
        id,
        c.path("description").asText(""),
        yp,
        owner,
        lastStep,
        new ScenarioCase.InitialState(n, block, stake, reg, upd, permit, wu, wv),
        List.copyOf(steps),
        List.copyOf(warnings));
  }

  private static void parseInitialWeights(
      final JsonNode w, final int n, final int[][] wu, final int[][] wv, final String at) {
    if (w.isObject()) { // {"uid": {"uids": [...], "values": [...]}} or {"uid": [[j, v], ...]}
      final Iterator<Map.Entry<String, JsonNode>> it = w.fields();
      while (it.hasNext()) {
        final Map.Entry<String, JsonNode> e = it.next();
        final int i = parseUid(e.getKey(), n, at + " initial_state.weights");
        setRow(e.getValue(), n, wu, wv, i, at + " initial_state.weights[" + i + "]");
      }
      return;
    }
    if (!w.isArray()) {
      throw new IllegalArgumentException(at + ": initial_state.weights must be an array or object");
    }
    int i = 0;
    for (final JsonNode row : w) {
      if (row.isObject() && row.has("uid")) {
        final int u = (int) requireLong(row.path("uid"), at + " initial_state.weights uid");
        checkUid(u, n, at + " initial_state.weights");
        setRow(row, n, wu, wv, u, at + " initial_state.weights[uid " + u + "]");
      } else {
        if (i >= n) {
          throw new IllegalArgumentException(at + ": initial_state.weights has more than n rows");
        }
        setRow(row, n, wu, wv, i, at + " initial_state.weights[" + i + "]");
      }
      i++;
    }
  }

  private static void setRow(
      final JsonNode row,
      final int n,
      final int[][] wu,
      final int[][] wv,
      final int i,
      final String at) {
    if (row.isObject()) {
      wu[i] = uidArray(row.path("uids"), n, at + ".uids");
      wv[i] = u16Array(row.path("values"), at + ".values");
    } else if (row.isArray() && row.size() > 0 && row.get(0).isArray()) { // [[j, v], ...]
      wu[i] = new int[row.size()];
      wv[i] = new int[row.size()];
      for (int k = 0; k < row.size(); k++) {
        wu[i][k] = (int) requireLong(row.get(k).path(0), at + "[" + k + "][0]");
        checkUid(wu[i][k], n, at);
        wv[i][k] = (int) requireLong(row.get(k).path(1), at + "[" + k + "][1]");
        checkU16(wv[i][k], at);
      }
    } else if (row.isArray()) { // dense row
      int cnt = 0;
      for (final JsonNode v : row) {
        if (requireLong(v, at) != 0) {
          cnt++;
        }
      }
      if (row.size() != n) {
        throw new IllegalArgumentException(at + ": dense row has " + row.size() + " entries, n = " + n);
      }
      wu[i] = new int[cnt];
      wv[i] = new int[cnt];
      int k = 0;
      for (int j = 0; j < n; j++) {
        final long v = requireLong(row.get(j), at);
        if (v != 0) {
          checkU16(v, at);
          wu[i][k] = j;
          wv[i][k++] = (int) v;
        }
      }
    } else {
      throw new IllegalArgumentException(at + ": weights row must be an object or array");
    }
    if (wu[i].length != wv[i].length) {
      throw new IllegalArgumentException(at + ": uids and values differ in length");
    }
  }

  static Step parseStep(final JsonNode s, final int n, final String at) {
    final String op = s.path("op").asText("");
    final String where = at + " (" + (op.isEmpty() ? "no op" : op) + ")";
    switch (op) {
      case "epoch":
        {
          final long rao = s.has("rao_emission") ? requireLong(s.path("rao_emission"), where + " rao_emission") : 0;
          if (rao < 0) {
            throw new IllegalArgumentException(where + ": rao_emission must be >= 0");
          }
          final Map<String, Double> tol = new LinkedHashMap<>();
          final JsonNode t = s.path("tolerance");
          if (t.isObject()) {
            final Iterator<Map.Entry<String, JsonNode>> it = t.fields();
            while (it.hasNext()) {
              final Map.Entry<String, JsonNode> e = it.next();
              if (!e.getValue().isNumber()) {
                throw new IllegalArgumentException(where + ": tolerance." + e.getKey() + " must be a number");
              }
              tol.put(e.getKey(), e.getValue().doubleValue());
            }
          }
          final JsonNode expect = s.path("expect");
          if (!expect.isMissingNode() && !expect.isObject()) {
            throw new IllegalArgumentException(where + ": expect must be an object");
          }
          return new Step.Epoch(
              rao,
              opt(expect),
              Map.copyOf(tol),
              opt(s.path("secondary_reference")),
              opt(s.path("expect_from_test_comments")),
              s.has("expect_rule") ? Optional.of(s.path("expect_rule").asText()) : Optional.empty(),
              s.has("note") ? Optional.of(s.path("note").asText()) : Optional.empty());
        }
      case "set_weights":
      case "insert_weights_raw":
        {
          final int uid = (int) requireLong(s.path("uid"), where + " uid");
          checkUid(uid, n, where);
          final int[] uids = uidArray(s.path("uids"), n, where + " uids");
          final int[] values = u16Array(s.path("values"), where + " values");
          if (uids.length != values.length) {
            throw new IllegalArgumentException(
                where + ": uids has " + uids.length + " entries but values has " + values.length);
          }
          for (int a = 0; a < uids.length; a++) {
            for (int b = a + 1; b < uids.length; b++) {
              if (uids[a] == uids[b]) {
                throw new IllegalArgumentException(where + ": uid " + uids[a] + " appears twice");
              }
            }
          }
          return op.equals("set_weights")
              ? new Step.SetWeights(uid, uids, values)
              : new Step.InsertWeightsRaw(uid, uids, values);
        }
      case "advance_to_block":
        return new Step.AdvanceToBlock(requireLong(s.path("block"), where + " block"));
      case "add_stake":
        {
          final int uid = (int) requireLong(s.path("uid"), where + " uid");
          checkUid(uid, n, where);
          return new Step.AddStake(uid, requireLong(s.path("amount"), where + " amount"));
        }
      case "replace_neuron":
        {
          final int uid = (int) requireLong(s.path("uid"), where + " uid");
          checkUid(uid, n, where);
          final long stake = s.has("new_stake") ? requireLong(s.path("new_stake"), where + " new_stake") : 0;
          if (stake < 0) {
            throw new IllegalArgumentException(where + ": new_stake must be >= 0");
          }
          return new Step.ReplaceNeuron(uid, stake);
        }
      case "reset_bonds_column":
        {
          final int uid = (int) requireLong(s.path("uid"), where + " uid");
          checkUid(uid, n, where);
          return new Step.ResetBondsColumn(uid);
        }
      default:
        throw new IllegalArgumentException(
            where + ": unknown op '" + op + "' (known: epoch, set_weights, insert_weights_raw, "
                + "advance_to_block, add_stake, replace_neuron, reset_bonds_column)");
    }
  }

  static CoinbaseCase parseCoinbase(final JsonNode c, final String where) {
    final String id = c.path("id").asText(where);
    final String at = "coinbase case '" + id + "'";
    long tol = 0;
    final String tu = c.path("tolerance_upstream").asText("exact");
    final Matcher m = ABS_TOL.matcher(tu);
    if (m.find()) {
      tol = Long.parseLong(m.group(1));
    }
    final List<CoinbaseCase.Check> checks = new ArrayList<>();
    if (c.has("inputs")) {
      final JsonNode in = c.path("inputs");
      final Map<String, Long> exp = new LinkedHashMap<>();
      final Iterator<Map.Entry<String, JsonNode>> it = c.path("expected").fields();
      while (it.hasNext()) {
        final Map.Entry<String, JsonNode> e = it.next();
        exp.put(e.getKey(), requireLong(e.getValue(), at + " expected." + e.getKey()));
      }
      checks.add(
          new CoinbaseCase.Check(
              requireLong(in.path("alpha_out"), at + " alpha_out"),
              ownerCutOf(in, at),
              I32F32.fromDouble(in.path("root_proportion").asDouble(0)),
              Map.copyOf(exp),
              tol));
    }
    for (final JsonNode sub : c.path("cases")) {
      final Map<String, Long> exp = new LinkedHashMap<>();
      final Iterator<Map.Entry<String, JsonNode>> it = sub.fields();
      while (it.hasNext()) {
        final Map.Entry<String, JsonNode> e = it.next();
        if (e.getKey().startsWith("expected_")) {
          exp.put(e.getKey().substring("expected_".length()), requireLong(e.getValue(), at + " " + e.getKey()));
        }
      }
      checks.add(
          new CoinbaseCase.Check(
              requireLong(sub.path("alpha_out"), at + " alpha_out"),
              ownerCutOf(sub, at),
              I32F32.fromDouble(sub.path("root_proportion").asDouble(0)),
              Map.copyOf(exp),
              tol));
    }
    if (checks.isEmpty()) {
      throw new IllegalArgumentException(at + ": neither inputs nor cases");
    }
    return new CoinbaseCase(id, List.copyOf(checks));
  }

  private static int ownerCutOf(final JsonNode in, final String at) {
    if (in.has("subnet_owner_cut_u16")) {
      final long v = requireLong(in.path("subnet_owner_cut_u16"), at + " subnet_owner_cut_u16");
      checkU16(v, at);
      return (int) v;
    }
    if (in.has("owner_cut_fraction")) {
      final double f = in.path("owner_cut_fraction").asDouble();
      if (!(f >= 0 && f <= 1)) {
        throw new IllegalArgumentException(at + ": owner_cut_fraction must be in [0, 1]");
      }
      return (int) Math.round(f * 65535);
    }
    return 0;
  }

  private static Optional<JsonNode> opt(final JsonNode n) {
    return n == null || n.isMissingNode() || n.isNull() ? Optional.empty() : Optional.of(n);
  }

  private static int parseUid(final String key, final int n, final String at) {
    final int u;
    try {
      u = Integer.parseInt(key.trim());
    } catch (final NumberFormatException e) {
      throw new IllegalArgumentException(at + ": '" + key + "' is not a uid", e);
    }
    checkUid(u, n, at);
    return u;
  }

  static long requireLong(final JsonNode v, final String what) {
    if (v == null || v.isMissingNode() || v.isNull()) {
      throw new IllegalArgumentException(what + " is missing");
    }
    if (v.isIntegralNumber()) {
      final BigInteger b = v.bigIntegerValue();
      if (b.bitLength() > 63) {
        throw new IllegalArgumentException(what + " = " + b + " does not fit a signed 64-bit integer");
      }
      return b.longValue();
    }
    if (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0) {
      try {
        return v.decimalValue().longValueExact();
      } catch (final ArithmeticException e) {
        throw new IllegalArgumentException(what + " = " + v + " does not fit a signed 64-bit integer", e);
      }
    }
    throw new IllegalArgumentException(what + " must be an integer, got " + v);
  }

  private static long longOr(final JsonNode obj, final String key, final long dflt, final String at) {
    final JsonNode v = obj.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    return requireLong(v, at + " params." + key);
  }

  private static boolean boolOr(final JsonNode obj, final String key, final boolean dflt, final String at) {
    final JsonNode v = obj.path(key);
    if (v.isMissingNode() || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(at + " params." + key + " must be true or false, got " + v);
    }
    return v.booleanValue();
  }

  private static long[] longArray(final JsonNode a, final int n, final String what, final boolean nonNeg) {
    if (!a.isArray() || a.size() != n) {
      throw new IllegalArgumentException(what + " must be an array of n = " + n + " integers");
    }
    final long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = requireLong(a.get(i), what + "[" + i + "]");
      if (nonNeg && r[i] < 0) {
        throw new IllegalArgumentException(what + "[" + i + "] must be >= 0, got " + r[i]);
      }
    }
    return r;
  }

  private static boolean[] boolArray(final JsonNode a, final int n, final String what) {
    if (!a.isArray() || a.size() != n) {
      throw new IllegalArgumentException(what + " must be an array of n = " + n + " booleans");
    }
    final boolean[] r = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (!a.get(i).isBoolean()) {
        throw new IllegalArgumentException(what + "[" + i + "] must be true or false");
      }
      r[i] = a.get(i).booleanValue();
    }
    return r;
  }

  private static int[] uidArray(final JsonNode a, final int n, final String what) {
    if (!a.isArray()) {
      throw new IllegalArgumentException(what + " must be an array");
    }
    final int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      final long u = requireLong(a.get(i), what + "[" + i + "]");
      checkUid(u, n, what);
      r[i] = (int) u;
    }
    return r;
  }

  private static int[] u16Array(final JsonNode a, final String what) {
    if (!a.isArray()) {
      throw new IllegalArgumentException(what + " must be an array");
    }
    final int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      final long v = requireLong(a.get(i), what + "[" + i + "]");
      checkU16(v, what + "[" + i + "]");
      r[i] = (int) v;
    }
    return r;
  }

  private static void checkUid(final long u, final int n, final String at) {
    if (u < 0 || u >= n) {
      throw new IllegalArgumentException(at + ": uid " + u + " is not in 0.." + (n - 1));
    }
  }

  private static void checkU16(final long v, final String at) {
    if (v < 0 || v > 65535) {
      throw new IllegalArgumentException(at + ": " + v + " is not a u16 (0..65535)");
    }
  }
}
