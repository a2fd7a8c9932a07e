package dev.agora.validator.challenge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Makes one fresh challenge per miner and round (VERIFICATION.md §2.1). Every value comes from a
 * stream keyed by the validator's secret, the block, the round and the miner's uid, so the same
 * inputs always give the same challenges (reproducible audits) and nobody without the secret can
 * predict them. Prompts are BOS followed by random ordinary tokens, the last of which act as a
 * nonce; within a round they are guaranteed distinct.
 */
public final class ChallengeGenerator {
  private static final String DOMAIN = "agora-challenge-v1";
  private static final float[] TEMPERATURES = {1.0f, 0.7f};

  private final byte[] secret;
  private final ChallengeParams params;

  /**
   * @param secret the validator's secret (e.g. derived from its hotkey seed); at least 16 bytes
   * @param params shape of the challenges
   */
  public ChallengeGenerator(final byte[] secret, final ChallengeParams params) {
    if (secret == null || secret.length < 16) {
      throw new IllegalArgumentException("challenge secret must be at least 16 bytes");
    }
    this.secret = secret.clone();
    this.params = params;
  }

  public ChallengeParams params() {
    return params;
  }

  /** The challenge for one miner; {@link #forRound} additionally guarantees distinct prompts. */
  public Challenge forMiner(final long block, final long round, final int minerUid) {
    return make(block, round, minerUid, 0);
  }

  /** One challenge per uid, in the order given; prompts are pairwise distinct. */
  public List<Challenge> forRound(final long block, final long round, final int[] minerUids) {
    final List<Challenge> out = new ArrayList<>(minerUids.length);
    final Set<String> prompts = new HashSet<>();
    final Set<Integer> uids = new HashSet<>();
    for (final int uid : minerUids) {
      if (!uids.add(uid)) {
        throw new IllegalArgumentException("uid " + uid + " listed twice");
      }
      int attempt = 0;
      Challenge c = make(block, round, uid, attempt);
      while (!prompts.add(Arrays.toString(c.promptTokenIds()))) {
        c = make(block, round, uid, ++attempt);
      }
      out.add(c);
    }
    return out;
  }

  private Challenge make(final long block, final long round, final int uid, final int attempt) {
    final KeyedStream s = new KeyedStream(DOMAIN, secret, block, round, uid, attempt);
    final byte[] id = new byte[16];
    for (int i = 0; i < 2; i++) {
      final long w = s.nextLong();
      for (int b = 0; b < 8; b++) {
        id[i * 8 + b] = (byte) (w >>> (56 - 8 * b));
      }
    }
    final int ordinary = params.vocabSize() - ChallengeParams.FIRST_ORDINARY_TOKEN;
    final int[] prompt = new int[1 + params.promptTokens()];
    prompt[0] = ChallengeParams.BOS;
    for (int i = 1; i < prompt.length; i++) {
      prompt[i] = ChallengeParams.FIRST_ORDINARY_TOKEN + s.nextInt(ordinary);
    }
    final Sampling sampling;
    if (s.nextDouble() < params.greedyFraction()) {
      s.nextLong(); // keep the stream layout independent of the branch
      sampling = Sampling.greedyDecoding();
    } else {
      final float t = TEMPERATURES[s.nextInt(TEMPERATURES.length)];
      sampling = Sampling.seeded(t, s.nextLong());
    }
    return new Challenge(HexFormat.of().formatHex(id), uid, prompt, params.maxNewTokens(), sampling);
  }
}
