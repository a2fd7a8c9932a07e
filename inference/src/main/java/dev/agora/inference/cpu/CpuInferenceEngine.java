package dev.agora.inference.cpu;

import dev.agora.inference.Checkpoint;
import dev.agora.inference.ExpMath;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.ModelConfig;
import dev.agora.inference.Tensor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Logger;

/**
 * The fp32 CPU engine. Weights are copied onto the heap in a packed layout when they fit (see
 * {@link WeightPlacement}), otherwise they stay in the checkpoint's memory mapping (off the Java
 * heap); matrix rows are split across a fixed thread pool. Decode (one position) and prefill (many
 * positions) run the same batched forward pass; with many positions each weight row is read once
 * per row block and applied to every position, which is what makes verification cheaper than
 * generation.
 */
public final class CpuInferenceEngine implements InferenceEngine {
  /** Below this many multiply-adds a dispatch is not worth waking the pool. */
  private static final long PARALLEL_MIN_WORK = 32_768;
  private static final Logger LOG =
      Logger.getLogger(CpuInferenceEngine.class.getName());
  /** Attention scores: one buffer per pool thread, grown to the longest context seen. */
  private static final ThreadLocal<float[]> SCORES = ThreadLocal.withInitial(() -> new float[0]);
  /**
   * Attention splits over (position, head) items already at a few thousand multiply-adds: its
   * exponentials and lane sums cost far more per multiply-add than a matrix row does.
   */
  private static final long ATTENTION_MIN_WORK = 2_048;

  private final ModelConfig cfg;
  private final Checkpoint checkpoint;
  private final boolean ownsCheckpoint;
  private final ParallelRunner runner;
  private final Layer[] layers;
  private final WeightMatrix embedding;
  private final WeightMatrix classifier;
  private final boolean weightsOnHeap;
  private final float[] rmsFinal;
  private final float[] ropeCos;
  private final float[] ropeSin;
  private volatile boolean closed;
  private boolean packTried;

  private record Layer(
      float[] rmsAtt,
      float[] rmsFfn,
      WeightMatrix wq,
      WeightMatrix wk,
      WeightMatrix wv,
      WeightMatrix wo,
      WeightMatrix w1,
      WeightMatrix w2,
      WeightMatrix w3) {}

  private CpuInferenceEngine(
      final Checkpoint ckpt, final int threads, final WeightPlacement placement, final boolean owns) {
    if (placement == null) {
      throw new IllegalArgumentException("weight placement must not be null");
    }
    this.cfg = ckpt.config();
    this.checkpoint = ckpt;
    this.ownsCheckpoint = owns;
    this.weightsOnHeap = placement.onHeap(matrixBytes(ckpt), Runtime.getRuntime().maxMemory());
    this.layers = new Layer[cfg.layers()];
    final int dim = cfg.dim();
    final int hidden = cfg.hiddenDim();
    for (int l = 0; l < cfg.layers(); l++) {
      layers[l] = new Layer(
          ckpt.readFloats(Tensor.RMS_ATT, l),
          ckpt.readFloats(Tensor.RMS_FFN, l),
          matrix(ckpt, Tensor.WQ, l, dim),
          matrix(ckpt, Tensor.WK, l, dim),
          matrix(ckpt, Tensor.WV, l, dim),
          matrix(ckpt, Tensor.WO, l, dim),
          matrix(ckpt, Tensor.W1, l, dim),
          matrix(ckpt, Tensor.W2, l, hidden),
          matrix(ckpt, Tensor.W3, l, dim));
    }
    this.embedding = matrix(ckpt, Tensor.TOKEN_EMBEDDING, 0, dim);
    this.classifier = cfg.sharedClassifier()
        ? embedding
        : matrix(ckpt, Tensor.WCLS, 0, dim);
    this.rmsFinal = ckpt.readFloats(Tensor.RMS_FINAL, 0);
    final int hs = cfg.headSize();
    final int half = hs / 2;
    this.ropeCos = new float[cfg.seqLen() * half];
    this.ropeSin = new float[cfg.seqLen() * half];
    for (int pos = 0; pos < cfg.seqLen(); pos++) {
      for (int j = 0; j < half; j++) {
        final float freq = (float) (1.0 / Math.pow(10000.0, (2 * j) / (float) hs));
        final float val = pos * freq;
        ropeCos[pos * half + j] = (float) Math.cos(val);
        ropeSin[pos * half + j] = (float) Math.sin(val);
      }
    }
    this.runner = new ParallelRunner(threads);
  }

