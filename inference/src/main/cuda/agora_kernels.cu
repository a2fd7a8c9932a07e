// Agora inference kernels: the llama2.c forward pass (VERIFICATION.md section 4) in plain fp32.
//
// Precision policy (VERIFICATION.md section 2.5): fp32 storage, fp32 accumulation, no tensor-core
// instructions (so no TF32), no fast-math. Built with scripts/gpu/build-ptx.sh, which runs
//   nvcc -ptx -arch=compute_80 --fmad=true -prec-div=true -prec-sqrt=true -ftz=false
// and the PTX is committed under inference/src/main/resources/ptx/.
//
// Layout conventions: matrices are row-major (out_features, in_features) as stored in the
// checkpoint; activations of a batch are row-major (positions, features). Decode kernels read the
// current token and position from a two-int device buffer `state` = {token, pos}, so that one
// token's launches do not depend on host values (they can be captured in a CUDA graph).
// Every kernel is extern "C" so that the host finds it by its plain name.

#include <math_constants.h>

#define FULL_MASK 0xffffffffu

__device__ __forceinline__ float warp_sum(float v) {
  for (int o = 16; o > 0; o >>= 1) {
    v += __shfl_xor_sync(FULL_MASK, v, o);
  }
  return v;
}

__device__ __forceinline__ float warp_max(float v) {
  for (int o = 16; o > 0; o >>= 1) {
    v = fmaxf(v, __shfl_xor_sync(FULL_MASK, v, o));
  }
  return v;
}

// Sum over the block; blockDim.x must be a multiple of 32. `red` holds 32 floats of shared memory.
__device__ float block_sum(float v, float* red) {
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  v = warp_sum(v);
  __syncthreads();
  if (lane == 0) {
    red[warp] = v;
  }
  __syncthreads();
  const int nwarps = blockDim.x >> 5;
  v = (threadIdx.x < nwarps) ? red[threadIdx.x] : 0.0f;
  if (warp == 0) {
    v = warp_sum(v);
    if (lane == 0) {
      red[0] = v;
    }
  }
  __syncthreads();
  return red[0];
}

__device__ float block_max(float v, float* red) {
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  v = warp_max(v);
  __syncthreads();
  if (lane == 0) {
    red[warp] = v;
  }
  __syncthreads();
  const int nwarps = blockDim.x >> 5;
  v = (threadIdx.x < nwarps) ? red[threadIdx.x] : -CUDART_INF_F;
  if (warp == 0) {
    v = warp_max(v);
    if (lane == 0) {
      red[0] = v;
    }
  }
  __syncthreads();
  return red[0];
}

// x[r][:] = table[tokens[r]][:] for r in [0, n). Grid (ceil(dim / blockDim), n).
extern "C" __global__ void embed_rows(float* __restrict__ x, const float* __restrict__ table,
                                      const int* __restrict__ tokens, int dim) {
  const int r = blockIdx.y;
  const int j = blockIdx.x * blockDim.x + threadIdx.x;
  if (j < dim) {
    x[(size_t)r * dim + j] = table[(size_t)tokens[r] * dim + j];
  }
}

// out[r] = w * x[r] / sqrt(mean(x[r]^2) + 1e-5), one block per row (llama2.c rmsnorm).
extern "C" __global__ void rmsnorm_rows(float* __restrict__ out, const float* __restrict__ x,
                                        const float* __restrict__ w, int dim) {
  __shared__ float red[32];
  const float* xr = x + (size_t)blockIdx.x * dim;
  float* orow = out + (size_t)blockIdx.x * dim;
  float ss = 0.0f;
  for (int j = threadIdx.x; j < dim; j += blockDim.x) {
    const float v = xr[j];
    ss += v * v;
  }
  ss = block_sum(ss, red);
  ss /= (float)dim;
  ss += 1e-5f;
  ss = 1.0f / sqrtf(ss);
  for (int j = threadIdx.x; j < dim; j += blockDim.x) {
    orow[j] = w[j] * (ss * xr[j]);
  }
}

// Dot product of one weight row with x by one warp; float4 loads when cols % 4 == 0 (the row and
// x are then 16-byte aligned: device buffers are 256-byte aligned and rows start at multiples of 4).
__device__ __forceinline__ float warp_row_dot(const float* __restrict__ wr,
                                              const float* __restrict__ x, int cols, int lane) {
  float acc = 0.0f;
  if ((cols & 3) == 0) {
    const float4* w4 = reinterpret_cast<const float4*>(wr);
    const float4* x4 = reinterpret_cast<const float4*>(x);
    const int n4 = cols >> 2;
#pragma unroll 4
    for (int i = lane; i < n4; i += 32) {
      const float4 a = __ldg(w4 + i);
      const float4 b = x4[i];
      acc += a.x * b.x;
      acc += a.y * b.y;
      acc += a.z * b.z;
      acc += a.w * b.w;
    }
  } else {
    for (int i = lane; i < cols; i += 32) {
      acc += __ldg(wr + i) * x[i];
    }
  }
  return warp_sum(acc);
}

// y = W x (accumulate == 0) or y += W x (accumulate != 0: the residual add fused in).
// One warp per row; grid = ceil(rows * 32 / blockDim).
extern "C" __global__ void matvec(float* __restrict__ y, const float* __restrict__ w,
                                  const float* __restrict__ x, int rows, int cols, int accumulate) {
  const int row = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
  const int lane = threadIdx.x & 31;
  if (row >= rows) {
    return;
  }
  const float acc = warp_row_dot(w + (size_t)row * cols, x, cols, lane);
  if (lane == 0) {
    y[row] = accumulate ? y[row] + acc : acc;
  }
}

// q = Wq x, k = Wk x, v = Wv x in one launch: rows [0, dim) of q, then kvDim rows of k, then of v.
extern "C" __global__ void matvec_qkv(float* __restrict__ q, float* __restrict__ k,
                                      float* __restrict__ v, const float* __restrict__ wq,
                                      const float* __restrict__ wk, const float* __restrict__ wv,
                                      const float* __restrict__ x, int dim, int kvDim) {
  int row = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
  const int lane = threadIdx.x & 31;
  const float* w;
  float* y;
  if (row < dim) {
    w = wq;
    y = q;
  } else if (row < dim + kvDim) {
    row -= dim;
    w = wk;
    y = k;
  } else if (row < dim + 2 * kvDim) {
    row -= dim + kvDim;
    w = wv;
    y = v;
  } else {
    return;
  }
  const float acc = warp_row_dot(w + (size_t)row * dim, x, dim, lane);
  if (lane == 0) {
    y[row] = acc;
  }
}

