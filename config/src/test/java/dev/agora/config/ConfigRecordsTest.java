package dev.agora.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigRecordsTest {
  private static void assertMessageContains(final Exception e, final String... parts) {
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
    }
  }

  @Test
  void defaults_shouldMatchDefaultConstantsWhenNothingSet() {
    final DevnetConfig d = DevnetConfig.defaults();
    assertEquals(4, d.miners());
    assertEquals(2, d.validators());
    assertEquals(3, d.epochs());
    assertEquals(List.of(), d.adversaries());
    assertEquals("demo-15m", d.model());
    assertEquals(DevnetConfig.DEFAULT_TEMPO, d.tempo());
    final ValidatorConfig v = ValidatorConfig.defaults();
    assertEquals(1.0, v.auditFraction());
    assertEquals(0.02, v.tau());
    assertEquals(1e-3, v.epsilon());
    final MinerConfig m = MinerConfig.defaults();
    assertEquals(10_000L, m.requestWindowPastMs());
    assertEquals(2_000L, m.requestWindowFutureMs());
    assertEquals(Backend.AUTO, m.backend());
    assertEquals(Path.of(System.getProperty("user.home"), ".agora", "wallets"), m.walletPath());
    final ChainConfig c = ChainConfig.defaults();
    assertEquals(360, c.subnetTempo());
    assertEquals(Optional.empty(), c.genesisOwnerAddress());
    assertEquals(ChainConfig.RAO_PER_TAO, c.emissionPerBlockRao());
  }

  @Test
  void constructor_shouldThrowNamingKeyWhenOutOfBounds() {
    final MinerConfig d = MinerConfig.defaults();
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                new MinerConfig(
                    d.walletPath(), d.walletName(), d.hotkey(), d.netuid(), d.chain(), d.axonHost(),
                    -1, d.model(), d.backend(), d.concurrency(), d.queueSize(), d.register(),
                    d.requestWindowPastMs(), d.requestWindowFutureMs(), d.maxBodyBytes(),
                    d.rateLimitPerHotkey(), d.minCallerStakeRao()));
    assertMessageContains(e, "axon.port = -1", "0..65535");
  }

  @Test
  void auditFraction_shouldAcceptOnlyWhenInHalfOpenUnitInterval() {
    assertEquals(1.0, ValidatorConfig.with(Map.of("audit.fraction", "1")).auditFraction());
    assertEquals(0.25, ValidatorConfig.with(Map.of("audit.fraction", "0.25")).auditFraction());
    assertThrows(ConfigException.class, () -> ValidatorConfig.with(Map.of("audit.fraction", "0")));
    assertThrows(ConfigException.class, () -> ValidatorConfig.with(Map.of("audit.fraction", "1.01")));
    assertThrows(ConfigException.class, () -> ValidatorConfig.with(Map.of("audit.fraction", "-0.5")));
  }

  @Test
  void validator_shouldThrowNamingBothKeysWhenFirstTokenTimeoutExceedsTotal() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ValidatorConfig.with(Map.of("timeout.first.token.ms", "2000", "timeout.total.ms", "1000")));
    assertMessageContains(e, "timeout.first.token.ms", "timeout.total.ms");
  }

  @Test
  void adversaries_shouldParseKindsAndCountsWhenWellFormed() {
    final DevnetConfig d = DevnetConfig.load(List.of("--adversaries", " random:1, copycat:2 "), Map.of());
    assertEquals(List.of(new AdversarySpec("random", 1), new AdversarySpec("copycat", 2)), d.adversaries());
    assertEquals(7, d.totalMiners());
    assertEquals("random:1,copycat:2", DevnetConfig.ADVERSARIES.format(d.adversaries()));
  }

  @Test
  void adversaries_shouldThrowNamingKeyWhenSpecBad() {
    assertMessageContains(
        assertThrows(ConfigException.class, () -> DevnetConfig.with(Map.of("adversaries", "sneaky:1"))),
        "adversaries", "unknown adversary kind 'sneaky'", "random, cacher, copycat, slow");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> DevnetConfig.with(Map.of("adversaries", "random:0"))),
        "adversaries", "1..256");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> DevnetConfig.with(Map.of("adversaries", "random:1,random:2"))),
        "more than once");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> DevnetConfig.with(Map.of("adversaries", "random"))),
        "expected kind:count");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> DevnetConfig.with(Map.of("adversaries", "slow:x"))),
        "not an integer");
  }

  @Test
  void devnet_shouldThrowWhenNeuronsExceedUidLimit() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> DevnetConfig.with(Map.of("miners", "200", "validators", "50", "adversaries", "slow:6")));
    assertMessageContains(e, "miners + validators + adversaries = 256", "255", "owner");
  }

  @Test
  void chain_shouldCheckGenesisAddressWhenGiven() {
    final String address = "agora1" + "q".repeat(58);
    assertEquals(
        Optional.of(address),
        ChainConfig.with(Map.of("genesis.owner.address", address)).genesisOwnerAddress());
    assertMessageContains(
        assertThrows(
            ConfigException.class, () -> ChainConfig.with(Map.of("genesis.owner.address", "bob"))),
        "genesis.owner.address", "agora1");
  }

  @Test
  void strings_shouldThrowNamingKeyWhenPatternNotMatched() {
    assertMessageContains(
        assertThrows(ConfigException.class, () -> MinerConfig.with(Map.of("wallet.name", "../etc"))),
        "wallet.name", "A-Z a-z 0-9");
    assertMessageContains(
        assertThrows(ConfigException.class, () -> MinerConfig.with(Map.of("chain", "ftp://x"))),
        "chain", "http://");
    assertEquals("https://node.example:443/rpc", MinerConfig.with(Map.of("chain", "https://node.example:443/rpc")).chain());
  }

  @Test
  void records_shouldBeEqualWhenLoadedFromSameSources() {
    final List<String> args = List.of("--epochs", "5", "--adversaries", "slow:1");
    assertEquals(DevnetConfig.load(args, Map.of()), DevnetConfig.load(args, Map.of()));
  }
}
