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
