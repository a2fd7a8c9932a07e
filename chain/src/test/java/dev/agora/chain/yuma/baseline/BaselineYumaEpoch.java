package dev.agora.chain.yuma.baseline;

import dev.agora.chain.yuma.U16Rows;
import dev.agora.chain.yuma.YumaInput;
import dev.agora.chain.yuma.YumaOutput;
import dev.agora.chain.yuma.YumaParams;

import java.util.Arrays;

/**
 * The sparse epoch of the reference chain ({@code epoch_mechanism}, yuma/SPEC.md §3) as a pure
 * function: no clock, no I/O, no shared state. Same input, same output, bit for bit.
 */
public final class BaselineYumaEpoch {
  private BaselineYumaEpoch() {}

  /**
   * Runs one epoch.
   *
   * @param in the subnet state and hyperparameters
   * @return consensus, incentive, dividends, trust, permits, emission shares and amounts, and the
   *     bonds to store
   */
  public static YumaOutput run(final YumaInput in) {
    final int n = in.n();
    final YumaParams p = in.params();
    final int owner = in.ownerUid().orElse(-1);

    // 3.1 activity
    final boolean[] active = new boolean[n];
    final boolean[] inactive = new boolean[n];
    for (int i = 0; i < n; i++) {
      inactive[i] = saturatingAdd(in.lastUpdate()[i], p.activityCutoffBlocks()) < in.currentBlock();
      active[i] = !inactive[i];
    }

    // 3.2 stake, threshold filter (owner exempt), normalised
    final long[] filtered = new long[n];
    for (int i = 0; i < n; i++) {
      final long s = in.stake()[i];
      filtered[i] = (s < p.stakeThreshold() && i != owner) ? 0 : s;
    }
    final long[] stake = BaselineYumaMath.normalizeStake(filtered);

    // 3.3 permits: the stored ones gate this epoch, the top-k ones are stored for the next
    final boolean[] permit = in.validatorPermit().clone();
    if (owner >= 0) {
      permit[owner] = true;
    }
    final boolean[] newPermit = BaselineYumaMath.isTopkNonzero(stake, p.maxAllowedValidators());
    if (owner >= 0) {
      newPermit[owner] = true;
    }

    // 3.4 active stake
    final long[] activeStake = stake.clone();
    for (int i = 0; i < n; i++) {
      if (inactive[i] || !permit[i]) {
        activeStake[i] = 0;
      }
    }
    BaselineYumaMath.normalizeInPlace(activeStake);

    // 3.5 weights: permit rows, diagonal (owner kept), outdated mask, CR mask, row-normalise
    final BaselineSparseFixed weights = loadWeights(in, permit, owner);

    // 3.6 consensus
    final long kappa = BaselineI32F32.fromU16Proportion(p.kappaU16());
    final long[] consensus = BaselineYumaMath.weightedMedianColSparse(activeStake, weights, kappa);

    // 3.7 clip, validator trust
    final BaselineSparseFixed clipped = BaselineYumaMath.colClipSparse(weights, consensus);
    final long[] validatorTrust = BaselineYumaMath.rowSum(clipped);

    // 3.8 ranks, incentive
    final long[] incentive = BaselineYumaMath.matmulSparse(clipped, activeStake);
    BaselineYumaMath.normalizeInPlace(incentive);

    // 3.9 weights for bonds
    final long beta = BaselineI32F32.fromU16Proportion(p.bondsPenaltyU16());
    final BaselineSparseFixed weightsForBonds = BaselineYumaMath.interpolateSparse(weights, clipped, beta);

    // 3.10 bonds and dividends
    final long lastTempo =
        in.lastMechanismStepBlock() != 0
            ? saturatingAdd(in.lastMechanismStepBlock(), 1)
            : Math.max(0, in.currentBlock() - p.tempo());
    final BaselineSparseFixed emaBonds;
    final long[] dividends;
    if (p.yuma3()) {
      final BaselineSparseFixed bonds =
          maskRecentColumns(BaselineSparseFixed.fromU16AsProportion(in.bonds(), n), lastTempo, in);
      emaBonds = computeBondsYuma3(p, weightsForBonds, bonds, consensus);
      final BaselineSparseFixed norm = emaBonds.copy();
      BaselineYumaMath.colNormalizeInPlace(norm);
      final long[] perValidator = BaselineYumaMath.matmulTransposeSparse(norm, incentive);
      dividends = new long[n];
      for (int i = 0; i < n; i++) {
        dividends[i] = BaselineI32F32.mul(perValidator[i], activeStake[i]);
      }
      BaselineYumaMath.normalizeInPlace(dividends);
    } else {
      final BaselineSparseFixed bonds =
          maskRecentColumns(BaselineSparseFixed.fromU16AsInteger(in.bonds(), n), lastTempo, in);
      BaselineYumaMath.colNormalizeInPlace(bonds);
      final BaselineSparseFixed delta = BaselineYumaMath.rowHadamardSparse(weightsForBonds, activeStake);
      BaselineYumaMath.colNormalizeInPlace(delta);
      final long alpha = BaselineI32F32.alphaFromMovingAverage(p.bondsMovingAverage());
      emaBonds = BaselineYumaMath.matEmaSparse(delta, bonds, alpha);
      BaselineYumaMath.colNormalizeInPlace(emaBonds);
      dividends = BaselineYumaMath.matmulTransposeSparse(emaBonds, incentive);
      BaselineYumaMath.normalizeInPlace(dividends);
      BaselineYumaMath.colMaxUpscaleInPlace(emaBonds);
    }

    // 3.11 emission shares
    final long[] combined = new long[n];
    long emissionSum = 0;
    for (int i = 0; i < n; i++) {
      combined[i] = BaselineI32F32.add(incentive[i], dividends[i]);
      emissionSum += combined[i];
    }
    long[] serverShare = incentive.clone();
    long[] validatorShare = dividends.clone();
    long[] combinedShare = combined.clone();
    BaselineYumaMath.normalizeUsingSumInPlace(serverShare, emissionSum);
    BaselineYumaMath.normalizeUsingSumInPlace(validatorShare, emissionSum);
    BaselineYumaMath.normalizeInPlace(combinedShare);
    if (emissionSum == 0) {
      final long[] fallback = isZero(activeStake) ? stake : activeStake;
      validatorShare = fallback.clone();
      combinedShare = fallback.clone();
    }
    final long rao = in.raoEmission();
    final long[] serverEmission = new long[n];
    final long[] validatorEmission = new long[n];
    final long[] emission = new long[n];
    for (int i = 0; i < n; i++) {
      serverEmission[i] = BaselineI32F32.mulFloorToLong(serverShare[i], rao);
      validatorEmission[i] = BaselineI32F32.mulFloorToLong(validatorShare[i], rao);
      emission[i] = BaselineI32F32.mulFloorToLong(combinedShare[i], rao);
    }

    // 3.12 bonds storage
    final U16Rows storedBonds = storeBonds(in.bonds(), emaBonds, newPermit, permit);

    return new YumaOutput(
        active,
        stake,
        activeStake,
        consensus,
        incentive,
        dividends,
        validatorTrust,
        newPermit,
        serverShare,
        validatorShare,
        combinedShare,
        serverEmission,
        validatorEmission,
        emission,
        storedBonds);
  }

