package dev.agora.cli.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.crypto.TextSignatures;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import dev.agora.common.wallet.WalletStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class WalletCommandsTest {
  @TempDir Path tmp;

  private String root() {
    return tmp.resolve("wallets").toString();
  }

  private CliRun wallet(final String... args) {
    final String[] full = new String[args.length + 3];
    full[0] = "wallet";
    System.arraycopy(args, 0, full, 1, args.length);
    full[args.length + 1] = "--wallet-path";
    full[args.length + 2] = root();
    return CliRun.agora(full);
  }

  private static JsonNode json(final CliRun r) {
    return Json.readTree(r.out().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void create_shouldWriteWalletAndPrintJsonWhenNoPassword() {
    final CliRun r = wallet("create", "--name", "dev", "--hotkey", "default", "--no-password", "--json");
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    final JsonNode j = json(r);
    assertEquals("dev", j.get("name").asText());
    assertFalse(j.get("encrypted").asBoolean());
    final WalletStore store = new WalletStore(Path.of(root()));
    assertEquals(store.coldkeyPub("dev").address(), j.get("coldkey").get("address").asText());
    assertEquals(store.coldkeyPub("dev").hex(), j.get("coldkey").get("publicKey").asText());
    assertEquals(store.hotkey("dev", "default").publicKey().address(), j.get("hotkey").get("address").asText());
    assertEquals("default", j.get("hotkey").get("name").asText());
  }

  @Test
  void create_shouldPrintAddressesAsTextWhenNoJsonFlag() {
    final CliRun r = wallet("create", "--name", "dev", "--no-password");
    assertEquals(0, r.exit(), r.err());
    final String address = new WalletStore(Path.of(root())).coldkeyPub("dev").address();
    assertTrue(r.out().contains("coldkey  " + address), r.out());
    assertTrue(r.out().contains("NOT encrypted"), r.out());
  }

  @Test
  void create_shouldFailWithOneLineAndChangeNothingWhenWalletExists() throws Exception {
    assertEquals(0, wallet("create", "--name", "w", "--no-password").exit());
    final byte[] before = Files.readAllBytes(Path.of(root(), "w", "coldkey"));
    final CliRun r = wallet("create", "--name", "w", "--no-password");
    assertEquals(1, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().startsWith("error: wallet 'w' already exists"), r.err());
    assertEquals("", r.out());
    assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(Path.of(root(), "w", "coldkey"))));
  }

  @Test
  void create_shouldEncryptWithPasswordFileWhenGiven() throws Exception {
    final Path pwFile = tmp.resolve("pw.txt");
    Files.writeString(pwFile, "s3cret pass\nignored second line\n");
    final CliRun r = wallet("create", "--name", "sec", "--password-file", pwFile.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("(encrypted)"), r.out());
    final WalletStore store = new WalletStore(Path.of(root()));
    assertTrue(store.isColdkeyEncrypted("sec"));
    assertEquals(store.coldkeyPub("sec"), store.unlockColdkey("sec", Optional.of("s3cret pass".toCharArray())).publicKey());
  }

  @Test
  void create_shouldFailClearlyWhenPasswordFlagsAreBadOrFileIsMissingOrEmpty() throws Exception {
    final Path empty = tmp.resolve("empty.txt");
    Files.writeString(empty, "\n");
    final CliRun both = wallet("create", "--name", "x", "--no-password", "--password-file", empty.toString());
    assertEquals(1, both.exit());
    assertTrue(both.err().contains("not both"), both.err());
    final CliRun emptyRun = wallet("create", "--name", "x", "--password-file", empty.toString());
    assertEquals(1, emptyRun.exit());
    assertTrue(emptyRun.err().contains("is empty"), emptyRun.err());
    final CliRun missing = wallet("create", "--name", "x", "--password-file", tmp.resolve("nope").toString());
    assertEquals(1, missing.exit());
    assertTrue(missing.err().contains("password file not found"), missing.err());
    for (final CliRun r : List.of(both, emptyRun, missing)) {
      assertTrue(r.oneErrorLine(), r.err());
    }
    assertFalse(Files.exists(Path.of(root(), "x")));
  }

  @Test
  void create_shouldFailWhenNoTerminalAndNoPasswordFlag() {
    final CliRun r =
        CliRun.run(new CommandLine(new WalletCreateCommand(prompt -> Optional.empty())), "--name", "x", "--wallet-path", root());
    assertEquals(1, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().contains("no terminal"), r.err());
    assertFalse(Files.exists(Path.of(root(), "x")));
  }

  @Test
  void create_shouldUsePromptedPasswordWhenTypedTwiceAlike() {
    final CliRun r = CliRun.run(new CommandLine(new WalletCreateCommand(answers("hunter2", "hunter2"))), "--name", "p", "--wallet-path", root());
    assertEquals(0, r.exit(), r.err());
    final WalletStore store = new WalletStore(Path.of(root()));
    assertEquals(store.coldkeyPub("p"), store.unlockColdkey("p", Optional.of("hunter2".toCharArray())).publicKey());
  }

  @Test
  void create_shouldRefuseWhenPromptedPasswordsDiffer() {
    final CliRun r = CliRun.run(new CommandLine(new WalletCreateCommand(answers("one", "two"))), "--name", "p", "--wallet-path", root());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("differ"), r.err());
    assertFalse(Files.exists(Path.of(root(), "p")));
  }

  @Test
  void create_shouldFailWithUsageErrorWhenNameIsMissingOrInvalid() {
    final CliRun missing = wallet("create", "--no-password");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().startsWith("Missing required option: '--name=NAME'"), missing.err());
    final CliRun bad = wallet("create", "--name", "../evil", "--no-password");
    assertEquals(1, bad.exit());
    assertTrue(bad.err().startsWith("error: invalid wallet name '../evil'"), bad.err());
  }

  @Test
  void newHotkey_shouldAddHotkeyAndRefuseDuplicateOrMissingWallet() {
    assertEquals(0, wallet("create", "--name", "w", "--no-password").exit());
    final CliRun r = wallet("new-hotkey", "--name", "w", "--hotkey", "m1", "--json");
    assertEquals(0, r.exit(), r.err());
    final JsonNode j = json(r);
    final PublicKey hot = new WalletStore(Path.of(root())).hotkey("w", "m1").publicKey();
    assertEquals(hot.address(), j.get("address").asText());
    assertEquals(hot.hex(), j.get("publicKey").asText());
    assertEquals("m1", j.get("hotkey").asText());
    final CliRun dup = wallet("new-hotkey", "--name", "w", "--hotkey", "m1");
    assertEquals(1, dup.exit());
    assertTrue(dup.err().startsWith("error: hotkey 'm1' already exists"), dup.err());
    final CliRun ghost = wallet("new-hotkey", "--name", "ghost", "--hotkey", "m1");
    assertEquals(1, ghost.exit());
    assertTrue(ghost.err().startsWith("error: no wallet named 'ghost'"), ghost.err());
  }

  @Test
  void list_shouldShowWalletsAndHotkeysWhenPresent() {
    final CliRun none = wallet("list");
    assertEquals(0, none.exit());
    assertTrue(none.out().contains(": none"), none.out());
    wallet("create", "--name", "b", "--hotkey", "h1", "--no-password");
    wallet("create", "--name", "a", "--no-password");
    wallet("new-hotkey", "--name", "b", "--hotkey", "h0");
    final CliRun r = wallet("list", "--json");
    assertEquals(0, r.exit(), r.err());
    final JsonNode j = json(r);
    assertEquals(root(), j.get("walletPath").asText());
    assertEquals(2, j.get("wallets").size());
    assertEquals("a", j.get("wallets").get(0).get("name").asText());
    final JsonNode b = j.get("wallets").get(1);
    assertEquals(new WalletStore(Path.of(root())).coldkeyPub("b").address(), b.get("coldkey").asText());
    assertEquals("h0", b.get("hotkeys").get(0).get("name").asText());
    assertEquals("h1", b.get("hotkeys").get(1).get("name").asText());
    final CliRun text = wallet("list");
    assertTrue(text.out().contains("  hotkey h1  agora1"), text.out());
  }

  @Test
  void signThenVerify_shouldRoundTripAndRejectChangedMessage() {
    wallet("create", "--name", "w", "--hotkey", "h", "--no-password");
    final CliRun s = wallet("sign", "--name", "w", "--hotkey", "h", "--message", "I own this hotkey", "--json");
    assertEquals(0, s.exit(), s.err());
    final JsonNode j = json(s);
    final String address = j.get("address").asText();
    final String sig = j.get("signature").asText();
    final PublicKey hot = new WalletStore(Path.of(root())).hotkey("w", "h").publicKey();
    assertEquals(hot.address(), address);
    assertEquals(hot.hex(), j.get("publicKey").asText());
    assertTrue(TextSignatures.verify(hot, "I own this hotkey", Hex.decode(sig)));

    final CliRun ok = wallet("verify", "--address", address, "--message", "I own this hotkey", "--signature", sig);
    assertEquals(0, ok.exit(), ok.err());
    assertEquals("valid signature by " + address, ok.out().strip());
    final CliRun bad = wallet("verify", "--address", address, "--message", "I own this hotkey!", "--signature", sig);
    assertEquals(1, bad.exit());
    assertTrue(bad.oneErrorLine(), bad.err());
    assertTrue(bad.err().startsWith("invalid signature"), bad.err());
    final CliRun badJson =
        wallet("verify", "--address", address, "--message", "other", "--signature", sig, "--json");
    assertEquals(1, badJson.exit());
    assertFalse(json(badJson).get("valid").asBoolean());
  }

  @Test
  void sign_shouldPrintAddressPublicKeyAndSignatureAsTextWhenNoJsonFlag() {
    wallet("create", "--name", "w", "--hotkey", "h", "--no-password");
    final CliRun s = wallet("sign", "--name", "w", "--hotkey", "h", "--message", "hi");
    assertEquals(0, s.exit(), s.err());
    final List<String> lines = s.out().lines().toList();
    assertEquals(3, lines.size(), s.out());
    final PublicKey hot = new WalletStore(Path.of(root())).hotkey("w", "h").publicKey();
    assertEquals("address     " + hot.address(), lines.get(0));
    assertEquals("public key  " + hot.hex(), lines.get(1));
    final String sig = lines.get(2).substring("signature   ".length());
    assertEquals(128, sig.length());
    assertTrue(TextSignatures.verify(hot, "hi", Hex.decode(sig)));
  }

  @Test
  void sign_shouldFailWithOneLineWhenHotkeyIsMissing() {
    wallet("create", "--name", "w", "--no-password");
    final CliRun r = wallet("sign", "--name", "w", "--hotkey", "nope", "--message", "m");
    assertEquals(1, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().startsWith("error: hotkey 'nope' of wallet 'w' not found"), r.err());
  }

  @Test
  void verify_shouldExitTwoWhenAddressOrSignatureIsMalformed() {
    final String address = dev.agora.common.crypto.KeyPair.generate(new java.util.Random(1)).publicKey().address();
    final String typo = address.substring(0, 10) + (address.charAt(10) == 'q' ? 'p' : 'q') + address.substring(11);
    final String sig = "00".repeat(64);
    for (final CliRun r :
        Stream.of(
                wallet("verify", "--address", typo, "--message", "m", "--signature", sig),
                wallet("verify", "--address", address, "--message", "m", "--signature", "zz"),
                wallet("verify", "--address", address, "--message", "m", "--signature", "00".repeat(63)))
            .toList()) {
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.oneErrorLine(), r.err());
      assertTrue(r.err().startsWith("error: invalid "), r.err());
    }
    final CliRun wrong = wallet("verify", "--address", address, "--message", "m", "--signature", sig);
    assertEquals(1, wrong.exit());
  }

  @Test
  void wallet_shouldPrintUsageWhenGivenNoSubcommand() {
    final CliRun r = CliRun.agora("wallet");
    assertEquals(0, r.exit());
    for (final String sub : List.of("create", "new-hotkey", "list", "sign", "verify")) {
      assertTrue(r.out().contains(sub), r.out());
    }
  }

  private static PasswordReader answers(final String... typed) {
    final Deque<String> queue = new ArrayDeque<>(List.of(typed));
    return prompt -> Optional.ofNullable(queue.poll()).map(String::toCharArray);
  }
}
