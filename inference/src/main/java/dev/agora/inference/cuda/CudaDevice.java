package dev.agora.inference.cuda;

/**
 * What the probe found about a CUDA device.
 *
 * @param ordinal the device index
 * @param name the device name, e.g. "NVIDIA H200"
 * @param totalBytes device memory in bytes
 * @param computeMajor compute capability, major part
 * @param computeMinor compute capability, minor part
 * @param driverVersion the driver's CUDA version as an int, e.g. 13000 for 13.0
 */
public record CudaDevice(
    int ordinal,
    String name,
    long totalBytes,
    int computeMajor,
    int computeMinor,
    int driverVersion) {

  /** One line for logs, e.g. {@code NVIDIA H200 (cc 9.0, 139.8 GiB, driver CUDA 13.0)}. */
  public String describe() {
    return String.format(java.util.Locale.ROOT, "%s (cc %d.%d, %.1f GiB, driver CUDA %d.%d)",
        name, computeMajor, computeMinor, totalBytes / (double) (1L << 30), driverVersion / 1000,
        (driverVersion % 1000) / 10);
  }
}