  /** An engine over an open checkpoint, which the caller keeps and closes. */
  public static CpuInferenceEngine create(final Checkpoint checkpoint, final int threads) {
    return create(checkpoint, threads, WeightPlacement.AUTO);
  }

  /** An engine over an open checkpoint with the weights placed as asked. */
  public static CpuInferenceEngine create(
      final Checkpoint checkpoint, final int threads, final WeightPlacement placement) {
    return new CpuInferenceEngine(checkpoint, threads, placement, false);
  }

  /** Opens the checkpoint at {@code path}; the engine closes it. */
  public static CpuInferenceEngine open(final Path path, final int threads) {
    return open(path, threads, WeightPlacement.AUTO);
  }

  /** Opens the checkpoint at {@code path} with the weights placed as asked; the engine closes it. */
  public static CpuInferenceEngine open(
      final Path path, final int threads, final WeightPlacement placement) {
    final Checkpoint ck = Checkpoint.open(path);
    try {
      return new CpuInferenceEngine(ck, threads, placement, true);
    } catch (final RuntimeException | Error e) {
      ck.close();
      throw e;
    }
  }

  /** Whether decoding reads packed copies of mapped matrices (made at the first session). */
  boolean decodesFromPackedCopy() {
    return classifier.packedCopyOrNull() != null;
  }

  /** Whether this engine copied the matrices onto the heap (else it reads the file mapping). */
  public boolean weightsOnHeap() {
    return weightsOnHeap;
  }

  private WeightMatrix matrix(final Checkpoint ck, final Tensor t, final int layer, final int cols) {
    final FloatBuffer b = ck.tensor(t, layer).asFloatBuffer();
    return weightsOnHeap ? WeightMatrix.copied(b, cols) : WeightMatrix.mapped(b, cols);
  }

  /** Bytes of the matrices the engine would copy (embedding, layers, separate classifier). */
  private static long matrixBytes(final Checkpoint ck) {
    final ModelConfig c = ck.config();
    final long dim = c.dim();
    final long perLayer = dim * dim * 2 + dim * c.kvDim() * 2 + 3 * dim * c.hiddenDim();
    final long emb = (long) c.vocabSize() * dim;
    return Float.BYTES * (perLayer * c.layers() + emb * (c.sharedClassifier() ? 1 : 2));
  }

  /** Threads used by default: every available core. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public ModelConfig config() {
    return cfg;
  }

  @Override
  public String backend() {
    return "cpu";
  }

  /** The number of threads matrix work is split over. */
  public int threads() {
    return runner.threads();
  }

  @Override
  public Session newSession() {
    ensureOpen();
    packForDecode();
    return new CpuSession();
  }

  /**
   * For mapped weights, once, before the first decode session: writes a packed copy of every matrix
   * to a temporary file (deleted at once; the mapping keeps it until the engine is collected) and
   * maps it, so decode streams each matrix in one sequential pass as from the heap, instead of
   * copying row blocks out of the checkpoint's row-major mapping. Prefill (validators) keeps
   * reading the checkpoint's mapping and never pays for this. If the copy cannot be made (no room
   * on disk, {@code -Dagora.cpu.packMapped=false}), decode reads the checkpoint's mapping as
   * before: same logits either way.
   */
  private synchronized void packForDecode() {
    if (weightsOnHeap || packTried) {
      return;
    }
    packTried = true;
    if (!Boolean.parseBoolean(System.getProperty("agora.cpu.packMapped", "true"))) {
      return;
    }
    final List<WeightMatrix> matrices = new ArrayList<>();
    for (final Layer l : layers) {
      Collections.addAll(matrices, l.wq(), l.wk(), l.wv(), l.wo(), l.w1(), l.w2(), l.w3());
    }
    matrices.add(classifier);
    matrices.removeIf(m -> m.bytes() > Integer.MAX_VALUE); // one mapping holds at most 2 GiB
    final Path dir = Path.of(System.getProperty("agora.cpu.packDir",
        System.getProperty("java.io.tmpdir")));
    Path file = null;
    try {
      file = Files.createTempFile(dir, "agora-packed-", ".bin");
      try (FileChannel ch = FileChannel.open(file,
          StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        long offset = 0;
        final long[] offsets = new long[matrices.size()];
        for (int i = 0; i < matrices.size(); i++) {
          offsets[i] = offset;
          matrices.get(i).writePacked(ch, offset);
          offset += matrices.get(i).bytes();
        }
        for (int i = 0; i < matrices.size(); i++) {
          matrices.get(i).usePacked(ch.map(FileChannel.MapMode.READ_ONLY,
              offsets[i], matrices.get(i).bytes()));
        }
      }
    } catch (final IOException | RuntimeException e) {
      LOG.warning("decoding from the checkpoint's mapping: no packed copy in " + dir + " (" + e
          + ")");
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (final IOException e) {
          file.toFile().deleteOnExit();
        }
      }
    }
  }

