package dev.agora.inference.cuda;

import dev.agora.inference.Checkpoint;
import dev.agora.inference.InferenceEngine;
import dev.agora.inference.ModelConfig;
import dev.agora.inference.Tensor;
import java.lang.System.Logger.Level;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUgraph;
import jcuda.driver.CUgraphExec;
import jcuda.driver.CUstream;
import jcuda.driver.CUstreamCaptureMode;
import jcuda.driver.JCudaDriver;

/**
 * The fp32 CUDA engine (VERIFICATION.md §1, §4) on the JCuda driver API. Weights are uploaded once;
 * each decode session owns a KV cache on the device; prefill runs the batch through tiled
 * matrix-matrix kernels and causal attention. All device work of one engine is serialised by a lock
 * on one stream (the engine is thread-safe; calls do not overlap on the GPU).
 *
 * <p>A decode step is a fixed list of launches that reads the token and position from a device
 * buffer, so each session captures it once into a CUDA graph and replays it per token (system
 * property {@code agora.cuda.graphs=false} turns this off).
 */
public final class CudaInferenceEngine implements InferenceEngine {
  private static final System.Logger LOG = System.getLogger(CudaInferenceEngine.class.getName());
  private static final int BLOCK = 256;
  private static final int NORM_BLOCK = 512;
  private static final int ATTN_BLOCK = 256;
  private static final int PREFILL_ATTN_BLOCK = 128;
  private static final int MV_ROWS = 4;
  private static final int ARGMAX_BLOCK = 1024;

  private final ModelConfig cfg;
  private final CudaDevice device;
  private final int multiprocessors;
  private final CUcontext ctx;
  private final CUstream stream;
  private final CudaKernels kernels;
  private final List<CUdeviceptr> allocations = new ArrayList<>();
  private final Map<Tensor, CUdeviceptr> weights = new EnumMap<>(Tensor.class);
  private final CUdeviceptr state;
  private final CUdeviceptr x;
  private final CUdeviceptr xb;
  private final CUdeviceptr q;
  private final CUdeviceptr k;
  private final CUdeviceptr v;
  private final CUdeviceptr att;
  private final CUdeviceptr hb;
  private final CUdeviceptr logits;
  private final CUdeviceptr argmaxOut;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<CudaSession> sessions = new LinkedHashSet<>();
  private final boolean graphsByDefault;
  private final CudaKernelSet kernelSet;
  private volatile int gemmSlots;
  private volatile int gemmKTile;
  private volatile int gemmMinKPerSplit;
  private PrefillWorkspace workspace;
  /** Most prefill shapes (n, from) kept as captured graphs. */
  private static final int PREFILL_GRAPHS = 8;
  private final Map<Long, CUgraphExec> prefillGraphCache = new java.util.LinkedHashMap<>(16, 0.75f,
      true);
  private final Map<Long, Integer> prefillSeen = new java.util.HashMap<>();
  private boolean prefillGraphs =
      !"false".equalsIgnoreCase(System.getProperty("agora.cuda.prefillGraphs"));
  private boolean closed;

  private CudaInferenceEngine(final Checkpoint ckpt, final CudaDevice device, final CUcontext ctx,
      final CudaKernelSet kernelSet) {
    this.cfg = ckpt.config();
    this.kernelSet = kernelSet;
    this.device = device;
    this.ctx = ctx;
    this.graphsByDefault = !"false".equalsIgnoreCase(System.getProperty("agora.cuda.graphs"));
    final CUdevice dev = new CUdevice();
    JCudaDriver.cuDeviceGet(dev, device.ordinal());
    final int[] sm = {0};
    JCudaDriver.cuDeviceGetAttribute(
        sm, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev);
    this.multiprocessors = Math.max(1, sm[0]);
    // gemm2_nt runs two 256-thread blocks per multiprocessor (128 registers per thread).
    readGemmTuning();
    this.stream = new CUstream();
    JCudaDriver.cuStreamCreate(stream, 0); // blocking: ordered with the legacy default stream
    this.kernels = CudaKernels.load();
    uploadWeights(ckpt);
    this.state = alloc(2L * 4);
    this.x = alloc(4L * cfg.dim());
    this.xb = alloc(4L * cfg.dim());
    this.q = alloc(4L * cfg.dim());
    this.k = alloc(4L * cfg.kvDim());
    this.v = alloc(4L * cfg.kvDim());
    this.att = alloc(4L * cfg.dim());
    this.hb = alloc(4L * cfg.hiddenDim());
    this.logits = alloc(4L * cfg.vocabSize());
    this.argmaxOut = alloc(4L);
  }

  /**
   * An engine for the open checkpoint on CUDA device 0; the weights are copied to the device, so the
   * caller may close the checkpoint afterwards.
   *
   * @throws CudaUnavailableException when no device is usable or the model does not fit
   */
  public static CudaInferenceEngine create(final Checkpoint checkpoint) {
    return create(checkpoint, CudaKernelSet.fromSystemProperty());
  }

