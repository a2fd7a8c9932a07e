/**
 * The CUDA inference engine and backend selection: the only package that imports {@code jcuda}.
 *
 * <p>{@link dev.agora.inference.cuda.CudaInferenceEngine} runs the llama2.c forward pass with fp32
 * CUDA C kernels (src/main/cuda, compiled to the PTX resource {@code ptx/agora_kernels.ptx}) through
 * the JCuda driver API. {@link dev.agora.inference.cuda.BackendSelector} chooses between it and the
 * CPU engine for {@code --backend auto|cpu|cuda}, probing the driver once.
 */
package dev.agora.inference.cuda;
