package dev.agora.cli.wallet;

import dev.agora.common.wallet.WalletException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Reads a password from a file given with {@code --password-file}. */
public final class PasswordFiles {
  private PasswordFiles() {}

  /** The first line of the file (without its line break), decoded strictly as UTF-8. */
  public static char[] read(final Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new WalletException("password file not found: " + file);
    }
    final byte[] bytes = Files.readAllBytes(file);
    try {
      int end = 0;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      final CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, 0, end));
      final char[] out = new char[chars.remaining()];
      chars.get(out);
      if (chars.hasArray()) {
        Arrays.fill(chars.array(), '\0');
      }
      if (out.length == 0) {
        throw new WalletException("password file " + file + " is empty; use --no-password for a devnet wallet");
      }
      return out;
    } catch (CharacterCodingException e) {
      throw new WalletException("password file " + file + " is not valid UTF-8");
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