// h = silu(W1 x) * (W3 x), one warp per hidden row (llama2.c: val *= 1/(1+exp(-val)); val *= hb2).
extern "C" __global__ void matvec_swiglu(float* __restrict__ h, const float* __restrict__ w1,
                                         const float* __restrict__ w3,
                                         const float* __restrict__ x, int hidden, int dim) {
  const int row = (blockIdx.x * blockDim.x + threadIdx.x) >> 5;
  const int lane = threadIdx.x & 31;
  if (row >= hidden) {
    return;
  }
  float g = warp_row_dot(w1 + (size_t)row * dim, x, dim, lane);
  const float u = warp_row_dot(w3 + (size_t)row * dim, x, dim, lane);
  if (lane == 0) {
    g *= (1.0f / (1.0f + expf(-g)));
    g *= u;
    h[row] = g;
  }
}

// Element-wise SwiGLU for prefill: a = silu(a) * b over n values.
extern "C" __global__ void swiglu(float* __restrict__ a, const float* __restrict__ b, int n) {
  const int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) {
    float g = a[i];
    g *= (1.0f / (1.0f + expf(-g)));
    g *= b[i];
    a[i] = g;
  }
}

// Interleaved RoPE (llama2.c): for each even i, rotate (v[i], v[i+1]) of q, and of k when i < kvDim,
// by pos * 10000^(-(i % headSize) / headSize). Row r of the batch has position posBase[0] + r.
// The rotated k row and the v row are written to row `dstRow` of kDst / vDst, where
// dstRow = pos when dstAtPos != 0 (decode: straight into the KV cache) and r otherwise (prefill,
// in place). Grid (ceil(dim / 2 / blockDim), n).
extern "C" __global__ void rope_kv(float* __restrict__ q, const float* k, const float* v,
                                   float* kDst, float* vDst, const int* __restrict__ posBase,
                                   int dim, int kvDim, int headSize, int dstAtPos) {
  const int r = blockIdx.y;
  const int i = 2 * (blockIdx.x * blockDim.x + threadIdx.x);
  if (i >= dim) {
    return;
  }
  const int pos = posBase[0] + r;
  const int hd = i % headSize;
  const float freq = 1.0f / powf(10000.0f, hd / (float)headSize);
  const float val = pos * freq;
  const float fcr = cosf(val);
  const float fci = sinf(val);
  float* qr = q + (size_t)r * dim;
  const float q0 = qr[i];
  const float q1 = qr[i + 1];
  qr[i] = q0 * fcr - q1 * fci;
  qr[i + 1] = q0 * fci + q1 * fcr;
  if (i < kvDim) {
    const size_t src = (size_t)r * kvDim + i;
    const size_t dst = (size_t)(dstAtPos ? pos : r) * kvDim + i;
    const float k0 = k[src];
    const float k1 = k[src + 1];
    const float v0 = v[src];
    const float v1 = v[src + 1];
    kDst[dst] = k0 * fcr - k1 * fci;
    kDst[dst + 1] = k0 * fci + k1 * fcr;
    vDst[dst] = v0;
    vDst[dst + 1] = v1;
  }
}

// Attention of one query head over positions 0..pos of the (post-RoPE) keys and values.
// Block (h, r): head h of batch row r. Decode: causal == 0, one row, pos = state[1].
// Prefill: causal != 0, pos = r (row r attends to rows 0..r of the same batch).
// Dynamic shared memory: (maxPos + 1) floats of scores. blockDim.x is a multiple of 32.
extern "C" __global__ void attention(float* __restrict__ out, const float* __restrict__ q,
                                     const float* __restrict__ kc, const float* __restrict__ vc,
                                     const int* __restrict__ state, int causal, int dim,
                                     int kvDim, int headSize, int kvMul) {
  extern __shared__ float att[];
  __shared__ float red[32];
  __shared__ float part[1024];
  const int h = blockIdx.x;
  const int r = blockIdx.y;
  const int pos = causal ? r : state[1];
  const float* qh = q + (size_t)r * dim + (size_t)h * headSize;
  const int kvOff = (h / kvMul) * headSize;
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
  const int nwarps = blockDim.x >> 5;
  const float scale = sqrtf((float)headSize);
  for (int t = warp; t <= pos; t += nwarps) {
    const float* kt = kc + (size_t)t * kvDim + kvOff;
    float s = 0.0f;
    for (int i = lane; i < headSize; i += 32) {
      s += qh[i] * kt[i];
    }
    s = warp_sum(s);
    if (lane == 0) {
      att[t] = s / scale;
    }
  }
  __syncthreads();
  float m = -CUDART_INF_F;
  for (int t = threadIdx.x; t <= pos; t += blockDim.x) {
    m = fmaxf(m, att[t]);
  }
  m = block_max(m, red);
  float sum = 0.0f;
  for (int t = threadIdx.x; t <= pos; t += blockDim.x) {
    const float e = expf(att[t] - m);
    att[t] = e;
    sum += e;
  }
  sum = block_sum(sum, red);  // ends with __syncthreads(): every att[t] is written
  float* oh = out + (size_t)r * dim + (size_t)h * headSize;
  const int groups = blockDim.x / headSize;
  if (groups <= 1) {
    for (int i = threadIdx.x; i < headSize; i += blockDim.x) {
      float acc = 0.0f;
      for (int t = 0; t <= pos; t++) {
        acc += (att[t] / sum) * vc[(size_t)t * kvDim + kvOff + i];
      }
      oh[i] = acc;
    }
    return;
  }
  const int g = threadIdx.x / headSize;
  const int i = threadIdx.x - g * headSize;
  if (g < groups) {
    float acc = 0.0f;
    for (int t = g; t <= pos; t += groups) {
      acc += (att[t] / sum) * vc[(size_t)t * kvDim + kvOff + i];
    }
    part[threadIdx.x] = acc;
  }
  __syncthreads();
  if (threadIdx.x < headSize) {
    float acc = 0.0f;
    for (int gg = 0; gg < groups; gg++) {
      acc += part[gg * headSize + threadIdx.x];
    }
    oh[threadIdx.x] = acc;
  }
}