  /**
   * An engine running kernel set {@code requested}; a model that set cannot run (see
   * {@link CudaKernelSet#unsupportedReason}) gets {@link CudaKernelSet#V1}, with a log line.
   *
   * @throws CudaUnavailableException when no device is usable or the model does not fit
   */
  public static CudaInferenceEngine create(final Checkpoint checkpoint,
      final CudaKernelSet requested) {
    final ModelConfig c = checkpoint.config();
    CudaKernelSet set = requested;
    final java.util.Optional<String> why = requested.unsupportedReason(c);
    if (why.isPresent()) {
      LOG.log(Level.INFO, "CUDA kernels: {0}; using v1", why.get());
      set = CudaKernelSet.V1;
    }
    if (c.seqLen() > CudaKernels.MAX_SEQ_LEN) {
      throw new CudaUnavailableException("seq_len " + c.seqLen()
          + " exceeds the CUDA attention kernel's limit of " + CudaKernels.MAX_SEQ_LEN);
    }
    final CudaProbe.Result probe = CudaProbe.probeOnce();
    if (!probe.available()) {
      throw new CudaUnavailableException("no CUDA device: " + probe.reason());
    }
    final CudaDevice d = probe.device().get();
    final CUdevice dev = new CUdevice();
    JCudaDriver.cuDeviceGet(dev, d.ordinal());
    final CUcontext ctx = new CUcontext();
    JCudaDriver.cuCtxCreate(ctx, 0, dev);
    try {
      final long[] free = {0};
      final long[] total = {0};
      JCudaDriver.cuMemGetInfo(free, total);
      MemoryPlan.of(c).checkFits(d.name(), free[0], total[0]);
      final CudaInferenceEngine e = new CudaInferenceEngine(checkpoint, d, ctx, set);
      LOG.log(Level.INFO, "CUDA engine ready on {0}: {1} of weights, kernels {2}", d.describe(),
          MemoryPlan.human(MemoryPlan.of(c).weightBytes()), set.label());
      return e;
    } catch (final RuntimeException | Error e) {
      try {
        JCudaDriver.cuCtxDestroy(ctx);
      } catch (final CudaException ignored) {
        // the original failure matters more
      }
      throw e;
    }
  }

  /** Opens the checkpoint at {@code path}, uploads it and closes the file. */
  public static CudaInferenceEngine open(final Path path) {
    try (Checkpoint ckpt = Checkpoint.open(path)) {
      return create(ckpt);
    }
  }

  private CUdeviceptr alloc(final long bytes) {
    final CUdeviceptr p = new CUdeviceptr();
    JCudaDriver.cuMemAlloc(p, Math.max(4L, bytes));
    allocations.add(p);
    return p;
  }

  private void uploadWeights(final Checkpoint ckpt) {
    for (final Tensor t : Tensor.values()) {
      if (t == Tensor.FREQ_CIS_REAL || t == Tensor.FREQ_CIS_IMAG) {
        continue;
      }
      if (t == Tensor.WCLS && cfg.sharedClassifier()) {
        weights.put(t, weights.get(Tensor.TOKEN_EMBEDDING));
        continue;
      }
      final CUdeviceptr base = alloc(4L * t.storedFloats(cfg));
      final long sliceBytes = 4L * t.floatsPerLayer(cfg);
      final int slices = t.perLayer() ? cfg.layers() : 1;
      for (int l = 0; l < slices; l++) {
        JCudaDriver.cuMemcpyHtoD(base.withByteOffset(l * sliceBytes),
            Pointer.to(ckpt.tensor(t, l)), sliceBytes);
      }
      weights.put(t, base);
    }
  }

  /** Device pointer to layer {@code l} of tensor {@code t}. */
  private CUdeviceptr w(final Tensor t, final int l) {
    return weights.get(t).withByteOffset(4L * l * t.floatsPerLayer(cfg));
  }

  @Override
  public ModelConfig config() {
    return cfg;
  }

  @Override
  public String backend() {
    return "cuda";
  }

  /** The kernels this engine runs. */
  public CudaKernelSet kernelSet() {
    return kernelSet;
  }

  /** The device this engine runs on. */
  public CudaDevice device() {
    return device;
  }

  @Override
  public CudaSession newSession() {
    return newSession(graphsByDefault);
  }

  /** A decode session; {@code useGraph} replays each step from a captured CUDA graph. */
  public CudaSession newSession(final boolean useGraph) {
    lock.lock();
    try {
      ensureOpen();
      JCudaDriver.cuCtxSetCurrent(ctx);
      final CudaSession s = new CudaSession(useGraph);
      sessions.add(s);
      return s;
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the CUDA engine is closed");
    }
  }

  private void checkToken(final int token) {
    if (token < 0 || token >= cfg.vocabSize()) {
      throw new IllegalArgumentException(
          "token id " + token + " outside [0, " + cfg.vocabSize() + ")");
    }
  }

  private static int ceilDiv(final long a, final int b) {
    return Math.toIntExact((a + b - 1) / b);
  }

  /** The launches of one decode step, reading {token, pos} from {@code state}. */
  private List<CudaKernels.Launch> decodeLaunches(final CUdeviceptr kCache,
      final CUdeviceptr vCache) {
    return kernelSet == CudaKernelSet.V2 ? decodeLaunchesV2(kCache, vCache)
        : decodeLaunchesV1(kCache, vCache);
  }

