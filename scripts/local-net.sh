#!/usr/bin/env bash
# The market as separate processes on loopback: a chain, one validator and two miners, each its own
# JVM, with wallets made here. Runs for a while, prints the metagraph, then stops everything.
# Usage: scripts/local-net.sh [DIR] [SECONDS]   (DIR defaults to a new temp dir; SECONDS to 40)
set -euo pipefail
cd "$(dirname "$0")/.."
A=./agora
dir="${1:-$(mktemp -d)}"
seconds="${2:-40}"
port="${AGORA_LOCAL_NET_PORT:-9944}"
export AGORA_WALLET_PATH="$dir/wallets"
C="--chain http://127.0.0.1:$port"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

$A --version >/dev/null   # builds the jar on first use
for w in owner validator miner1 miner2; do
  $A wallet create --name "$w" --hotkey default --no-password >/dev/null
done
cold() { tr -d '\n' <"$AGORA_WALLET_PATH/$1/coldkeypub.txt"; }

mkdir -p "$dir" && : >"$dir/chain.log"
echo "chain: $dir/chain, RPC and dashboard on http://127.0.0.1:$port/"
$A chain run --data-dir "$dir/chain" --rpc-port "$port" --block-time-ms 250 \
  --fund "$(cold owner)=10000" --fund "$(cold validator)=2000" \
  --fund "$(cold miner1)=10" --fund "$(cold miner2)=10" \
  --subnet-default tempo=20 --subnet-default weights_rate_limit=1 \
  --subnet-default commit_reveal_weights_enabled=0 >"$dir/chain.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do grep -q "RPC http" "$dir/chain.log" && break; sleep 0.5; done

$A subnet create $C --wallet-name owner
$A subnet register $C --netuid 1 --wallet-name validator
$A stake add $C --netuid 1 --amount 1000 --wallet-name validator
for i in 1 2; do
  $A miner run $C --netuid 1 --register --axon-port 0 --model demo-tiny --wallet-name "miner$i" \
    --data-dir "$dir/models" >"$dir/miner$i.log" 2>&1 &
  pids+=($!)
done
$A validator run $C --netuid 1 --model demo-tiny --tokens 16 --prompt-tokens 8 --round-interval-ms 2000 \
  --weights-interval 5 --wallet-name validator --data-dir "$dir/validator" >"$dir/validator.log" 2>&1 &
pids+=($!)

echo "running for $seconds s (logs in $dir)"
sleep "$seconds"
$A subnet metagraph $C --netuid 1
