#!/usr/bin/env bash
# Builds a CPU stand-in for the CUDA driver (libcuda.so.1) that runs the engine's CUDA C kernels on
# fibers, so that CudaInferenceEngine, its JCuda calls and the kernels can be tested on a machine
# without a GPU: LD_LIBRARY_PATH=<out> makes JCuda's driver library bind to it.
# Usage: scripts/gpu/emu/build-emu.sh OUT_DIR   (needs g++ and python3-free bash/sed)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
out="${1:?usage: build-emu.sh OUT_DIR}"
mkdir -p "$out"
# Host-compilable copy of the kernels: kernels become static functions, the dynamic shared array a
# pointer from the emulator.
sed -e 's|#include <math_constants.h>|#include "emu_prelude.h"|' \
    -e 's|extern "C" __global__|static|' \
    -e 's|extern __shared__ float att\[\];|float* att = static_cast<float*>(emu_dynamic_shared());|' \
    "$root/inference/src/main/cuda/agora_kernels.cu" >"$out/kernels_host.inc"
g++ -std=c++17 -O2 -g -U_FORTIFY_SOURCE -fno-stack-protector -fPIC -shared -Wl,-soname,libcuda.so.1 -I"$here" -I"$out" \
  ${EMU_CXXFLAGS:-} -o "$out/libcuda.so.1" "$here/fake_libcuda.cpp"
echo "build-emu: wrote $out/libcuda.so.1"