// Index of the largest value, ties to the lowest index (llama2.c sample_argmax uses strict >).
// One block; out[0] receives the index.
extern "C" __global__ void argmax(int* __restrict__ out, const float* __restrict__ x, int n) {
  __shared__ float bestV[1024];
  __shared__ int bestI[1024];
  float bv = -CUDART_INF_F;
  int bi = n;  // sentinel: loses every tie
  for (int i = threadIdx.x; i < n; i += blockDim.x) {
    const float v = x[i];
    if (v > bv || bi == n) {
      bv = v;
      bi = i;
    }
  }
  bestV[threadIdx.x] = bv;
  bestI[threadIdx.x] = bi;
  __syncthreads();
  for (int s = blockDim.x >> 1; s > 0; s >>= 1) {
    if (threadIdx.x < s) {
      const float ov = bestV[threadIdx.x + s];
      const int oi = bestI[threadIdx.x + s];
      const float mv = bestV[threadIdx.x];
      const int mi = bestI[threadIdx.x];
      if (oi != n && (mi == n || ov > mv || (ov == mv && oi < mi))) {
        bestV[threadIdx.x] = ov;
        bestI[threadIdx.x] = oi;
      }
    }
    __syncthreads();
  }
  if (threadIdx.x == 0) {
    out[0] = bestI[0];
  }
}

// C[M][N] = A[M][K] * B[N][K]^T (+ C when accumulate != 0): activations times a weight matrix in
// its stored (out, in) layout. Shared-memory tiles of BM x BK of A and BN x BK of B, 256 threads,
// each computing a TM x TN block of C with fp32 FMA; the k loop runs 0..K-1 in order for every
// output. VEC: 16-byte loads (requires K % 4 == 0).
template <int BM, int BN, int BK, int TM, int TN, bool VEC>
__device__ __forceinline__ void gemm_nt_body(float* __restrict__ c, const float* __restrict__ a,
                                             const float* __restrict__ b, int M, int N, int K,
                                             int accumulate) {
  static_assert((BM / TM) * (BN / TN) == 256, "256 threads");
  static_assert(BM * BK == 1024 && BN * BK == 1024, "one float4 of each tile per thread");
  __shared__ __align__(16) float as[BK][BM];
  __shared__ __align__(16) float bs[BK][BN];
  const int tid = threadIdx.x;
  const int tx = tid % (BN / TN);
  const int ty = tid / (BN / TN);
  const int m0 = blockIdx.y * BM;
  const int n0 = blockIdx.x * BN;
  // Tile load mapping: thread -> (row, 4 consecutive k).
  const int lr = tid / (BK / 4);
  const int lk = (tid % (BK / 4)) * 4;
  float acc[TM][TN];
#pragma unroll
  for (int i = 0; i < TM; i++) {
#pragma unroll
    for (int j = 0; j < TN; j++) {
      acc[i][j] = 0.0f;
    }
  }
  for (int k0 = 0; k0 < K; k0 += BK) {
    float av[4];
    float bv[4];
    const int am = m0 + lr;
    const int bn = n0 + lr;
    const int kk = k0 + lk;
    if (VEC) {
      float4 a4 = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
      float4 b4 = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
      if (am < M && kk < K) {
        a4 = *reinterpret_cast<const float4*>(a + (size_t)am * K + kk);
      }
      if (bn < N && kk < K) {
        b4 = __ldg(reinterpret_cast<const float4*>(b + (size_t)bn * K + kk));
      }
      av[0] = a4.x; av[1] = a4.y; av[2] = a4.z; av[3] = a4.w;
      bv[0] = b4.x; bv[1] = b4.y; bv[2] = b4.z; bv[3] = b4.w;
    } else {
#pragma unroll
      for (int e = 0; e < 4; e++) {
        av[e] = (am < M && kk + e < K) ? a[(size_t)am * K + kk + e] : 0.0f;
        bv[e] = (bn < N && kk + e < K) ? __ldg(b + (size_t)bn * K + kk + e) : 0.0f;
      }
    }
#pragma unroll
    for (int e = 0; e < 4; e++) {
      as[lk + e][lr] = av[e];
      bs[lk + e][lr] = bv[e];
    }
    __syncthreads();
#pragma unroll
    for (int kk2 = 0; kk2 < BK; kk2++) {
      float ra[TM];
      float rb[TN];
#pragma unroll
      for (int i = 0; i < TM; i += 4) {
        const float4 t = *reinterpret_cast<const float4*>(&as[kk2][ty * TM + i]);
        ra[i] = t.x; ra[i + 1] = t.y; ra[i + 2] = t.z; ra[i + 3] = t.w;
      }
#pragma unroll
      for (int j = 0; j < TN; j += 4) {
        const float4 t = *reinterpret_cast<const float4*>(&bs[kk2][tx * TN + j]);
        rb[j] = t.x; rb[j + 1] = t.y; rb[j + 2] = t.z; rb[j + 3] = t.w;
      }
#pragma unroll
      for (int i = 0; i < TM; i++) {
#pragma unroll
        for (int j = 0; j < TN; j++) {
          acc[i][j] = fmaf(ra[i], rb[j], acc[i][j]);
        }
      }
    }
    __syncthreads();
  }
#pragma unroll
  for (int i = 0; i < TM; i++) {
    const int m = m0 + ty * TM + i;
    if (m >= M) {
      continue;
    }
#pragma unroll
    for (int j = 0; j < TN; j++) {
      const int n = n0 + tx * TN + j;
      if (n < N) {
        float* dst = c + (size_t)m * N + n;
        *dst = accumulate ? *dst + acc[i][j] : acc[i][j];
      }
    }
  }
}

