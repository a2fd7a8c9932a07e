package dev.agora.inference.cuda;

/**
 * The CUDA engine cannot run here: no driver, no device, a driver error at start, or too little
 * device memory for the model. The message says which, in one line.
 */
public final class CudaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CudaUnavailableException(final String message) {
    super(message);
  }

  public CudaUnavailableException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
