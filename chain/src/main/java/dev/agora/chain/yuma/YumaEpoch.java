package dev.agora.chain.yuma;

import dev.agora.common.math.I32F32;

/**
 * The sparse epoch of the reference chain ({@code epoch_mechanism}, yuma/SPEC.md §3) as a pure
 * function: no clock, no I/O, no shared state. Same input, same output, bit for bit.
 */
public final class YumaEpoch {
  private YumaEpoch() {}

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
    final long[] stake = YumaMath.normalizeStake(filtered);

    // 3.3 permits: the stored ones gate this epoch, the top-k ones are stored for the next
    final boolean[] permit = in.validatorPermit().clone();
    if (owner >= 0) {
      permit[owner] = true;
    }
    final boolean[] newPermit = YumaMath.isTopkNonzero(stake, p.maxAllowedValidators());
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
    YumaMath.normalizeInPlace(activeStake);

    // 3.5 weights: permit rows, diagonal (owner kept), outdated mask, CR mask, row-normalise
    final SparseFixed weights = loadWeights(in, permit, owner);

    // 3.6 consensus
    final long kappa = I32F32.fromU16Proportion(p.kappaU16());
    final long[] consensus = YumaMath.weightedMedianColSparse(activeStake, weights, kappa);

    // 3.7 clip, validator trust; 3.8 ranks, incentive (one pass: EpochKernels.clipTrustRanks)
    final long beta = I32F32.fromU16Proportion(p.bondsPenaltyU16());
    final long[] validatorTrust = new long[n];
    final long[] incentive = new long[n];
    // with beta = 1 only the clipped weights are used from here on: clip in place
    final boolean clipInPlace = beta == I32F32.ONE;
    final SparseFixed clipped =
        EpochKernels.clipTrustRanks(
            weights, consensus, activeStake, validatorTrust, incentive, clipInPlace);
    // the ranks are also the column sums of rowHadamard(clipped, A) that original Yuma needs
    final long[] ranks = clipInPlace && !p.yuma3() ? incentive.clone() : null;
    YumaMath.normalizeInPlace(incentive);

    // 3.9 weights for bonds
    final SparseFixed weightsForBonds =
        clipInPlace ? clipped : YumaMath.interpolateSparse(weights, clipped, beta);

    // 3.10 bonds and dividends
    final long lastTempo =
        in.lastMechanismStepBlock() != 0
            ? saturatingAdd(in.lastMechanismStepBlock(), 1)
            : Math.max(0, in.currentBlock() - p.tempo());
    final long alpha = I32F32.alphaFromMovingAverage(p.bondsMovingAverage());
    final long[] registered = in.blockAtRegistration();
    final long[] emaColSum = new long[n];
    final SparseFixed emaBonds;
    final long[] dividends;
    long[] storeDivisor = null;
    if (p.yuma3()) {
      if (p.liquidAlpha() && !isZero(consensus)) {
        final SparseFixed bonds =
            maskRecentColumns(SparseFixed.fromU16AsProportion(in.bonds(), n), lastTempo, in);
        emaBonds = liquidAlphaBonds(p, weightsForBonds, bonds, consensus);
        System.arraycopy(EpochKernels.colSums(emaBonds), 0, emaColSum, 0, n);
      } else {
        // matEmaSparse(W_b, mask(bonds as proportions), alpha), column sums on the way
        emaBonds =
            EpochKernels.emaFromStorage(
                weightsForBonds, activeStake, false, in.bonds(), false, registered, lastTempo,
                alpha, null, emaColSum);
      }
      // matmulTransposeSparse(colNormalize(ema), incentive) without building the normalised copy
      final long[] perValidator =
          EpochKernels.normalizedMatmulTranspose(emaBonds, emaColSum, incentive);
      dividends = new long[n];
      for (int i = 0; i < n; i++) {
        dividends[i] = I32F32.mul(perValidator[i], activeStake[i]);
      }
      YumaMath.normalizeInPlace(dividends);
    } else {
      // matEmaSparse(colNormalize(rowHadamard(W_b, A)), colNormalize(mask(bonds)), alpha)
      emaBonds =
          EpochKernels.emaFromStorage(
              weightsForBonds, activeStake, true, in.bonds(), true, registered, lastTempo, alpha,
              ranks, emaColSum);
      // colNormalize(ema), dividends = ema^T · incentive, column maxima for the upscale
      storeDivisor = new long[n];
      dividends =
          EpochKernels.normalizeMatmulTransposeMax(emaBonds, emaColSum, incentive, storeDivisor);
      YumaMath.normalizeInPlace(dividends);
    }

