package dev.agora.config;

/**
 * A configuration error: an unknown key, a value of the wrong type or outside its bound, or an
 * unreadable file. The message always names the key (and, for bounds, the bound) so that start-up can
 * stop with one clear line.
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(final String message) {
    super(message);
  }

  public ConfigException(final String message, final Throwable cause) {
    super(message, cause);
  }
}
