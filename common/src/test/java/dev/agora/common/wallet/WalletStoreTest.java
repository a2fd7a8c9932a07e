package dev.agora.common.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletStoreTest {
  @TempDir Path tmp;

  private static Optional<char[]> pw(final String s) {
    return Optional.of(s.toCharArray());
  }

  private WalletStore store() {
    return new WalletStore(tmp.resolve("wallets"), ScryptParams.forTests());
  }

  @Test
  void create_shouldWriteBittensorLayoutWithOwnerOnlyPermissionsWhenCreated() throws Exception {
    final WalletStore store = store();
    final WalletInfo info = store.create("alice", pw("correct horse"), Optional.of("default"), new Random(1));
    final Path dir = store.root().resolve("alice");
    assertEquals("rwx------", perms(dir));
    assertEquals("rwx------", perms(dir.resolve("hotkeys")));
    for (final Path f : List.of(dir.resolve("coldkey"), dir.resolve("coldkeypub.txt"), dir.resolve("hotkeys/default"))) {
      assertTrue(Files.isRegularFile(f), f.toString());
      assertEquals("rw-------", perms(f), f.toString());
    }
    final PublicKey cold = info.coldkeyPub().orElseThrow();
    assertEquals(cold.address() + "\n", Files.readString(dir.resolve("coldkeypub.txt")));
    final String coldkeyText = Files.readString(dir.resolve("coldkey"));
    final JsonNode coldJson = Json.readTree(coldkeyText.getBytes(StandardCharsets.UTF_8));
    assertTrue(coldJson.get("encrypted").asBoolean());
    assertEquals(ScryptParams.forTests().n(), coldJson.get("kdf").get("n").asInt());
    assertFalse(coldJson.has("seed"));
    final KeyPair unlocked = store.unlockColdkey("alice", pw("correct horse"));
    assertEquals(cold, unlocked.publicKey());
    assertFalse(coldkeyText.contains(Hex.encode(unlocked.seed())), "seed must not appear in clear");
    final KeyPair hot = store.hotkey("alice", "default");
    assertEquals(info.hotkeys().get(0).publicKey().orElseThrow(), hot.publicKey());
    assertNotEquals(cold, hot.publicKey());
    assertTrue(Files.readString(dir.resolve("hotkeys/default")).contains(hot.publicKey().address()));
    assertEquals(List.of("alice"), Files.list(store.root()).map(p -> p.getFileName().toString()).toList());
  }

  @Test
  void create_shouldUseProductionScryptWhenStoreHasDefaultParameters() throws Exception {
    final WalletStore store = new WalletStore(tmp);
    store.create("prod", pw("pw"), new Random(2));
    final JsonNode kdf = Json.readTree(Files.readAllBytes(tmp.resolve("prod/coldkey"))).get("kdf");
    assertEquals(1 << 15, kdf.get("n").asInt());
    assertEquals(8, kdf.get("r").asInt());
    assertEquals(1, kdf.get("p").asInt());
    assertEquals(64, kdf.get("salt").asText().length());
    assertEquals(store.coldkeyPub("prod"), store.unlockColdkey("prod", pw("pw")).publicKey());
  }

  @Test
  void create_shouldDrawFreshSaltAndNonceWhenSamePasswordIsUsedTwice() throws Exception {
    final WalletStore store = store();
    store.create("a", pw("same"), new Random(3));
    store.create("b", pw("same"), new Random(4));
    final JsonNode a = Json.readTree(Files.readAllBytes(store.root().resolve("a/coldkey")));
    final JsonNode b = Json.readTree(Files.readAllBytes(store.root().resolve("b/coldkey")));
    assertNotEquals(a.get("kdf").get("salt"), b.get("kdf").get("salt"));
    assertNotEquals(a.get("cipher").get("nonce"), b.get("cipher").get("nonce"));
  }

  @Test
  void unlockColdkey_shouldThrowWrongPasswordAndChangeNothingWhenPasswordIsWrong() {
    final WalletStore store = store();
    store.create("w", pw("right"), new Random(5));
    final Map<String, String> before = DiskSnapshot.of(store.root());
    final WrongPasswordException e =
        assertThrows(WrongPasswordException.class, () -> store.unlockColdkey("w", pw("wrong")));
    assertTrue(e.getMessage().startsWith("wrong password for coldkey of wallet 'w'"), e.getMessage());
    assertEquals(before, DiskSnapshot.of(store.root()));
  }

  @Test
  void unlockColdkey_shouldRequirePasswordWhenColdkeyIsEncrypted() {
    final WalletStore store = store();
    store.create("w", pw("right"), new Random(6));
    final WalletException e = assertThrows(WalletException.class, () -> store.unlockColdkey("w", Optional.empty()));
    assertTrue(e.getMessage().contains("a password is required"), e.getMessage());
    assertTrue(store.isColdkeyEncrypted("w"));
  }

  @Test
  void unlockColdkey_shouldReportTamperingWhenAnyEncryptedFieldIsAltered() throws Exception {
    final WalletStore store = store();
    store.create("w", pw("pw"), new Random(7));
    final Path file = store.root().resolve("w/coldkey");
    final String original = Files.readString(file);
    final JsonNode json = Json.readTree(original.getBytes(StandardCharsets.UTF_8));
    final String otherAddress = KeyPair.generate(new Random(8)).publicKey().address();
    final List<String[]> edits =
        List.of(
            new String[] {json.get("cipher").get("ciphertext").asText(), flipFirstHex(json.get("cipher").get("ciphertext").asText())},
            new String[] {json.get("cipher").get("nonce").asText(), flipFirstHex(json.get("cipher").get("nonce").asText())},
            new String[] {json.get("kdf").get("salt").asText(), flipFirstHex(json.get("kdf").get("salt").asText())},
            new String[] {json.get("kdf").get("check").asText(), flipFirstHex(json.get("kdf").get("check").asText())},
            new String[] {json.get("address").asText(), otherAddress},
            new String[] {"\"n\" : 1024", "\"n\" : 2048"},
            new String[] {"\"encrypted\" : true", "\"encrypted\" : false"});
    for (final String[] edit : edits) {
      assertTrue(original.contains(edit[0]), edit[0]);
      Files.writeString(file, original.replace(edit[0], edit[1]));
      final Map<String, String> before = DiskSnapshot.of(store.root());
      final CorruptKeyFileException e =
          assertThrows(CorruptKeyFileException.class, () -> store.unlockColdkey("w", pw("pw")), edit[1]);
      assertTrue(e.getMessage().contains("corrupted or was tampered with"), e.getMessage());
      assertEquals(before, DiskSnapshot.of(store.root()));
    }
    Files.writeString(file, original);
    assertEquals(store.coldkeyPub("w"), store.unlockColdkey("w", pw("pw")).publicKey());
  }

  @Test
  void unlockColdkey_shouldReportAuthenticationFailureWhenCiphertextIsAlteredWithValidChecksum()
      throws Exception {
    final WalletStore store = store();
    store.create("w", pw("pw"), new Random(9));
    final Path file = store.root().resolve("w/coldkey");
    final com.fasterxml.jackson.databind.node.ObjectNode json =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.readTree(Files.readAllBytes(file));
    final com.fasterxml.jackson.databind.node.ObjectNode cipher = (com.fasterxml.jackson.databind.node.ObjectNode) json.get("cipher");
    cipher.put("ciphertext", flipFirstHex(cipher.get("ciphertext").asText()));
    json.remove("checksum");
    json.put("checksum", dev.agora.common.crypto.Hashes.sha256Hex(Json.canonical(json)));
    Files.write(file, Json.MAPPER.writeValueAsBytes(json));
    final CorruptKeyFileException e =
        assertThrows(CorruptKeyFileException.class, () -> store.unlockColdkey("w", pw("pw")));
    assertTrue(e.getMessage().contains("authentication failed"), e.getMessage());
  }

  @Test
  void unlockColdkey_shouldReportCorruptionWhenFileIsTruncatedAtAnyLength() throws Exception {
    final WalletStore store = store();
    store.create("w", pw("pw"), new Random(10));
    final Path file = store.root().resolve("w/coldkey");
    final byte[] original = Files.readAllBytes(file);
    for (int len = 0; len < original.length - 1; len++) {
      Files.write(file, java.util.Arrays.copyOf(original, len));
      final int l = len;
      assertThrows(CorruptKeyFileException.class, () -> store.unlockColdkey("w", pw("pw")), () -> "length " + l);
    }
  }

  @Test
  void create_shouldThrowExistsAndChangeNothingWhenWalletExists() {
    final WalletStore store = store();
    store.create("w", pw("one"), Optional.of("h"), new Random(11));
    final Map<String, String> before = DiskSnapshot.of(store.root());
    final WalletExistsException e =
        assertThrows(WalletExistsException.class, () -> store.create("w", Optional.empty(), new Random(12)));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals(before, DiskSnapshot.of(store.root()));
  }

  @Test
  void create_shouldThrowExistsWhenAFileOrEmptyDirectoryHasTheName() throws Exception {
    final WalletStore store = store();
    Files.createDirectories(store.root().resolve("empty"));
    Files.writeString(store.root().resolve("file"), "x");
    final Map<String, String> before = DiskSnapshot.of(store.root());
    assertThrows(WalletExistsException.class, () -> store.create("empty", Optional.empty(), new Random(1)));
    assertThrows(WalletExistsException.class, () -> store.create("file", Optional.empty(), new Random(1)));
    assertEquals(before, DiskSnapshot.of(store.root()));
  }

  @Test
  void create_shouldRejectBadNamesAndCreateNothingWhenNameCouldEscape() {
    final WalletStore store = store();
    for (final String bad : new String[] {"", "../x", "a/b", ".hidden", "-x", "a b", "x".repeat(65), "é"}) {
      final WalletException e =
          assertThrows(WalletException.class, () -> store.create(bad, Optional.empty(), new Random(1)), bad);
      assertTrue(e.getMessage().startsWith("invalid wallet name"), e.getMessage());
      assertThrows(WalletException.class, () -> store.create("ok", Optional.empty(), Optional.of(bad), new Random(1)));
    }
    assertFalse(Files.exists(store.root()));
  }

  @Test
  void create_shouldRejectEmptyPasswordWhenGiven() {
    final WalletStore store = store();
    final WalletException e =
        assertThrows(WalletException.class, () -> store.create("w", Optional.of(new char[0]), new Random(1)));
    assertTrue(e.getMessage().contains("--no-password"), e.getMessage());
    assertFalse(Files.exists(store.root().resolve("w")));
  }

  @Test
  void create_shouldStorePlainMarkedColdkeyWhenNoPassword() throws Exception {
    final WalletStore store = store();
    final WalletInfo info = store.create("dev", Optional.empty(), new Random(13));
    assertFalse(info.encrypted());
    final JsonNode json = Json.readTree(Files.readAllBytes(store.root().resolve("dev/coldkey")));
    assertFalse(json.get("encrypted").asBoolean());
    final KeyPair key = store.unlockColdkey("dev", Optional.empty());
    assertEquals(Hex.encode(key.seed()), json.get("seed").asText());
    assertEquals(info.coldkeyPub().orElseThrow(), key.publicKey());
    assertFalse(store.isColdkeyEncrypted("dev"));
  }

  @Test
  void create_shouldGiveSameKeysWhenRandomIsSeededAlike() {
    final WalletInfo a = store().create("a", Optional.empty(), Optional.of("h"), new Random(99));
    final WalletInfo b = new WalletStore(tmp.resolve("other"), ScryptParams.forTests())
        .create("a", Optional.empty(), Optional.of("h"), new Random(99));
    assertEquals(a, b);
  }

  @Test
  void newHotkey_shouldAddHotkeyAndRefuseToOverwriteWhenCalledTwice() throws Exception {
    final WalletStore store = store();
    store.create("w", Optional.empty(), new Random(14));
    final HotkeyInfo h = store.newHotkey("w", "miner1", new Random(15));
    final Path file = store.root().resolve("w/hotkeys/miner1");
    assertEquals("rw-------", perms(file));
    assertEquals(h.publicKey().orElseThrow(), store.hotkey("w", "miner1").publicKey());
    final Map<String, String> before = DiskSnapshot.of(store.root());
    final WalletExistsException e =
        assertThrows(WalletExistsException.class, () -> store.newHotkey("w", "miner1", new Random(16)));
    assertTrue(e.getMessage().contains("hotkey 'miner1' already exists"), e.getMessage());
    assertEquals(before, DiskSnapshot.of(store.root()));
    try (var files = Files.list(store.root().resolve("w/hotkeys"))) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void newHotkey_shouldThrowNotFoundAndCreateNothingWhenWalletIsMissing() {
    final WalletStore store = store();
    final WalletNotFoundException e =
        assertThrows(WalletNotFoundException.class, () -> store.newHotkey("ghost", "h", new Random(1)));
    assertTrue(e.getMessage().startsWith("no wallet named 'ghost'"), e.getMessage());
    assertFalse(Files.exists(store.root()));
  }

  @Test
  void hotkey_shouldThrowNotFoundWhenHotkeyOrWalletIsMissing() {
    final WalletStore store = store();
    store.create("w", Optional.empty(), new Random(17));
    final WalletNotFoundException e =
        assertThrows(WalletNotFoundException.class, () -> store.hotkey("w", "nope"));
    assertTrue(e.getMessage().startsWith("hotkey 'nope' of wallet 'w' not found"), e.getMessage());
    assertThrows(WalletNotFoundException.class, () -> store.hotkey("ghost", "nope"));
    assertThrows(WalletNotFoundException.class, () -> store.unlockColdkey("ghost", Optional.empty()));
    assertThrows(WalletNotFoundException.class, () -> store.coldkeyPub("ghost"));
  }

  @Test
  void hotkey_shouldReportTamperingWhenSeedOrAddressIsEdited() throws Exception {
    final WalletStore store = store();
    store.create("w", Optional.empty(), Optional.of("h"), new Random(18));
    final Path file = store.root().resolve("w/hotkeys/h");
    final String original = Files.readString(file);
    final String seed = Json.readTree(original.getBytes(StandardCharsets.UTF_8)).get("seed").asText();
    Files.writeString(file, original.replace(seed, flipFirstHex(seed)));
    assertThrows(CorruptKeyFileException.class, () -> store.hotkey("w", "h"));
    Files.writeString(file, original.substring(0, original.length() / 2));
    assertThrows(CorruptKeyFileException.class, () -> store.hotkey("w", "h"));
    Files.writeString(file, "");
    assertThrows(CorruptKeyFileException.class, () -> store.hotkey("w", "h"));
  }

  @Test
  void unlockColdkey_shouldReportMismatchWhenColdkeypubNamesAnotherKey() throws Exception {
    final WalletStore store = store();
    store.create("w", Optional.empty(), new Random(19));
    Files.writeString(store.root().resolve("w/coldkeypub.txt"), KeyPair.generate(new Random(20)).publicKey().address());
    final CorruptKeyFileException e =
        assertThrows(CorruptKeyFileException.class, () -> store.unlockColdkey("w", Optional.empty()));
    assertTrue(e.getMessage().contains("coldkeypub.txt names a different key"), e.getMessage());
  }

  @Test
  void list_shouldReturnSortedWalletsWithHotkeysAndSkipHiddenEntriesWhenListed() throws Exception {
    final WalletStore store = store();
    assertEquals(List.of(), store.list());
    store.create("zeta", Optional.empty(), new Random(21));
    final WalletInfo alpha = store.create("alpha", pw("pw"), Optional.of("h2"), new Random(22));
    final HotkeyInfo h1 = store.newHotkey("alpha", "h1", new Random(23));
    Files.createDirectories(store.root().resolve(".creating-leftover"));
    Files.writeString(store.root().resolve("stray.txt"), "not a wallet");
    final List<WalletInfo> list = store.list();
    assertEquals(List.of("alpha", "zeta"), list.stream().map(WalletInfo::name).toList());
    assertTrue(list.get(0).encrypted());
    assertFalse(list.get(1).encrypted());
    assertEquals(alpha.coldkeyPub(), list.get(0).coldkeyPub());
    assertEquals(List.of("h1", "h2"), list.get(0).hotkeys().stream().map(HotkeyInfo::name).toList());
    assertEquals(h1, list.get(0).hotkeys().get(0));
    assertEquals(store.info("alpha"), list.get(0));
  }

  @Test
  void list_shouldShowEmptyKeyWhenAFileIsDamaged() throws Exception {
    final WalletStore store = store();
    store.create("w", Optional.empty(), Optional.of("h"), new Random(24));
    Files.writeString(store.root().resolve("w/hotkeys/h"), "{");
    Files.writeString(store.root().resolve("w/coldkeypub.txt"), "garbage");
    final WalletInfo info = store.list().get(0);
    assertEquals(Optional.empty(), info.coldkeyPub());
    assertEquals(Optional.empty(), info.hotkeys().get(0).publicKey());
  }

  private static String perms(final Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  private static String flipFirstHex(final String hex) {
    return (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
  }
}