// 64 x 64 tiles (4 x 4 per thread): for small batches, where more blocks fill the device.
extern "C" __global__ void __launch_bounds__(256) gemm_nt_64(float* c, const float* a,
                                                             const float* b, int M, int N, int K,
                                                             int accumulate) {
  gemm_nt_body<64, 64, 16, 4, 4, false>(c, a, b, M, N, K, accumulate);
}

extern "C" __global__ void __launch_bounds__(256) gemm_nt_64_vec(float* c, const float* a,
                                                                 const float* b, int M, int N,
                                                                 int K, int accumulate) {
  gemm_nt_body<64, 64, 16, 4, 4, true>(c, a, b, M, N, K, accumulate);
}

// 128 x 128 tiles (8 x 8 per thread): fewer shared-memory reads per FMA, for large products.
extern "C" __global__ void __launch_bounds__(256) gemm_nt_128(float* c, const float* a,
                                                              const float* b, int M, int N, int K,
                                                              int accumulate) {
  gemm_nt_body<128, 128, 8, 8, 8, false>(c, a, b, M, N, K, accumulate);
}

extern "C" __global__ void __launch_bounds__(256) gemm_nt_128_vec(float* c, const float* a,
                                                                  const float* b, int M, int N,
                                                                  int K, int accumulate) {
  gemm_nt_body<128, 128, 8, 8, 8, true>(c, a, b, M, N, K, accumulate);
}

// ================================================================================================
// Kernel set v2 (the default; CudaInferenceEngine falls back to the kernels above with
// -Dagora.cuda.kernels=v1). Same fp32 arithmetic, fewer launches and more memory traffic in flight:
//  - decode matrix-vector products: a block of MV_THREADS threads computes MV_ROWS consecutive
//    rows, its threads splitting the columns (16-byte loads, MV_ROWS independent accumulators),
//    so that even a 256-row projection spreads over many blocks; RMSNorm is folded in (the block
//    sums x^2 alongside the dot products and scales the results by 1/rms, cheaper than a launch);
//    RoPE and the KV-cache write are folded into the q/k/v projection.
//  - attention: a thread per position for the scores, 16-byte loads of k and v.
//  - prefill: register-blocked 128x128 SGEMM (8x8 outputs per thread, double-buffered shared
//    tiles) writing split-K partial sums, and one reduction kernel per product that sums the
//    partials in a fixed order and applies the epilogue (store, residual add or SwiGLU).
// All v2 kernels need every matrix width (dim, hidden, kvDim, headSize) to be a multiple of 4.
// ================================================================================================

#define MV_THREADS 256
#define MV_ROWS 4
#define MV_WARPS (MV_THREADS / 32)

// Sums NV per-thread values over the block (MV_THREADS threads) in a fixed order; the result
// lands in out[0..NV) (shared memory), visible to every thread after the call.
template <int NV>
__device__ __forceinline__ void mv_block_reduce(float (&v)[NV], float* red, float* out) {
  const int lane = threadIdx.x & 31;
  const int warp = threadIdx.x >> 5;
#pragma unroll
  for (int r = 0; r < NV; r++) {
    v[r] = warp_sum(v[r]);
  }
  if (lane == 0) {
#pragma unroll
    for (int r = 0; r < NV; r++) {
      red[warp * NV + r] = v[r];
    }
  }
  __syncthreads();
  if (threadIdx.x < NV) {
    float s = 0.0f;
    for (int w = 0; w < MV_WARPS; w++) {
      s += red[w * NV + threadIdx.x];
    }
    out[threadIdx.x] = s;
  }
  __syncthreads();
}

// 1 / sqrt(mean(x^2) + 1e-5) from the sum of squares (llama2.c rmsnorm).
__device__ __forceinline__ float rms_scale(float ss, int dim) {
  ss /= (float)dim;
  ss += 1e-5f;
  return 1.0f / sqrtf(ss);
}

// acc[r] += W[rowPtr[r]] . xn over the columns this thread owns; xn = x (norm == 0) or w_norm * x
// (norm != 0, with ss += x^2). cols % 4 == 0; rows past the end have a null pointer.
template <int R>
__device__ __forceinline__ void mv_accumulate(const float* const (&wrow)[R], const float* x,
                                              const float* normw, int norm, int cols,
                                              float (&acc)[R], float& ss) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  const float4* n4p = reinterpret_cast<const float4*>(normw);
  const int n4 = cols >> 2;
#pragma unroll 2
  for (int i = threadIdx.x; i < n4; i += MV_THREADS) {
    float4 w[R];
#pragma unroll
    for (int r = 0; r < R; r++) {
      w[r] = wrow[r] != nullptr ? __ldg(reinterpret_cast<const float4*>(wrow[r]) + i)
                                : make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    }
    float4 xv = x4[i];
    if (norm) {
      ss += xv.x * xv.x;
      ss += xv.y * xv.y;
      ss += xv.z * xv.z;
      ss += xv.w * xv.w;
      const float4 g = __ldg(n4p + i);
      xv.x *= g.x;
      xv.y *= g.y;
      xv.z *= g.z;
      xv.w *= g.w;
    }
#pragma unroll
    for (int r = 0; r < R; r++) {
      acc[r] += w[r].x * xv.x;
      acc[r] += w[r].y * xv.y;
      acc[r] += w[r].z * xv.z;
      acc[r] += w[r].w * xv.w;
    }
  }
}

