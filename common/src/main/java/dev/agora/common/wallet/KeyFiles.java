package dev.agora.common.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agora.common.crypto.Hashes;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.crypto.PublicKey;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Encoding of key files (format version 1, JSON). Pure: bytes in, bytes out; no file I/O.
 *
 * <p>Coldkey, encrypted: scrypt(password UTF-8, salt 32 B, n, r, p) gives 64 bytes; the first 32
 * are the AES-256-GCM key, the last 32 feed a 16-byte password check value (SHA-256 with a domain
 * tag), which tells a wrong password apart from an altered file. GCM (12-byte nonce, 128-bit tag)
 * encrypts the 32-byte seed with the format, version, address and scrypt parameters as associated
 * data. Every file also carries {@code checksum}, the SHA-256 of the canonical JSON of its other
 * fields, so damage or a hand edit is reported as such rather than as a wrong password.
 */
final class KeyFiles {
  static final String COLDKEY_FORMAT = "agora-coldkey";
  static final String HOTKEY_FORMAT = "agora-hotkey";
  static final int VERSION = 1;
  static final int SALT_LENGTH = 32;
  static final int NONCE_LENGTH = 12;
  static final int TAG_BITS = 128;
  static final int CHECK_LENGTH = 16;
  static final int MAX_FILE_BYTES = 64 * 1024;

  private KeyFiles() {}

