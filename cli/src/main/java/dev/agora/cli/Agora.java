package dev.agora.cli;

/** Entry point of the {@code agora} command. */
public final class Agora {
  private Agora() {}

  public static void main(final String[] args) {
    System.exit(AgoraCommand.execute(args));
  }
}
