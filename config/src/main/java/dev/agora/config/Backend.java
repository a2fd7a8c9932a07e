package dev.agora.config;

/** Which inference engine a miner uses: {@code auto} probes CUDA once and falls back to the CPU. */
public enum Backend {
  AUTO,
  CPU,
  CUDA
}