  /**
   * V2: per layer q/k/v with RMSNorm, RoPE and the cache write; attention; Wo with the residual
   * add; W1/W3 with RMSNorm and SwiGLU; W2 with the residual add. Then the classifier with the
   * final RMSNorm: 2 + 5 · layers launches.
   */
  private List<CudaKernels.Launch> decodeLaunchesV2(final CUdeviceptr kCache,
      final CUdeviceptr vCache) {
    final int dim = cfg.dim();
    final int kvDim = cfg.kvDim();
    final int hidden = cfg.hiddenDim();
    final long layerKv = 4L * cfg.seqLen() * kvDim;
    final List<CudaKernels.Launch> ls = new ArrayList<>();
    ls.add(kernels.launch("embed_rows", ceilDiv(dim, BLOCK), 1, BLOCK, 0,
        x, weights.get(Tensor.TOKEN_EMBEDDING), state, dim));
    for (int l = 0; l < cfg.layers(); l++) {
      final CUdeviceptr kc = kCache.withByteOffset(l * layerKv);
      final CUdeviceptr vc = vCache.withByteOffset(l * layerKv);
      ls.add(kernels.launch("mv2_qkv_rope", ceilDiv(dim + 2L * kvDim, MV_ROWS), 1, BLOCK, 0,
          q, kc, vc, w(Tensor.WQ, l), w(Tensor.WK, l), w(Tensor.WV, l), x, w(Tensor.RMS_ATT, l),
          state, dim, kvDim, cfg.headSize()));
      ls.add(kernels.launch("attention2", cfg.heads(), 1, ATTN_BLOCK, 4 * cfg.seqLen(),
          att, q, kc, vc, state, 0, dim, kvDim, cfg.headSize(), cfg.kvMul()));
      ls.add(kernels.launch("mv2", ceilDiv(dim, MV_ROWS), 1, BLOCK, 0,
          x, w(Tensor.WO, l), att, att, dim, dim, 0, 1));
      ls.add(kernels.launch("mv2_swiglu", ceilDiv(hidden, MV_ROWS), 1, BLOCK, 0,
          hb, w(Tensor.W1, l), w(Tensor.W3, l), x, w(Tensor.RMS_FFN, l), hidden, dim));
      ls.add(kernels.launch("mv2", ceilDiv(dim, MV_ROWS), 1, BLOCK, 0,
          x, w(Tensor.W2, l), hb, hb, dim, hidden, 0, 1));
    }
    ls.add(kernels.launch("mv2", ceilDiv(cfg.vocabSize(), MV_ROWS), 1, BLOCK, 0,
        logits, weights.get(Tensor.WCLS), x, w(Tensor.RMS_FINAL, 0), cfg.vocabSize(), dim, 1, 0));
    return ls;
  }

  /** V1: the first kernels, one warp per output row, separate RMSNorm and RoPE launches. */
  private List<CudaKernels.Launch> decodeLaunchesV1(final CUdeviceptr kCache,
      final CUdeviceptr vCache) {
    final int dim = cfg.dim();
    final int kvDim = cfg.kvDim();
    final int hidden = cfg.hiddenDim();
    final int hs = cfg.headSize();
    final long layerKv = 4L * cfg.seqLen() * kvDim;
    final CUdeviceptr pos = state.withByteOffset(4);
    final List<CudaKernels.Launch> ls = new ArrayList<>();
    ls.add(kernels.launch("embed_rows", ceilDiv(dim, BLOCK), 1, BLOCK, 0,
        x, weights.get(Tensor.TOKEN_EMBEDDING), state, dim));
    for (int l = 0; l < cfg.layers(); l++) {
      final CUdeviceptr kc = kCache.withByteOffset(l * layerKv);
      final CUdeviceptr vc = vCache.withByteOffset(l * layerKv);
      ls.add(kernels.launch("rmsnorm_rows", 1, 1, NORM_BLOCK, 0, xb, x, w(Tensor.RMS_ATT, l), dim));
      ls.add(kernels.launch("matvec_qkv", ceilDiv(32L * (dim + 2L * kvDim), BLOCK), 1, BLOCK, 0,
          q, k, v, w(Tensor.WQ, l), w(Tensor.WK, l), w(Tensor.WV, l), xb, dim, kvDim));
      ls.add(kernels.launch("rope_kv", ceilDiv(dim / 2, BLOCK), 1, BLOCK, 0,
          q, k, v, kc, vc, pos, dim, kvDim, hs, 1));
      ls.add(kernels.launch("attention", cfg.heads(), 1, ATTN_BLOCK, 4 * cfg.seqLen(),
          att, q, kc, vc, state, 0, dim, kvDim, hs, cfg.kvMul()));
      ls.add(kernels.launch("matvec", ceilDiv(32L * dim, BLOCK), 1, BLOCK, 0,
          x, w(Tensor.WO, l), att, dim, dim, 1));
      ls.add(kernels.launch("rmsnorm_rows", 1, 1, NORM_BLOCK, 0, xb, x, w(Tensor.RMS_FFN, l), dim));
      ls.add(kernels.launch("matvec_swiglu", ceilDiv(32L * hidden, BLOCK), 1, BLOCK, 0,
          hb, w(Tensor.W1, l), w(Tensor.W3, l), xb, hidden, dim));
      ls.add(kernels.launch("matvec", ceilDiv(32L * dim, BLOCK), 1, BLOCK, 0,
          x, w(Tensor.W2, l), hb, dim, hidden, 1));
    }
    ls.add(kernels.launch("rmsnorm_rows", 1, 1, NORM_BLOCK, 0, xb, x, w(Tensor.RMS_FINAL, 0), dim));
    ls.add(kernels.launch("matvec", ceilDiv(32L * cfg.vocabSize(), BLOCK), 1, BLOCK, 0,
        logits, weights.get(Tensor.WCLS), xb, cfg.vocabSize(), dim, 0));
    return ls;
  }