// y = W rmsnorm?(x) (accumulate == 0) or y += W rmsnorm?(x): MV_ROWS rows per block,
// grid ceil(rows / MV_ROWS), MV_THREADS threads. norm != 0 applies RMSNorm with weights normw
// (x has `cols` entries).
extern "C" __global__ void __launch_bounds__(MV_THREADS) mv2(float* __restrict__ y,
    const float* __restrict__ w, const float* __restrict__ x, const float* __restrict__ normw,
    int rows, int cols, int norm, int accumulate) {
  __shared__ float red[MV_WARPS * (MV_ROWS + 1)];
  __shared__ float sums[MV_ROWS + 1];
  const int r0 = blockIdx.x * MV_ROWS;
  const float* wrow[MV_ROWS];
#pragma unroll
  for (int r = 0; r < MV_ROWS; r++) {
    wrow[r] = r0 + r < rows ? w + (size_t)(r0 + r) * cols : nullptr;
  }
  float acc[MV_ROWS + 1];
  float accR[MV_ROWS];
#pragma unroll
  for (int r = 0; r < MV_ROWS; r++) {
    accR[r] = 0.0f;
  }
  float ss = 0.0f;
  mv_accumulate<MV_ROWS>(wrow, x, normw, norm, cols, accR, ss);
#pragma unroll
  for (int r = 0; r < MV_ROWS; r++) {
    acc[r] = accR[r];
  }
  acc[MV_ROWS] = ss;
  mv_block_reduce<MV_ROWS + 1>(acc, red, sums);
  if (threadIdx.x < MV_ROWS && r0 + threadIdx.x < rows) {
    float v = sums[threadIdx.x];
    if (norm) {
      v *= rms_scale(sums[MV_ROWS], cols);
    }
    const int row = r0 + threadIdx.x;
    y[row] = accumulate ? y[row] + v : v;
  }
}

// RoPE of the pair (v0, v1) at even index i of a q or k vector (llama2.c, same formula as rope_kv).
__device__ __forceinline__ void rope_pair(float& v0, float& v1, int i, int pos, int headSize) {
  const int hd = i % headSize;
  const float freq = 1.0f / powf(10000.0f, hd / (float)headSize);
  const float val = pos * freq;
  const float fcr = cosf(val);
  const float fci = sinf(val);
  const float a = v0;
  const float b = v1;
  v0 = a * fcr - b * fci;
  v1 = a * fci + b * fcr;
}

// Decode q/k/v: rmsnorm(x) times Wq, Wk, Wv (rows [0, dim) of q, then kvDim of k, then of v), RoPE
// on q and k, and k, v written to row pos = state[1] of this layer's caches kc, vc.
// grid ceil((dim + 2 kvDim) / MV_ROWS); dim and kvDim even, so a RoPE pair never straddles blocks.
extern "C" __global__ void __launch_bounds__(MV_THREADS) mv2_qkv_rope(float* __restrict__ q,
    float* __restrict__ kc, float* __restrict__ vc, const float* __restrict__ wq,
    const float* __restrict__ wk, const float* __restrict__ wv, const float* __restrict__ x,
    const float* __restrict__ normw, const int* __restrict__ state, int dim, int kvDim,
    int headSize) {
  __shared__ float red[MV_WARPS * (MV_ROWS + 1)];
  __shared__ float sums[MV_ROWS + 1];
  const int r0 = blockIdx.x * MV_ROWS;
  const int total = dim + 2 * kvDim;
  const float* wrow[MV_ROWS];
#pragma unroll
  for (int r = 0; r < MV_ROWS; r++) {
    const int g = r0 + r;
    if (g < dim) {
      wrow[r] = wq + (size_t)g * dim;
    } else if (g < dim + kvDim) {
      wrow[r] = wk + (size_t)(g - dim) * dim;
    } else if (g < total) {
      wrow[r] = wv + (size_t)(g - dim - kvDim) * dim;
    } else {
      wrow[r] = nullptr;
    }
  }
  float accR[MV_ROWS];
#pragma unroll
  for (int r = 0; r < MV_ROWS; r++) {
    accR[r] = 0.0f;
  }
  float ss = 0.0f;
  mv_accumulate<MV_ROWS>(wrow, x, normw, 1, dim, accR, ss);
  float acc[MV_ROWS + 1];
#pragma unroll
  for (int r = 0; r < MV_ROWS; r++) {
    acc[r] = accR[r];
  }
  acc[MV_ROWS] = ss;
  mv_block_reduce<MV_ROWS + 1>(acc, red, sums);
  // One thread per pair of rows.
  if (threadIdx.x < MV_ROWS / 2) {
    const int g = r0 + 2 * threadIdx.x;
    if (g < total) {
      const float s = rms_scale(sums[MV_ROWS], dim);
      float v0 = sums[2 * threadIdx.x] * s;
      float v1 = sums[2 * threadIdx.x + 1] * s;
      const int pos = state[1];
      if (g < dim) {
        rope_pair(v0, v1, g, pos, headSize);
        q[g] = v0;
        q[g + 1] = v1;
      } else if (g < dim + kvDim) {
        const int i = g - dim;
        rope_pair(v0, v1, i, pos, headSize);
        kc[(size_t)pos * kvDim + i] = v0;
        kc[(size_t)pos * kvDim + i + 1] = v1;
      } else {
        const int i = g - dim - kvDim;
        vc[(size_t)pos * kvDim + i] = v0;
        vc[(size_t)pos * kvDim + i + 1] = v1;
      }
    }
  }
}

// Decode FFN up: h = silu(W1 n) * (W3 n) with n = rmsnorm(x, normw); MV_ROWS hidden rows per block.
extern "C" __global__ void __launch_bounds__(MV_THREADS) mv2_swiglu(float* __restrict__ h,
    const float* __restrict__ w1, const float* __restrict__ w3, const float* __restrict__ x,
    const float* __restrict__ normw, int hidden, int dim) {
  __shared__ float red[MV_WARPS * (2 * MV_ROWS + 1)];
  __shared__ float sums[2 * MV_ROWS + 1];
  const int r0 = blockIdx.x * MV_ROWS;
  const float* wrow[2 * MV_ROWS];
#pragma unroll
  for (int r = 0; r < MV_ROWS; r++) {
    const bool in = r0 + r < hidden;
    wrow[r] = in ? w1 + (size_t)(r0 + r) * dim : nullptr;
    wrow[MV_ROWS + r] = in ? w3 + (size_t)(r0 + r) * dim : nullptr;
  }
  float accR[2 * MV_ROWS];
#pragma unroll
  for (int r = 0; r < 2 * MV_ROWS; r++) {
    accR[r] = 0.0f;
  }
  float ss = 0.0f;
  mv_accumulate<2 * MV_ROWS>(wrow, x, normw, 1, dim, accR, ss);
  float acc[2 * MV_ROWS + 1];
#pragma unroll
  for (int r = 0; r < 2 * MV_ROWS; r++) {
    acc[r] = accR[r];
  }
  acc[2 * MV_ROWS] = ss;
  mv_block_reduce<2 * MV_ROWS + 1>(acc, red, sums);
  if (threadIdx.x < MV_ROWS && r0 + threadIdx.x < hidden) {
    const float s = rms_scale(sums[2 * MV_ROWS], dim);
    float g = sums[threadIdx.x] * s;
    const float u = sums[MV_ROWS + threadIdx.x] * s;
    g *= (1.0f / (1.0f + expf(-g)));
    g *= u;
    h[r0 + threadIdx.x] = g;
  }
}

