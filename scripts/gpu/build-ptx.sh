#!/usr/bin/env bash
# Compiles the CUDA C kernels of the inference module to PTX and writes them where the engine
# loads them from (inference/src/main/resources/ptx/). Run after editing inference/src/main/cuda/;
# commit the result so that builds without nvcc still ship the kernels.
# Precision policy: no --use_fast_math; IEEE division and square root; denormals kept; FMA
# contraction allowed. compute_80: any GPU from Ampere on (the H200 JIT-compiles it for sm_90).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
src="$root/inference/src/main/cuda/agora_kernels.cu"
dst="${1:-$root/inference/src/main/resources/ptx/agora_kernels.ptx}"
nvcc_bin="${NVCC:-nvcc}"
if ! command -v "$nvcc_bin" >/dev/null 2>&1; then
  echo "build-ptx: nvcc not found (set NVCC or put the CUDA toolkit on PATH)" >&2
  exit 2
fi
mkdir -p "$(dirname "$dst")"
"$nvcc_bin" -ptx -arch=compute_80 --fmad=true -prec-div=true -prec-sqrt=true -ftz=false \
  -o "$dst.tmp" "$src"
mv "$dst.tmp" "$dst"
echo "build-ptx: wrote $dst"