  static byte[] encodeColdkey(
      final KeyPair key, final Optional<char[]> password, final ScryptParams params, final Random rnd) {
    final ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", COLDKEY_FORMAT);
    root.put("version", VERSION);
    root.put("address", key.publicKey().address());
    if (password.isEmpty()) {
      root.put("encrypted", false);
      root.put("seed", Hex.encode(key.seed()));
      return pretty(root);
    }
    final byte[] salt = new byte[SALT_LENGTH];
    final byte[] nonce = new byte[NONCE_LENGTH];
    rnd.nextBytes(salt);
    rnd.nextBytes(nonce);
    final byte[] derived = derive(password.get(), salt, params);
    try {
      final byte[] seed = key.seed();
      final byte[] sealed;
      try {
        sealed = gcm(true, derived, nonce, aad(key.publicKey().address(), params), seed);
      } catch (InvalidCipherTextException e) {
        throw new IllegalStateException("AES-GCM encryption failed", e);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
      root.put("encrypted", true);
      final ObjectNode kdf = root.putObject("kdf");
      kdf.put("name", "scrypt");
      kdf.put("n", params.n());
      kdf.put("r", params.r());
      kdf.put("p", params.p());
      kdf.put("salt", Hex.encode(salt));
      kdf.put("check", Hex.encode(check(derived)));
      final ObjectNode cipher = root.putObject("cipher");
      cipher.put("name", "aes-256-gcm");
      cipher.put("nonce", Hex.encode(nonce));
      cipher.put("ciphertext", Hex.encode(sealed));
      return pretty(root);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** Whether the coldkey file is encrypted, without opening it. */
  static boolean isEncrypted(final byte[] file, final String label) {
    final JsonNode root = parse(file, label, COLDKEY_FORMAT);
    return bool(root, "encrypted", label);
  }

  static KeyPair decodeColdkey(final byte[] file, final Optional<char[]> password, final String label) {
    final JsonNode root = parse(file, label, COLDKEY_FORMAT);
    final String address = text(root, "address", label);
    if (!bool(root, "encrypted", label)) {
      return checked(hexField(root, "seed", KeyPair.SEED_LENGTH, label), address, label);
    }
    if (password.isEmpty()) {
      throw new WalletException(label + " is encrypted; a password is required");
    }
    final JsonNode kdf = object(root, "kdf", label);
    final JsonNode cipher = object(root, "cipher", label);
    if (!"scrypt".equals(text(kdf, "name", label)) || !"aes-256-gcm".equals(text(cipher, "name", label))) {
      throw corrupt(label, "unknown KDF or cipher name");
    }
    final ScryptParams params;
    try {
      params = new ScryptParams(integer(kdf, "n", label), integer(kdf, "r", label), integer(kdf, "p", label));
    } catch (IllegalArgumentException e) {
      throw corrupt(label, e.getMessage());
    }
    final byte[] salt = hexField(kdf, "salt", SALT_LENGTH, label);
    final byte[] expectedCheck = hexField(kdf, "check", CHECK_LENGTH, label);
    final byte[] nonce = hexField(cipher, "nonce", NONCE_LENGTH, label);
    final byte[] sealed = hexField(cipher, "ciphertext", KeyPair.SEED_LENGTH + TAG_BITS / 8, label);
    final byte[] derived = derive(password.get(), salt, params);
    try {
      if (!java.security.MessageDigest.isEqual(expectedCheck, check(derived))) {
        throw new WrongPasswordException("wrong password for " + label);
      }
      final byte[] seed;
      try {
        seed = gcm(false, derived, nonce, aad(address, params), sealed);
      } catch (InvalidCipherTextException e) {
        throw corrupt(label, "authentication failed, the file was altered");
      }
      try {
        return checked(seed, address, label);
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  static byte[] encodeHotkey(final KeyPair key) {
    final ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("format", HOTKEY_FORMAT);
    root.put("version", VERSION);
    root.put("address", key.publicKey().address());
    root.put("publicKey", key.publicKey().hex());
    root.put("seed", Hex.encode(key.seed()));
    return pretty(root);
  }

  static KeyPair decodeHotkey(final byte[] file, final String label) {
    final JsonNode root = parse(file, label, HOTKEY_FORMAT);
    final KeyPair key =
        checked(hexField(root, "seed", KeyPair.SEED_LENGTH, label), text(root, "address", label), label);
    if (!key.publicKey().hex().equals(text(root, "publicKey", label))) {
      throw corrupt(label, "publicKey does not match the seed");
    }
    return key;
  }

  static byte[] encodeColdkeyPub(final PublicKey key) {
    return (key.address() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  static PublicKey decodeColdkeyPub(final byte[] file, final String label) {
    try {
      return PublicKey.fromAddress(new String(file, StandardCharsets.UTF_8).strip());
    } catch (IllegalArgumentException e) {
      throw corrupt(label, e.getMessage());
    }
  }

  private static KeyPair checked(final byte[] seed, final String address, final String label) {
    final KeyPair key = KeyPair.fromSeed(seed);
    if (!key.publicKey().address().equals(address)) {
      throw corrupt(label, "the key does not match the address in the file");
    }
    return key;
  }

  private static byte[] derive(final char[] password, final byte[] salt, final ScryptParams params) {
    final ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    final byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    if (encoded.hasArray()) {
      Arrays.fill(encoded.array(), (byte) 0);
    }
    try {
      return SCrypt.generate(bytes, salt, params.n(), params.r(), params.p(), 64);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  private static byte[] check(final byte[] derived) {
    final byte[] full =
        Hashes.sha256(
            "agora-coldkey-password-check".getBytes(StandardCharsets.US_ASCII),
            Arrays.copyOfRange(derived, 32, 64));
    return Arrays.copyOf(full, CHECK_LENGTH);
  }

  private static byte[] aad(final String address, final ScryptParams params) {
    return (COLDKEY_FORMAT + "\n" + VERSION + "\n" + address + "\nscrypt\n" + params.n() + "\n"
            + params.r() + "\n" + params.p() + "\naes-256-gcm")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gcm(
      final boolean encrypt, final byte[] derived, final byte[] nonce, final byte[] aad, final byte[] input)
      throws InvalidCipherTextException {
    final GCMModeCipher cipher = GCMBlockCipher.newInstance(AESEngine.newInstance());
    final KeyParameter key = new KeyParameter(derived, 0, 32);
    cipher.init(encrypt, new AEADParameters(key, TAG_BITS, nonce, aad));
    final byte[] out = new byte[cipher.getOutputSize(input.length)];
    final int n = cipher.processBytes(input, 0, input.length, out, 0);
    final int total = n + cipher.doFinal(out, n);
    return total == out.length ? out : Arrays.copyOf(out, total);
  }

  /** Adds the checksum field (SHA-256 of the canonical JSON of all other fields) and writes. */
  private static byte[] pretty(final ObjectNode root) {
    root.put("checksum", checksum(root));
    try {
      return (Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n")
          .getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write key file JSON", e);
    }
  }

  private static JsonNode parse(final byte[] file, final String label, final String format) {
    if (file.length == 0) {
      throw corrupt(label, "the file is empty");
    }
    if (file.length > MAX_FILE_BYTES) {
      throw corrupt(label, "the file is too large (" + file.length + " bytes)");
    }
    final JsonNode root;
    try {
      root = Json.MAPPER.readTree(file);
    } catch (java.io.IOException e) {
      throw corrupt(label, "not valid JSON (truncated?)");
    }
    if (root == null || !root.isObject()) {
      throw corrupt(label, "not a JSON object");
    }
    if (!format.equals(text(root, "format", label))) {
      throw corrupt(label, "format is not '" + format + "'");
    }
    final int version = integer(root, "version", label);
    if (version != VERSION) {
      throw corrupt(label, "unsupported version " + version + " (this build reads version " + VERSION + ")");
    }
    final String stored = text(root, "checksum", label);
    if (!stored.equals(checksum((ObjectNode) root))) {
      throw corrupt(label, "checksum does not match, the file was altered or damaged");
    }
    return root;
  }

  private static String checksum(final ObjectNode root) {
    final ObjectNode copy = root.deepCopy();
    copy.remove("checksum");
    return Hashes.sha256Hex(Json.canonical(copy));
  }

  private static JsonNode object(final JsonNode node, final String field, final String label) {
    final JsonNode v = node.get(field);
    if (v == null || !v.isObject()) {
      throw corrupt(label, "missing object '" + field + "'");
    }
    return v;
  }

  private static String text(final JsonNode node, final String field, final String label) {
    final JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw corrupt(label, "missing text field '" + field + "'");
    }
    return v.asText();
  }

  private static boolean bool(final JsonNode node, final String field, final String label) {
    final JsonNode v = node.get(field);
    if (v == null || !v.isBoolean()) {
      throw corrupt(label, "missing boolean field '" + field + "'");
    }
    return v.asBoolean();
  }

  private static int integer(final JsonNode node, final String field, final String label) {
    final JsonNode v = node.get(field);
    if (v == null || !v.isInt()) {
      throw corrupt(label, "missing integer field '" + field + "'");
    }
    return v.asInt();
  }

  private static byte[] hexField(
      final JsonNode node, final String field, final int length, final String label) {
    final byte[] bytes;
    try {
      bytes = Hex.decode(text(node, field, label));
    } catch (IllegalArgumentException e) {
      throw corrupt(label, "field '" + field + "': " + e.getMessage());
    }
    if (bytes.length != length) {
      throw corrupt(label, "field '" + field + "' has " + bytes.length + " bytes, expected " + length);
    }
    return bytes;
  }

  static CorruptKeyFileException corrupt(final String label, final String why) {
    return new CorruptKeyFileException(label + " is corrupted or was tampered with: " + why);
  }
}
