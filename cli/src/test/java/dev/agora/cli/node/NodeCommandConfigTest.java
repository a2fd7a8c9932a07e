package dev.agora.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agora.config.Backend;
import dev.agora.config.DevnetConfig;
import dev.agora.config.MinerConfig;
import dev.agora.config.ValidatorConfig;
import dev.agora.inference.cuda.BackendSelector;
import dev.agora.inference.cuda.CudaProbe;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The node commands resolve every option through the config layers: file < AGORA_* < flags. */
class NodeCommandConfigTest {
  @TempDir Path dir;

  private Path file(final String text) throws IOException {
    final Path f = Files.createTempFile(dir, "node", ".conf");
    Files.writeString(f, text);
    return f;
  }

  private static MinerRunCommand miner(final Map<String, String> env, final String... args) {
    final MinerRunCommand c = new MinerRunCommand();
    new CommandLine(c).parseArgs(args);
    c.env = env;
    return c;
  }

  private static ValidatorRunCommand validator(final Map<String, String> env, final String... args) {
    final ValidatorRunCommand c = new ValidatorRunCommand();
    new CommandLine(c).parseArgs(args);
    c.env = env;
    return c;
  }

  /** Runs a command in-process: exit code and stderr. */
  private record Run(int exit, String out, String err) {
    boolean oneErrorLine() {
      return !err.isBlank() && err.strip().lines().count() == 1;
    }
  }

