// A CPU stand-in for the parts of the CUDA driver API that CudaInferenceEngine uses, for tests on
// machines without a GPU. Device memory is host memory; kernels are the engine's own CUDA C
// sources (included below, compiled as C++), run block by block with one fiber per CUDA thread.
// __syncthreads is a block barrier and __shfl_xor_sync a warp barrier; a barrier that can never
// complete aborts with a message (a real GPU would hang or misbehave).
//
// Environment: EMU_FREE_BYTES sets what cuMemGetInfo reports as free (default 6 GiB), to test the
// "model does not fit" path. EMU_SMS sets the multiprocessor count (default 4).
#include <csetjmp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "kernels_host.inc"

namespace {

constexpr int kMaxThreads = 1024;
constexpr size_t kStack = 64 * 1024;
constexpr size_t kMaxShared = 48 * 1024;

enum State { RUNNABLE, AT_BLOCK_BARRIER, AT_WARP_BARRIER, DONE };

// Fibers switch with _setjmp/_longjmp (no signal-mask system calls); a fiber starts by moving the
// stack pointer to its own stack and calling fiber_main, which never returns.
struct Fiber {
  jmp_buf jb;
  bool started;
  State state;
};

jmp_buf g_sched;
Fiber g_fibers[kMaxThreads];
char* g_stacks = nullptr;
int g_cur = 0;
unsigned g_nthreads = 0;
emu_dim3 g_block_idx{0, 0, 0};
emu_dim3 g_grid{1, 1, 1};
std::vector<char> g_dyn_shared;
float g_warp_slots[kMaxThreads / 32][32];
void (*g_invoke)(void**) = nullptr;
void** g_args = nullptr;

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "fake libcuda: %s\n", what);
  std::fflush(stderr);
  std::abort();
}

void yield_with(State s) {
  g_fibers[g_cur].state = s;
  if (_setjmp(g_fibers[g_cur].jb) == 0) {
    _longjmp(g_sched, 1);
  }
}

[[noreturn]] void fiber_main() {
  g_invoke(g_args);
  g_fibers[g_cur].state = DONE;
  _longjmp(g_sched, 1);
}

[[noreturn]] __attribute__((noinline)) void start_on_stack(char* top) {
  asm volatile(
      "mov %0, %%rsp\n\t"
      "call *%1\n\t"
      "ud2"
      :
      : "r"(top), "r"(&fiber_main)
      : "memory");
  __builtin_unreachable();
}

void run_block(unsigned nthreads) {
  if (g_stacks == nullptr) {
    g_stacks = static_cast<char*>(std::malloc(kStack * kMaxThreads));
  }
  g_nthreads = nthreads;
  for (unsigned i = 0; i < nthreads; i++) {
    g_fibers[i].started = false;
    g_fibers[i].state = RUNNABLE;
  }
  for (;;) {
    for (unsigned i = 0; i < nthreads; i++) {
      if (g_fibers[i].state == RUNNABLE) {
        g_cur = static_cast<int>(i);
        if (_setjmp(g_sched) == 0) {
          if (!g_fibers[i].started) {
            g_fibers[i].started = true;
            start_on_stack(g_stacks + kStack * (i + 1));  // 16-byte aligned top of stack i
          }
          _longjmp(g_fibers[i].jb, 1);
        }
      }
    }
    unsigned live = 0, at_block = 0;
    for (unsigned i = 0; i < nthreads; i++) {
      live += g_fibers[i].state != DONE;
      at_block += g_fibers[i].state == AT_BLOCK_BARRIER;
    }
    if (live == 0) {
      return;
    }
    bool released = false;
    for (unsigned w = 0; w * 32 < nthreads; w++) {
      unsigned wl = 0, ww = 0;
      for (unsigned i = w * 32; i < nthreads && i < w * 32 + 32; i++) {
        wl += g_fibers[i].state != DONE;
        ww += g_fibers[i].state == AT_WARP_BARRIER;
      }
      if (wl > 0 && ww == wl) {
        for (unsigned i = w * 32; i < nthreads && i < w * 32 + 32; i++) {
          if (g_fibers[i].state == AT_WARP_BARRIER) g_fibers[i].state = RUNNABLE;
        }
        released = true;
      }
    }
    if (released) continue;
    if (at_block == live) {
      for (unsigned i = 0; i < nthreads; i++) {
        if (g_fibers[i].state == AT_BLOCK_BARRIER) g_fibers[i].state = RUNNABLE;
      }
      continue;
    }
    die("deadlock: threads wait at different barriers");
  }
}

