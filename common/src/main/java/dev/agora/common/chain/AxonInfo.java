package dev.agora.common.chain;

/** A neuron's published endpoint; {@code port == 0} means it does not serve. */
public record AxonInfo(String host, int port, long block) {
  public static final AxonInfo NONE = new AxonInfo("", 0, 0);

  public AxonInfo {
    host = host == null ? "" : host;
  }

  /** Whether an endpoint was published. */
  public boolean serving() {
    return port > 0 && !host.isEmpty();
  }

  /** {@code http://host:port}. */
  public String url() {
    return "http://" + host + ":" + port;
  }
}