  private static BaselineSparseFixed loadWeights(
      final YumaInput in, final boolean[] permit, final int owner) {
    final int n = in.n();
    final long[] lastUpdate = in.lastUpdate();
    final long[] registered = in.blockAtRegistration();
    final boolean crMask = in.params().commitRevealEnabled() && in.commitBlocks().isPresent();
    final long[] commits = crMask ? in.commitBlocks().get() : null;
    final int[][] oc = new int[n][];
    final long[][] ov = new long[n][];
    for (int i = 0; i < n; i++) {
      final int[] u = in.weights().uids()[i];
      final int[] v = in.weights().values()[i];
      if (!permit[i] || u.length == 0) {
        oc[i] = BaselineSparseFixed.NO_COLS;
        ov[i] = BaselineSparseFixed.NO_VALS;
        continue;
      }
      final long commit = crMask ? commits[i] : YumaInput.NO_COMMIT;
      int[] rc = new int[u.length];
      long[] rv = new long[u.length];
      int cnt = 0;
      long rowSum = 0;
      for (int k = 0; k < u.length; k++) {
        final int j = u[k];
        if (j == i && i != owner) {
          continue; // self-weight (the owner's is kept)
        }
        if (lastUpdate[i] <= registered[j]) {
          continue; // outdated: set before j registered
        }
        if (commit >= 0 && commit < registered[j]) {
          continue; // committed before j registered
        }
        rc[cnt] = j;
        rv[cnt++] = v[k];
        rowSum += v[k];
      }
      if (rowSum > 0) {
        for (int k = 0; k < cnt; k++) {
          // (v·2^32)/(Σ·2^32) in BaselineI32F32 = floor(v·2^32/Σ); v ≤ 65535 so v<<32 fits
          rv[k] = (rv[k] << 32) / rowSum;
        }
      } else {
        for (int k = 0; k < cnt; k++) {
          rv[k] = BaselineI32F32.fromInt(rv[k]);
        }
      }
      if (cnt != u.length) {
        rc = Arrays.copyOf(rc, cnt);
        rv = Arrays.copyOf(rv, cnt);
      }
      oc[i] = rc;
      ov[i] = rv;
    }
    return new BaselineSparseFixed(n, oc, ov);
  }