struct Kernel {
  const char* name;
  const char* sig;  // one char per parameter: 'p' pointer (8 bytes), 'i' int (4 bytes)
  void (*invoke)(void**);
};

template <class T>
T arg(void** a, int i) {
  T v;
  std::memcpy(&v, a[i], sizeof(T));
  return v;
}

#define P(T, i) arg<T>(a, i)
const Kernel kKernels[] = {
    {"embed_rows", "pppi",
     [](void** a) { embed_rows(P(float*, 0), P(const float*, 1), P(const int*, 2), P(int, 3)); }},
    {"rmsnorm_rows", "pppi",
     [](void** a) {
       rmsnorm_rows(P(float*, 0), P(const float*, 1), P(const float*, 2), P(int, 3));
     }},
    {"matvec", "pppiii",
     [](void** a) {
       matvec(P(float*, 0), P(const float*, 1), P(const float*, 2), P(int, 3), P(int, 4),
              P(int, 5));
     }},
    {"matvec_qkv", "pppppppii",
     [](void** a) {
       matvec_qkv(P(float*, 0), P(float*, 1), P(float*, 2), P(const float*, 3),
                  P(const float*, 4), P(const float*, 5), P(const float*, 6), P(int, 7),
                  P(int, 8));
     }},
    {"matvec_swiglu", "ppppii",
     [](void** a) {
       matvec_swiglu(P(float*, 0), P(const float*, 1), P(const float*, 2), P(const float*, 3),
                     P(int, 4), P(int, 5));
     }},
    {"swiglu", "ppi", [](void** a) { swiglu(P(float*, 0), P(const float*, 1), P(int, 2)); }},
    {"rope_kv", "ppppppiiii",
     [](void** a) {
       rope_kv(P(float*, 0), P(const float*, 1), P(const float*, 2), P(float*, 3), P(float*, 4),
               P(const int*, 5), P(int, 6), P(int, 7), P(int, 8), P(int, 9));
     }},
    {"attention", "pppppiiiii",
     [](void** a) {
       attention(P(float*, 0), P(const float*, 1), P(const float*, 2), P(const float*, 3),
                 P(const int*, 4), P(int, 5), P(int, 6), P(int, 7), P(int, 8), P(int, 9));
     }},
    {"argmax", "ppi", [](void** a) { argmax(P(int*, 0), P(const float*, 1), P(int, 2)); }},
    {"gemm_nt_64", "pppiiii",
     [](void** a) {
       gemm_nt_64(P(float*, 0), P(const float*, 1), P(const float*, 2), P(int, 3), P(int, 4),
                  P(int, 5), P(int, 6));
     }},
    {"gemm_nt_64_vec", "pppiiii",
     [](void** a) {
       gemm_nt_64_vec(P(float*, 0), P(const float*, 1), P(const float*, 2), P(int, 3), P(int, 4),
                      P(int, 5), P(int, 6));
     }},
    {"gemm_nt_128", "pppiiii",
     [](void** a) {
       gemm_nt_128(P(float*, 0), P(const float*, 1), P(const float*, 2), P(int, 3), P(int, 4),
                   P(int, 5), P(int, 6));
     }},
    {"mv2", "ppppiiii",
     [](void** a) {
       mv2(P(float*, 0), P(const float*, 1), P(const float*, 2), P(const float*, 3), P(int, 4),
           P(int, 5), P(int, 6), P(int, 7));
     }},
    {"mv2_qkv_rope", "pppppppppiii",
     [](void** a) {
       mv2_qkv_rope(P(float*, 0), P(float*, 1), P(float*, 2), P(const float*, 3),
                    P(const float*, 4), P(const float*, 5), P(const float*, 6),
                    P(const float*, 7), P(const int*, 8), P(int, 9), P(int, 10), P(int, 11));
     }},
    {"mv2_swiglu", "pppppii",
     [](void** a) {
       mv2_swiglu(P(float*, 0), P(const float*, 1), P(const float*, 2), P(const float*, 3),
                  P(const float*, 4), P(int, 5), P(int, 6));
     }},
    {"attention2", "pppppiiiii",
     [](void** a) {
       attention2(P(float*, 0), P(const float*, 1), P(const float*, 2), P(const float*, 3),
                  P(const int*, 4), P(int, 5), P(int, 6), P(int, 7), P(int, 8), P(int, 9));
     }},
    {"gemm2_nt", "pppppiiiiii",
     [](void** a) {
       gemm2_nt(P(float*, 0), P(const float*, 1), P(const float*, 2), P(const float*, 3),
                P(const float*, 4), P(int, 5), P(int, 6), P(int, 7), P(int, 8), P(int, 9),
                P(int, 10));
     }},
    {"gemm2_nt16", "pppppiiiiii",
     [](void** a) {
       gemm2_nt16(P(float*, 0), P(const float*, 1), P(const float*, 2), P(const float*, 3),
                  P(const float*, 4), P(int, 5), P(int, 6), P(int, 7), P(int, 8), P(int, 9),
                  P(int, 10));
     }},
    {"gemm2_reduce", "ppppiiiiiii",
     [](void** a) {
       gemm2_reduce(P(float*, 0), P(float*, 1), P(float*, 2), P(const float*, 3), P(int, 4),
                    P(int, 5), P(int, 6), P(int, 7), P(int, 8), P(int, 9), P(int, 10));
     }},
    {"gemm2_reduce_norm", "ppppiii",
     [](void** a) {
       gemm2_reduce_norm(P(float*, 0), P(float*, 1), P(const float*, 2), P(const float*, 3),
                         P(int, 4), P(int, 5), P(int, 6));
     }},
    {"gemm_nt_128_vec", "pppiiii",
     [](void** a) {
       gemm_nt_128_vec(P(float*, 0), P(const float*, 1), P(const float*, 2), P(int, 3),
                       P(int, 4), P(int, 5), P(int, 6));
     }},
};
#undef P

