package dev.agora.cli.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.chain.rpc.ChainRpcServer;
import dev.agora.chain.runtime.ChainNode;
import dev.agora.chain.runtime.GenesisSpec;
import dev.agora.chain.runtime.NodeOptions;
import dev.agora.chain.state.ChainParams;
import dev.agora.cli.AgoraCommand;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.time.Clock;
import dev.agora.common.util.Hex;
import dev.agora.common.util.Json;
import dev.agora.storage.InMemoryKvStore;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain commands against a real node and HTTP API on 127.0.0.1. */
class ChainCommandsTest {
  private static final long TAO = 1_000_000_000L;

  private static String run(final String... args) {
    final PrintStream old = System.out;
    final ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      final int rc = AgoraCommand.execute(args);
      return rc + "\n" + buf.toString(StandardCharsets.UTF_8);
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void subnetCommands_shouldCreateRegisterStakeAndShowMetagraphWhenChainIsUp(
      @TempDir final Path dir) throws Exception {
    final Random rnd = new Random(8);
    final KeyPair chainKey = KeyPair.generate(rnd);
    final KeyPair cold = KeyPair.generate(rnd);
    final KeyPair hot = KeyPair.generate(rnd);
    final KeyPair hot2 = KeyPair.generate(rnd);
    final Path coldFile = dir.resolve("cold.hex");
    final Path hotFile = dir.resolve("hot.hex");
    final Path hot2File = dir.resolve("hot2.hex");
    Files.writeString(coldFile, Hex.encode(cold.seed()));
    Files.writeString(hotFile, Hex.encode(hot.seed()));
    Files.writeString(hot2File, Hex.encode(hot2.seed()));
    final GenesisSpec genesis = new GenesisSpec("cli-test", 0, chainKey.publicKey().address(),
        Map.of(cold.publicKey().address(), 1000 * TAO),
        new ChainParams(chainKey.publicKey().address(), 10 * TAO, TAO, 10,
            Map.of("tempo", 1000L, "commit_reveal_weights_enabled", 0L)));
    final Vertx vertx = Vertx.vertx();
    try (InMemoryKvStore kv = new InMemoryKvStore();
        ChainNode node = ChainNode.open(kv, chainKey, Clock.SYSTEM, NodeOptions.defaults(10),
            genesis)) {
      node.start();
      final ChainRpcServer rpc = new ChainRpcServer(node, "127.0.0.1", 0);
      vertx.deployVerticle(rpc).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      final String chain = "http://127.0.0.1:" + rpc.actualPort();
      final String[] keys = {"--coldkey-seed-file", coldFile.toString(), "--hotkey-seed-file",
          hotFile.toString()};
      String out = run(concat(new String[] {"subnet", "create", "--chain", chain}, keys));
      assertTrue(out.startsWith("0\n") && out.contains("create_subnet included"), out);
      out = run("subnet", "register", "--chain", chain, "--netuid", "1", "--coldkey-seed-file",
          coldFile.toString(), "--hotkey-seed-file", hot2File.toString(), "--json");
      assertTrue(out.startsWith("0\n") && out.contains("\"INCLUDED\""), out);
      out = run("stake", "add", "--chain", chain, "--netuid", "1", "--amount", "2.5",
          "--coldkey-seed-file", coldFile.toString(), "--hotkey-seed-file", hot2File.toString());
      assertTrue(out.startsWith("0\n"), out);
      out = run("sudo", "set", "--chain", chain, "--netuid", "1", "--param", "kappa", "--value",
          "1", "--coldkey-seed-file", coldFile.toString(), "--hotkey-seed-file", hotFile.toString(),
          "--json");
      assertTrue(out.startsWith("1\n") && out.contains("NOT_OWNER"), "kappa is root-only: " + out);
      out = run("subnet", "metagraph", "--chain", chain, "--netuid", "1", "--json");
      assertTrue(out.startsWith("0\n"), out);
      final var mg = Json.MAPPER.readTree(out.substring(2));
      assertEquals(2, mg.get("neurons").size());
      assertEquals(hot2.publicKey().address(), mg.get("neurons").get(1).get("hotkey").asText());
      assertEquals(2_500_000_000L, mg.get("neurons").get(1).get("stake").asLong());
      out = run("subnet", "list", "--chain", chain);
      assertTrue(out.contains(cold.publicKey().address()), out);
      out = run("subnet", "metagraph", "--chain", "http://127.0.0.1:1", "--netuid", "1", "--json");
      assertTrue(out.startsWith("1\n") && out.contains("\"error\""), out);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static String[] concat(final String[] a, final String[] b) {
    final String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