    // 3.11 emission shares
    final long[] combined = new long[n];
    long emissionSum = 0;
    for (int i = 0; i < n; i++) {
      combined[i] = I32F32.add(incentive[i], dividends[i]);
      emissionSum += combined[i];
    }
    long[] serverShare = incentive.clone();
    long[] validatorShare = dividends.clone();
    long[] combinedShare = combined.clone();
    YumaMath.normalizeUsingSumInPlace(serverShare, emissionSum);
    YumaMath.normalizeUsingSumInPlace(validatorShare, emissionSum);
    YumaMath.normalizeInPlace(combinedShare);
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
      serverEmission[i] = I32F32.mulFloorToLong(serverShare[i], rao);
      validatorEmission[i] = I32F32.mulFloorToLong(validatorShare[i], rao);
      emission[i] = I32F32.mulFloorToLong(combinedShare[i], rao);
    }

    // 3.12 bonds storage
    // (original Yuma: colMaxUpscale of the stored rows, fused into the u16 conversion)
    final U16Rows storedBonds =
        EpochKernels.storeBonds(in.bonds(), emaBonds, storeDivisor, newPermit, permit);

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

  private static SparseFixed loadWeights(
      final YumaInput in, final boolean[] permit, final int owner) {
    final int n = in.n();
    final long[] lastUpdate = in.lastUpdate();
    final long[] registered = in.blockAtRegistration();
    final boolean crMask = in.params().commitRevealEnabled() && in.commitBlocks().isPresent();
    final long[] commits = crMask ? in.commitBlocks().get() : null;
    long maxRegistered = Long.MIN_VALUE;
    for (final long r : registered) {
      maxRegistered = Math.max(maxRegistered, r);
    }
    final int[][] oc = new int[n][];
    final long[][] ov = new long[n][];
    for (int i = 0; i < n; i++) {
      final int[] u = in.weights().uids()[i];
      final int[] v = in.weights().values()[i];
      if (!permit[i] || u.length == 0) {
        oc[i] = SparseFixed.NO_COLS;
        ov[i] = SparseFixed.NO_VALS;
        continue;
      }
      final long commit = crMask ? commits[i] : YumaInput.NO_COMMIT;
      // when no uid registered at or after this row's update (nor after its commit), only the
      // self-weight can be masked
      final boolean onlySelfMask =
          lastUpdate[i] > maxRegistered && !(commit >= 0 && commit < maxRegistered);
      final int self = i != owner ? i : -1;
      int kept = 0;
      long rowSum = 0;
      for (int k = 0; k < u.length; k++) {
        final boolean keep =
            onlySelfMask
                ? u[k] != self
                : keepWeight(i, u[k], owner, lastUpdate[i], registered, commit);
        if (keep) {
          kept++;
          rowSum += v[k];
        }
      }
      final int[] rc = new int[kept];
      final long[] rv = new long[kept];
      // (v·2^32)/(Σ·2^32) in I32F32 = floor(v·2^32/Σ) = safe_div(v, Σ) as v ≤ 65535 < Σ·2^32;
      // with Σ = 0 every kept value is 0 and stays fromInt(0) = 0
      final double scale = I32F32.divScale(rowSum);
      int cnt = 0;
      for (int k = 0; k < u.length; k++) {
        final int j = u[k];
        final boolean keep =
            onlySelfMask ? j != self : keepWeight(i, j, owner, lastUpdate[i], registered, commit);
        if (keep) {
          rc[cnt] = j;
          rv[cnt++] = rowSum > 0 ? I32F32.safeDiv(v[k], rowSum, scale) : I32F32.fromInt(v[k]);
        }
      }
      oc[i] = rc;
      ov[i] = rv;
    }
    return new SparseFixed(n, oc, ov);
  }

  /** Whether row i's weight toward j survives the self, outdated and commit-reveal masks. */
  private static boolean keepWeight(
      final int i,
      final int j,
      final int owner,
      final long lastUpdate,
      final long[] registered,
      final long commit) {
    return !(j == i && i != owner) // self-weight (the owner's is kept)
        && !(lastUpdate <= registered[j]) // outdated: set before j registered
        && !(commit >= 0 && commit < registered[j]); // committed before j registered
  }

  /** Drops bonds toward uids registered at or after the last epoch ({@code last_tempo <= reg}). */
  private static SparseFixed maskRecentColumns(
      final SparseFixed bonds, final long lastTempo, final YumaInput in) {
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

  /** Yuma3 bonds with liquid alpha (SPEC §3.10b): per-entry alpha, then matEmaAlphaSparse. */
  private static SparseFixed liquidAlphaBonds(
      final YumaParams p,
      final SparseFixed weights,
      final SparseFixed bonds,
      final long[] consensus) {
    final long low = I32F32.fromU16Proportion(p.alphaLowU16());
    final long high = I32F32.fromU16Proportion(p.alphaHighU16());
    final long steepness = I32F32.fromInt(p.alphaSigmoidSteepness());
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
        a[k] = YumaMath.alphaSigmoid(consensus[j], wv[k], bondRow[j], low, high, steepness);
      }
      for (final int j : bc) {
        bondRow[j] = 0;
      }
      alphas[i] = a;
    }
    return YumaMath.matEmaAlphaSparse(weights, bonds, new SparseFixed(n, weights.cols(), alphas));
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