  @Override
  public float[][] prefill(final int[] tokens, final int fromPosition) {
    ensureOpen();
    if (tokens == null || tokens.length == 0) {
      throw new IllegalArgumentException("prefill needs at least one token");
    }
    if (tokens.length > cfg.seqLen()) {
      throw new IllegalArgumentException(
          "sequence of " + tokens.length + " tokens exceeds seq_len " + cfg.seqLen());
    }
    if (fromPosition < 0 || fromPosition >= tokens.length) {
      throw new IllegalArgumentException(
          "fromPosition " + fromPosition + " outside [0, " + tokens.length + ")");
    }
    checkTokens(tokens);
    final KvCache cache = new KvCache(tokens.length);
    final int rows = tokens.length - fromPosition;
    final float[] flat = runForward(tokens, 0, cache, fromPosition, new Workspace(tokens.length, rows));
    final int v = cfg.vocabSize();
    final float[][] out = new float[rows][];
    for (int i = 0; i < rows; i++) {
      out[i] = new float[v];
      System.arraycopy(flat, i * v, out[i], 0, v);
    }
    return out;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    runner.close();
    if (ownsCheckpoint) {
      checkpoint.close();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("inference engine closed");
    }
  }

  private void checkTokens(final int[] tokens) {
    for (final int t : tokens) {
      if (t < 0 || t >= cfg.vocabSize()) {
        throw new IllegalArgumentException(
            "token id " + t + " outside the vocabulary [0, " + cfg.vocabSize() + ")");
      }
    }
  }

  /** Keys (after RoPE) and values per layer, row = position; grows on demand up to seq_len. */
  private final class KvCache {
    final float[][] keys;
    final float[][] values;
    private int capacity;

    KvCache(final int positions) {
      keys = new float[cfg.layers()][];
      values = new float[cfg.layers()][];
      resize(positions);
    }

    /** Makes room for {@code positions} rows (doubling, capped at seq_len). */
    void ensure(final int positions) {
      if (positions > capacity) {
        resize(Math.min(cfg.seqLen(), Math.max(positions, capacity * 2)));
      }
    }

    private void resize(final int positions) {
      final int n = positions * cfg.kvDim();
      for (int l = 0; l < cfg.layers(); l++) {
        keys[l] = keys[l] == null ? new float[n] : java.util.Arrays.copyOf(keys[l], n);
        values[l] = values[l] == null ? new float[n] : java.util.Arrays.copyOf(values[l], n);
      }
      capacity = positions;
    }
  }

  /**
   * Activations of one forward pass over {@code n} positions with logits for {@code logitRows} of
   * them. A decode session keeps one for its whole life, so decoding allocates nothing per token
   * (fresh heap memory costs a page fault per 4 KiB on first touch, which at 128 KiB of logits a
   * token was a measurable share of decode time).
   */
  private final class Workspace {
    final float[] x;
    final float[] xb;
    final float[] q;
    final float[] att;
    final float[] hb;
    final float[] hb2;
    final float[] xf;
    final float[] logits;
    final int[] one = new int[1];

