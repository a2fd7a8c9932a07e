package dev.agora.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path tempDir;

  private Path file(final String text) throws IOException {
    return Files.writeString(tempDir.resolve("test.conf"), text);
  }

  private static void assertMessageContains(final Exception e, final String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
    }
  }

  @Test
  void load_shouldGiveDefaultsWhenNoSource() {
    final OptionValues v = ConfigLoader.of(MinerConfig.OPTIONS).load();
    assertEquals(MinerConfig.DEFAULT_AXON_PORT, v.get(MinerConfig.AXON_PORT));
    assertEquals("default", v.origin(MinerConfig.AXON_PORT));
    assertEquals(MinerConfig.defaults(), MinerConfig.from(v));
  }

  @Test
  void load_shouldPreferFlagOverEnvOverFileWhenAllSet() throws IOException {
    final Path f = file("axon.port = 1001\nconcurrency = 3\nqueue.size = 7\n");
    final Map<String, String> env = Map.of("AGORA_AXON_PORT", "1002", "AGORA_CONCURRENCY", "4");
    final List<String> args = List.of("--axon-port", "1003");
    final OptionValues v = ConfigLoader.of(MinerConfig.OPTIONS).file(f).env(env).args(args).load();
    assertEquals(1003, v.get(MinerConfig.AXON_PORT));
    assertEquals("flag --axon-port", v.origin(MinerConfig.AXON_PORT));
    assertEquals(4, v.get(MinerConfig.CONCURRENCY));
    assertEquals("env AGORA_CONCURRENCY", v.origin(MinerConfig.CONCURRENCY));
    assertEquals(7, v.get(MinerConfig.QUEUE_SIZE));
    assertEquals(f + " line 3", v.origin(MinerConfig.QUEUE_SIZE));
    assertEquals(MinerConfig.DEFAULT_MODEL, v.get(MinerConfig.MODEL));

    final MinerConfig envOnly = MinerConfig.from(ConfigLoader.of(MinerConfig.OPTIONS).file(f).env(env).load());
    assertEquals(1002, envOnly.axonPort());
    final MinerConfig fileOnly = MinerConfig.from(ConfigLoader.of(MinerConfig.OPTIONS).file(f).load());
    assertEquals(1001, fileOnly.axonPort());
  }

  @Test
  void set_shouldOverrideFlagsWhenGiven() {
    final OptionValues v =
        ConfigLoader.of(MinerConfig.OPTIONS).args(List.of("--axon-port=5")).set("axon.port", "6").load();
    assertEquals(6, v.get(MinerConfig.AXON_PORT));
    assertEquals(17, MinerConfig.with(Map.of("axon.port", "17")).axonPort());
  }

  @Test
  void load_shouldThrowNamingKeyWhenFileHasUnknownKey() throws IOException {
    final Path f = file("axon.port = 1\naxon.prot = 2\n");
    final ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigLoader.of(MinerConfig.OPTIONS).file(f).load());
    assertMessageContains(e, "axon.prot", "line 2", f.toString(), "did you mean 'axon.port'");
  }

  @Test
  void load_shouldThrowNamingKeyAndBoundWhenOutOfBounds() throws IOException {
    final ConfigException fromFile =
        assertThrows(
            ConfigException.class,
            () -> ConfigLoader.of(MinerConfig.OPTIONS).file(file("axon.port = 70000\n")).load());
    assertMessageContains(fromFile, "axon.port", "70000", "0..65535", "line 1");

    final ConfigException fromEnv =
        assertThrows(
            ConfigException.class,
            () -> ValidatorConfig.load(List.of(), Map.of("AGORA_AUDIT_FRACTION", "0")));
    assertMessageContains(fromEnv, "audit.fraction", "0.0 < value <= 1.0", "AGORA_AUDIT_FRACTION");

    final ConfigException fromFlag =
        assertThrows(ConfigException.class, () -> ChainConfig.load(List.of("--block-time-ms", "0"), Map.of()));
    assertMessageContains(fromFlag, "block.time.ms", "1..3600000", "--block-time-ms");
  }

  @Test
  void load_shouldThrowNamingKeyWhenValueHasWrongType() {
    final ConfigException port =
        assertThrows(ConfigException.class, () -> MinerConfig.load(List.of("--axon-port", "eighty"), Map.of()));
    assertMessageContains(port, "axon.port", "'eighty' is not an integer");
    final ConfigException bool =
        assertThrows(ConfigException.class, () -> MinerConfig.load(List.of("--register=maybe"), Map.of()));
    assertMessageContains(bool, "register", "not a boolean");
    final ConfigException choice =
        assertThrows(
            ConfigException.class,
            () -> MinerConfig.load(List.of(), Map.of("AGORA_INFERENCE_BACKEND", "tpu")));
    assertMessageContains(choice, "inference.backend", "auto|cpu|cuda");
    final ConfigException number =
        assertThrows(ConfigException.class, () -> ValidatorConfig.load(List.of("--tau", "NaN"), Map.of()));
    assertMessageContains(number, "tau", "not a finite number");
    final ConfigException empty =
        assertThrows(ConfigException.class, () -> MinerConfig.load(List.of("--axon-port="), Map.of()));
    assertMessageContains(empty, "axon.port", "empty value");
  }

  @Test
  void args_shouldAcceptEqualsDottedAndBareBooleanForms() {
    final MinerConfig c =
        MinerConfig.load(
            List.of("--axon.port", "9", "--queue-size=11", "--register", "--inference-backend", "CPU"),
            Map.of());
    assertEquals(9, c.axonPort());
    assertEquals(11, c.queueSize());
    assertTrue(c.register());
    assertEquals(Backend.CPU, c.backend());
    assertEquals(false, MinerConfig.load(List.of("--register", "false"), Map.of()).register());
  }

  @Test
  void args_shouldThrowWhenFlagUnknownRepeatedOrMissingValue() {
    assertMessageContains(
        assertThrows(ConfigException.class, () -> MinerConfig.load(List.of("--axon-prot", "1"), Map.of())),
        "unknown flag --axon-prot",
        "did you mean --axon-port");
    assertMessageContains(
        assertThrows(
            ConfigException.class,
            () -> MinerConfig.load(List.of("--netuid", "1", "--netuid", "2"), Map.of())),
        "--netuid given more than once");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> MinerConfig.load(List.of("--netuid"), Map.of())),
        "--netuid needs a value");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> MinerConfig.load(List.of("stray"), Map.of())),
        "unexpected argument 'stray'");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> MinerConfig.with(Map.of("no.such", "1"))),
        "unknown key 'no.such'");
  }

  @Test
  void env_shouldIgnoreVariablesWhenNoOptionHasTheirName() {
    final MinerConfig c =
        MinerConfig.load(List.of(), Map.of("AGORA_EPOCHS", "9", "AGORA_SOMETHING_ELSE", "x", "PATH", "/bin"));
    assertEquals(MinerConfig.defaults(), c);
  }

  @Test
  void load_shouldFindFileWhenConfigFlagOrEnvNamesIt() throws IOException {
    final Path f = file("netuid = 7\n");
    final Path other = Files.writeString(tempDir.resolve("other.conf"), "netuid = 8\n");
    assertEquals(7, MinerConfig.load(List.of("--config", f.toString()), Map.of()).netuid());
    assertEquals(7, MinerConfig.load(List.of("--config=" + f), Map.of()).netuid());
    assertEquals(8, MinerConfig.load(List.of(), Map.of("AGORA_CONFIG", other.toString())).netuid());
    assertEquals(
        7,
        MinerConfig.load(List.of("--config", f.toString()), Map.of("AGORA_CONFIG", other.toString())).netuid());
    assertEquals(
        8,
        MinerConfig.from(
                ConfigLoader.of(MinerConfig.OPTIONS).file(other).args(List.of("--config", f.toString())).load())
            .netuid());
  }

  @Test
  void load_shouldThrowNamingPathWhenFileMissing() {
    final Path missing = tempDir.resolve("missing.conf");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> MinerConfig.load(List.of("--config", missing.toString()), Map.of())),
        "cannot read config file",
        missing.toString());
  }

  @Test
  void pathOption_shouldExpandHomeWhenTilde() {
    final ValidatorConfig c = ValidatorConfig.load(List.of("--data-dir", "~/x/y"), Map.of());
    assertEquals(Path.of(System.getProperty("user.home"), "x", "y"), c.dataDir());
    assertEquals(Path.of("/tmp/abs"), ValidatorConfig.with(Map.of("data.dir", "/tmp/abs")).dataDir());
  }

  @Test
  void names_shouldMapToEnvAndFlagWhenDotted() {
    assertEquals("AGORA_AXON_PORT", MinerConfig.AXON_PORT.envName());
    assertEquals("--axon-port", MinerConfig.AXON_PORT.flagName());
    assertEquals("AGORA_WALLET_PATH", MinerConfig.WALLET_PATH.envName());
    assertEquals("--wallet-path", MinerConfig.WALLET_PATH.flagName());
    assertEquals("AGORA_CHAIN", MinerConfig.CHAIN.envName());
  }

  @Test
  void describe_shouldListEveryOptionWithOriginWhenLoaded() {
    final Map<String, String> d =
        ConfigLoader.of(DevnetConfig.OPTIONS).args(List.of("--miners", "3")).load().describe();
    assertEquals(DevnetConfig.OPTIONS.options().size(), d.size());
    assertEquals("3  (flag --miners)", d.get("miners"));
    assertEquals("2  (default)", d.get("validators"));
  }
}