  @Override
  public float[][] prefill(final int[] tokens, final int fromPosition) {
    if (tokens == null || tokens.length == 0) {
      throw new IllegalArgumentException("prefill needs at least one token");
    }
    final int n = tokens.length;
    if (n > cfg.seqLen()) {
      throw new IllegalArgumentException(
          "sequence of " + n + " tokens exceeds seq_len " + cfg.seqLen());
    }
    if (fromPosition < 0 || fromPosition >= n) {
      throw new IllegalArgumentException("fromPosition " + fromPosition + " outside [0, " + n + ")");
    }
    for (final int t : tokens) {
      checkToken(t);
    }
    lock.lock();
    try {
      ensureOpen();
      JCudaDriver.cuCtxSetCurrent(ctx);
      final PrefillWorkspace ws = workspace(n);
      JCudaDriver.cuMemcpyHtoD(ws.tokens, Pointer.to(tokens), 4L * n);
      runPrefillOnDevice(ws, n, fromPosition);
      final int rows = n - fromPosition;
      final int vocab = cfg.vocabSize();
      // The launches are asynchronous: queue the logits' copy to pinned memory, allocate the
      // result while the device computes, then convert the rows in parallel. (Copying in chunks
      // converted as they arrive measured slower on an H200: 9.67 vs 9.45 ms for 1B, 128 rows.)
      JCudaDriver.cuMemcpyDtoHAsync(ws.hostLogits, ws.logits, 4L * rows * vocab, stream);
      final float[][] out = new float[rows][];
      IntStream.range(0, rows).parallel().forEach(i -> out[i] = new float[vocab]);
      JCudaDriver.cuStreamSynchronize(stream);
      final java.nio.ByteBuffer bb = ws.hostLogits.getByteBuffer(0, 4L * rows * vocab)
          .order(ByteOrder.nativeOrder());
      IntStream.range(0, rows).parallel().forEach(i -> {
        final FloatBuffer fb = bb.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
        fb.position(i * vocab);
        fb.get(out[i]);
      });
      return out;
    } finally {
      lock.unlock();
    }
  }

  private void runPrefill(final PrefillWorkspace ws, final int n, final int from) {
    final int dim = cfg.dim();
    final int kvDim = cfg.kvDim();
    final int hidden = cfg.hiddenDim();
    final int hs = cfg.headSize();
    kernels.launch("embed_rows", ceilDiv(dim, BLOCK), n, BLOCK, 0,
        ws.x, weights.get(Tensor.TOKEN_EMBEDDING), ws.tokens, dim).run(stream);
    for (int l = 0; l < cfg.layers(); l++) {
      kernels.launch("rmsnorm_rows", n, 1, NORM_BLOCK, 0, ws.xb, ws.x, w(Tensor.RMS_ATT, l), dim)
          .run(stream);
      gemm(ws.q, ws.xb, w(Tensor.WQ, l), n, dim, dim, false);
      gemm(ws.k, ws.xb, w(Tensor.WK, l), n, kvDim, dim, false);
      gemm(ws.v, ws.xb, w(Tensor.WV, l), n, kvDim, dim, false);
      kernels.launch("rope_kv", ceilDiv(dim / 2, BLOCK), n, BLOCK, 0,
          ws.q, ws.k, ws.v, ws.k, ws.v, ws.zero, dim, kvDim, hs, 0).run(stream);
      kernels.launch("attention", cfg.heads(), n, ATTN_BLOCK, 4 * n,
          ws.att, ws.q, ws.k, ws.v, ws.zero, 1, dim, kvDim, hs, cfg.kvMul()).run(stream);
      gemm(ws.x, ws.att, w(Tensor.WO, l), n, dim, dim, true);
      kernels.launch("rmsnorm_rows", n, 1, NORM_BLOCK, 0, ws.xb, ws.x, w(Tensor.RMS_FFN, l), dim)
          .run(stream);
      gemm(ws.h1, ws.xb, w(Tensor.W1, l), n, hidden, dim, false);
      gemm(ws.h3, ws.xb, w(Tensor.W3, l), n, hidden, dim, false);
      kernels.launch("swiglu", ceilDiv((long) n * hidden, BLOCK), 1, BLOCK, 0,
          ws.h1, ws.h3, n * hidden).run(stream);
      gemm(ws.x, ws.h1, w(Tensor.W2, l), n, dim, hidden, true);
    }
    final int rows = n - from;
    final CUdeviceptr xs = ws.x.withByteOffset(4L * from * dim);
    final CUdeviceptr xbs = ws.xb.withByteOffset(4L * from * dim);
    kernels.launch("rmsnorm_rows", rows, 1, NORM_BLOCK, 0, xbs, xs, w(Tensor.RMS_FINAL, 0), dim)
        .run(stream);
    gemm(ws.logits, xbs, weights.get(Tensor.WCLS), rows, cfg.vocabSize(), dim, false);
  }

  /** Epilogues of {@code gemm2_reduce}. */
  private static final int STORE = 0;
  private static final int ACCUMULATE = 1;
  private static final int SWIGLU = 2;

