package dev.agora.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The default files in config/ and the tables in docs/CONFIGURATION.md must stay true to the code:
 * every key known, every option present, every value its default.
 */
class DefaultFilesTest {
  private static final Path MODULE_DIR = Path.of(System.getProperty("basedir", "."));

  private static void checkDefaultFile(final OptionSet set, final Object defaults, final Function<OptionValues, ?> build) {
    final Path file = MODULE_DIR.resolve(set.name() + ".conf");
    assertTrue(Files.isRegularFile(file), "missing default file " + file);
    final List<ConfigFile.Entry> entries = ConfigFile.read(file);
    assertEquals(List.of(), ConfigLoader.unknownKeys(set, file), "unknown keys in " + file);
    final Map<String, String> byKey =
        entries.stream().collect(Collectors.toMap(ConfigFile.Entry::key, ConfigFile.Entry::value));
    for (Option<?> o : set.options()) {
      assertTrue(byKey.containsKey(o.name()), file + " lacks " + o.name());
      assertEquals(o.formattedDefault(), byKey.get(o.name()), file + ": " + o.name() + " is not its default");
    }
    assertEquals(set.options().size(), entries.size());
    assertEquals(defaults, build.apply(ConfigLoader.of(set).file(file).load()));
  }

  @Test
  void devnetFile_shouldParseWithEveryKeyAtItsDefault() {
    checkDefaultFile(DevnetConfig.OPTIONS, DevnetConfig.defaults(), DevnetConfig::from);
  }

  @Test
  void chainFile_shouldParseWithEveryKeyAtItsDefault() {
    checkDefaultFile(ChainConfig.OPTIONS, ChainConfig.defaults(), ChainConfig::from);
  }

  @Test
  void minerFile_shouldParseWithEveryKeyAtItsDefault() {
    checkDefaultFile(MinerConfig.OPTIONS, MinerConfig.defaults(), MinerConfig::from);
  }

  @Test
  void validatorFile_shouldParseWithEveryKeyAtItsDefault() {
    checkDefaultFile(ValidatorConfig.OPTIONS, ValidatorConfig.defaults(), ValidatorConfig::from);
  }

  @Test
  void defaultFile_shouldRoundTripWhenGenerated() {
    for (OptionSet set : ConfigDocs.ALL) {
      final List<ConfigFile.Entry> entries = ConfigFile.parse(ConfigDocs.defaultFile(set), set.name());
      assertEquals(set.options().size(), entries.size());
    }
  }

  @Test
  void configurationDoc_shouldContainEveryGeneratedTable() throws IOException {
    final Path doc = MODULE_DIR.resolve("..").resolve("docs").resolve("CONFIGURATION.md").normalize();
    final String text = Files.readString(doc);
    for (OptionSet set : ConfigDocs.ALL) {
      assertTrue(
          text.contains(ConfigDocs.markdownTable(set)),
          doc + " is out of date for " + set.name() + "; regenerate with ConfigDocs.main");
    }
  }
}