    Workspace(final int n, final int logitRows) {
      final int dim = cfg.dim();
      x = new float[n * dim];
      xb = new float[n * dim];
      q = new float[n * dim];
      att = new float[n * dim];
      hb = new float[n * cfg.hiddenDim()];
      hb2 = new float[n * cfg.hiddenDim()];
      xf = new float[logitRows * dim];
      logits = new float[logitRows * cfg.vocabSize()];
    }
  }

  private final class CpuSession implements Session {
    private KvCache cache = new KvCache(Math.min(cfg.seqLen(), 64));
    private final Workspace ws = new Workspace(1, 1);
    private int pos;

    @Override
    public int position() {
      return pos;
    }

    @Override
    public float[] forward(final int token) {
      ensureOpen();
      if (cache == null) {
        throw new IllegalStateException("session closed");
      }
      if (pos >= cfg.seqLen()) {
        throw new IllegalStateException("context full: seq_len " + cfg.seqLen() + " reached");
      }
      final int[] one = ws.one;
      one[0] = token;
      checkTokens(one);
      cache.ensure(pos + 1);
      final float[] logits = runForward(one, pos, cache, 0, ws);
      pos++;
      return logits;
    }

    @Override
    public void close() {
      cache = null;
    }
  }

  /**
   * The forward pass over {@code tokens} placed at positions start..start+n-1, attending to the cache
   * rows before them; returns flat logits for batch rows [logitsFrom, n), in {@code ws.logits}.
   */
  private float[] runForward(
      final int[] tokens,
      final int start,
      final KvCache cache,
      final int logitsFrom,
      final Workspace ws) {
    final int n = tokens.length;
    final int dim = cfg.dim();
    final int kvDim = cfg.kvDim();
    final int hidden = cfg.hiddenDim();
    final float[] x = ws.x;
    final float[] xb = ws.xb;
    final float[] q = ws.q;
    final float[] att = ws.att;
    final float[] hb = ws.hb;
    final float[] hb2 = ws.hb2;
    for (int i = 0; i < n; i++) {
      embedding.row(tokens[i], x, i * dim);
    }
    for (int l = 0; l < cfg.layers(); l++) {
      final Layer w = layers[l];
      final float[] kc = cache.keys[l];
      final float[] vc = cache.values[l];
      rmsnorm(xb, 0, x, 0, w.rmsAtt, n, dim);
      final int qkvRows = dim + 2 * kvDim;
      final int kvOff = start * kvDim;
      runner.run(qkvRows, work(qkvRows, dim, n), (a, b) -> {
        range(w.wq, dim, xb, n, q, dim, 0, a, b, 0, dim);
        range(w.wk, dim, xb, n, kc, kvDim, kvOff, a, b, dim, dim + kvDim);
        range(w.wv, dim, xb, n, vc, kvDim, kvOff, a, b, dim + kvDim, dim + 2 * kvDim);
      });
      rope(q, kc, n, start);
      attention(q, kc, vc, att, n, start);
      runner.run(dim, work(dim, dim, n), (a, b) ->
          VectorMath.matmat(w.wo, dim, att, n, xb, dim, 0, a, b));
      add(x, xb);
      rmsnorm(xb, 0, x, 0, w.rmsFfn, n, dim);
      runner.run(hidden, work(2 * hidden, dim, n), (a, b) -> {
        VectorMath.matmat(w.w1, dim, xb, n, hb, hidden, 0, a, b);
        VectorMath.matmat(w.w3, dim, xb, n, hb2, hidden, 0, a, b);
        for (int p = 0; p < n; p++) {
          ExpMath.swiglu(hb, hb2, p * hidden + a, p * hidden + b);
        }
      });
      runner.run(dim, work(dim, hidden, n), (a, b) ->
          VectorMath.matmat(w.w2, hidden, hb, n, xb, dim, 0, a, b));
      add(x, xb);
    }
    final int rows = n - logitsFrom;
    final float[] xf = ws.xf;
    rmsnorm(xf, 0, x, logitsFrom * dim, rmsFinal, rows, dim);
    final int vocab = cfg.vocabSize();
    final float[] logits = ws.logits;
    runner.run(vocab, work(vocab, dim, rows), (a, b) ->
        VectorMath.matmat(classifier, dim, xf, rows, logits, vocab, 0, a, b));
    return logits;
  }