  /**
   * V2 prefill: per layer the q|k|v product with RoPE in its reduction, attention, Wo with the
   * residual add and the FFN RMSNorm in its reduction, W1|W3 with SwiGLU, W2 with the residual add
   * and the next RMSNorm (the next layer's, or the final one) in its reduction; then the
   * classifier over rows {@code from..n-1}.
   */
  private void runPrefillV2(final PrefillWorkspace ws, final int n, final int from) {
    final int dim = cfg.dim();
    final int kvDim = cfg.kvDim();
    final int hidden = cfg.hiddenDim();
    final int hs = cfg.headSize();
    kernels.launch("embed_rows", ceilDiv(dim, BLOCK), n, BLOCK, 0,
        ws.x, weights.get(Tensor.TOKEN_EMBEDDING), ws.tokens, dim).run(stream);
    kernels.launch("rmsnorm_rows", n, 1, NORM_BLOCK, 0, ws.xb, ws.x, w(Tensor.RMS_ATT, 0), dim)
        .run(stream);
    for (int l = 0; l < cfg.layers(); l++) {
      gemm2(ws, ws.xb, n, dim, new int[] {dim, kvDim, kvDim},
          new CUdeviceptr[] {w(Tensor.WQ, l), w(Tensor.WK, l), w(Tensor.WV, l)},
          new CUdeviceptr[] {ws.q, ws.k, ws.v}, STORE, null, hs);
      kernels.launch("attention2", cfg.heads(), n, PREFILL_ATTN_BLOCK, 4 * n,
          ws.att, ws.q, ws.k, ws.v, ws.zero, 1, dim, kvDim, hs, cfg.kvMul()).run(stream);
      gemm2(ws, ws.att, n, dim, new int[] {dim}, new CUdeviceptr[] {w(Tensor.WO, l)},
          new CUdeviceptr[] {ws.x, ws.xb}, ACCUMULATE, w(Tensor.RMS_FFN, l), 0);
      gemm2(ws, ws.xb, n, dim, new int[] {hidden, hidden},
          new CUdeviceptr[] {w(Tensor.W1, l), w(Tensor.W3, l)}, new CUdeviceptr[] {ws.h1},
          SWIGLU, null, 0);
      final CUdeviceptr nextNorm = l + 1 < cfg.layers() ? w(Tensor.RMS_ATT, l + 1)
          : w(Tensor.RMS_FINAL, 0);
      gemm2(ws, ws.h1, n, hidden, new int[] {dim}, new CUdeviceptr[] {w(Tensor.W2, l)},
          new CUdeviceptr[] {ws.x, ws.xb}, ACCUMULATE, nextNorm, 0);
    }
    final CUdeviceptr xbs = ws.xb.withByteOffset(4L * from * dim);
    gemm2(ws, xbs, n - from, dim, new int[] {cfg.vocabSize()},
        new CUdeviceptr[] {weights.get(Tensor.WCLS)}, new CUdeviceptr[] {ws.logits}, STORE, null,
        0);
  }

  /**
   * {@code out = a · [b_0; b_1; b_2]ᵀ} through {@code gemm2_nt} and, unless the product is a single
   * unsplit store, a reduction with epilogue {@code mode}: {@code gemm2_reduce}, or for
   * {@link #ACCUMULATE} with {@code norm} given {@code gemm2_reduce_norm}, which adds into
   * {@code out[0]} and writes {@code rmsnorm(out[0], norm)} to {@code out[1]}. {@code ropeHeadSize}
   * (STORE only) applies RoPE at position = row to the first two segments.
   */
  private void gemm2(final PrefillWorkspace ws, final CUdeviceptr a, final int m, final int k,
      final int[] segs, final CUdeviceptr[] b, final CUdeviceptr[] out, final int mode,
      final CUdeviceptr norm, final int ropeHeadSize) {
    final SplitGemmPlan p = SplitGemmPlan.choose(m, segs, k, gemmSlots, ws.partialFloats,
        gemmMinKPerSplit);
    final int n0 = segs[0];
    final int n1 = segs.length > 1 ? segs[1] : 0;
    final int n2 = segs.length > 2 ? segs[2] : 0;
    final CUdeviceptr b1 = b.length > 1 ? b[1] : b[0];
    final CUdeviceptr b2 = b.length > 2 ? b[2] : b[0];
    final boolean direct = p.splits() == 1 && mode == STORE && segs.length == 1
        && ropeHeadSize == 0;
    kernels.launch(gemmKTile == 16 ? "gemm2_nt16" : "gemm2_nt", p.columnTiles(), p.gridY(), BLOCK,
        0, direct ? out[0] : ws.part, a, b[0], b1, b2, n0, n1, n2, m, k, p.splits()).run(stream);
    if (direct) {
      return;
    }
    if (mode == ACCUMULATE && norm != null) {
      kernels.launch("gemm2_reduce_norm", m, 1, BLOCK, 0, out[0], out[1], ws.part, norm, n0, m,
          p.splits()).run(stream);
      return;
    }
    final long count = (long) m * (mode == SWIGLU ? n0 : n0 + n1 + n2) / 4; // 4 per thread
    final int blocks = (int) Math.min(ceilDiv(count, BLOCK), 16L * multiprocessors);
    final CUdeviceptr c1 = out.length > 1 ? out[1] : out[0];
    final CUdeviceptr c2 = out.length > 2 ? out[2] : out[0];
    kernels.launch("gemm2_reduce", blocks, 1, BLOCK, 0, out[0], c1, c2, ws.part, n0, n1, n2, m,
        p.splits(), mode, ropeHeadSize).run(stream);
  }

