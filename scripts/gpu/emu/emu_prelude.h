// Prelude that lets the CUDA C kernels of inference/src/main/cuda compile as host C++ for the CPU
// emulator (fake_libcuda.cpp). Each CUDA thread is a fiber; __syncthreads and warp shuffles are
// scheduling points. Used only to test the engine's host code and kernels where no GPU exists.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>

struct float4 {
  float x, y, z, w;
};
static inline float4 make_float4(float a, float b, float c, float d) { return {a, b, c, d}; }
struct emu_dim3 {
  unsigned x, y, z;
};
emu_dim3 emu_thread_idx();
emu_dim3 emu_block_idx();
emu_dim3 emu_block_dim();
emu_dim3 emu_grid_dim();
void* emu_dynamic_shared();
void __syncthreads();
float __shfl_xor_sync(unsigned mask, float v, int lane_mask);

#define threadIdx (emu_thread_idx())
#define blockIdx (emu_block_idx())
#define blockDim (emu_block_dim())
#define gridDim (emu_grid_dim())
#define __global__
#define __device__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __launch_bounds__(...)
#define __align__(n) __attribute__((aligned(n)))
#define __shared__ static
#define CUDART_INF_F INFINITY
template <class T>
static inline T __ldg(const T* p) {
  return *p;
}
