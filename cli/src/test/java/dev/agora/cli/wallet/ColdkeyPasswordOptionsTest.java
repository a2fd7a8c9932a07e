package dev.agora.cli.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.common.wallet.ScryptParams;
import dev.agora.common.wallet.WalletException;
import dev.agora.common.wallet.WalletStore;
import dev.agora.common.wallet.WrongPasswordException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ColdkeyPasswordOptionsTest {
  @TempDir Path tmp;

  private WalletStore store() {
    return new WalletStore(tmp.resolve("w"), ScryptParams.forTests());
  }

  @Test
  void unlock_shouldNotAskWhenColdkeyIsUnencrypted() {
    final WalletStore store = store();
    store.create("dev", Optional.empty(), new Random(1));
    final AtomicInteger asked = new AtomicInteger();
    final ColdkeyPasswordOptions opts = new ColdkeyPasswordOptions();
    final var key =
        opts.unlock(store, "dev", p -> {
          asked.incrementAndGet();
          return Optional.empty();
        });
    assertEquals(store.coldkeyPub("dev"), key.publicKey());
    assertEquals(0, asked.get());
  }

  @Test
  void unlock_shouldUsePasswordFileThenPromptWhenEncrypted() throws Exception {
    final WalletStore store = store();
    store.create("sec", Optional.of("pw1".toCharArray()), new Random(2));
    final ColdkeyPasswordOptions opts = new ColdkeyPasswordOptions();
    assertEquals(store.coldkeyPub("sec"), opts.unlock(store, "sec", p -> Optional.of("pw1".toCharArray())).publicKey());
    final WalletException noTty =
        assertThrows(WalletException.class, () -> opts.unlock(store, "sec", p -> Optional.empty()));
    assertTrue(noTty.getMessage().contains("--password-file"), noTty.getMessage());
    final Path file = tmp.resolve("pw");
    Files.writeString(file, "wrong\n");
    opts.passwordFile = file;
    assertThrows(WrongPasswordException.class, () -> opts.unlock(store, "sec", p -> Optional.of("pw1".toCharArray())));
    Files.writeString(file, "pw1\r\n");
    assertEquals(store.coldkeyPub("sec"), opts.unlock(store, "sec", p -> Optional.empty()).publicKey());
  }

  @Test
  void read_shouldRejectInvalidUtf8WhenFileIsBinary() throws Exception {
    final Path file = tmp.resolve("bin");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    final WalletException e = assertThrows(WalletException.class, () -> PasswordFiles.read(file));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
  }
}
