package dev.agora.inference.cuda;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * The PTX module of the engine's kernels (resource {@value #PTX_RESOURCE}, compiled from
 * src/main/cuda/agora_kernels.cu by scripts/gpu/build-ptx.sh) and the launch helpers.
 */
final class CudaKernels {
  /** Class-path location of the committed PTX. */
  static final String PTX_RESOURCE = "/ptx/agora_kernels.ptx";

  /** Every kernel the engine launches; each must be a {@code .visible .entry} of the PTX. */
  static final List<String> NAMES = List.of(
      "embed_rows", "rmsnorm_rows", "matvec", "matvec_qkv", "matvec_swiglu", "swiglu", "rope_kv",
      "attention", "argmax", "gemm_nt_64", "gemm_nt_64_vec", "gemm_nt_128", "gemm_nt_128_vec",
      "mv2", "mv2_qkv_rope", "mv2_swiglu", "attention2", "gemm2_nt", "gemm2_nt16",
      "gemm2_reduce", "gemm2_reduce_norm");

  /**
   * Static shared memory of the larger attention kernel: attention2's red[32] + qs[256] +
   * part[1024] floats (attention has red[32] + part[1024]).
   */
  static final int ATTENTION_STATIC_SHARED_BYTES = 4 * (32 + 256 + 1024);

  /** Shared memory every CUDA device gives a block without opting in. */
  static final int DEFAULT_SHARED_BYTES = 48 * 1024;

  /** Longest context the attention kernel's shared score buffer allows. */
  static final int MAX_SEQ_LEN = (DEFAULT_SHARED_BYTES - ATTENTION_STATIC_SHARED_BYTES) / 4;

  private final CUmodule module;
  private final Map<String, CUfunction> functions;

  private CudaKernels(final CUmodule module, final Map<String, CUfunction> functions) {
    this.module = module;
    this.functions = functions;
  }

  /** The PTX text from the class path. */
  static String ptxSource() {
    try (InputStream in = CudaKernels.class.getResourceAsStream(PTX_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("PTX resource " + PTX_RESOURCE
            + " is missing from the class path; rebuild the inference module");
      }
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (final IOException e) {
      throw new UncheckedIOException("cannot read " + PTX_RESOURCE, e);
    }
  }

  /** Loads the module into the current context and looks up every kernel. */
  static CudaKernels load() {
    final byte[] text = ptxSource().getBytes(StandardCharsets.US_ASCII);
    final byte[] image = new byte[text.length + 1]; // NUL-terminated for the JIT
    System.arraycopy(text, 0, image, 0, text.length);
    final CUmodule module = new CUmodule();
    JCudaDriver.cuModuleLoadData(module, image);
    final Map<String, CUfunction> fns = new HashMap<>();
    for (final String name : NAMES) {
      final CUfunction f = new CUfunction();
      JCudaDriver.cuModuleGetFunction(f, module, name);
      fns.put(name, f);
    }
    return new CudaKernels(module, fns);
  }

  CUfunction function(final String name) {
    final CUfunction f = functions.get(name);
    if (f == null) {
      throw new IllegalArgumentException("no kernel named " + name);
    }
    return f;
  }

  void unload() {
    JCudaDriver.cuModuleUnload(module);
  }

  /** A prepared launch: kernel, 2-D grid, 1-D block, dynamic shared memory, arguments. */
  static final class Launch {
    private final CUfunction function;
    private final int gridX;
    private final int gridY;
    private final int block;
    private final int sharedBytes;
    private final Pointer params;

    Launch(final CUfunction function, final int gridX, final int gridY, final int block,
        final int sharedBytes, final Pointer params) {
      if (gridX <= 0 || gridY <= 0 || block <= 0) {
        throw new IllegalArgumentException(
            "bad launch shape: grid " + gridX + "x" + gridY + ", block " + block);
      }
      this.function = function;
      this.gridX = gridX;
      this.gridY = gridY;
      this.block = block;
      this.sharedBytes = sharedBytes;
      this.params = params;
    }

    void run(final CUstream stream) {
      JCudaDriver.cuLaunchKernel(function, gridX, gridY, 1, block, 1, 1, sharedBytes, stream,
          params, null);
    }
  }

  /** A launch of kernel {@code name} with arguments given as device pointers and ints. */
  Launch launch(final String name, final int gridX, final int gridY, final int block,
      final int sharedBytes, final Object... args) {
    return new Launch(function(name), gridX, gridY, block, sharedBytes, params(args));
  }

  /** Kernel arguments: each a {@link CUdeviceptr} or an {@link Integer}. */
  static Pointer params(final Object... args) {
    final List<NativePointerObject> ps = new ArrayList<>(args.length);
    for (final Object a : args) {
      if (a instanceof CUdeviceptr p) {
        ps.add(Pointer.to(p));
      } else if (a instanceof Integer i) {
        ps.add(Pointer.to(new int[] {i}));
      } else {
        throw new IllegalArgumentException("unsupported kernel argument " + a);
      }
    }
    return Pointer.to(ps.toArray(new NativePointerObject[0]));
  }
}