// Attention v2, block (h, r) for query head h of batch row r: decode (causal == 0, pos = state[1],
// row 0) or prefill (causal != 0, pos = r, keys/values rows 0..r of the batch). Scores: one thread
// per position, 16-byte loads of its key; values: headSize/4 threads per position group, each
// summing float4 slices over a strided set of positions, then the groups are added in order.
// Dynamic shared memory: (maxPos + 1) floats. headSize % 4 == 0, headSize / 4 <= blockDim.x.
extern "C" __global__ void attention2(float* __restrict__ out, const float* __restrict__ q,
                                      const float* __restrict__ kc, const float* __restrict__ vc,
                                      const int* __restrict__ state, int causal, int dim,
                                      int kvDim, int headSize, int kvMul) {
  extern __shared__ float att[];
  __shared__ float red[32];
  __shared__ __align__(16) float qs[256];
  __shared__ __align__(16) float part[1024];
  const int h = blockIdx.x;
  const int r = blockIdx.y;
  const int pos = causal ? r : state[1];
  const float* qh = q + (size_t)r * dim + (size_t)h * headSize;
  const int kvOff = (h / kvMul) * headSize;
  for (int i = threadIdx.x; i < headSize; i += blockDim.x) {
    qs[i] = qh[i];
  }
  __syncthreads();
  const float scale = sqrtf((float)headSize);
  const int h4 = headSize >> 2;
  const float4* qs4 = reinterpret_cast<const float4*>(qs);
  float m = -CUDART_INF_F;
  for (int t = threadIdx.x; t <= pos; t += blockDim.x) {
    const float4* kt = reinterpret_cast<const float4*>(kc + (size_t)t * kvDim + kvOff);
    float s = 0.0f;
#pragma unroll 8
    for (int i = 0; i < h4; i++) {
      const float4 kv = __ldg(kt + i);
      const float4 qv = qs4[i];
      s += qv.x * kv.x;
      s += qv.y * kv.y;
      s += qv.z * kv.z;
      s += qv.w * kv.w;
    }
    s /= scale;
    att[t] = s;
    m = fmaxf(m, s);
  }
  m = block_max(m, red);
  float sum = 0.0f;
  for (int t = threadIdx.x; t <= pos; t += blockDim.x) {
    const float e = expf(att[t] - m);
    att[t] = e;
    sum += e;
  }
  sum = block_sum(sum, red);  // ends with __syncthreads(): every att[t] is written
  for (int t = threadIdx.x; t <= pos; t += blockDim.x) {
    att[t] = att[t] / sum;
  }
  __syncthreads();
  const int groups = blockDim.x / h4;
  const int g = threadIdx.x / h4;
  const int i4 = threadIdx.x - g * h4;
  float4 acc = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
  if (g < groups) {
    const float4* vbase = reinterpret_cast<const float4*>(vc + kvOff) + i4;
    const int stride4 = kvDim >> 2;
#pragma unroll 4
    for (int t = g; t <= pos; t += groups) {
      const float p = att[t];
      const float4 vv = __ldg(vbase + (size_t)t * stride4);
      acc.x += p * vv.x;
      acc.y += p * vv.y;
      acc.z += p * vv.z;
      acc.w += p * vv.w;
    }
    part[4 * threadIdx.x] = acc.x;
    part[4 * threadIdx.x + 1] = acc.y;
    part[4 * threadIdx.x + 2] = acc.z;
    part[4 * threadIdx.x + 3] = acc.w;
  }
  __syncthreads();
  float* oh = out + (size_t)r * dim + (size_t)h * headSize;
  for (int i = threadIdx.x; i < headSize; i += blockDim.x) {
    // part index of (group gg, element i): 4 * (gg * h4 + i / 4) + i % 4 = gg * headSize + i.
    float o = 0.0f;
    for (int gg = 0; gg < groups; gg++) {
      o += part[gg * headSize + i];
    }
    oh[i] = o;
  }
}

// ---- prefill SGEMM: P[s][m][colOff + n] = sum over k in split s of A[m][k] * B[n][k] ----------
// Up to three B matrices ("segments", e.g. Wq, Wk, Wv) share A and are laid side by side along the
// output columns: segment j has nj rows (outputs) and starts at column colOff_j = n0 + ... of P,
// whose rows are ntot = n0 + n1 + n2 wide. Block tile 128 x 128, k tile BK, 256 threads each
// computing 8 x 8 outputs (rows ty*4 + {0..3, 64..67}, cols tx*4 + {0..3, 64..67}), shared tiles
// double-buffered. grid.x: column tiles of all segments; grid.y: row tiles x splits.
// K % 4 == 0; with k tile BK (8 or 16) the k range of split s is k tiles [s*kt/S, (s+1)*kt/S).
#define G2_BM 128
#define G2_BN 128
#define G2_PAD 4