  private static Run execute(final Object command, final String... args) {
    final CommandLine cl = new CommandLine(command);
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    final int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void minerLoadConfig_shouldLayerFileThenEnvThenFlagsWhenAllGiven() throws IOException {
    final Path f = file("axon.port = 1001\nconcurrency = 3\nqueue.size = 5\nmodel = demo-tiny\n"
        + "rate.limit.per.hotkey = 7\n");
    final Map<String, String> env = Map.of("AGORA_AXON_PORT", "1002", "AGORA_CONCURRENCY", "4",
        "AGORA_MIN_CALLER_STAKE_RAO", "900");
    final MinerConfig c = miner(env, "--config", f.toString(), "--axon-port", "1003", "--backend", "cpu",
        "--min-caller-stake", "1000", "--register").loadConfig();
    assertEquals(1003, c.axonPort());
    assertEquals(4, c.concurrency());
    assertEquals(5, c.queueSize());
    assertEquals("demo-tiny", c.model());
    assertEquals(Backend.CPU, c.backend());
    assertEquals(1000L, c.minCallerStakeRao());
    assertTrue(c.register());
    assertEquals(7, c.rateLimitPerHotkey());
    // unset everywhere: the default
    assertEquals(MinerConfig.DEFAULT_MAX_BODY_BYTES, c.maxBodyBytes());
    // the node gets what the config says
    final var node = MinerRunCommand.nodeConfig(c);
    assertEquals(1003, node.axon().port());
    assertEquals(7.0, node.ratePerHotkey());
    assertEquals(1000L, node.minStakeRao());
  }

  @Test
  void minerLoadConfig_shouldReadFileFromAgoraConfigWhenNoFlag() throws IOException {
    final Path f = file("axon.advertise.host = node.example.org\nnetuid = 9\n");
    final MinerConfig c = miner(Map.of("AGORA_CONFIG", f.toString(), "AGORA_NETUID", "12")).loadConfig();
    assertEquals(12, c.netuid());
    assertEquals(Optional.of("node.example.org"), c.advertiseHost());
    assertEquals("node.example.org", MinerRunCommand.nodeConfig(c).advertisedHost());
  }

  @Test
  void validatorLoadConfig_shouldLayerFileThenEnvThenFlagsWhenAllGiven() throws IOException {
    final Path f = file("tokens.per.challenge = 10\nprompt.tokens = 6\nweights.interval.blocks = 50\n"
        + "audit.fraction = 0.5\ntimeout.total.ms = 9000\nanomaly.max.reduction = 0.1\n");
    final Map<String, String> env = new HashMap<>();
    env.put("AGORA_TOKENS_PER_CHALLENGE", "11");
    env.put("AGORA_WEIGHTS_INTERVAL_BLOCKS", "40");
    env.put("AGORA_INFERENCE_BACKEND", "cpu");
    final ValidatorConfig c = validator(env, "--config", f.toString(), "--tokens", "12", "--timeout-ms", "8000",
        "--timeout-first-token-ms", "700").loadConfig();
    assertEquals(12, c.tokensPerChallenge());
    assertEquals(6, c.promptTokens());
    assertEquals(40, c.weightsIntervalBlocks());
    assertEquals(0.5, c.auditFraction());
    assertEquals(8000L, c.totalTimeoutMs());
    assertEquals(700L, c.firstTokenTimeoutMs());
    assertEquals(Backend.CPU, c.backend());
    assertEquals(0.1, c.anomalyMaxReduction());
    final var node = ValidatorRunCommand.nodeConfig(c);
    assertEquals(12, node.maxNewTokens());
    assertEquals(6, node.promptTokens());
    assertEquals(8000L, node.requestTimeoutMs());
    assertEquals(700L, node.firstTokenTimeoutMs());
    assertEquals(40L, node.weightsIntervalBlocks());
    assertEquals(0.1, node.anomalyMaxReduction());
  }

  @Test
  void devnetLoadConfig_shouldKeepReadmeFlagsWhenGiven() throws IOException {
    final Path f = file("miners = 2\nepochs = 5\nmodel = demo-15m\n");
    final DevnetCommand c = new DevnetCommand();
    new CommandLine(c).parseArgs("--config", f.toString(), "--miners", "3", "--validators", "1", "--data-dir",
        dir.toString(), "--json", "--model", "demo-tiny", "--commit-reveal",
        "--adversaries", "random:1,copycat:1,cacher:1,slow:1");
    c.env = Map.of("AGORA_EPOCHS", "4", "AGORA_TEMPO", "12");
    final DevnetConfig d = c.loadConfig();
    assertEquals(3, d.miners());
    assertEquals(1, d.validators());
    assertEquals(4, d.epochs());
    assertEquals(12, d.tempo());
    assertEquals("demo-tiny", d.model());
    assertTrue(d.commitReveal());
    assertEquals(4, d.adversaries().size());
    assertEquals(dir, d.dataDir());
    assertTrue(c.json);
  }

  @Test
  void minerRun_shouldStopNamingKeyWhenFileHasUnknownKey() throws IOException {
    final Path f = file("axon.prot = 8091\n");
    final Run r = execute(new MinerRunCommand(), "--config", f.toString());
    assertEquals(2, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().contains("unknown key 'axon.prot'") && r.err().contains("axon.port"), r.err());
  }

  @Test
  void validatorRun_shouldStopNamingKeyWhenEnvValueOutOfBounds() {
    final ValidatorRunCommand cmd = new ValidatorRunCommand();
    cmd.env = Map.of("AGORA_AUDIT_FRACTION", "1.5");
    final Run r = execute(cmd);
    assertEquals(2, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().contains("AGORA_AUDIT_FRACTION") && r.err().contains("audit.fraction = 1.5")
        && r.err().contains("out of bounds"), r.err());
  }

  @Test
  void minerRun_shouldStopNamingKeyWhenFlagValueOutOfBounds() {
    final MinerRunCommand cmd = new MinerRunCommand();
    cmd.env = Map.of();
    final Run r = execute(cmd, "--axon-port", "70000");
    assertEquals(2, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().contains("axon.port = 70000") && r.err().contains("0..65535"), r.err());
  }

  @Test
  void devnet_shouldStopNamingKeyWhenValueOutOfBounds() {
    final DevnetCommand cmd = new DevnetCommand();
    cmd.env = Map.of();
    final Run r = execute(cmd, "--validators", "0");
    assertEquals(2, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().contains("validators = 0"), r.err());
  }

  @Test
  void minerRun_shouldFailAtStartWithOneLineWhenCudaRequestedWithoutGpu() throws IOException {
    final Path seed = dir.resolve("hot.seed");
    Files.writeString(seed, "11".repeat(32) + "\n");
    final AtomicInteger engines = new AtomicInteger();
    final MinerRunCommand cmd = new MinerRunCommand();
    cmd.env = Map.of();
    cmd.selector = () -> new BackendSelector(() -> CudaProbe.Result.unavailable("no CUDA driver in this test"),
        ckpt -> {
          engines.incrementAndGet();
          throw new AssertionError("the CPU engine must not be built");
        }, ckpt -> {
          engines.incrementAndGet();
          throw new AssertionError("the CUDA engine must not be built");
        });
    final Run r = execute(cmd, "--backend", "cuda", "--model", "demo-tiny", "--model-cache-dir",
        dir.resolve("models").toString(), "--hotkey-seed-file", seed.toString());
    assertEquals(2, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().contains("backend cuda requested") && r.err().contains("no CUDA driver in this test"), r.err());
    assertEquals(0, engines.get());
    assertFalse(Files.exists(dir.resolve("models")), "failed before the model was generated");
  }

  @Test
  void validatorRun_shouldFailAtStartWithOneLineWhenCudaRequestedWithoutGpu() throws IOException {
    final Path seed = dir.resolve("val.seed");
    Files.writeString(seed, "22".repeat(32) + "\n");
    final ValidatorRunCommand cmd = new ValidatorRunCommand();
    cmd.env = Map.of("AGORA_INFERENCE_BACKEND", "cuda");
    cmd.selector = () -> new BackendSelector(() -> CudaProbe.Result.unavailable("libcuda.so.1 cannot be opened"),
        ckpt -> {
          throw new AssertionError("the CPU engine must not be built");
        }, ckpt -> {
          throw new AssertionError("the CUDA engine must not be built");
        });
    final Run r = execute(cmd, "--model", "demo-tiny", "--data-dir", dir.toString(), "--hotkey-seed-file",
        seed.toString());
    assertEquals(2, r.exit());
    assertTrue(r.oneErrorLine(), r.err());
    assertTrue(r.err().contains("backend cuda requested") && r.err().contains("libcuda.so.1"), r.err());
  }
}