  /** {@code c[m][n] (+)= a[m][k] · b[n][k]ᵀ}. */
  private void gemm(final CUdeviceptr c, final CUdeviceptr a, final CUdeviceptr b, final int m,
      final int n, final int kk, final boolean accumulate) {
    final GemmTiling t = GemmTiling.choose(m, n, kk, multiprocessors);
    kernels.launch(t.kernel(), t.gridX(), t.gridY(), BLOCK, 0, c, a, b, m, n, kk,
        accumulate ? 1 : 0).run(stream);
  }

  /**
   * Queues the prefill kernels of {@code n} positions (logits from row {@code from}) on the stream.
   * The launches depend only on (n, from) and the workspace, so a shape seen before is captured
   * into a CUDA graph on its second use and replayed from then on (up to
   * {@value #PREFILL_GRAPHS} shapes, least recently used evicted): one graph launch instead of
   * 10-12 launches per layer, which bounds small models' prefill on the host. System property
   * {@code agora.cuda.prefillGraphs=false} turns this off.
   */
  private void runPrefillOnDevice(final PrefillWorkspace ws, final int n, final int from) {
    if (!prefillGraphs) {
      runPrefillKernels(ws, n, from);
      return;
    }
    final long key = ((long) n << 32) | from;
    CUgraphExec g = prefillGraphCache.get(key);
    if (g == null) {
      if (prefillSeen.size() > 4096) {
        prefillSeen.clear();
      }
      if (prefillSeen.merge(key, 1, Integer::sum) < 2) {
        runPrefillKernels(ws, n, from);
        return;
      }
      g = capturePrefill(ws, n, from);
      if (g == null) {
        runPrefillKernels(ws, n, from);
        return;
      }
      prefillGraphCache.put(key, g);
      if (prefillGraphCache.size() > PREFILL_GRAPHS) {
        final Long eldest = prefillGraphCache.keySet().iterator().next();
        JCudaDriver.cuGraphExecDestroy(prefillGraphCache.remove(eldest));
      }
    }
    JCudaDriver.cuGraphLaunch(g, stream);
  }

  private void runPrefillKernels(final PrefillWorkspace ws, final int n, final int from) {
    if (kernelSet == CudaKernelSet.V2) {
      runPrefillV2(ws, n, from);
    } else {
      runPrefill(ws, n, from);
    }
  }

