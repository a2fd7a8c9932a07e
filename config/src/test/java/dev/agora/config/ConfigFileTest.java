package dev.agora.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigFileTest {
  @Test
  void parse_shouldSkipCommentsAndBlankLinesWhenPresent() {
    final List<ConfigFile.Entry> entries =
        ConfigFile.parse(
            "# header\n\n  a = 1  \r\nb=two words # trailing comment\nc = x#y\nd = \"  # kept  \" # c\ne =\n",
            "t");
    assertEquals(
        List.of(
            new ConfigFile.Entry("a", "1", 3),
            new ConfigFile.Entry("b", "two words", 4),
            new ConfigFile.Entry("c", "x#y", 5),
            new ConfigFile.Entry("d", "  # kept  ", 6),
            new ConfigFile.Entry("e", "", 7)),
        entries);
  }

  @Test
  void parse_shouldThrowNamingLineWhenSyntaxBad() {
    final ConfigException noEquals =
        assertThrows(ConfigException.class, () -> ConfigFile.parse("a = 1\njust words\n", "f.conf"));
    assertTrue(noEquals.getMessage().contains("f.conf line 2"), noEquals.getMessage());
    final ConfigException quote =
        assertThrows(ConfigException.class, () -> ConfigFile.parse("a = \"open\n", "f.conf"));
    assertTrue(quote.getMessage().contains("unterminated quote"), quote.getMessage());
    final ConfigException trailing =
        assertThrows(ConfigException.class, () -> ConfigFile.parse("a = \"x\" y\n", "f.conf"));
    assertTrue(trailing.getMessage().contains("after the closing quote"), trailing.getMessage());
  }

  @Test
  void parse_shouldThrowNamingBothLinesWhenKeyRepeats() {
    final ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigFile.parse("a = 1\nb = 2\na = 3\n", "f.conf"));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertTrue(e.getMessage().contains("'a' already set on line 1"), e.getMessage());
  }
}
