package dev.agora.cli.node;

import java.util.Locale;

/** The devnet's metagraph as a text table. */
final class DevnetPrinter {
  private static final double TOKEN = 1e9;

  private DevnetPrinter() {}

  static String table(final DevnetReport r) {
    final StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%nmetagraph of netuid %d at block %d after %d epochs (%.1f s)%n", r.netuid(),
        r.block(), r.epochs(), r.elapsedMs() / 1000.0));
    sb.append(String.format(Locale.ROOT, "%4s  %-9s  %-14s  %14s  %6s  %6s  %6s  %6s  %14s  %s%n", "uid", "role",
        "hotkey", "stake", "vtrust", "cons", "incent", "divs", "emission", "behaviour"));
    for (final DevnetReport.Row row : r.rows()) {
      sb.append(String.format(Locale.ROOT, "%4d  %-9s  %-14s  %14.4f  %6.4f  %6.4f  %6.4f  %6.4f  %14.6f  %s%n",
          row.uid(), row.role(), shorten(row.hotkey()), row.stake() / TOKEN, row.validatorTrust() / 65535.0,
          row.consensus() / 65535.0, row.incentive() / 65535.0, row.dividends() / 65535.0, row.emission() / TOKEN,
          row.behaviour()));
    }
    final var t = r.totals();
    sb.append(String.format(Locale.ROOT, "%ntotals (tokens): issuance %.9f = free %.9f + staked %.9f + pending %.9f"
        + " + burned %.9f%n", t.issuance() / TOKEN, t.free() / TOKEN, t.staked() / TOKEN, t.pending() / TOKEN,
        t.burned() / TOKEN));
    sb.append("issuance check: ").append(r.issuanceConserved() ? "OK (to the rao)" : "MISMATCH").append('\n');
    sb.append("honest miners earned: ").append(r.honestEarned() ? "yes" : "NO")
        .append("; adversaries at zero: ").append(r.adversariesZero() ? "yes" : "NO")
        .append("; weight submissions: ").append(r.weightSubmissions()).append('\n');
    return sb.toString();
  }

  private static String shorten(final String hotkey) {
    return hotkey.length() <= 14 ? hotkey : hotkey.substring(0, 10) + "…" + hotkey.substring(hotkey.length() - 3);
  }
}