template <int BK>
__device__ __forceinline__ void gemm2_body(float* __restrict__ part, const float* __restrict__ a,
                                           const float* __restrict__ b0,
                                           const float* __restrict__ b1,
                                           const float* __restrict__ b2, int n0, int n1, int n2,
                                           int M, int K, int splits) {
  constexpr int LOADS = BK / 8;  // float4 loads of each tile per thread
  __shared__ __align__(16) float as[2][BK][G2_BM + G2_PAD];
  __shared__ __align__(16) float bs[2][BK][G2_BN + G2_PAD];
  const int tid = threadIdx.x;
  // Segment and column tile of this block.
  const int t0 = (n0 + G2_BN - 1) / G2_BN;
  const int t1 = (n1 + G2_BN - 1) / G2_BN;
  int tile = blockIdx.x;
  const float* b;
  int nseg;
  int colOff;
  if (tile < t0) {
    b = b0;
    nseg = n0;
    colOff = 0;
  } else if (tile < t0 + t1) {
    tile -= t0;
    b = b1;
    nseg = n1;
    colOff = n0;
  } else {
    tile -= t0 + t1;
    b = b2;
    nseg = n2;
    colOff = n0 + n1;
  }
  const int ntot = n0 + n1 + n2;
  const int mTiles = (M + G2_BM - 1) / G2_BM;
  const int mt = blockIdx.y % mTiles;
  const int split = blockIdx.y / mTiles;
  const int mBase = mt * G2_BM;
  const int nBase = tile * G2_BN;
  const int kTiles = (K + BK - 1) / BK;
  const int ktBeg = (int)(((long long)split * kTiles) / splits);
  const int ktEnd = (int)(((long long)(split + 1) * kTiles) / splits);
  // Global -> shared mapping: thread loads row lr (0..127), k lk + 8 l .. +3 of each tile.
  const int lr = tid >> 1;
  const int lk = (tid & 1) * 4;
  const int am = mBase + lr;
  const int bn = nBase + lr;
  const float* aRow = a + (size_t)(am < M ? am : 0) * K;
  const float* bRow = b + (size_t)(bn < nseg ? bn : 0) * K;
  const bool aOk = am < M;
  const bool bOk = bn < nseg;
  const int tx = tid & 15;
  const int ty = tid >> 4;
  float acc[8][8];
#pragma unroll
  for (int i = 0; i < 8; i++) {
#pragma unroll
    for (int j = 0; j < 8; j++) {
      acc[i][j] = 0.0f;
    }
  }
  float4 ra[LOADS];
  float4 rb[LOADS];
#pragma unroll
  for (int l = 0; l < LOADS; l++) {
    ra[l] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    rb[l] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
    const int kk = ktBeg * BK + lk + 8 * l;
    if (ktBeg < ktEnd && kk < K) {
      if (aOk) {
        ra[l] = *reinterpret_cast<const float4*>(aRow + kk);
      }
      if (bOk) {
        rb[l] = __ldg(reinterpret_cast<const float4*>(bRow + kk));
      }
    }
  }
  int buf = 0;
#pragma unroll
  for (int l = 0; l < LOADS; l++) {
    const int k = lk + 8 * l;
    as[0][k][lr] = ra[l].x;
    as[0][k + 1][lr] = ra[l].y;
    as[0][k + 2][lr] = ra[l].z;
    as[0][k + 3][lr] = ra[l].w;
    bs[0][k][lr] = rb[l].x;
    bs[0][k + 1][lr] = rb[l].y;
    bs[0][k + 2][lr] = rb[l].z;
    bs[0][k + 3][lr] = rb[l].w;
  }
  __syncthreads();
  for (int kt = ktBeg; kt < ktEnd; kt++) {
    const bool more = kt + 1 < ktEnd;
    if (more) {
#pragma unroll
      for (int l = 0; l < LOADS; l++) {
        const int kk = (kt + 1) * BK + lk + 8 * l;
        ra[l] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
        rb[l] = make_float4(0.0f, 0.0f, 0.0f, 0.0f);
        if (kk < K) {
          if (aOk) {
            ra[l] = *reinterpret_cast<const float4*>(aRow + kk);
          }
          if (bOk) {
            rb[l] = __ldg(reinterpret_cast<const float4*>(bRow + kk));
          }
        }
      }
    }
#pragma unroll
    for (int k = 0; k < BK; k++) {
      const float4 a0 = *reinterpret_cast<const float4*>(&as[buf][k][ty * 4]);
      const float4 a1 = *reinterpret_cast<const float4*>(&as[buf][k][64 + ty * 4]);
      const float4 b0v = *reinterpret_cast<const float4*>(&bs[buf][k][tx * 4]);
      const float4 b1v = *reinterpret_cast<const float4*>(&bs[buf][k][64 + tx * 4]);
      const float av[8] = {a0.x, a0.y, a0.z, a0.w, a1.x, a1.y, a1.z, a1.w};
      const float bv[8] = {b0v.x, b0v.y, b0v.z, b0v.w, b1v.x, b1v.y, b1v.z, b1v.w};
#pragma unroll
      for (int i = 0; i < 8; i++) {
#pragma unroll
        for (int j = 0; j < 8; j++) {
          acc[i][j] = fmaf(av[i], bv[j], acc[i][j]);
        }
      }
    }
    if (more) {
      const int nb = buf ^ 1;
#pragma unroll
      for (int l = 0; l < LOADS; l++) {
        const int k = lk + 8 * l;
        as[nb][k][lr] = ra[l].x;
        as[nb][k + 1][lr] = ra[l].y;
        as[nb][k + 2][lr] = ra[l].z;
        as[nb][k + 3][lr] = ra[l].w;
        bs[nb][k][lr] = rb[l].x;
        bs[nb][k + 1][lr] = rb[l].y;
        bs[nb][k + 2][lr] = rb[l].z;
        bs[nb][k + 3][lr] = rb[l].w;
      }
      __syncthreads();
      buf = nb;
    }
  }
  // 16-byte stores: segment widths and offsets are multiples of 4, so a group of 4 columns is
  // either wholly inside the segment or wholly outside.
  float* pBase = part + (size_t)split * M * ntot;
#pragma unroll
  for (int i = 0; i < 8; i++) {
    const int m = mBase + (i < 4 ? ty * 4 + i : 64 + ty * 4 + (i - 4));
    if (m >= M) {
      continue;
    }
    float* prow = pBase + (size_t)m * ntot + colOff;
#pragma unroll
    for (int h = 0; h < 2; h++) {
      const int n = nBase + h * 64 + tx * 4;
      if (n < nseg) {
        *reinterpret_cast<float4*>(prow + n) =
            make_float4(acc[i][4 * h], acc[i][4 * h + 1], acc[i][4 * h + 2], acc[i][4 * h + 3]);
      }
    }
  }
}