  /** The prefill launches captured into an executable graph; empty (null) if capture fails. */
  private CUgraphExec capturePrefill(final PrefillWorkspace ws, final int n, final int from) {
    final CUgraph graph = new CUgraph();
    try {
      JCudaDriver.cuStreamBeginCapture(stream,
          CUstreamCaptureMode.CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
      try {
        runPrefillKernels(ws, n, from);
      } finally {
        JCudaDriver.cuStreamEndCapture(stream, graph);
      }
      final CUgraphExec exec = new CUgraphExec();
      JCudaDriver.cuGraphInstantiate(exec, graph, 0L);
      JCudaDriver.cuGraphDestroy(graph);
      return exec;
    } catch (final CudaException e) {
      LOG.log(Level.INFO, "CUDA graph capture of prefill failed, using direct launches: {0}",
          CudaProbe.oneLine(e));
      prefillGraphs = false;
      return null;
    }
  }

  /** Drops the captured prefill graphs (they name the workspace's buffers). */
  private void clearPrefillGraphs() {
    for (final CUgraphExec g : prefillGraphCache.values()) {
      JCudaDriver.cuGraphExecDestroy(g);
    }
    prefillGraphCache.clear();
    prefillSeen.clear();
  }

  /** Whether prefill replays captured graphs for shapes seen before. */
  boolean prefillGraphs() {
    return prefillGraphs;
  }

  /** Turns prefill graph replay on or off (for measurements). */
  void setPrefillGraphs(final boolean on) {
    lock.lock();
    try {
      prefillGraphs = on;
    } finally {
      lock.unlock();
    }
  }

  private PrefillWorkspace workspace(final int n) {
    if (workspace == null || workspace.capacity < n) {
      clearPrefillGraphs();
      if (workspace != null) {
        workspace.free();
      }
      final int cap = Math.min(cfg.seqLen(), Math.max(n, 64));
      workspace = new PrefillWorkspace(cap);
    }
    return workspace;
  }

  /** Device buffers of a prefill batch of up to {@code capacity} positions. */
  private final class PrefillWorkspace {
    final int capacity;
    final List<CUdeviceptr> own = new ArrayList<>();
    final CUdeviceptr x;
    final CUdeviceptr xb;
    final CUdeviceptr q;
    final CUdeviceptr k;
    final CUdeviceptr v;
    final CUdeviceptr att;
    final CUdeviceptr h1;
    final CUdeviceptr h3;
    final CUdeviceptr logits;
    final CUdeviceptr tokens;
    final CUdeviceptr zero;
    final CUdeviceptr part;
    final long partialFloats;
    final Pointer hostLogits = new Pointer();

    PrefillWorkspace(final int capacity) {
      this.capacity = capacity;
      final long n = capacity;
      this.x = mine(4L * n * cfg.dim());
      this.xb = mine(4L * n * cfg.dim());
      this.q = mine(4L * n * cfg.dim());
      this.att = mine(4L * n * cfg.dim());
      this.k = mine(4L * n * cfg.kvDim());
      this.v = mine(4L * n * cfg.kvDim());
      this.h1 = mine(4L * n * cfg.hiddenDim());
      this.h3 = mine(4L * n * cfg.hiddenDim());
      this.logits = mine(4L * n * cfg.vocabSize());
      this.tokens = mine(4L * n);
      this.zero = mine(4L);
      this.partialFloats = MemoryPlan.partialFloats(cfg, capacity);
      this.part = mine(4L * partialFloats);
      JCudaDriver.cuMemsetD32(zero, 0, 1);
      JCudaDriver.cuMemAllocHost(hostLogits, 4L * n * cfg.vocabSize());
    }

    private CUdeviceptr mine(final long bytes) {
      final CUdeviceptr p = new CUdeviceptr();
      JCudaDriver.cuMemAlloc(p, Math.max(4L, bytes));
      own.add(p);
      return p;
    }

    void free() {
      for (final CUdeviceptr p : own) {
        JCudaDriver.cuMemFree(p);
      }
      own.clear();
      JCudaDriver.cuMemFreeHost(hostLogits);

    }
  }

  /**
   * Measures device-to-device copy bandwidth: {@code 2 · bytes · reps / seconds} (bytes read plus
   * written), the yardstick for decode's bandwidth use.
   */
  public double measureCopyBandwidth(final long bytes, final int reps) {
    lock.lock();
    try {
      ensureOpen();
      JCudaDriver.cuCtxSetCurrent(ctx);
      final CUdeviceptr a = new CUdeviceptr();
      final CUdeviceptr b = new CUdeviceptr();
      JCudaDriver.cuMemAlloc(a, bytes);
      JCudaDriver.cuMemAlloc(b, bytes);
      try {
        JCudaDriver.cuMemsetD32(a, 0, bytes / 4);
        JCudaDriver.cuMemcpyDtoD(b, a, bytes);
        JCudaDriver.cuCtxSynchronize();
        final long t0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
          JCudaDriver.cuMemcpyDtoD(i % 2 == 0 ? b : a, i % 2 == 0 ? a : b, bytes);
        }
        JCudaDriver.cuCtxSynchronize();
        final double s = (System.nanoTime() - t0) / 1e9;
        return 2.0 * bytes * reps / s;
      } finally {
        JCudaDriver.cuMemFree(a);
        JCudaDriver.cuMemFree(b);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sets how many {@code gemm2_nt} blocks per multiprocessor the split-K plan assumes (default 2,
   * or system property {@code agora.cuda.gemmBlocksPerSm}); for measurements.
   */
  void setGemmBlocksPerSm(final int perSm) {
    if (perSm < 1) {
      throw new IllegalArgumentException("blocks per multiprocessor must be positive: " + perSm);
    }
    retune(() -> gemmSlots = multiprocessors * perSm);
  }

  /** Applies a change of the SGEMM plan; captured prefill graphs hold the old plan. */
  private void retune(final Runnable change) {
    lock.lock();
    try {
      change.run();
      if (!prefillGraphCache.isEmpty() || !prefillSeen.isEmpty()) {
        JCudaDriver.cuCtxSetCurrent(ctx);
        clearPrefillGraphs();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The v2 SGEMM's default plan (system properties agora.cuda.gemmBlocksPerSm, gemmKTile and
   * gemmMinKPerSplit, the last to force split-K on tiny models in the emulator tests).
   */
  void resetGemmTuning() {
    retune(this::readGemmTuning);
  }

  private void readGemmTuning() {
    gemmSlots = multiprocessors * Math.max(1, Integer.getInteger("agora.cuda.gemmBlocksPerSm", 2));
    gemmKTile = Integer.getInteger("agora.cuda.gemmKTile", 8) == 16 ? 16 : 8;
    gemmMinKPerSplit = Math.max(8, Integer.getInteger("agora.cuda.gemmMinKPerSplit",
        SplitGemmPlan.MIN_K_PER_SPLIT));
  }

  /**
   * Best of {@code reps} timings of a prefill of {@code n} tokens on the device alone (no logits
   * copy to the host): the share of {@link #prefill} that is GPU work. For measurements.
   */
  double prefillDeviceSeconds(final int n, final int reps) {
    final int[] tokens = new int[n];
    for (int i = 0; i < n; i++) {
      tokens[i] = (int) ((i * 7919L + 3) % cfg.vocabSize());
    }
    lock.lock();
    try {
      ensureOpen();
      JCudaDriver.cuCtxSetCurrent(ctx);
      final PrefillWorkspace ws = workspace(n);
      double best = Double.MAX_VALUE;
      for (int r = 0; r <= reps; r++) {
        final long t0 = System.nanoTime();
        JCudaDriver.cuMemcpyHtoD(ws.tokens, Pointer.to(tokens), 4L * n);
        runPrefillOnDevice(ws, n, 0);
        JCudaDriver.cuStreamSynchronize(stream);
        if (r > 0) {
          best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
      }
      return best;
    } finally {
      lock.unlock();
    }
  }

  /** Sets the k tile of the v2 prefill SGEMM: 8 or 16 (system property agora.cuda.gemmKTile). */
  void setGemmKTile(final int kTile) {
    if (kTile != 8 && kTile != 16) {
      throw new IllegalArgumentException("k tile must be 8 or 16: " + kTile);
    }
    retune(() -> gemmKTile = kTile);
  }

  /** Number of multiprocessors of the device. */
  public int multiprocessors() {
    return multiprocessors;
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      JCudaDriver.cuCtxSetCurrent(ctx);
      for (final CudaSession s : new ArrayList<>(sessions)) {
        s.release();
      }
      sessions.clear();
      clearPrefillGraphs();
      if (workspace != null) {
        workspace.free();
        workspace = null;
      }
      for (final CUdeviceptr p : allocations) {
        JCudaDriver.cuMemFree(p);
      }
      allocations.clear();
      kernels.unload();
      JCudaDriver.cuStreamDestroy(stream);
      JCudaDriver.cuCtxDestroy(ctx);
    } finally {
      lock.unlock();
    }
  }

  /** A decode stream with its KV cache on the device. Not thread-safe (one caller at a time). */
  public final class CudaSession implements Session {
    private final CUdeviceptr kCache;
    private final CUdeviceptr vCache;
    private final List<CudaKernels.Launch> launches;
    private boolean useGraph;
    private CUgraphExec graph;
    private int pos;
    private boolean released;

    private CudaSession(final boolean useGraph) {
      final long bytes = 4L * cfg.layers() * cfg.seqLen() * cfg.kvDim();
      this.kCache = new CUdeviceptr();
      this.vCache = new CUdeviceptr();
      JCudaDriver.cuMemAlloc(kCache, bytes);
      try {
        JCudaDriver.cuMemAlloc(vCache, bytes);
      } catch (final CudaException e) {
        JCudaDriver.cuMemFree(kCache);
        throw e;
      }
      this.launches = decodeLaunches(kCache, vCache);
      this.useGraph = useGraph;
    }

    @Override
    public int position() {
      return pos;
    }

    /** True while steps replay a captured CUDA graph. */
    public boolean usesGraph() {
      return useGraph;
    }

    @Override
    public float[] forward(final int token) {
      final float[] out = new float[cfg.vocabSize()];
      lock.lock();
      try {
        step(token);
        JCudaDriver.cuMemcpyDtoH(Pointer.to(out), logits, 4L * out.length);
      } finally {
        lock.unlock();
      }
      pos++;
      return out;
    }

    /**
     * Feeds {@code token} and returns the greedy next token (argmax on the device, ties to the
     * lowest id) without copying the logits back.
     */
    public int forwardArgmax(final int token) {
      final int[] out = {0};
      lock.lock();
      try {
        step(token);
        kernels.launch("argmax", 1, 1, ARGMAX_BLOCK, 0, argmaxOut, logits, cfg.vocabSize())
            .run(stream);
        JCudaDriver.cuStreamSynchronize(stream);
        JCudaDriver.cuMemcpyDtoH(Pointer.to(out), argmaxOut, 4L);
      } finally {
        lock.unlock();
      }
      pos++;
      return out[0];
    }

    /** Runs one step on the device and waits for it; the caller holds the lock. */
    private void step(final int token) {
      ensureOpen();
      if (released) {
        throw new IllegalStateException("the session is closed");
      }
      checkToken(token);
      if (pos >= cfg.seqLen()) {
        throw new IllegalStateException("context full: seq_len " + cfg.seqLen() + " reached");
      }
      JCudaDriver.cuCtxSetCurrent(ctx);
      JCudaDriver.cuMemcpyHtoD(state, Pointer.to(new int[] {token, pos}), 8L);
      if (useGraph && graph == null) {
        capture();
      }
      if (useGraph) {
        JCudaDriver.cuGraphLaunch(graph, stream);
      } else {
        for (final CudaKernels.Launch l : launches) {
          l.run(stream);
        }
      }
      JCudaDriver.cuStreamSynchronize(stream);
    }

    private void capture() {
      final CUgraph g = new CUgraph();
      try {
        JCudaDriver.cuStreamBeginCapture(stream,
            CUstreamCaptureMode.CU_STREAM_CAPTURE_MODE_THREAD_LOCAL);
        try {
          for (final CudaKernels.Launch l : launches) {
            l.run(stream);
          }
        } finally {
          JCudaDriver.cuStreamEndCapture(stream, g);
        }
        final CUgraphExec exec = new CUgraphExec();
        JCudaDriver.cuGraphInstantiate(exec, g, 0L);
        JCudaDriver.cuGraphDestroy(g);
        graph = exec;
      } catch (final CudaException e) {
        useGraph = false;
        LOG.log(Level.INFO, "CUDA graph capture failed, decoding with direct launches: {0}",
            CudaProbe.oneLine(e));
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        if (!closed) {
          JCudaDriver.cuCtxSetCurrent(ctx);
          release();
          sessions.remove(this);
        }
      } finally {
        lock.unlock();
      }
    }

    /** Frees the device memory; the caller holds the lock with the context current. */
    private void release() {
      if (released) {
        return;
      }
      released = true;
      if (graph != null) {
        JCudaDriver.cuGraphExecDestroy(graph);
        graph = null;
      }
      JCudaDriver.cuMemFree(kCache);
      JCudaDriver.cuMemFree(vCache);
    }
  }
}
