#!/usr/bin/env bash
# Decode speed of the Java CPU engine against C reference decoders, measured in the same run.
#
#   scripts/bench-vs-c.sh [PRESET=demo-15m] [THREADS=2] [ROUNDS=7] [-- extra ReferenceCompare flags]
#
# Builds scripts/bench/refc.c twice (-Ofast -fopenmp, as issue 4 names the reference build, and
# the same with -march=native), generates the preset's seeded checkpoint if needed, then runs
# dev.agora.inference.bench.ReferenceCompare, which alternates one Java decode with one run of each
# C binary per round and prints the java/ref ratio per round and its median.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pos=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do pos+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
preset="${pos[0]:-demo-15m}"
threads="${pos[1]:-2}"
rounds="${pos[2]:-7}"
jar="$here/cli/target/agora.jar"
out="$here/target/bench"
mkdir -p "$out"
command -v cc >/dev/null || { echo "bench-vs-c: needs a C compiler (cc) with OpenMP" >&2; exit 1; }
cc -Ofast -fopenmp -o "$out/refc" "$here/scripts/bench/refc.c" -lm
cc -Ofast -fopenmp -march=native -o "$out/refc-native" "$here/scripts/bench/refc.c" -lm
if [ ! -f "$jar" ]; then
  (cd "$here" && mvn -B -q -ntp -DskipTests install)
fi
java=(java --add-modules=jdk.incubator.vector -cp "$jar")
# the JVM flags the agora launcher uses for the engine (huge pages where offered; see ./agora)
if grep -qE '\[(always|madvise)\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  java+=(-XX:+UseTransparentHugePages -XX:+AlwaysPreTouch)
fi
model="$out/$preset.bin"
[ -f "$model" ] || "$here/agora" model generate --preset "$preset" --out "$model"
"${java[@]}" dev.agora.inference.bench.ReferenceCompare --model "$model" \
  --ref "$out/refc" --ref "$out/refc-native" --threads "$threads" --rounds "$rounds" "$@" \
  2> >(grep -v 'WARNING: Using incubator modules' >&2)
