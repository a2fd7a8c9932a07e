#!/usr/bin/env bash
# Builds the bundle that scripts/gpu-check.sh runs on a GPU machine that has the NVIDIA driver but
# no Java and no network: a jlink'd Java 17 runtime, a thin class path (inference, common, Jackson,
# JCuda and only the JCuda driver library for linux-x86_64) and the oracle case.
# Output: target/gpu-bundle/ (git-ignored; carry it to the device with the device tool's `carry`).
# Usage: scripts/gpu/make-bundle.sh [--no-build]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/target/gpu-bundle"
shared="${AGORA_SHARED_DIR:-$root/../shared}"
m2="${MAVEN_REPO:-$HOME/.m2/repository}"
jcuda_version=12.0.0
say() { echo "[make-bundle] $*"; }

if [[ "${1:-}" != "--no-build" ]]; then
  say "packaging the inference module (offline, tests skipped)"
  (cd "$root" && mvn -o -q -pl inference package -DskipTests)
fi
inference_jar="$(ls "$root"/inference/target/agora-inference-*.jar | grep -v -e sources -e tests | head -1)"
[[ -f "$inference_jar" ]] || { say "no inference jar under inference/target"; exit 1; }

say "resolving the class path"
cp_file="$(mktemp)"
(cd "$root" && mvn -o -q -pl inference dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$cp_file" >/dev/null)
rm -rf "$out"
mkdir -p "$out/lib" "$out/oracles"
cp "$inference_jar" "$out/lib/"
tr ':' '\n' <"$cp_file" | while read -r jar; do
  case "$(basename "$jar")" in
    agora-common-*.jar | jackson-databind-*.jar | jackson-core-*.jar | jackson-annotations-*.jar \
      | jcuda-"$jcuda_version".jar)
      cp "$jar" "$out/lib/" ;;
  esac
done
rm -f "$cp_file"

# JCuda's natives jar holds four libraries (26 MB); the driver API needs only libJCudaDriver.
natives="$m2/org/jcuda/jcuda-natives/$jcuda_version/jcuda-natives-$jcuda_version-linux-x86_64.jar"
[[ -f "$natives" ]] || { say "missing $natives"; exit 1; }
work="$(mktemp -d)"
(cd "$work" && unzip -q "$natives" "lib/libJCudaDriver-$jcuda_version-linux-x86_64.so" \
  && jar --create --file "$out/lib/jcuda-natives-driver-$jcuda_version-linux-x86_64.jar" lib)
rm -rf "$work"

cp "$shared/oracles/llama2c-g128.json" "$out/oracles/"

say "jlink: Java $(java -version 2>&1 | head -1 | cut -d'"' -f2) runtime"
jlink --add-modules java.base,java.logging,java.management,jdk.incubator.vector,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output "$out/jre"

say "self-check: the bundled runtime starts the GPU check"
set +e
"$out/jre/bin/java" --add-modules jdk.incubator.vector -cp "$out/lib/*" \
  dev.agora.inference.cuda.GpuCheck --oracle "$out/oracles/llama2c-g128.json" \
  --work "$(mktemp -d)" --out "$(mktemp -d)" --phases oracle 2>&1 | grep -v "incubator modules" | tail -3
rc=${PIPESTATUS[0]}
set -e
if [[ $rc -ne 0 && $rc -ne 3 ]]; then
  say "the bundled runtime failed to run GpuCheck (exit $rc)"
  exit 1
fi
size_kib="$(du -sk "$out" | cut -f1)"
say "bundle at $out: $((size_kib / 1024)) MiB ($(ls "$out/lib" | tr '\n' ' '))"
if ((size_kib > 60 * 1024)); then
  say "bundle exceeds 60 MiB: the device tool carries at most 64 MiB"
  exit 1
fi