// A launch with its argument values copied (JCuda frees its parameter memory after the call).
struct Launch {
  const Kernel* k;
  unsigned gx, gy, bx;
  unsigned shared;
  std::vector<uint64_t> values;
};

void execute(const Launch& l) {
  std::vector<void*> ptrs(l.values.size());
  std::vector<uint64_t> vals = l.values;
  for (size_t i = 0; i < vals.size(); i++) ptrs[i] = &vals[i];
  g_dyn_shared.assign(l.shared + 16, 0);
  g_invoke = l.k->invoke;
  g_args = ptrs.data();
  g_grid = {l.gx, l.gy, 1};
  for (unsigned y = 0; y < l.gy; y++) {
    for (unsigned x = 0; x < l.gx; x++) {
      g_block_idx = {x, y, 0};
      run_block(l.bx);
    }
  }
}

struct Stream {
  bool capturing = false;
  std::vector<Launch> recorded;
};
struct Graph {
  std::vector<Launch> launches;
};
struct Module {
  int unused;
};

size_t env_size(const char* name, size_t dflt) {
  const char* v = std::getenv(name);
  return v ? std::strtoull(v, nullptr, 10) : dflt;
}

}  // namespace

emu_dim3 emu_thread_idx() { return {static_cast<unsigned>(g_cur), 0, 0}; }
emu_dim3 emu_block_idx() { return g_block_idx; }
emu_dim3 emu_block_dim() { return {g_nthreads, 1, 1}; }
emu_dim3 emu_grid_dim() { return g_grid; }
void* emu_dynamic_shared() { return g_dyn_shared.data(); }
void __syncthreads() { yield_with(AT_BLOCK_BARRIER); }
float __shfl_xor_sync(unsigned, float v, int lane_mask) {
  const int lane = g_cur & 31;
  const int warp = g_cur >> 5;
  g_warp_slots[warp][lane] = v;
  yield_with(AT_WARP_BARRIER);
  const float r = g_warp_slots[warp][lane ^ lane_mask];
  yield_with(AT_WARP_BARRIER);
  return r;
}

