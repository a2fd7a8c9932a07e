package dev.agora.inference.cuda;

import java.util.Optional;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;

/**
 * Finds out once per JVM whether the CUDA driver API works here and which device it offers. Every
 * failure (no JCuda native library, no libcuda, driver error, no device) becomes an unavailable
 * result with a one-line reason; nothing is thrown.
 */
public final class CudaProbe {
  /** Longest reason kept from a native loader message (they can list many paths). */
  private static final int MAX_REASON = 300;

  private static volatile Optional<Result> cached = Optional.empty();

  /**
   * The probe's answer.
   *
   * @param device the device found, or empty
   * @param reason why no device is usable (empty string when one is)
   */
  public record Result(Optional<CudaDevice> device, String reason) {
    /** A usable device. */
    public static Result found(final CudaDevice d) {
      return new Result(Optional.of(d), "");
    }

    /** No usable device, for {@code reason}. */
    public static Result unavailable(final String reason) {
      return new Result(Optional.empty(), reason);
    }

    public boolean available() {
      return device.isPresent();
    }
  }

  private CudaProbe() {}

  /** The probe result, computed on first call and cached. */
  public static Result probeOnce() {
    Optional<Result> r = cached;
    if (r.isEmpty()) {
      synchronized (CudaProbe.class) {
        r = cached;
        if (r.isEmpty()) {
          r = Optional.of(probe());
          cached = r;
        }
      }
    }
    return r.get();
  }

  /** Probes now (uncached). */
  static Result probe() {
    try {
      JCudaDriver.setExceptionsEnabled(true);
      JCudaDriver.cuInit(0);
      final int[] count = {0};
      JCudaDriver.cuDeviceGetCount(count);
      if (count[0] <= 0) {
        return Result.unavailable("the CUDA driver reports no device");
      }
      return Result.found(describe(0));
    } catch (final LinkageError e) {
      // UnsatisfiedLinkError (no JCuda native library or no libcuda.so.1), NoClassDefFoundError
      // (jcuda missing from the class path), ExceptionInInitializerError.
      return Result.unavailable("the CUDA driver library cannot be loaded: " + oneLine(e));
    } catch (final RuntimeException e) {
      // jcuda.CudaException: cuInit or a device query failed (e.g. CUDA_ERROR_NO_DEVICE).
      return Result.unavailable("the CUDA driver failed to start: " + oneLine(e));
    }
  }

  /** Describes device {@code ordinal}; the driver must be initialised. */
  static CudaDevice describe(final int ordinal) {
    final CUdevice dev = new CUdevice();
    JCudaDriver.cuDeviceGet(dev, ordinal);
    final byte[] name = new byte[256];
    JCudaDriver.cuDeviceGetName(name, name.length, dev);
    int len = 0;
    while (len < name.length && name[len] != 0) {
      len++;
    }
    final long[] total = {0};
    JCudaDriver.cuDeviceTotalMem(total, dev);
    final int[] major = {0};
    final int[] minor = {0};
    JCudaDriver.cuDeviceGetAttribute(
        major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, dev);
    JCudaDriver.cuDeviceGetAttribute(
        minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, dev);
    final int[] driver = {0};
    JCudaDriver.cuDriverGetVersion(driver);
    return new CudaDevice(ordinal,
        new String(name, 0, len, java.nio.charset.StandardCharsets.US_ASCII).trim(), total[0],
        major[0], minor[0], driver[0]);
  }

  /** The first line of a throwable's message (or its class name), at most 300 characters. */
  static String oneLine(final Throwable t) {
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      m = t.getClass().getName();
    }
    m = m.strip();
    final String[] lines = m.split("\n");
    m = lines[0].strip();
    // JCuda's loader message nests the real cause (e.g. "libcuda.so.1: cannot open shared object
    // file") in a later line.
    for (final String line : lines) {
      final int at = line.indexOf("cannot open shared object file");
      if (at >= 0) {
        final int from = line.lastIndexOf(": ", Math.max(0, at - 3));
        String detail = line.substring(from >= 0 ? from + 2 : 0, at).strip();
        if (detail.endsWith(":")) {
          detail = detail.substring(0, detail.length() - 1);
        }
        m = m + ": " + detail + " cannot be opened (no NVIDIA driver here?)";
        break;
      }
    }
    return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) + "..." : m;
  }
}
