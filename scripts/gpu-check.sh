#!/usr/bin/env bash
# The one-call GPU check (issue 6). Run on a machine with an NVIDIA GPU, from the repository root:
#   bash scripts/gpu-check.sh
# It needs the bundle made on a build machine by scripts/gpu/make-bundle.sh (target/gpu-bundle:
# a jlink'd Java runtime, the jars and the oracle case); the GPU machine needs only the driver.
# Results: $OUT (or target/gpu-check-out) gets gpu-check.log, gpu-check.json and nvidia-smi.txt.
# Phases (each with its own limit inside GpuCheck): oracle ids GPU vs CPU, logit differences GPU vs
# CPU, decode/prefill speed on 15M, 110M and 1B-class shapes, each for both kernel sets (v2, the
# default, and the v1 fallback; a set failing correctness is flagged, the other still reported),
# closing with a per-shape summary against issue 6's targets. Extra arguments go to GpuCheck (e.g.
# --kernels v1). Whole run limited to GPU_CHECK_LIMIT seconds (default 330); it takes about 45 s
# on an H200.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bundle="${GPU_BUNDLE:-$root/target/gpu-bundle}"
out="${OUT:-$root/target/gpu-check-out}"
limit="${GPU_CHECK_LIMIT:-330}"
mkdir -p "$out"
log="$out/gpu-check.log"
: >"$log"
say() { echo "[gpu-check.sh $(date +%H:%M:%S)] $*" | tee -a "$log"; }

if [[ ! -x "$bundle/jre/bin/java" && ! -f "$bundle/jre/bin/java" ]]; then
  say "no bundle at $bundle: run scripts/gpu/make-bundle.sh on the build machine and carry target/gpu-bundle"
  exit 2
fi
chmod u+x "$bundle/jre/bin/"* "$bundle/jre/lib/jspawnhelper" 2>/dev/null || true

say "machine: $(uname -srm), $(nproc) cpus, $(free -g 2>/dev/null | awk '/Mem:/{print $2" GiB RAM"}')"
if command -v nvidia-smi >/dev/null 2>&1; then
  timeout 30 nvidia-smi --query-gpu=name,driver_version,memory.total,memory.used,clocks.max.sm,clocks.max.mem \
    --format=csv >"$out/nvidia-smi.txt" 2>&1 || true
  cat "$out/nvidia-smi.txt" | tee -a "$log"
else
  say "nvidia-smi not found"
fi

# libcuda.so.1 must be on the loader path for JCuda's driver library.
if ! ldconfig -p 2>/dev/null | grep -q 'libcuda\.so\.1'; then
  for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/local/cuda/compat; do
    if [[ -e "$d/libcuda.so.1" ]]; then
      export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
      say "libcuda.so.1 found in $d (added to LD_LIBRARY_PATH)"
      break
    fi
  done
fi

heap_gib=16
say "running GpuCheck (limit ${limit}s, heap ${heap_gib} GiB)"
timeout --kill-after=10 "$limit" "$bundle/jre/bin/java" --add-modules jdk.incubator.vector \
  -Xmx${heap_gib}g -Djava.io.tmpdir=/tmp -cp "$bundle/lib/*" dev.agora.inference.cuda.GpuCheck \
  --oracle "$bundle/oracles/llama2c-g128.json" --work /tmp/agora-gpu-check --out "$out" \
  "$@" 2>&1 | grep --line-buffered -v "Using incubator modules" | tee -a "$log"
rc=${PIPESTATUS[0]}
case $rc in
  0) say "done: all checks passed" ;;
  1) say "done: some checks failed (see above and $out/gpu-check.json)" ;;
  3) say "done: no CUDA device usable" ;;
  124 | 137) say "done: killed after ${limit}s" ;;
  *) say "done: exit status $rc" ;;
esac
rm -rf /tmp/agora-gpu-check
exit $rc