  private boolean work(final long rows, final long in, final long positions) {
    return rows * in * positions >= PARALLEL_MIN_WORK;
  }

  /** Runs the rows of one matrix that fall in this chunk [a, b) of a fused row range [lo, hi). */
  private static void range(
      final WeightMatrix w,
      final int in,
      final float[] x,
      final int n,
      final float[] y,
      final int yStride,
      final int yOff,
      final int a,
      final int b,
      final int lo,
      final int hi) {
    final int from = Math.max(a, lo);
    final int to = Math.min(b, hi);
    if (from < to) {
      VectorMath.matmat(w, in, x, n, y, yStride, yOff, from - lo, to - lo);
    }
  }

  /** RMSNorm of {@code n} rows of {@code x} from {@code xOff} into {@code out} from {@code outOff}. */
  private static void rmsnorm(
      final float[] out,
      final int outOff,
      final float[] x,
      final int xOff,
      final float[] weight,
      final int n,
      final int dim) {
    for (int p = 0; p < n; p++) {
      final int i = xOff + p * dim;
      final int o = outOff + p * dim;
      float ss = 0f;
      for (int j = 0; j < dim; j++) {
        ss += x[i + j] * x[i + j];
      }
      ss /= dim;
      ss += 1e-5f;
      ss = 1.0f / (float) Math.sqrt(ss);
      for (int j = 0; j < dim; j++) {
        out[o + j] = weight[j] * (ss * x[i + j]);
      }
    }
  }

  private static void add(final float[] x, final float[] d) {
    for (int i = 0; i < x.length; i++) {
      x[i] += d[i];
    }
  }

  /** Interleaved RoPE on q rows and on the new key cache rows. */
  private void rope(final float[] q, final float[] kc, final int n, final int start) {
    final int dim = cfg.dim();
    final int kvDim = cfg.kvDim();
    final int hs = cfg.headSize();
    final int half = hs / 2;
    for (int p = 0; p < n; p++) {
      final int pos = start + p;
      final int t = pos * half;
      for (int i = 0; i < dim; i += 2) {
        final int j = (i % hs) / 2;
        final float c = ropeCos[t + j];
        final float s = ropeSin[t + j];
        final int qi = p * dim + i;
        final float q0 = q[qi];
        final float q1 = q[qi + 1];
        q[qi] = q0 * c - q1 * s;
        q[qi + 1] = q0 * s + q1 * c;
        if (i < kvDim) {
          final int ki = pos * kvDim + i;
          final float k0 = kc[ki];
          final float k1 = kc[ki + 1];
          kc[ki] = k0 * c - k1 * s;
          kc[ki + 1] = k0 * s + k1 * c;
        }
      }
    }
  }

  private void attention(
      final float[] q, final float[] kc, final float[] vc, final float[] out, final int n,
      final int start) {
    final int heads = cfg.heads();
    final int hs = cfg.headSize();
    final int dim = cfg.dim();
    final int kvDim = cfg.kvDim();
    final int kvMul = cfg.kvMul();
    final float scale = (float) Math.sqrt(hs);
    final int items = n * heads;
    final long work = (long) n * heads * (start + n) * hs;
    runner.run(items, work >= ATTENTION_MIN_WORK, (a, b) -> {
      final float[] scores = VectorMath.perThread(SCORES, start + n);
      for (int item = a; item < b; item++) {
        final int p = item / heads;
        final int h = item % heads;
        final int pos = start + p;
        final int qo = p * dim + h * hs;
        final int ko = (h / kvMul) * hs;
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t <= pos; t++) {
          final float sc = VectorMath.dot(q, qo, kc, t * kvDim + ko, hs) / scale;
          scores[t] = sc;
          if (sc > max) {
            max = sc;
          }
        }
        ExpMath.expInPlace(scores, 0, pos + 1, -max);
        float sum = 0f;
        for (int t = 0; t <= pos; t++) {
          sum += scores[t];
        }
        for (int t = 0; t <= pos; t++) {
          scores[t] /= sum;
        }
        VectorMath.weightedRows(scores, pos + 1, vc, kvDim, ko, hs, out, p * dim + h * hs);
      }
    });
  }
}