  /** Drops bonds toward uids registered at or after the last epoch ({@code last_tempo <= reg}). */
  private static BaselineSparseFixed maskRecentColumns(
      final BaselineSparseFixed bonds, final long lastTempo, final YumaInput in) {
    final long[] registered = in.blockAtRegistration();
    for (int i = 0; i < bonds.rows(); i++) {
      final int[] c = bonds.cols()[i];
      int cnt = 0;
      for (final int j : c) {
        if (!(lastTempo <= registered[j])) {
          cnt++;
        }
      }
      if (cnt == c.length) {
        continue;
      }
      final int[] rc = new int[cnt];
      final long[] rv = new long[cnt];
      int k2 = 0;
      for (int k = 0; k < c.length; k++) {
        if (!(lastTempo <= registered[c[k]])) {
          rc[k2] = c[k];
          rv[k2++] = bonds.vals()[i][k];
        }
      }
      bonds.cols()[i] = rc;
      bonds.vals()[i] = rv;
    }
    return bonds;
  }

  private static BaselineSparseFixed computeBondsYuma3(
      final YumaParams p,
      final BaselineSparseFixed weights,
      final BaselineSparseFixed bonds,
      final long[] consensus) {
    if (p.liquidAlpha() && !isZero(consensus)) {
      final long low = BaselineI32F32.fromU16Proportion(p.alphaLowU16());
      final long high = BaselineI32F32.fromU16Proportion(p.alphaHighU16());
      final long steepness = BaselineI32F32.fromInt(p.alphaSigmoidSteepness());
      final int n = weights.columns();
      final long[] bondRow = new long[n];
      final long[][] alphas = new long[weights.rows()][];
      for (int i = 0; i < weights.rows(); i++) {
        final int[] wc = weights.cols()[i];
        final long[] wv = weights.vals()[i];
        final int[] bc = bonds.cols()[i];
        final long[] bv = bonds.vals()[i];
        for (int k = bc.length - 1; k >= 0; k--) {
          bondRow[bc[k]] = bv[k];
        }
        final long[] a = new long[wc.length];
        for (int k = 0; k < wc.length; k++) {
          final int j = wc[k];
          a[k] = BaselineYumaMath.alphaSigmoid(consensus[j], wv[k], bondRow[j], low, high, steepness);
        }
        for (final int j : bc) {
          bondRow[j] = 0;
        }
        alphas[i] = a;
      }
      return BaselineYumaMath.matEmaAlphaSparse(
          weights, bonds, new BaselineSparseFixed(n, weights.cols(), alphas));
    }
    final long alpha = BaselineI32F32.alphaFromMovingAverage(p.bondsMovingAverage());
    return BaselineYumaMath.matEmaSparse(weights, bonds, alpha);
  }

  private static U16Rows storeBonds(
      final U16Rows old,
      final BaselineSparseFixed ema,
      final boolean[] newPermit,
      final boolean[] permit) {
    final int n = newPermit.length;
    final int[][] u = old.uids().clone();
    final int[][] v = old.values().clone();
    final int[] none = new int[0];
    for (int i = 0; i < n; i++) {
      if (newPermit[i]) {
        final int[] c = ema.cols()[i];
        final long[] x = ema.vals()[i];
        final int[] vals = new int[x.length];
        for (int k = 0; k < x.length; k++) {
          vals[k] = BaselineI32F32.toU16Proportion(x[k]);
        }
        u[i] = c.clone();
        v[i] = vals;
      } else if (permit[i]) {
        u[i] = none;
        v[i] = none;
      }
    }
    return new U16Rows(u, v);
  }

  private static boolean isZero(final long[] x) {
    for (final long v : x) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  private static long saturatingAdd(final long a, final long b) {
    final long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }
}