extern "C" {
typedef int CUresult;
typedef unsigned long long CUdeviceptr;

CUresult cuInit(unsigned) { return 0; }
CUresult cuDriverGetVersion(int* v) {
  *v = 13000;
  return 0;
}
CUresult cuDeviceGetCount(int* c) {
  *c = 1;
  return 0;
}
CUresult cuDeviceGet(int* d, int ordinal) {
  *d = ordinal;
  return ordinal == 0 ? 0 : 101;  // CUDA_ERROR_INVALID_DEVICE
}
CUresult cuDeviceGetName(char* name, int len, int) {
  std::snprintf(name, static_cast<size_t>(len), "Agora CPU emulator");
  return 0;
}
CUresult cuDeviceTotalMem_v2(size_t* bytes, int) {
  *bytes = 8ull << 30;
  return 0;
}
CUresult cuDeviceGetAttribute(int* v, int attrib, int) {
  switch (attrib) {
    case 75: *v = 8; break;  // compute capability major
    case 76: *v = 0; break;  // minor
    case 16: *v = static_cast<int>(env_size("EMU_SMS", 4)); break;  // multiprocessors
    default: *v = 0;
  }
  return 0;
}
CUresult cuCtxCreate_v2(void** ctx, unsigned, int) {
  *ctx = std::malloc(8);
  return 0;
}
CUresult cuCtxDestroy_v2(void* ctx) {
  std::free(ctx);
  return 0;
}
CUresult cuCtxSetCurrent(void*) { return 0; }
CUresult cuCtxSynchronize() { return 0; }
CUresult cuMemGetInfo_v2(size_t* free_bytes, size_t* total) {
  *free_bytes = env_size("EMU_FREE_BYTES", 6ull << 30);
  *total = 8ull << 30;
  return 0;
}
CUresult cuMemAlloc_v2(CUdeviceptr* p, size_t n) {
  void* m = std::aligned_alloc(256, (n + 255) / 256 * 256);
  if (m == nullptr) return 2;  // CUDA_ERROR_OUT_OF_MEMORY
  std::memset(m, 0xFF, n);     // garbage, like fresh device memory (NaN floats)
  *p = reinterpret_cast<CUdeviceptr>(m);
  return 0;
}
CUresult cuMemFree_v2(CUdeviceptr p) {
  std::free(reinterpret_cast<void*>(p));
  return 0;
}
CUresult cuMemAllocHost_v2(void** p, size_t n) {
  *p = std::malloc(n);
  return *p ? 0 : 2;
}
CUresult cuMemFreeHost(void* p) {
  std::free(p);
  return 0;
}
CUresult cuMemcpyHtoD_v2(CUdeviceptr dst, const void* src, size_t n) {
  std::memcpy(reinterpret_cast<void*>(dst), src, n);
  return 0;
}
CUresult cuMemcpyDtoH_v2(void* dst, CUdeviceptr src, size_t n) {
  std::memcpy(dst, reinterpret_cast<void*>(src), n);
  return 0;
}
CUresult cuMemcpyDtoHAsync_v2(void* dst, CUdeviceptr src, size_t n, void*) {
  std::memcpy(dst, reinterpret_cast<void*>(src), n);  // the emulator's streams run in order, now
  return 0;
}
CUresult cuMemcpyDtoD_v2(CUdeviceptr dst, CUdeviceptr src, size_t n) {
  std::memmove(reinterpret_cast<void*>(dst), reinterpret_cast<void*>(src), n);
  return 0;
}
CUresult cuMemsetD32_v2(CUdeviceptr dst, unsigned v, size_t n) {
  unsigned* d = reinterpret_cast<unsigned*>(dst);
  for (size_t i = 0; i < n; i++) d[i] = v;
  return 0;
}
CUresult cuModuleLoadData(void** m, const void* image) {
  const char* text = static_cast<const char*>(image);
  if (std::strstr(text, ".version") == nullptr || std::strstr(text, ".entry") == nullptr) {
    return 218;  // CUDA_ERROR_INVALID_PTX
  }
  *m = new Module{0};
  return 0;
}
CUresult cuModuleUnload(void* m) {
  delete static_cast<Module*>(m);
  return 0;
}
CUresult cuModuleGetFunction(const void** f, void*, const char* name) {
  for (const Kernel& k : kKernels) {
    if (std::strcmp(k.name, name) == 0) {
      *f = &k;
      return 0;
    }
  }
  return 500;  // CUDA_ERROR_NOT_FOUND
}
CUresult cuLaunchKernel(const void* f, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                        unsigned by, unsigned bz, unsigned shared, void* stream, void** params,
                        void**) {
  const Kernel* k = static_cast<const Kernel*>(f);
  if (gz != 1 || by != 1 || bz != 1 || bx == 0 || bx > kMaxThreads || bx % 32 != 0 ||
      gx == 0 || gy == 0 || gy > 65535) {
    std::fprintf(stderr, "fake libcuda: bad launch of %s: grid %ux%ux%u block %ux%ux%u\n",
                 k->name, gx, gy, gz, bx, by, bz);
    return 1;  // CUDA_ERROR_INVALID_VALUE
  }
  if (shared > kMaxShared) {
    std::fprintf(stderr, "fake libcuda: %s asks for %u bytes of dynamic shared memory\n", k->name,
                 shared);
    return 1;
  }
  Launch l{k, gx, gy, bx, shared, {}};
  for (size_t i = 0; k->sig[i] != 0; i++) {
    uint64_t v = 0;
    std::memcpy(&v, params[i], k->sig[i] == 'p' ? 8 : 4);
    l.values.push_back(v);
  }
  Stream* s = static_cast<Stream*>(stream);
  if (s != nullptr && s->capturing) {
    s->recorded.push_back(l);
  } else {
    execute(l);
  }
  return 0;
}
CUresult cuStreamCreate(void** s, unsigned) {
  *s = new Stream();
  return 0;
}
CUresult cuStreamDestroy_v2(void* s) {
  delete static_cast<Stream*>(s);
  return 0;
}
CUresult cuStreamSynchronize(void*) { return 0; }
CUresult cuStreamBeginCapture_v2(void* s, int) {
  Stream* st = static_cast<Stream*>(s);
  st->capturing = true;
  st->recorded.clear();
  return 0;
}
CUresult cuStreamEndCapture(void* s, void** graph) {
  Stream* st = static_cast<Stream*>(s);
  st->capturing = false;
  *graph = new Graph{st->recorded};
  st->recorded.clear();
  return 0;
}
CUresult cuGraphInstantiateWithFlags(void** exec, void* graph, unsigned long long) {
  *exec = new Graph(*static_cast<Graph*>(graph));
  return 0;
}
CUresult cuGraphLaunch(void* exec, void*) {
  for (const Launch& l : static_cast<Graph*>(exec)->launches) execute(l);
  return 0;
}
CUresult cuGraphDestroy(void* g) {
  delete static_cast<Graph*>(g);
  return 0;
}
CUresult cuGraphExecDestroy(void* g) {
  delete static_cast<Graph*>(g);
  return 0;
}
CUresult cuGetErrorName(CUresult, const char** s) {
  *s = "CUDA_ERROR_EMULATED";
  return 0;
}
CUresult cuGetErrorString(CUresult, const char** s) {
  *s = "error from the CPU emulator";
  return 0;
}
}  // extern "C"
