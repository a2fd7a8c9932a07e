package dev.agora.cli.chain;

import dev.agora.common.chain.Call;
import dev.agora.common.chain.ChainClient;
import dev.agora.common.chain.ChainException;
import dev.agora.common.chain.ExtrinsicStatus;
import dev.agora.common.chain.Extrinsics;
import dev.agora.common.crypto.KeyPair;
import dev.agora.common.net.HttpChainClient;
import dev.agora.common.util.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/** Shared plumbing of the chain commands: a client per command, waiting, printing, exit codes. */
final class ChainCli {
  static final long RAO_PER_TOKEN = 1_000_000_000L;

  private ChainCli() {}

  /** A body that uses a chain client. */
  interface Body {
    int run(ChainClient chain) throws Exception;
  }

  /** Runs {@code body} with an HTTP client on the endpoint; prints a one-line reason on failure. */
  static int withChain(final ChainEndpointOptions opts, final Body body) {
    final Vertx vertx = Vertx.vertx();
    try (HttpChainClient client = new HttpChainClient(vertx, opts.endpoint())) {
      return body.run(client);
    } catch (ChainException e) {
      return fail(opts, e.code().name(), e.getMessage());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      return fail(opts, "BAD_INPUT", e.getMessage());
    } catch (RuntimeException e) {
      return fail(opts, "ERROR", String.valueOf(e.getMessage()));
    } catch (Exception e) {
      return fail(opts, "ERROR", String.valueOf(e.getMessage()));
    } finally {
      vertx.close();
    }
  }

  static int fail(final ChainEndpointOptions opts, final String code, final String message) {
    if (opts.json()) {
      final Map<String, Object> m = new LinkedHashMap<>();
      m.put("error", code);
      m.put("message", message);
      System.out.println(Json.write(m));
    } else {
      System.err.println("agora: " + message);
    }
    return 1;
  }

  static <T> T await(final Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception ex) {
        throw ex;
      }
      throw e;
    } catch (TimeoutException e) {
      throw new ChainException(dev.agora.common.chain.ChainError.INTERNAL, "chain did not answer");
    }
  }

  /** Signs {@code call} with {@code key}, submits it, waits until final; exit 0 iff included. */
  static int submit(final ChainClient chain, final ChainEndpointOptions opts, final KeyPair key,
      final Call call) throws Exception {
    final String genesis = await(chain.genesisHash());
    final long nonce = await(chain.nonce(key.publicKey().address()));
    final String hash = await(chain.submit(Extrinsics.sign(key, genesis, nonce, call)));
    final ExtrinsicStatus st = await(chain.awaitFinal(hash, 55_000));
    if (opts.json()) {
      System.out.println(Json.write(st));
    } else if (st.state() == ExtrinsicStatus.State.INCLUDED) {
      System.out.println(call.name() + " included in block " + st.block() + " (" + hash + ")");
    } else {
      System.err.println("agora: " + call.name() + " refused: " + st.code() + " " + st.message());
    }
    return st.state() == ExtrinsicStatus.State.INCLUDED ? 0 : 1;
  }

  static void print(final ChainEndpointOptions opts, final Object value, final String text) {
    System.out.println(opts.json() ? Json.write(value) : text);
  }

  /**
   * Asks the chain one {@code query} and prints the answer: JSON with {@code --json}, else the text
   * {@code render} makes of it (trailing white space stripped); exit 0.
   */
  static <T> int show(final ChainEndpointOptions opts, final Function<ChainClient, Future<T>> query,
      final Function<T, String> render) {
    return withChain(opts, c -> {
      final T value = await(query.apply(c));
      print(opts, value, render.apply(value).stripTrailing());
      return 0;
    });
  }

  /** Parses a token amount ("1.5") into rao. */
  static long toRao(final String tokens) {
    try {
      return new BigDecimal(tokens).multiply(BigDecimal.valueOf(RAO_PER_TOKEN)).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("amount must be a token amount with at most 9 decimals: "
          + tokens);
    }
  }

  static String tokens(final long rao) {
    return BigDecimal.valueOf(rao).movePointLeft(9).stripTrailingZeros().toPlainString();
  }
}
