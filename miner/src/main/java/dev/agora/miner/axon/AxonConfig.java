package dev.agora.miner.axon;

/**
 * The axon's serving limits.
 *
 * @param host interface to bind
 * @param port port to bind (0 = any free port)
 * @param concurrency inference jobs run at once (worker pool size)
 * @param queueSize jobs waiting beyond those; more get 429 queue-full
 * @param bodyTimeoutMs the whole body must arrive within this time after the headers (slowloris)
 * @param drainTimeoutMs how long shutdown waits for in-flight answers
 * @param maxNewTokens the most tokens one request may ask for
 * @param modelId the model this miner serves; requests for another are refused
 */
public record AxonConfig(
    String host,
    int port,
    int concurrency,
    int queueSize,
    long bodyTimeoutMs,
    long drainTimeoutMs,
    int maxNewTokens,
    String modelId) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_CONCURRENCY = 2;
  public static final int DEFAULT_QUEUE_SIZE = 16;
  public static final long DEFAULT_BODY_TIMEOUT_MS = 2_000;
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_MAX_NEW_TOKENS = 256;

  public AxonConfig {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
    }
    if (concurrency < 1 || queueSize < 0 || bodyTimeoutMs < 1 || drainTimeoutMs < 0 || maxNewTokens < 1) {
      throw new IllegalArgumentException("concurrency >= 1, queue >= 0, timeouts and max tokens positive required");
    }
  }

  public static AxonConfig defaults(final String host, final int port, final String modelId) {
    return new AxonConfig(host, port, DEFAULT_CONCURRENCY, DEFAULT_QUEUE_SIZE, DEFAULT_BODY_TIMEOUT_MS,
        DEFAULT_DRAIN_TIMEOUT_MS, DEFAULT_MAX_NEW_TOKENS, modelId);
  }

  public AxonConfig withLimits(final int newConcurrency, final int newQueueSize, final long newBodyTimeoutMs) {
    return new AxonConfig(host, port, newConcurrency, newQueueSize, newBodyTimeoutMs, drainTimeoutMs,
        maxNewTokens, modelId);
  }
}
