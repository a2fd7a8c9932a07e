package dev.agora.inference;

/**
 * An independent, deliberately plain forward pass for tests: run.c's loops in scalar Java (sequential
 * float sums, no SIMD, no threads, weights copied to the heap). Its summation order differs from the
 * CPU engine's, so it stands in for "another honest engine". Small models only.
 */
final class ScalarReferenceEngine implements InferenceEngine {
  private final ModelConfig c;
  private final float[][][] w; // [tensor ordinal][layer][floats]

  ScalarReferenceEngine(final Checkpoint ckpt) {
    this.c = ckpt.config();
    this.w = new float[Tensor.values().length][][];
    for (final Tensor t : Tensor.values()) {
      final int n = t.perLayer() ? c.layers() : 1;
      w[t.ordinal()] = new float[n][];
      for (int l = 0; l < n; l++) {
        w[t.ordinal()][l] = ckpt.readFloats(t, l);
      }
    }
  }

  private float[] t(final Tensor t, final int l) {
    return w[t.ordinal()][l];
  }

  @Override
  public ModelConfig config() {
    return c;
  }

  @Override
  public String backend() {
    return "scalar-reference";
  }

  @Override
  public Session newSession() {
    return new Session() {
      private final float[][] kc = new float[c.layers()][c.seqLen() * c.kvDim()];
      private final float[][] vc = new float[c.layers()][c.seqLen() * c.kvDim()];
      private int pos;

      @Override
      public int position() {
        return pos;
      }

      @Override
      public float[] forward(final int token) {
        return step(token, pos++, kc, vc);
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public float[][] prefill(final int[] tokens, final int fromPosition) {
    final float[][] out = new float[tokens.length - fromPosition][];
    try (Session s = newSession()) {
      for (int i = 0; i < tokens.length; i++) {
        final float[] l = s.forward(tokens[i]);
        if (i >= fromPosition) {
          out[i - fromPosition] = l;
        }
      }
    }
    return out;
  }

  @Override
  public void close() {}

  private static void matmul(final float[] out, final float[] x, final float[] m, final int n,
      final int d) {
    for (int i = 0; i < d; i++) {
      float v = 0f;
      for (int j = 0; j < n; j++) {
        v += m[i * n + j] * x[j];
      }
      out[i] = v;
    }
  }

  private static void rmsnorm(final float[] o, final float[] x, final float[] wt) {
    float ss = 0f;
    for (final float v : x) {
      ss += v * v;
    }
    ss = 1f / (float) Math.sqrt(ss / x.length + 1e-5f);
    for (int j = 0; j < x.length; j++) {
      o[j] = wt[j] * (ss * x[j]);
    }
  }

  private float[] step(final int token, final int pos, final float[][] kc, final float[][] vc) {
    final int dim = c.dim();
    final int kvDim = c.kvDim();
    final int hs = c.headSize();
    final int hidden = c.hiddenDim();
    final float[] x = new float[dim];
    System.arraycopy(t(Tensor.TOKEN_EMBEDDING, 0), token * dim, x, 0, dim);
    final float[] xb = new float[dim];
    final float[] q = new float[dim];
    final float[] k = new float[kvDim];
    final float[] v = new float[kvDim];
    final float[] att = new float[dim];
    final float[] tmp = new float[dim];
    final float[] hb = new float[hidden];
    final float[] hb2 = new float[hidden];
    for (int l = 0; l < c.layers(); l++) {
      rmsnorm(xb, x, t(Tensor.RMS_ATT, l));
      matmul(q, xb, t(Tensor.WQ, l), dim, dim);
      matmul(k, xb, t(Tensor.WK, l), dim, kvDim);
      matmul(v, xb, t(Tensor.WV, l), dim, kvDim);
      for (int i = 0; i < dim; i += 2) {
        final float freq = (float) (1.0 / Math.pow(10000.0, (i % hs) / (float) hs));
        final float val = pos * freq;
        final float fcr = (float) Math.cos(val);
        final float fci = (float) Math.sin(val);
        final int rotn = i < kvDim ? 2 : 1;
        for (int r = 0; r < rotn; r++) {
          final float[] vec = r == 0 ? q : k;
          final float v0 = vec[i];
          final float v1 = vec[i + 1];
          vec[i] = v0 * fcr - v1 * fci;
          vec[i + 1] = v0 * fci + v1 * fcr;
        }
      }
      System.arraycopy(k, 0, kc[l], pos * kvDim, kvDim);
      System.arraycopy(v, 0, vc[l], pos * kvDim, kvDim);
      for (int h = 0; h < c.heads(); h++) {
        final int ko = (h / c.kvMul()) * hs;
        final float[] a = new float[pos + 1];
        float max = Float.NEGATIVE_INFINITY;
        for (int s = 0; s <= pos; s++) {
          float score = 0f;
          for (int i = 0; i < hs; i++) {
            score += q[h * hs + i] * kc[l][s * kvDim + ko + i];
          }
          a[s] = score / (float) Math.sqrt(hs);
          max = Math.max(max, a[s]);
        }
        float sum = 0f;
        for (int s = 0; s <= pos; s++) {
          a[s] = (float) Math.exp(a[s] - max);
          sum += a[s];
        }
        for (int i = 0; i < hs; i++) {
          float o = 0f;
          for (int s = 0; s <= pos; s++) {
            o += a[s] / sum * vc[l][s * kvDim + ko + i];
          }
          att[h * hs + i] = o;
        }
      }
      matmul(tmp, att, t(Tensor.WO, l), dim, dim);
      for (int i = 0; i < dim; i++) {
        x[i] += tmp[i];
      }
      rmsnorm(xb, x, t(Tensor.RMS_FFN, l));
      matmul(hb, xb, t(Tensor.W1, l), dim, hidden);
      matmul(hb2, xb, t(Tensor.W3, l), dim, hidden);
      for (int i = 0; i < hidden; i++) {
        final float g = hb[i];
        hb[i] = g * (1f / (1f + (float) Math.exp(-g))) * hb2[i];
      }
      matmul(tmp, hb, t(Tensor.W2, l), hidden, dim);
      for (int i = 0; i < dim; i++) {
        x[i] += tmp[i];
      }
    }
    rmsnorm(xb, x, t(Tensor.RMS_FINAL, 0));
    final float[] logits = new float[c.vocabSize()];
    matmul(logits, xb, t(Tensor.WCLS, 0), dim, c.vocabSize());
    return logits;
  }
}