// k tile 8 (one float4 of each tile per thread) and k tile 16 (two; half the barriers).
extern "C" __global__ void __launch_bounds__(256, 2) gemm2_nt(float* __restrict__ part,
    const float* __restrict__ a, const float* __restrict__ b0, const float* __restrict__ b1,
    const float* __restrict__ b2, int n0, int n1, int n2, int M, int K, int splits) {
  gemm2_body<8>(part, a, b0, b1, b2, n0, n1, n2, M, K, splits);
}

extern "C" __global__ void __launch_bounds__(256, 2) gemm2_nt16(float* __restrict__ part,
    const float* __restrict__ a, const float* __restrict__ b0, const float* __restrict__ b1,
    const float* __restrict__ b2, int n0, int n1, int n2, int M, int K, int splits) {
  gemm2_body<16>(part, a, b0, b1, b2, n0, n1, n2, M, K, splits);
}

// Sums the split-K partials P[s][m][col] (s = 0..splits-1 in order) and applies the epilogue,
// four columns per thread (every width is a multiple of 4):
// mode 0: store to the segment's output (c0 for columns [0, n0), c1 for [n0, n0+n1), c2 beyond),
//         each row-major with its own width;
// mode 1: c0[m][n] += sum (residual add; one segment);
// mode 2: SwiGLU over two segments of equal width n0: c0[m][n] = silu(S(m, n)) * S(m, n0 + n).
// ropeHeadSize != 0 (mode 0, prefill q|k|v): RoPE at position m on the first two segments.
__device__ __forceinline__ float4 add4(float4 a, float4 b) {
  return make_float4(a.x + b.x, a.y + b.y, a.z + b.z, a.w + b.w);
}

__device__ __forceinline__ float silu_mul(float g, float u) {
  g *= (1.0f / (1.0f + expf(-g)));
  return g * u;
}

extern "C" __global__ void gemm2_reduce(float* __restrict__ c0, float* __restrict__ c1,
                                        float* __restrict__ c2, const float* __restrict__ part,
                                        int n0, int n1, int n2, int M, int splits, int mode,
                                        int ropeHeadSize) {
  const int ntot = n0 + n1 + n2;
  const size_t plane4 = (size_t)M * ntot / 4;
  const int w4 = (mode == 2 ? n0 : ntot) / 4;
  const size_t count = (size_t)M * w4;
  const float4* p4 = reinterpret_cast<const float4*>(part);
  for (size_t idx = (size_t)blockIdx.x * blockDim.x + threadIdx.x; idx < count;
       idx += (size_t)gridDim.x * blockDim.x) {
    const int m = (int)(idx / w4);
    const int col = 4 * (int)(idx - (size_t)m * w4);
    const size_t at = ((size_t)m * ntot + col) / 4;
    float4 v = p4[at];
    if (mode == 2) {
      float4 u = p4[at + n0 / 4];
      for (int s = 1; s < splits; s++) {
        v = add4(v, p4[s * plane4 + at]);
        u = add4(u, p4[s * plane4 + at + n0 / 4]);
      }
      *reinterpret_cast<float4*>(c0 + (size_t)m * n0 + col) = make_float4(
          silu_mul(v.x, u.x), silu_mul(v.y, u.y), silu_mul(v.z, u.z), silu_mul(v.w, u.w));
      continue;
    }
    for (int s = 1; s < splits; s++) {
      v = add4(v, p4[s * plane4 + at]);
    }
    if (ropeHeadSize != 0 && col < n0 + n1) {
      const int i = col < n0 ? col : col - n0;
      rope_pair(v.x, v.y, i, m, ropeHeadSize);
      rope_pair(v.z, v.w, i + 2, m, ropeHeadSize);
    }
    if (mode == 1) {
      float4* dst = reinterpret_cast<float4*>(c0 + (size_t)m * n0 + col);
      *dst = add4(*dst, v);
    } else if (col < n0) {
      *reinterpret_cast<float4*>(c0 + (size_t)m * n0 + col) = v;
    } else if (col < n0 + n1) {
      *reinterpret_cast<float4*>(c1 + (size_t)m * n1 + (col - n0)) = v;
    } else {
      *reinterpret_cast<float4*>(c2 + (size_t)m * n2 + (col - n0 - n1)) = v;
    }
  }
}

// Residual add with the next RMSNorm fused: x[m] += sum over splits of P[s][m] (one segment of
// width dim), then xb[m] = normw * x[m] / sqrt(mean(x[m]^2) + 1e-5). One block per row m.
extern "C" __global__ void gemm2_reduce_norm(float* __restrict__ x, float* __restrict__ xb,
                                             const float* __restrict__ part,
                                             const float* __restrict__ normw, int dim, int M,
                                             int splits) {
  __shared__ float red[32];
  const int m = blockIdx.x;
  const int d4 = dim / 4;
  const size_t plane4 = (size_t)M * d4;
  const float4* p4 = reinterpret_cast<const float4*>(part) + (size_t)m * d4;
  float4* x4 = reinterpret_cast<float4*>(x + (size_t)m * dim);
  float ss = 0.0f;
  for (int j = threadIdx.x; j < d4; j += blockDim.x) {
    float4 v = p4[j];
    for (int s = 1; s < splits; s++) {
      v = add4(v, p4[s * plane4 + j]);
    }
    const float4 nx = add4(x4[j], v);
    x4[j] = nx;
    ss += nx.x * nx.x;
    ss += nx.y * nx.y;
    ss += nx.z * nx.z;
    ss += nx.w * nx.w;
  }
  ss = block_sum(ss, red);
  const float scale = rms_scale(ss, dim);
  const float4* w4 = reinterpret_cast<const float4*>(normw);
  float4* o4 = reinterpret_cast<float4*>(xb + (size_t)m * dim);
  for (int j = threadIdx.x; j < d4; j += blockDim.x) {
    const float4 xv = x4[j];  // written by this thread above
    const float4 g = w4[j];
    o4[j] = make_float4(g.x * (scale * xv.x), g.y * (scale * xv.y), g.z * (scale * xv.z),
                        g.w * (scale * xv.w));
  }
}
